/** The platform-neutral reply every adapter renders (Block Kit, Telegram HTML, terminal). */

export interface Fact {
  agency: string;
  year: number;
  /** A METRICS.md id (or a report-fact id such as `contact.phone`, `proactive.total`). */
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

export interface Reply {
  /** Exactly what the user sees (a table, when present, is rendered into it too). */
  text: string;
  intent: string;
  confidence: number;
  refused: boolean;
  facts: Fact[];
  table?: Table;
  /** "Did you mean" questions, for adapters to show as buttons. */
  suggestions: string[];
  language: 'zh' | 'en';
}

/** Renders a small table as aligned plain text (used inside reply.text). */
export function renderTable(t: Table): string {
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = t.columns.map((c, i) => Math.max(width(c), ...t.rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(Math.max(0, widths[i]! - width(c)))).join('  ').trimEnd();
  return [line(t.columns), ...t.rows.map(line)].join('\n');
}

/** A reply cut into the pieces adapters lay out separately: the prose, the table, the source line. */
export interface ReplyParts {
  body: string;
  table?: { table: Table; rendered: string };
  source?: string;
}

const SOURCE_LINE = /^(?:来源|Source)[：:]/;

/** Splits `reply.text` into prose, table and source line (all three are composed by the engine in that order). */
export function replyParts(reply: Reply): ReplyParts {
  let text = reply.text;
  let table: ReplyParts['table'];
  if (reply.table) {
    const rendered = renderTable(reply.table);
    if (text.includes(rendered)) {
      text = text.replace(rendered, '');
      table = { table: reply.table, rendered };
    }
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const last = lines[lines.length - 1];
  const source = last !== undefined && SOURCE_LINE.test(last) ? lines.pop() : undefined;
  return { body: lines.join('\n'), ...(table ? { table } : {}), ...(source ? { source } : {}) };
}
