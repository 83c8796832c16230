/**
 * Intent `compareAgencies`: two or more agencies' measure — in the year asked, the year written beside each
 * agency, or the latest year they share (each agency's latest when they share none) — which is higher, by how
 * much, and their sum when asked.
 */
import { makeReply, type Fact, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { reportOf, type AgencyEntry } from '../understand/agency-directory.js';
import { percent } from '../words/numbers.js';
import { cellValueOf, matrixMeasure, measureFact } from './across.js';
import { valueWords, type AnswerContext } from './context.js';
import { refuseNoMeasure } from './conversation.js';

type Compare = Extract<Understanding, { intent: 'compareAgencies' }>;

/** Each agency's cells of the asked columns, one line per agency. */
function byColumns(u: Compare, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const years = yearsFor(u);
  const measures = u.measure.columns.map((c) => matrixMeasure({ rows: u.measure.rows, columns: [c] }, ctx)).filter((m): m is NonNullable<typeof m> => m !== null);
  if (!measures.length) return refuseNoMeasure(ctx, 'compareAgencies');
  const facts: Fact[] = [];
  const lines = u.agencies.map((e, k) => {
    const i = reportOf(e, years[k]!);
    if (i === undefined) return w.agencyNoReport(e.agency, years[k]!, e.years);
    const parts = measures.map((m) => {
      const printed = cellValueOf(ctx, i, m);
      facts.push(measureFact(ctx, i, m, typeof printed === 'number' ? printed : null));
      return `${m.label} ${valueWords(w, printed, m.unit)}`;
    });
    return w.agencyValue(`${e.agency} ${years[k]}`, parts.join(w.listJoin));
  });
  lines.push(w.usedReports(u.agencies.map((e, k) => `${e.agency} ${years[k]}`), u.agencies.length));
  return makeReply({ kind: 'facts', intent: 'compareAgencies', language: w.lang, lines, facts, source: measures.map((m) => m.source).join('；'), confidence: u.confidence });
}

/** The year each agency is compared in. */
function yearsFor(u: Compare): number[] {
  const common = u.agencies.map((e) => e.years).reduce((a, b) => a.filter((y) => b.includes(y)));
  const shared = common.length ? Math.max(...common) : undefined;
  const latest = (e: AgencyEntry) => e.years[e.years.length - 1]!;
  // a year written beside one agency is that agency's; the others take the year they share, else their latest
  const perAgency = u.years.some((y) => y !== undefined);
  return u.agencies.map((e, k) => u.years[k] ?? (perAgency ? (shared !== undefined && e.years.includes(shared) ? shared : latest(e)) : u.year ?? shared ?? latest(e)));
}

export function answerCompareAgencies(u: Compare, ctx: AnswerContext): Reply {
  const { w } = ctx;
  // several columns of one row (结果有什么不同): each agency's columns side by side
  if (u.measure.columns.length > 1 && u.measure.rows.length === 1) return byColumns(u, ctx);
  if (u.partOfOther) return partOfOther(u, ctx);
  if (u.share && !u.sum) return byShare(u, ctx);
  const m = matrixMeasure(u.measure, ctx);
  if (!m) return refuseNoMeasure(ctx, 'compareAgencies');
  const years = yearsFor(u);
  const oneYear = years.every((y) => y === years[0]);
  const values = u.agencies.map((e, k) => {
    const i = reportOf(e, years[k]!);
    const printed = i === undefined ? undefined : cellValueOf(ctx, i, m);
    return { e, year: years[k]!, i, printed, v: printed === undefined ? undefined : typeof printed === 'number' ? printed : null };
  });
  const name = (x: (typeof values)[number]) => (oneYear ? x.e.agency : `${x.e.agency} ${x.year}`);
  const lines = values.map((x) => (x.printed === undefined ? w.agencyNoReport(x.e.agency, x.year, x.e.years) : w.agencyValue(name(x), valueWords(w, x.printed, m.unit))));
  const numbers = values.filter((x): x is typeof x & { v: number } => typeof x.v === 'number');
  if (numbers.length === values.length && numbers.length >= 2) {
    const sorted = [...numbers].sort((a, b) => b.v - a.v);
    const [a, b] = [sorted[0]!, sorted[1]!];
    lines.push(a.v === b.v && numbers.length === 2 ? w.compareSame(w.num(a.v, m.unit))
      : w.compareMost(name(a), numbers.length === 2 ? name(b) : null, w.num(a.v - b.v, m.unit), b.v ? percent(a.v, b.v) : null, w.num(a.v, m.unit)));
    const total = numbers.reduce((s, x) => s + x.v, 0);
    if (u.sum) lines.push(w.sumOfAgencies(numbers.length, w.num(total, m.unit)));
    // 是…的几倍: the first named over the second, in the order asked
    if (u.times && numbers.length === 2 && numbers[1]!.v > 0) lines.push(w.ratio(name(numbers[0]!), name(numbers[1]!), numbers[0]!.v, numbers[1]!.v));
    // 合计多少？其中平潭所占比例: each agency's part of the sum
    if (u.sum && u.share && total > 0) for (const x of numbers) lines.push(w.shareLine(`${name(x)} ${m.label}`, x.v, w.agenciesTogether(numbers.length), total));
  }
  const facts = values.filter((x) => x.i !== undefined).map((x) => measureFact(ctx, x.i!, m, x.v ?? null));
  lines.push(w.usedReports(facts.map((f) => `${f.agency} ${f.year}`), facts.length));
  const title = oneYear ? w.compareHead(years[0]!, m.label, u.year !== undefined || u.years.some((y) => y !== undefined)) : w.compareMixedHead(m.label);
  return makeReply({ kind: 'facts', intent: 'compareAgencies', language: w.lang, title, lines, facts, source: m.source, confidence: u.confidence });
}

/** 审批局这个数占平潭全区总数的比例: the first agency's number as a share of the second's, both as printed. */
function partOfOther(u: Compare, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const m = matrixMeasure(u.measure, ctx);
  if (!m) return refuseNoMeasure(ctx, 'compareAgencies');
  const years = yearsFor(u);
  const [a, b] = u.agencies.map((e, k) => {
    const i = reportOf(e, years[k]!);
    const v = i === undefined ? undefined : cellValueOf(ctx, i, m);
    return { name: `${e.agency} ${years[k]}`, i, v };
  }) as [{ name: string; i?: number; v: unknown }, { name: string; i?: number; v: unknown }];
  if (typeof a.v !== 'number' || typeof b.v !== 'number' || b.v <= 0 || a.v > b.v) return makeReply({ kind: 'refuse', reason: 'notInReport', intent: 'compareAgencies', language: w.lang, lines: [w.noShareAcross] });
  const facts = [measureFact(ctx, a.i!, m, a.v), measureFact(ctx, b.i!, m, b.v)];
  const lines = [w.shareLine(`${a.name} ${m.label}`, a.v, `${b.name} ${m.label}`, b.v), w.usedReports([a.name, b.name], 2)];
  return makeReply({ kind: 'facts', intent: 'compareAgencies', language: w.lang, lines, facts, source: m.source, confidence: u.confidence });
}

/** Results that are a share of all results (予以公开比例): each agency's row over its 办理结果总计. */
const SHARE_OF_RESULTS = /^applications\.(?!newReceived|carriedOver|resultsTotal|carriedForward)/;

/**
 * 哪家予以公开比例更高: each agency's result row over its own results' total — compared as rates, never as counts
 * (a count is not the share asked). Anything else asked as a share is refused: the tables print counts.
 */
function byShare(u: Compare, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const row = u.measure.rows.length === 1 && SHARE_OF_RESULTS.test(u.measure.rows[0]!) ? u.measure.rows[0]! : null;
  const part = row ? matrixMeasure({ rows: [row], columns: [] }, ctx) : null;
  const whole = matrixMeasure({ rows: ['applications.resultsTotal'], columns: [] }, ctx);
  if (!part || !whole) return makeReply({ kind: 'refuse', reason: 'notInReport', intent: 'compareAgencies', language: w.lang, lines: [w.noShareAcross] });
  const years = yearsFor(u);
  const facts: Fact[] = [];
  const rates = u.agencies.map((e, k) => {
    const i = reportOf(e, years[k]!);
    const a = i === undefined ? undefined : cellValueOf(ctx, i, part);
    const b = i === undefined ? undefined : cellValueOf(ctx, i, whole);
    if (i !== undefined && typeof a === 'number' && typeof b === 'number') facts.push(measureFact(ctx, i, part, a), measureFact(ctx, i, whole, b));
    return { name: `${e.agency} ${years[k]}`, a, b, rate: typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null };
  });
  if (rates.some((x) => x.rate === null)) return makeReply({ kind: 'refuse', reason: 'notInReport', intent: 'compareAgencies', language: w.lang, lines: [w.noShareAcross] });
  const lines = rates.map((x) => w.agencyValue(x.name, w.shareLine(part.label, x.a as number, whole.label, x.b as number)));
  const best = [...rates].sort((x, y) => y.rate! - x.rate!);
  lines.push(best[0]!.rate === best[1]!.rate ? w.compareSame(w.shareLine(part.label, best[0]!.a as number, whole.label, best[0]!.b as number)) : w.highestShare(best[0]!.name, part.label));
  lines.push(w.usedReports(rates.map((x) => x.name), rates.length));
  return makeReply({ kind: 'facts', intent: 'compareAgencies', language: w.lang, lines, facts, source: `${part.source}；${whole.source}`, confidence: u.confidence });
}
