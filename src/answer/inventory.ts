/** Intents `inventory`, `yearsOf`, `countReports`, `missingReports`: what the dataset holds. */
import { makeReply, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { LIST_LIMIT, yearsOf } from './across.js';
import type { AnswerContext } from './context.js';

const scopeName = (ctx: AnswerContext, s: { label: string; labelEn: string; regional: boolean }) => (s.regional ? (ctx.english ? s.labelEn : s.label.replace(/各部门$/, '')) : null);

export function answerInventory(u: Extract<Understanding, { intent: 'inventory' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const entries = u.scope.entries;
  const reports = entries.reduce((a, e) => a + e.years.length, 0);
  const all = yearsOf(entries);
  const span = all.length > 1 ? `${all[0]}–${all[all.length - 1]}` : `${all[0] ?? ''}`;
  const items = entries.slice(0, LIST_LIMIT).map((e) => w.agencyYears(e.agency, e.years));
  return makeReply({ kind: 'list', intent: 'inventory', language: w.lang, title: w.inventoryHead(scopeName(ctx, u.scope), entries.length, reports, span), items, lines: [], notes: entries.length > LIST_LIMIT ? [w.more(entries.length - LIST_LIMIT)] : [], confidence: u.confidence });
}

export function answerYearsOf(u: Extract<Understanding, { intent: 'yearsOf' }>, ctx: AnswerContext): Reply {
  return makeReply({ kind: 'facts', intent: 'yearsOf', language: ctx.w.lang, lines: [ctx.w.yearsOf(u.agency.agency, u.agency.years)], confidence: u.confidence });
}

export function answerCountReports(u: Extract<Understanding, { intent: 'countReports' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const entries = u.scope.entries;
  const count = (y?: number) => { let n = 0; for (const e of entries) n += y === undefined ? e.years.length : e.years.includes(y) ? 1 : 0; return n; };
  const where = scopeName(ctx, u.scope);
  const lines = u.years.length ? u.years.map((y) => w.countForYear(where, y, count(y))) : [w.countAll(where, count(), entries.length, yearsOf(entries).map((y) => [y, count(y)] as [number, number]))];
  return makeReply({ kind: 'facts', intent: 'countReports', language: w.lang, lines, confidence: u.confidence });
}

export function answerMissingReports(u: Extract<Understanding, { intent: 'missingReports' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const entries = u.scope.entries;
  const year = u.year ?? yearsOf(entries).at(-1)!;
  const lacking = entries.filter((e) => !e.years.includes(year));
  const where = scopeName(ctx, u.scope);
  if (!lacking.length) return makeReply({ kind: 'facts', intent: 'missingReports', language: w.lang, lines: [w.noneMissing(where, entries.length, year)], confidence: u.confidence });
  return makeReply({ kind: 'list', intent: 'missingReports', language: w.lang, title: w.missingReportsHead(where, lacking.length, year, entries.length, u.year !== undefined), items: lacking.slice(0, LIST_LIMIT).map((e) => w.agencyHas(e.agency, e.years)), confidence: u.confidence });
}
