/**
 * Report fields added by later schema versions, read in one place so older stored reports still answer:
 * the breakdown's parse status and the documents a report cites with its own 以下简称.
 */
import type { Report } from '../model/schema.js';

export type BreakdownStatus = 'parsed' | 'absent' | 'notParsed';

export function breakdownStatus(r: Report): BreakdownStatus {
  const stated = (r.proactive as { breakdown?: BreakdownStatus }).breakdown;
  if (stated) return stated;
  return r.proactive.items.length ? 'parsed' : r.proactive.total ? 'notParsed' : 'absent';
}

export interface Citation { short: string | null; full: string }

/** 《条例》《方案》… with what each stands for, from the report's own 以下简称 (read from the text when not stored). */
export function citations(r: Report): Citation[] {
  const stored = (r as { citations?: Citation[] }).citations;
  if (stored?.length) return stored;
  const text = r.sections.map((s) => s.text).join('\n') + '\n' + r.title;
  const out: Citation[] = [];
  for (const m of text.matchAll(/(《[^》]{2,80}》)[（(]以下简称(《[^》]{1,20}》|“[^”]{1,20}”)[）)]/g)) {
    const short = m[2]!.replace(/[《》“”]/g, '');
    if (!out.some((c) => c.short === short)) out.push({ short, full: m[1]! });
  }
  return out;
}
