/** `disclosure-bot unanswered`: the most frequent questions the bot refused or asked back, grouped by wording. */
import { groupUnanswered, type UnansweredGroup } from '../observe/group.js';
import { readUnanswered, unansweredFileOf } from '../observe/unanswered.js';

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `7d`, `24h`, `30m`, `2w`, or a date (2026-01-31) → the earliest time to include. */
export function parseSince(value: string, now = new Date()): Date | undefined {
  const span = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (span) return new Date(now.getTime() - Number(span[1]) * UNITS[span[2]!.toLowerCase()]!);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export interface UnansweredOptions {
  /** The dataset directory (the log lives beside reports.sqlite) or the log file itself. */
  path: string;
  since?: Date;
  limit: number;
  json: boolean;
  now?: Date;
}

export function runUnanswered(o: UnansweredOptions, out: (line: string) => void = console.log): number {
  const file = o.path.endsWith('.jsonl') ? o.path : unansweredFileOf(o.path);
  const { entries, skipped } = readUnanswered(file, o.since);
  const groups = groupUnanswered(entries).slice(0, o.limit);
  if (o.json) {
    for (const g of groups) out(JSON.stringify(g));
    return 0;
  }
  const period = o.since ? `since ${o.since.toISOString().slice(0, 16).replace('T', ' ')}` : 'all time';
  if (!entries.length) {
    out(`no unanswered questions ${period} in ${file}`);
    return 0;
  }
  out(`${entries.length} unanswered question(s) ${period}, ${groupUnanswered(entries).length} group(s) — ${file}${skipped ? ` (${skipped} unreadable line(s) skipped)` : ''}`);
  for (const g of groups) out(formatGroup(g));
  return 0;
}

function formatGroup(g: UnansweredGroup): string {
  const reasons = Object.entries(g.reasons).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
  const lines = [`${String(g.count).padStart(5)}×  ${g.example}   [${reasons}; last ${g.lastAt.slice(0, 16).replace('T', ' ')}]`];
  if (g.variants.length) lines.push(`        also: ${g.variants.slice(0, 3).join(' | ')}${g.variants.length > 3 ? ` | … ${g.variants.length - 3} more` : ''}`);
  return lines.join('\n');
}
