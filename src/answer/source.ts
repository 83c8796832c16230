/** Intent `source`: where in the report the cells just answered (or named) stand. */
import { citation, metric as metricOf } from '../catalog/metrics.js';
import { makeReply, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { cellFact, loadReport, type AnswerContext } from './context.js';
import { findSentence } from './narrative.js';

export function answerSource(u: Extract<Understanding, { intent: 'source' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const ids = u.metrics.filter((id) => r.cells[id] !== undefined).slice(0, 6);
  const lines = ids.map((id) => { const m = metricOf(id); return w.sourceLine(w.metricName(m.name, m.english), m.section, citation(id)); });
  // the 主动公开 breakdown is read from the prose, not a table: its section and sentence
  if (u.metrics.some((id) => id.startsWith('proactive.'))) {
    const overview = r.sections.find((s) => s.key === 'overview' || s.key.startsWith('overview.'));
    const line = findSentence(r, (x) => /主动公开/.test(x) && /\d+\s*条/.test(x)) ?? null;
    lines.push(w.sourceBreakdown(overview?.heading ?? '一、总体情况', line && line.length > 160 ? `${line.slice(0, 160)}…` : line));
  }
  return makeReply({ kind: 'facts', intent: 'source', language: w.lang, title: w.sourceHead(r.agency, r.year), lines, facts: ids.map((id) => cellFact(r, id, w)), confidence: u.confidence });
}
