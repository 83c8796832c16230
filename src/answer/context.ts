/**
 * What every answer module reads: the dataset, the agency directory, the words of the question's language,
 * and small helpers that turn cells into facts. Answer modules return typed Replies; wording comes from words/.
 */
import { citation, metric as metricOf } from '../catalog/metrics.js';
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
  if (ref.relativeFrom !== undefined) return [w.relativeYear(ref.relativeFrom, ref.year)];
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
