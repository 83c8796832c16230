/** Intent `compareYears`: one agency's cells in two years, with the change and its percentage. */
import { citation, metric as metricOf } from '../catalog/metrics.js';
import { makeReply, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { reportOf } from '../understand/agency-directory.js';
import { cellsFor } from './cells.js';
import { cellFact, valueWords, type AnswerContext } from './context.js';
import { refuseMissingYear } from './conversation.js';
import { change } from '../words/numbers.js';

export function answerCompareYears(u: Extract<Understanding, { intent: 'compareYears' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const e = u.agency;
  const missing = u.years.find((y) => !e.years.includes(y));
  if (missing !== undefined) return refuseMissingYear(ctx, e, missing, 'compareYears');
  const reports = u.years.map((y) => ctx.data.report(reportOf(e, y)!));
  const ids = cellsFor(u.measure.rows, u.measure.columns, reports[0]!.layout).ids.slice(0, 4);
  const facts = reports.flatMap((r) => ids.map((id) => cellFact(r, id, w)));
  const lines = ids.map((id) => {
    const m = metricOf(id);
    const vals = reports.map((r) => r.cells[id]?.value ?? null);
    const [a, b] = vals;
    const delta = typeof a === 'number' && typeof b === 'number' ? change(a, b) : '';
    return w.compareYearsLine(w.metricName(m.name, m.english), u.years.map((y, i) => w.yearValue(y, valueWords(w, vals[i] ?? null, m.unit))), delta);
  });
  const base = { intent: 'compareYears' as const, language: w.lang, title: w.compareYearsHead(e.agency), lines, facts, source: ids.map((id) => citation(id)).join('；'), confidence: u.confidence };
  // no change can be told when a year's cell is not a number (undetermined, blank, "/"): the answer is a refusal
  const comparable = ids.some((id) => reports.every((r) => typeof r.cells[id]?.value === 'number'));
  return comparable ? makeReply({ ...base, kind: 'facts' }) : makeReply({ ...base, kind: 'refuse', reason: 'notInReport' });
}
