/** Intents `continuity` and `errorsAcross`: audits across reports (结转 carried from year to year, reports with errors). */
import { checkContinuity } from '../audit/continuity.js';
import { citation } from '../catalog/metrics.js';
import { makeReply, type Fact, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { LIST_LIMIT } from './across.js';
import type { AnswerContext } from './context.js';

export function answerContinuity(u: Extract<Understanding, { intent: 'continuity' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const entries = u.scope.entries;
  const { pairs, breaks } = checkContinuity(ctx.data, new Set(entries.map((e) => e.agency)));
  const facts: Fact[] = breaks.flatMap((b) => [
    { agency: b.agency, year: b.year, metric: 'applications.carriedOver.total', label: '上年结转', value: b.carriedOver, unit: '件', source: citation('applications.carriedOver.total') },
    { agency: b.agency, year: b.year - 1, metric: 'applications.carriedForward.total', label: '结转下年度继续办理', value: b.previousCarriedForward, unit: '件', source: citation('applications.carriedForward.total') },
  ]);
  const scope = entries.length === 1 ? entries[0]!.agency : ctx.english ? u.scope.labelEn : u.scope.label;
  const base = { intent: 'continuity' as const, language: w.lang, source: w.continuitySource, facts, confidence: u.confidence };
  if (!pairs) return makeReply({ ...base, kind: 'facts', lines: [w.continuityNone(scope)] });
  if (!breaks.length) return makeReply({ ...base, kind: 'facts', lines: [w.continuityOk(scope, pairs)] });
  const items = breaks.slice(0, LIST_LIMIT).map((b) => w.continuityBreak(b.agency, b.year, b.carriedOver, b.previousCarriedForward));
  return makeReply({ ...base, kind: 'list', title: w.continuityBreaks(scope, pairs, breaks.length), items, notes: breaks.length > LIST_LIMIT ? [w.more(breaks.length - LIST_LIMIT)] : [] });
}

export function answerErrorsAcross(u: Extract<Understanding, { intent: 'errorsAcross' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const bad: string[] = [];
  let checked = 0;
  for (const e of u.scope.entries) {
    for (const [j, y] of e.years.entries()) {
      if (u.years.length && !u.years.includes(y)) continue;
      checked++;
      const rules = ctx.data.errorRulesOf(e.reports[j]!);
      if (rules.length) bad.push(w.errorsLine(e.agency, y, rules));
    }
  }
  const scope = u.scope.regional ? (ctx.english ? u.scope.labelEn : u.scope.label) : null;
  const base = { intent: 'errorsAcross' as const, language: w.lang, title: w.errorsHead(scope, checked, bad.length), confidence: u.confidence };
  if (!bad.length) return makeReply({ ...base, kind: 'facts' });
  return makeReply({ ...base, kind: 'list', items: bad.slice(0, LIST_LIMIT), notes: [...(bad.length > LIST_LIMIT ? [w.more(bad.length - LIST_LIMIT)] : []), w.errorsHint] });
}
