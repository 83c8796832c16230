/** Intent `value`: the cells a question names in one report — with their sum or difference when asked. */
import { metric as metricOf } from '../catalog/metrics.js';
import { makeReply, type Fact, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { cellsFor } from './cells.js';
import { cellFact, loadReport, reportNotes, valueWords, type AnswerContext } from './context.js';

/** More cells than this are shown as a table. */
const TABLE_FROM = 7;

export function answerValue(u: Extract<Understanding, { intent: 'value' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const { ids, groups } = cellsFor(u.measure.rows, u.measure.columns, r.layout, r.cells);
  const facts = ids.map((id) => cellFact(r, id, w));
  const unit = facts[0]?.unit ?? '件';
  const lines: string[] = [];
  const numbers = facts.map((f) => f.value).filter((v): v is number => typeof v === 'number');
  // a group row (不予公开 = its eight reasons) or 一共/合计 over several cells: their sum
  const summed = u.op === 'sum' || (groups.length > 0 && groups.some((g) => g.length === ids.length));
  if (facts.length > 1 && summed) lines.push(numbers.length === facts.length ? w.total(numbers.reduce((a, b) => a + b, 0), unit) : w.totalUnavailable);
  if (u.op === 'difference' && facts.length === 2 && numbers.length === 2) lines.push(w.difference(facts[0]!.label, facts[1]!.label, numbers[0]! - numbers[1]!, unit));
  if (u.op === 'ratio' && facts.length === 2 && numbers.length === 2 && numbers[1]) lines.push(w.ratio(facts[0]!.label, facts[1]!.label, numbers[0]!, numbers[1]!));
  if (u.op === 'perMonth' && facts.length === 1 && numbers.length === 1) lines.push(w.perMonth(facts[0]!.label, numbers[0]!, unit));
  for (const k of u.alsoFacts) lines.push(k === 'publishDate' ? w.publishDate(r.publishDate) : w.period(r.periodStart, r.periodEnd));
  const source = citeCells(facts, w);
  const base = { intent: 'value' as const, language: w.lang, title: w.reportHead(r.agency, r.year), facts, source, notes: reportNotes(u.report, w), confidence: u.confidence };
  if (facts.length >= TABLE_FROM) {
    const table = { columns: [...w.cellTable], rows: facts.map((f) => [f.label, valueWords(w, f.value, f.unit), metricOf(f.metric).table]) };
    return makeReply({ ...base, kind: 'table', table, lines });
  }
  return makeReply({ ...base, kind: 'facts', lines: [...facts.map((f) => w.line(f.label, valueWords(w, f.value, f.unit))), ...lines] });
}

/** The cells cited: each one when few, else the tables they stand in. */
export function citeCells(facts: Fact[], w: AnswerContext['w']): string {
  if (!facts.length) return '';
  if (facts.length <= 3) return `${[...new Set(facts.map((f) => f.source))].join('；')}（${metricOf(facts[0]!.metric).section}）`;
  return [...new Set(facts.map((f) => w.cellSourceSection(metricOf(f.metric).table, metricOf(f.metric).section)))].join('；');
}
