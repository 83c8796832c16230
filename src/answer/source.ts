/** Intent `source`: where in the report the cells just answered (or named) stand. */
import { citation, metric as metricOf } from '../catalog/metrics.js';
import { makeReply, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { cellFact, loadReport, type AnswerContext } from './context.js';

export function answerSource(u: Extract<Understanding, { intent: 'source' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const ids = u.metrics.filter((id) => r.cells[id] !== undefined).slice(0, 6);
  const lines = ids.map((id) => { const m = metricOf(id); return w.sourceLine(w.metricName(m.name, m.english), m.section, citation(id)); });
  return makeReply({ kind: 'facts', intent: 'source', language: w.lang, title: w.sourceHead(r.agency, r.year), lines, facts: ids.map((id) => cellFact(r, id, w)), confidence: u.confidence });
}
