/**
 * What every answer module reads: the dataset, the agency directory, the words of the question's language,
 * and small helpers that turn cells into facts. Answer modules return typed Replies; wording comes from words/.
 */
import { citation, metric as metricOf, partsOfTotal } from '../catalog/metrics.js';
import type { Report } from '../model/schema.js';
import type { Dataset } from '../store/dataset.js';
import type { Fact } from '../bot/reply.js';
import type { AgencyDirectory, AgencyEntry } from '../understand/agency-directory.js';
import type { ReportRef } from '../understand/understand.js';
import type { Words } from '../words/index.js';

export interface AnswerContext {
  data: Dataset;
  directory: AgencyDirectory;
  w: Words;
  english: boolean;
  /** Example questions for help and refusals, written for this dataset. */
  examples: string[];
  /** The examples nearest to a question ("did you mean"), best first. */
  suggest: (question: string) => string[];
}

/** A cell of a report as a fact, with its printed value kind kept (blank, "/", undetermined). */
export function cellFact(r: Report, id: string, w: Words): Fact {
  const m = metricOf(id);
  const c = r.cells[id];
  return { agency: r.agency, year: r.year, metric: id, label: w.metricName(m.name, m.english), value: c?.value ?? null, unit: m.unit, source: citation(id) };
}

/** The notes a single-report answer carries: the default year taken, a year moved to the report that covers it. */
export function reportNotes(ref: ReportRef, w: Words): string[] {
  if (ref.movedFrom !== undefined) return [w.movedYear(ref.movedFrom, ref.year)];
  if (ref.publishedIn !== undefined) return [w.publishedInYear(ref.publishedIn, ref.year)];
  return ref.defaultYear ? [w.defaultYear(ref.year)] : [];
}

export const loadReport = (ctx: AnswerContext, ref: ReportRef): Report => ctx.data.report(ref.index);

/** What the dataset holds, for refusals: the given agencies first, at most 8. */
export function availableText(ctx: AnswerContext, first: AgencyEntry[] = []): string {
  const all = ctx.directory.entries;
  const shown = [...new Set([...first, ...all])].slice(0, 8);
  return ctx.w.available(shown.map((e) => ctx.w.availableItem(e.agency, e.years)), all.length > 8 ? all.length : 0);
}

/** A value as words, accepting the printed kinds a cell can hold. */
export const valueWords = (w: Words, v: Fact['value'], unit: string): string =>
  typeof v === 'number' || v === null || v === 'n/a' || v === 'undetermined' ? w.value(v, unit) : String(v);

/**
 * A total's parts by the form's identity (a 表三 row's six columns, a 表四 block's four outcomes), when every one is
 * printed as a number; null otherwise, and for cells that are no total.
 */
export function printedParts(r: Report, id: string): Array<{ id: string; value: number }> | null {
  const parts = partsOfTotal(id).map((p) => ({ id: p, value: r.cells[p]?.value }));
  return parts.length && parts.every((p): p is { id: string; value: number } => typeof p.value === 'number') ? parts : null;
}

/** A part of a total as said beside it: its column's name and its number (自然人 1 件, 结果维持 1 件). */
export function partWords(part: { id: string; value: number }, w: Words): string {
  const m = metricOf(part.id);
  return `${w.metricName(m.columnLabel.replace(/^法人或其他组织 /, ''), m.english.replace(/^.*\((.*)\)$|^.*, /, '$1'))} ${w.num(part.value, m.unit)}`;
}

/**
 * A blank total whose parts are all printed: their sum by the form's identity, with the parts that are not zero.
 * Null when the total is printed or a part is not a number.
 */
export function blankTotalFromParts(r: Report, id: string): { sum: number; nonZero: Array<{ id: string; value: number }> } | null {
  if (r.cells[id]?.value !== null && r.cells[id]?.value !== undefined) return null;
  const parts = printedParts(r, id);
  return parts ? { sum: parts.reduce((a, p) => a + p.value, 0), nonZero: parts.filter((p) => p.value !== 0) } : null;
}

/** A cell's line; a blank total whose columns are all printed also gives their sum, said to be added up. */
export function cellLine(r: Report, f: Fact, w: Words): string {
  const derived = blankTotalFromParts(r, f.metric);
  if (!derived) return w.line(f.label, valueWords(w, f.value, f.unit));
  return w.blankTotalFromParts(f.label, derived.sum, derived.nonZero.map((p) => partWords(p, w)));
}
