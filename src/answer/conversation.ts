/** The conversation's own answers: help, small talk, which agency, and the refusals that say what is available. */
import { makeReply, type Reply } from '../bot/reply.js';
import type { AgencyEntry } from '../understand/agency-directory.js';
import type { IntentId } from '../understand/intents.js';
import type { Understanding } from '../understand/understand.js';
import { availableText, type AnswerContext } from './context.js';

export function answerHelp(u: Extract<Understanding, { intent: 'help' }>, ctx: AnswerContext): Reply {
  return makeReply({ kind: 'help', intent: 'help', language: ctx.w.lang, lines: [ctx.w.help(availableText(ctx))], examples: ctx.examples.slice(0, 5), suggestions: ctx.examples.slice(0, 3), confidence: u.confidence });
}

export function answerSmalltalk(u: Extract<Understanding, { intent: 'smalltalk' }>, ctx: AnswerContext): Reply {
  return makeReply({ kind: 'facts', intent: 'smalltalk', language: ctx.w.lang, lines: [ctx.w.welcome], confidence: u.confidence });
}

export function answerClarify(u: Extract<Understanding, { intent: 'clarify' }>, ctx: AnswerContext): Reply {
  const names = u.options.map((e) => e.agency);
  const question = u.question.slice(0, 60);
  return makeReply({ kind: 'clarify', intent: 'clarify', language: ctx.w.lang, lines: [ctx.w.clarify(u.total)], options: names, suggestions: names.slice(0, 3).map((n) => `${n} ${question}`), confidence: 0.5 });
}

export function answerRefuse(u: Extract<Understanding, { intent: 'refuse' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const base = { kind: 'refuse' as const, intent: 'refuse' as const, language: w.lang, confidence: 0.9 };
  switch (u.reason) {
    case 'noData': return makeReply({ ...base, reason: 'noData', lines: [w.noData] });
    case 'unknownAgency': {
      const name = u.name ?? '';
      // the same question about the nearest agencies the dataset has
      const suggestions = u.near.slice(0, 3).map((e) => (u.question.includes(name) ? u.question.replace(name, e.agency) : `${e.agency}${u.question}`));
      return makeReply({ ...base, reason: 'unknownAgency', lines: [w.unknownAgency(name, availableText(ctx, u.near))], suggestions });
    }
    case 'missingYear': return refuseMissingYear(ctx, u.agency!, u.year!, 'refuse');
    case 'emptyScope': return refuseEmptyScope(ctx, u.name ?? '', 'refuse');
  }
}

export function refuseMissingYear(ctx: AnswerContext, e: AgencyEntry, year: number, intent: IntentId): Reply {
  return makeReply({ kind: 'refuse', reason: 'missingYear', intent, language: ctx.w.lang, lines: [ctx.w.missingYear(e.agency, year, e.years)], suggestions: [] });
}

export function refuseNoMeasure(ctx: AnswerContext, intent: IntentId): Reply {
  return makeReply({ kind: 'refuse', reason: 'notUnderstood', intent, language: ctx.w.lang, lines: [ctx.w.noMeasure], suggestions: ctx.examples.slice(0, 3) });
}

export function refuseEmptyScope(ctx: AnswerContext, scope: string, intent: IntentId): Reply {
  return makeReply({ kind: 'refuse', reason: 'emptyScope', intent, language: ctx.w.lang, lines: [ctx.w.emptyScope(scope)] });
}

export function answerNotUnderstood(u: Extract<Understanding, { intent: 'notUnderstood' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  return makeReply({
    kind: 'refuse', reason: u.offTopic ? 'offTopic' : 'notUnderstood', intent: 'notUnderstood', language: w.lang, confidence: 0.2,
    lines: [u.offTopic ? w.offTopic(availableText(ctx)) : w.notUnderstood], suggestions: ctx.suggest(u.question),
  });
}
