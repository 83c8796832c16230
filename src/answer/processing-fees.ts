/** Intent `processingFees`: whether the agency charged 信息处理费 for applications (六、其他需要报告的事项). */
import { makeReply, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { loadReport, reportNotes, type AnswerContext } from './context.js';

export function answerProcessingFees(u: Extract<Understanding, { intent: 'processingFees' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const f = r.processingFees;
  const base = { intent: 'processingFees' as const, language: w.lang, notes: reportNotes(u.report, w), confidence: u.confidence };
  if (!f) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [w.notInReport(r.agency, r.year, w.lang === 'zh' ? '信息处理费' : 'processing fees')] });
  return makeReply({
    ...base, kind: 'facts', lines: [w.fees(r.agency, r.year, f.yuan), w.quote(f.text.slice(0, 200))], source: f.source.section,
    facts: [{ agency: r.agency, year: r.year, metric: 'processingFees.yuan', label: '信息处理费', value: f.yuan, unit: '元', source: f.source.section }],
  });
}
