/** Intents `rank`, `scopeSum`, `zeroes`: one measure over every agency of a scope for a year. */
import { makeReply, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { cellValueOf, column, columnFacts, FACT_LIMIT, Firsts, LIST_LIMIT, matrixMeasure, measureFact, tail, where, type MatrixMeasure } from './across.js';
import { reportOf, type AgencyEntry } from '../understand/agency-directory.js';
import type { Fact } from '../bot/reply.js';
import type { AnswerContext } from './context.js';
import { refuseEmptyScope, refuseNoMeasure } from './conversation.js';

type Scoped = Extract<Understanding, { intent: 'rank' | 'scopeSum' | 'zeroes' }>;

function prepare(u: Scoped, ctx: AnswerContext) {
  const m = matrixMeasure(u.measure, ctx);
  if (!m) return { refusal: refuseNoMeasure(ctx, u.intent) };
  if (!u.scope.entries.length) return { refusal: refuseEmptyScope(ctx, u.scope.label, u.intent) };
  const c = column(ctx, u.scope.entries, u.year, m);
  if (!c.reports) return { refusal: makeReply({ kind: 'refuse', reason: 'emptyScope', intent: u.intent, language: ctx.w.lang, lines: [ctx.w.noReportsForYear(u.scope.label, c.year)] }) };
  return { m, c };
}

const scopeLabel = (u: Scoped, ctx: AnswerContext) => (ctx.english ? u.scope.labelEn : u.scope.label);

export function answerRank(u: Extract<Understanding, { intent: 'rank' }>, ctx: AnswerContext): Reply {
  if (u.allYears) return rankOfEveryReport(u, ctx);
  const p = prepare(u, ctx);
  if ('refusal' in p) return p.refusal!;
  const { m, c } = p;
  const { w } = ctx;
  const least = u.order === 'least';
  // a stable sort keeps equal values in the index's order without comparing names
  const ranked = where(c, (k) => !Number.isNaN(c.value[k]!)).sort((a, b) => (least ? c.value[a]! - c.value[b]! : c.value[b]! - c.value[a]!));
  const n = u.topN ?? (u.one ? 1 : 10);
  const shown = competitionRanks(ranked, (k) => c.value[k]!, n);
  const lines = shown.map(({ rank, x: k, tied }) => w.rankLine(rank, c.entries[k]!.agency, w.num(c.value[k]!, m.unit), tied));
  const end = tail(ctx, c, m);
  const title = w.rankHead(c.year, scopeLabel(u, ctx), m.label, least, u.one, n, ranked.length, u.one ? shown.length : 0, c.stated);
  return makeReply({ kind: 'facts', intent: 'rank', language: w.lang, title, lines: [...lines, ...end.lines], source: end.source, facts: columnFacts(ctx, c, ranked, m), confidence: u.confidence });
}

export function answerScopeSum(u: Extract<Understanding, { intent: 'scopeSum' }>, ctx: AnswerContext): Reply {
  if (u.allYears) return sumOfEveryReport(u, ctx);
  const p = prepare(u, ctx);
  if ('refusal' in p) return p.refusal!;
  const { m, c } = p;
  const { w } = ctx;
  const counted = where(c, (k) => !Number.isNaN(c.value[k]!));
  let total = 0;
  for (const k of counted) total += c.value[k]!;
  const avg = counted.length ? Math.round((total / counted.length) * 10) / 10 : 0;
  const head = (u.average ? w.averageHead : w.sumHead)(c.year, scopeLabel(u, ctx), m.label, w.num(total, m.unit), counted.length, w.num(avg, m.unit), c.stated);
  const top = [...counted].sort((a, b) => c.value[b]! - c.value[a]!).slice(0, 5).map((k) => `${c.entries[k]!.agency} ${w.num(c.value[k]!, m.unit)}`);
  const end = tail(ctx, c, m);
  return makeReply({ kind: 'facts', intent: 'scopeSum', language: w.lang, title: head, lines: [...(counted.length > 1 ? [w.largest(top)] : []), ...end.lines], source: end.source, facts: columnFacts(ctx, c, counted, m), confidence: u.confidence });
}

export function answerZeroes(u: Extract<Understanding, { intent: 'zeroes' }>, ctx: AnswerContext): Reply {
  const p = prepare(u, ctx);
  if ('refusal' in p) return p.refusal!;
  const { m, c } = p;
  const { w } = ctx;
  // only the names and facts the reply shows are kept (a scope of every agency has 50,000)
  const zero = new Firsts(LIST_LIMIT), compared = new Firsts(FACT_LIMIT);
  for (let k = 0; k < c.entries.length; k++) {
    const v = c.value[k]!;
    if (Number.isNaN(v)) continue;
    compared.add(k);
    if (u.nonZero ? v !== 0 : v === 0) zero.add(k);
  }
  // (the figures that are not zero are told with their value)
  const names = zero.ks.map((k) => (u.nonZero ? `${c.entries[k]!.agency}（${w.num(c.value[k]!, m.unit)}）` : c.entries[k]!.agency));
  const end = tail(ctx, c, m);
  return makeReply({
    kind: 'facts', intent: 'zeroes', language: w.lang, title: w.zeroHead(c.year, scopeLabel(u, ctx), m.label, zero.count, compared.count, c.stated, u.nonZero ?? false),
    lines: [...(names.length ? [w.names(names, zero.count)] : []), ...end.lines], source: end.source, facts: columnFacts(ctx, c, compared.ks, m), confidence: u.confidence,
  });
}

/**
 * Standard competition ranking of values already sorted: equal values share a rank, and a tie at the cut-off `n` is
 * shown whole.
 */
function competitionRanks<T>(sorted: readonly T[], value: (x: T) => number, n: number): Array<{ rank: number; x: T; tied: boolean }> {
  const shown: Array<{ rank: number; x: T; tied: boolean }> = [];
  for (let j = 0; j < sorted.length; j++) {
    const rank = j > 0 && value(sorted[j]!) === value(sorted[j - 1]!) ? shown[j - 1]!.rank : j + 1;
    if (rank > n) break;
    shown.push({ rank, x: sorted[j]!, tied: false });
  }
  for (const s of shown) s.tied = shown.filter((t) => t.rank === s.rank).length > 1;
  return shown;
}

/** The measure in every report of every year of `entries` (but those `skip` names): the numbers, and the reports without one. */
function everyReport(entries: readonly AgencyEntry[], ctx: AnswerContext, m: MatrixMeasure, skip?: (agency: string, year: number) => boolean) {
  const reports: Array<{ name: string; v: number; i: number }> = [];
  const notCounted: string[] = [];
  for (const e of entries) {
    for (const year of e.years) {
      if (skip?.(e.agency, year)) continue;
      const i = reportOf(e, year)!;
      const v = cellValueOf(ctx, i, m);
      if (typeof v === 'number') reports.push({ name: `${e.agency} ${year}`, v, i });
      else notCounted.push(`${e.agency} ${year}`);
    }
  }
  return { reports, notCounted };
}

/** 所有报告里…排前三: every report of every year in the scope ranked, each report once (with its year). */
function rankOfEveryReport(u: Extract<Understanding, { intent: 'rank' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const m = matrixMeasure(u.measure, ctx);
  if (!m) return refuseNoMeasure(ctx, 'rank');
  const least = u.order === 'least';
  const { reports, notCounted } = everyReport(u.scope.entries, ctx, m);
  if (!reports.length) return refuseEmptyScope(ctx, u.scope.label, 'rank');
  reports.sort((a, b) => (least ? a.v - b.v : b.v - a.v));
  const n = u.topN ?? (u.one ? 1 : 10);
  const shown = competitionRanks(reports, (x) => x.v, n);
  // (a report whose figure is blank or could not be read is named: the ranking is of the others only)
  const lines = [w.everyReportRankHead(reports.length, m.label, least, u.one ? 1 : n), ...shown.map(({ rank, x, tied }) => w.rankLine(rank, x.name, w.num(x.v, m.unit), tied))];
  if (notCounted.length) lines.push(w.notCounted(m.label, notCounted.slice(0, 8), notCounted.length));
  return makeReply({ kind: 'facts', intent: 'rank', language: w.lang, lines, facts: shown.map(({ x }) => measureFact(ctx, x.i, m, x.v)), source: m.source, confidence: u.confidence });
}

/** 所有报告…加起来: the measure over every report of every year in the scope, each report once. */
function sumOfEveryReport(u: Extract<Understanding, { intent: 'scopeSum' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const m = matrixMeasure(u.measure, ctx);
  if (!m) return refuseNoMeasure(ctx, 'scopeSum');
  const { except } = u;
  const { reports, notCounted } = everyReport(u.scope.entries, ctx, m, (agency, year) => except?.agency === agency && (!except.years.length || except.years.includes(year)));
  const facts: Fact[] = reports.map((x) => measureFact(ctx, x.i, m, x.v));
  const total = reports.reduce((a, x) => a + x.v, 0);
  if (!facts.length) return refuseEmptyScope(ctx, u.scope.label, 'scopeSum');
  const lines = [w.everyReportSum(facts.length, m.label, w.num(total, m.unit)), w.largest([...facts].sort((a, b) => (b.value as number) - (a.value as number)).slice(0, 12).map((f) => `${f.agency} ${f.year} ${w.num(f.value as number, m.unit)}`))];
  if (notCounted.length) lines.push(w.notCounted(m.label, notCounted.slice(0, 8), notCounted.length));
  return makeReply({ kind: 'facts', intent: 'scopeSum', language: w.lang, lines, facts, source: m.source, confidence: u.confidence });
}
