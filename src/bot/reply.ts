/**
 * The core's answer contract: a typed Reply that every adapter renders its own way (Block Kit, Telegram HTML,
 * the terminal) without parsing text. `text` is the plain rendering, for the terminal and `ask --jsonl`.
 */
import type { IntentId } from '../understand/intents.js';

export interface Fact {
  agency: string;
  year: number;
  /** A METRICS.md id, or a report-fact id (`contact.phone`, `proactive.total`, `publishDate` …). */
  metric: string;
  label: string;
  value: number | string | null;
  unit: string;
  /** Where the value stands in the report, e.g. `表二 第二十条第（六）项 行政处罚 · 本年处理决定数量`. */
  source: string;
}

export interface Table {
  columns: string[];
  rows: string[][];
}

export interface Quote {
  text: string;
  /** The section it was quoted from. */
  where: string;
}

export type RefusalReason =
  | 'noData' | 'unknownAgency' | 'missingYear' | 'notInReport' | 'unheld' | 'notUnderstood' | 'offTopic'
  | 'emptyScope' | 'tooLong' | 'error' | 'rateLimited';

interface Common {
  intent: IntentId;
  language: 'zh' | 'en';
  /** 0–1: how sure the reading of the question is. */
  confidence: number;
  refused: boolean;
  /** The numbers (and report facts) the answer states, each with its source. */
  facts: Fact[];
  /** Questions to offer as buttons ("did you mean"). */
  suggestions: string[];
  /** The answer's heading (agency, year, what was asked). */
  title?: string;
  /** Sentences of the answer, one per line. */
  lines: string[];
  /** The cell or section cited. */
  source?: string;
  /** Remarks after the answer (a default year chosen, a year moved to the report that covers it). */
  notes: string[];
  /** Everything above as plain text. */
  text: string;
}

export type Reply =
  | (Common & { kind: 'facts' })
  | (Common & { kind: 'table'; table: Table })
  | (Common & { kind: 'passage'; quotes: Quote[] })
  | (Common & { kind: 'list'; items: string[] })
  | (Common & { kind: 'clarify'; options: string[] })
  | (Common & { kind: 'refuse'; reason: RefusalReason })
  | (Common & { kind: 'help'; examples: string[] });

export type ReplyKind = Reply['kind'];

type Without<T> = T extends unknown ? Omit<T, 'text' | 'notes' | 'facts' | 'suggestions' | 'lines' | 'confidence' | 'refused'> & Partial<Pick<Common, 'notes' | 'facts' | 'suggestions' | 'lines' | 'confidence'>> : never;
export type ReplyInput = Without<Reply>;

/** Fills defaults and composes `text` from the parts. */
export function makeReply(input: ReplyInput): Reply {
  const reply = {
    confidence: 0.85, facts: [], suggestions: [], lines: [], notes: [], ...input,
    refused: input.kind === 'refuse', text: '',
  } as Reply;
  reply.text = composeText(reply);
  return reply;
}

/** The reply as plain text: title, lines, the table / list / quotes / options, source, notes. */
export function composeText(r: Reply): string {
  const out: string[] = [];
  if (r.title) out.push(r.title);
  out.push(...r.lines);
  if (r.kind === 'table') out.push(renderTable(r.table));
  if (r.kind === 'list') out.push(...r.items.map((item, i) => `${i + 1}. ${item}`));
  if (r.kind === 'passage') out.push(...r.quotes.map((q) => `“${q.text}”（${q.where}）`));
  if (r.kind === 'clarify') out.push(...r.options.map((o, i) => `${i + 1}. ${o}`));
  if (r.kind === 'help') out.push(...r.examples.map((e) => `- ${e}`));
  if (r.source) out.push(`${r.language === 'en' ? 'Source: ' : '来源：'}${r.source}`);
  out.push(...r.notes);
  return out.join('\n');
}

/**
 * Renders a small table as aligned plain text (CJK characters count double). Cells are parted by a bar, not only
 * by spaces: copied into a line without its spacing, 22 and 55% must not read as 2255%.
 */
export function renderTable(t: Table): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = t.columns.map((c, i) => Math.max(width(c), ...t.rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - width(c)))).join(' | ').trimEnd();
  return [line(t.columns), ...t.rows.map(line)].join('\n');
}

/** A reply laid out for adapters: the prose, the table (with its plain rendering), the source line. */
export interface ReplyParts {
  body: string;
  table?: { table: Table; rendered: string };
  source?: string;
}

/** The typed parts adapters lay out separately — built from the Reply's fields, never by parsing its text. */
export function replyParts(r: Reply): ReplyParts {
  const body: string[] = [];
  if (r.title) body.push(r.title);
  body.push(...r.lines);
  if (r.kind === 'list') body.push(...r.items.map((item, i) => `${i + 1}. ${item}`));
  if (r.kind === 'passage') body.push(...r.quotes.map((q) => `“${q.text}”（${q.where}）`));
  if (r.kind === 'clarify') body.push(...r.options.map((o, i) => `${i + 1}. ${o}`));
  if (r.kind === 'help') body.push(...r.examples.map((e) => `- ${e}`));
  body.push(...r.notes);
  return {
    body: body.join('\n'),
    ...(r.kind === 'table' ? { table: { table: r.table, rendered: renderTable(r.table) } } : {}),
    ...(r.source ? { source: `${r.language === 'en' ? 'Source: ' : '来源：'}${r.source}` } : {}),
  };
}

/** The same reply with lines added before and after its own (a greeting, a usage note), text recomposed. */
export function withLines(r: Reply, before: string[], after: string[] = []): Reply {
  const next = { ...r, lines: [...before, ...r.lines, ...after] } as Reply;
  next.text = composeText(next);
  return next;
}
