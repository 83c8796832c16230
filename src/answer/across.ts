/**
 * What answers across reports share: the measure (one cell, or the sum of a group row's cells) read from the
 * dataset's matrix, a column of it over a scope's agencies in typed arrays (no object per agency, so a ranking
 * over 20,000 agencies stays light), and the lines every aggregate ends with (not counted, no report, reports used).
 */
import { citation, metric as metricOf } from '../catalog/metrics.js';
import type { Fact } from '../bot/reply.js';
import type { CellValue } from '../model/schema.js';
import { reportOf, type AgencyEntry } from '../understand/agency-directory.js';
import type { Measure } from '../understand/understand.js';
import { cellsFor, GROUP_ROWS } from './cells.js';
import type { AnswerContext } from './context.js';

export const LIST_LIMIT = 20;
export const FACT_LIMIT = 300;

export interface MatrixMeasure {
  label: string;
  ids: string[];
  columns: Array<number | undefined>;
  unit: string;
  source: string;
}

/** The first row of the question as a measure: a group row (不予公开) or 诉讼 sums its cells. */
export function matrixMeasure(m: Measure, ctx: AnswerContext): MatrixMeasure | null {
  const row = m.rows[0];
  if (!row) return null;
  const { ids } = cellsFor([row], m.columns, '2021');
  if (!ids.length) return null;
  const summed = GROUP_ROWS.includes(row) || row === 'litigation' ? ids : [ids[0]!];
  const first = metricOf(summed[0]!);
  const { w } = ctx;
  const name = w.metricName(first.name, first.english);
  const groupName = w.metricName(first.rowLabel.replace(/\s.*$/, '').replace(/^[（(][一二三四五六七八九十][）)]/, ''), first.english.replace(/ \(.*$/, '').replace(/:.*$/, ''));
  return {
    label: summed.length > 1 ? w.sumOfCells(groupName, summed.length) : name,
    ids: summed, columns: summed.map((id) => ctx.data.columnOf(id)), unit: first.unit,
    source: summed.length > 1 ? w.sumSource(first.table, summed.length) : citation(summed[0]!),
  };
}

/** The measure's value in report i: null when any of its cells is blank, "/" or undetermined. */
export function valueOf(ctx: AnswerContext, i: number, m: MatrixMeasure): number | null {
  const v = cellValueOf(ctx, i, m);
  return typeof v === 'number' ? v : null;
}

/** The measure's value with its printed kind kept: undetermined or "/" or blank when any of its cells is. */
export function cellValueOf(ctx: AnswerContext, i: number, m: MatrixMeasure): CellValue {
  let sum = 0;
  let kind: CellValue | undefined;
  for (const col of m.columns) {
    const v: CellValue = col === undefined ? null : ctx.data.valueAt(i, col);
    if (typeof v === 'number') sum += v;
    else if (kind !== 'undetermined') kind = v === 'undetermined' ? v : kind ?? v;
  }
  return kind === undefined ? sum : kind;
}

export function measureFact(ctx: AnswerContext, i: number, m: MatrixMeasure, value: number | null): Fact {
  return { agency: ctx.data.agencyOf(i), year: ctx.data.yearOf(i), metric: m.ids.length === 1 ? m.ids[0]! : m.ids.join('+'), label: m.label, value, unit: m.unit, source: m.source };
}

export interface Column {
  entries: AgencyEntry[];
  year: number;
  stated: boolean;
  /** Per agency: its report of the year, or -1. */
  report: Int32Array;
  /** Per agency: the measure, NaN when blank, "/", undetermined or no report. */
  value: Float64Array;
  reports: number;
}

/**
 * Columns computed lately, by the agencies' list (the directory's own list for every agency, so the same question
 * over all agencies — 50,000 of them — is computed once) and then by year and cells. A view of the dataset never
 * changes (a new version is a new view with new lists), so a column is never stale; a few are kept per list.
 */
const recentColumns = new WeakMap<AgencyEntry[], Map<string, Column>>();
const KEPT_COLUMNS = 6;
/** Below this many agencies a column costs less than keeping it. */
const CACHED_FROM = 2000;

/** One measure over agencies for one year (the year with most reports when none is asked). Read-only: it may be shared. */
export function column(ctx: AnswerContext, entries: AgencyEntry[], year: number | undefined, m: MatrixMeasure): Column {
  if (entries.length < CACHED_FROM) return computeColumn(ctx, entries, year, m);
  let kept = recentColumns.get(entries);
  if (!kept) recentColumns.set(entries, (kept = new Map()));
  const key = `${year}|${m.columns.join(',')}`;
  let c = kept.get(key);
  if (c) { kept.delete(key); kept.set(key, c); return c; }
  c = computeColumn(ctx, entries, year, m);
  kept.set(key, c);
  if (kept.size > KEPT_COLUMNS) kept.delete(kept.keys().next().value!);
  return c;
}

function computeColumn(ctx: AnswerContext, entries: AgencyEntry[], year: number | undefined, m: MatrixMeasure): Column {
  const y = year ?? busiestYear(entries);
  // every slot written once in the one pass (no fill beforehand: a scope of 50,000 agencies makes these arrays large)
  const report = new Int32Array(entries.length);
  const value = new Float64Array(entries.length);
  let reports = 0;
  // a one-cell measure (most) reads the matrix directly; NaN for blank, "/", undetermined, as valueOf says
  const single = m.columns.length === 1 ? m.columns[0] : undefined;
  for (let k = 0; k < entries.length; k++) {
    const i = reportOf(entries[k]!, y);
    value[k] = Number.NaN;
    if (i === undefined) { report[k] = -1; continue; }
    report[k] = i;
    reports++;
    if (single !== undefined) {
      const v = ctx.data.valueAt(i, single);
      if (typeof v === 'number') value[k] = v;
      continue;
    }
    const v = valueOf(ctx, i, m);
    if (v !== null) value[k] = v;
  }
  return { entries, year: y, stated: year !== undefined, report, value, reports };
}

export function where(c: Column, keep: (k: number) => boolean): number[] {
  const out: number[] = [];
  for (let k = 0; k < c.entries.length; k++) if (keep(k)) out.push(k);
  return out;
}

export function columnFacts(ctx: AnswerContext, c: Column, ks: number[], m: MatrixMeasure): Fact[] {
  return ks.slice(0, FACT_LIMIT).map((k) => measureFact(ctx, c.report[k]!, m, Number.isNaN(c.value[k]!) ? null : c.value[k]!));
}

/** The first `limit` positions kept, and how many there were (a scope of 50,000 agencies lists only the first few). */
export class Firsts {
  readonly ks: number[] = [];
  count = 0;
  constructor(private readonly limit: number) {}
  add(k: number): void { if (this.count++ < this.limit) this.ks.push(k); }
}

/** Not counted, without a report for the year, source and reports used: the end of every aggregate. */
export function tail(ctx: AnswerContext, c: Column, m: MatrixMeasure): { lines: string[]; source: string } {
  const { w } = ctx;
  const names = (ks: number[]) => ks.map((k) => c.entries[k]!.agency);
  // one pass over the column (it has an entry per agency of the scope, 50,000 for all of them), keeping only the
  // names each line shows
  const missing = new Firsts(LIST_LIMIT), without = new Firsts(LIST_LIMIT), used = new Firsts(LIST_LIMIT);
  for (let k = 0; k < c.entries.length; k++) {
    if (c.report[k]! < 0) { without.add(k); continue; }
    used.add(k);
    if (Number.isNaN(c.value[k]!)) missing.add(k);
  }
  const lines: string[] = [];
  if (missing.count) lines.push(w.notCounted(m.label, names(missing.ks), missing.count));
  if (without.count) lines.push(w.withoutReport(c.year, names(without.ks), without.count));
  lines.push(w.usedReports(names(used.ks).map((a) => `${a} ${c.year}`), used.count));
  return { lines, source: m.source };
}

/** Every year the agencies have reports for, ascending. */
const yearsCache = new WeakMap<AgencyEntry[], number[]>();
export function yearsOf(entries: AgencyEntry[]): number[] {
  const cached = yearsCache.get(entries);
  if (cached) return cached;
  const set = new Set<number>();
  for (const e of entries) for (const y of e.years) set.add(y);
  const out = [...set].sort((a, b) => a - b);
  yearsCache.set(entries, out);
  return out;
}

/** The year most of the agencies have a report for (the latest on a tie). */
export function busiestYear(entries: AgencyEntry[]): number {
  const count = new Map<number, number>();
  for (const e of entries) for (const y of e.years) count.set(y, (count.get(y) ?? 0) + 1);
  let best = 0;
  let n = -1;
  for (const [y, c] of count) if (c > n || (c === n && y > best)) { best = y; n = c; }
  return best;
}
