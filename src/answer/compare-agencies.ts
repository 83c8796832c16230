/** Intent `compareAgencies`: two or more agencies' measure in one year, which is higher and by how much. */
import { makeReply, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { reportOf } from '../understand/agency-directory.js';
import { percent } from '../words/numbers.js';
import { matrixMeasure, measureFact, valueOf } from './across.js';
import { valueWords, type AnswerContext } from './context.js';
import { refuseNoMeasure } from './conversation.js';

export function answerCompareAgencies(u: Extract<Understanding, { intent: 'compareAgencies' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const m = matrixMeasure(u.measure, ctx);
  if (!m) return refuseNoMeasure(ctx, 'compareAgencies');
  const common = u.agencies.map((e) => e.years).reduce((a, b) => a.filter((y) => b.includes(y)));
  const year = u.year ?? Math.max(...common, 0);
  const values = u.agencies.map((e) => { const i = reportOf(e, year); return { e, i, v: i === undefined ? undefined : valueOf(ctx, i, m) }; });
  const lines = values.map(({ e, v }) => (v === undefined ? w.agencyNoReport(e.agency, year, e.years) : w.agencyValue(e.agency, valueWords(w, v, m.unit))));
  const numbers = values.filter((x): x is typeof x & { v: number } => typeof x.v === 'number');
  if (numbers.length === values.length && numbers.length >= 2) {
    const sorted = [...numbers].sort((a, b) => b.v - a.v);
    const [a, b] = [sorted[0]!, sorted[1]!];
    lines.push(a.v === b.v && numbers.length === 2 ? w.compareSame(w.num(a.v, m.unit))
      : w.compareMost(a.e.agency, numbers.length === 2 ? b.e.agency : null, w.num(a.v - b.v, m.unit), b.v ? percent(a.v, b.v) : null, w.num(a.v, m.unit)));
  }
  if (u.sum && numbers.length === values.length) lines.push(w.sumOfAgencies(numbers.length, w.num(numbers.reduce((a, x) => a + x.v, 0), m.unit)));
  const facts = values.filter((x) => x.i !== undefined).map((x) => measureFact(ctx, x.i!, m, x.v ?? null));
  lines.push(w.usedReports(facts.map((f) => `${f.agency} ${f.year}`), facts.length));
  return makeReply({ kind: 'facts', intent: 'compareAgencies', language: w.lang, title: w.compareHead(year, m.label, u.year !== undefined), lines, facts, source: m.source, confidence: u.confidence });
}
