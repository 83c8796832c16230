/**
 * Stage 5: answer. One module per intent, each reading the dataset and returning a typed Reply; this table maps
 * every intent of the understanding stage to its module (the compiler checks that none is missing).
 */
import type { Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { answerAudit } from './audit.js';
import { answerBreakdown } from './breakdown.js';
import { answerCard } from './card.js';
import { answerCompareAgencies } from './compare-agencies.js';
import { answerCompareYears } from './compare-years.js';
import { answerContact, answerWebsite } from './contact.js';
import { answerContinuity, answerErrorsAcross } from './continuity.js';
import type { AnswerContext } from './context.js';
import { answerClarify, answerHelp, answerNotUnderstood, answerRefuse, answerSmalltalk } from './conversation.js';
import { answerForm } from './form.js';
import { answerCountReports, answerInventory, answerMissingReports, answerYearsOf } from './inventory.js';
import { answerNarrative } from './narrative.js';
import { answerProblems } from './problems.js';
import { answerProcessingFees } from './processing-fees.js';
import { answerRank, answerScopeSum, answerZeroes } from './rank.js';
import { answerReportFacts } from './report-facts.js';
import { answerSource } from './source.js';
import { answerTrend } from './trend.js';
import { answerUnheld } from './unheld.js';
import { answerValue } from './value.js';

export type { AnswerContext } from './context.js';

type Handlers = { [K in Understanding['intent']]: (u: Extract<Understanding, { intent: K }>, ctx: AnswerContext) => Reply };

const HANDLERS: Handlers = {
  help: answerHelp, smalltalk: answerSmalltalk, value: answerValue, breakdown: answerBreakdown, contact: answerContact, website: answerWebsite,
  reportFacts: answerReportFacts, form: answerForm, narrative: answerNarrative, problems: answerProblems, processingFees: answerProcessingFees,
  audit: answerAudit, source: answerSource, card: answerCard, compareYears: answerCompareYears, trend: answerTrend, compareAgencies: answerCompareAgencies,
  rank: answerRank, scopeSum: answerScopeSum, zeroes: answerZeroes, inventory: answerInventory, yearsOf: answerYearsOf, countReports: answerCountReports,
  missingReports: answerMissingReports, continuity: answerContinuity, errorsAcross: answerErrorsAcross, unheld: answerUnheld, clarify: answerClarify,
  refuse: answerRefuse, notUnderstood: answerNotUnderstood,
};

export function answer(u: Understanding, ctx: AnswerContext): Reply {
  return (HANDLERS[u.intent] as (u: Understanding, ctx: AnswerContext) => Reply)(u, ctx);
}
