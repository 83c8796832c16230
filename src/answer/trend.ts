/** Intent `trend`: one agency's measure over a span of years — a table, the year of the maximum, totals and averages. */
import { makeReply, renderTable, type Fact, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { reportOf } from '../understand/agency-directory.js';
import { change, fmtNum } from '../words/numbers.js';
import { cellValueOf, matrixMeasure, measureFact } from './across.js';
import { valueWords, type AnswerContext } from './context.js';
import { refuseNoMeasure } from './conversation.js';

/** A question about how a number moved (增加了多少, 从几件变成几件, trend), not only each year's value. */
const ASKS_CHANGE = /增|减|变|差|多了|少了|趋势|涨|降|\b(?:change|increase|decrease|trend|grew|fell|rise|drop)/i;

export function answerTrend(u: Extract<Understanding, { intent: 'trend' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const m = matrixMeasure(u.measure, ctx);
  if (!m) return refuseNoMeasure(ctx, 'trend');
  const e = u.agency;
  const rows: string[][] = [];
  const facts: Fact[] = [];
  const missing: number[] = [];
  const values: Array<[number, number]> = [];
  let previous: number | null = null;
  for (const y of u.years.slice(0, 30)) {
    const i = reportOf(e, y);
    if (i === undefined) { missing.push(y); rows.push([`${y}`, w.noReport, '']); previous = null; continue; }
    const printed = cellValueOf(ctx, i, m);
    const v = typeof printed === 'number' ? printed : null;
    facts.push(measureFact(ctx, i, m, v));
    rows.push([`${y}`, valueWords(w, printed, m.unit), v !== null && previous !== null ? change(v, previous) : '']);
    if (v !== null) values.push([y, v]);
    previous = v;
  }
  const lines: string[] = [];
  if (missing.length) lines.push(w.trendMissing(missing, e.years));
  if (u.pick && values.length) {
    const target = u.pick === 'most' ? Math.max(...values.map(([, v]) => v)) : Math.min(...values.map(([, v]) => v));
    lines.push(w.trendPick(u.pick === 'most', values.filter(([, v]) => v === target).map(([y]) => y), w.num(target, m.unit)));
  }
  if (u.op && values.length) {
    const total = values.reduce((a, [, v]) => a + v, 0);
    lines.push(w.trendSum(values.length, w.num(total, m.unit), w.num(Number(fmtNum(Math.round((total / values.length) * 10) / 10)), m.unit)));
  }
  lines.push(w.usedReports(facts.map((f) => `${f.agency} ${f.year}`), facts.length));
  const table = { columns: w.trendTable(m.label), rows };
  // fewer than two years with a number: no trend or change can be told — the table is shown, as a refusal
  // (two years asked, one of them not told: half an answer, shown as a refusal too)
  if (values.length < 2 && u.years.length >= 2 && (ASKS_CHANGE.test(u.question) || u.years.length === 2)) return makeReply({ kind: 'refuse', reason: 'notInReport', intent: 'trend', language: w.lang, title: w.trendHead(e.agency, u.years[0]!, u.years[u.years.length - 1]!, m.label), lines: [...lines, renderTable(table)], facts, source: m.source, confidence: u.confidence });
  return makeReply({ kind: 'table', intent: 'trend', language: w.lang, title: w.trendHead(e.agency, u.years[0]!, u.years[u.years.length - 1]!, m.label), table, lines, facts, source: m.source, confidence: u.confidence });
}
