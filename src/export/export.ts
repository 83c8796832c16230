/**
 * Export: one row per report, `agency, year,` then every METRICS.md id. An undetermined cell (printed but not
 * recoverable) is written empty, like a blank one, and named with its reason and printed run in `undetermined`
 * (a last CSV column, a JSONL field), so no consumer can mistake it for a number or for a blank cell.
 */
import { METRIC_IDS } from '../catalog/metrics.js';
import { UNDETERMINED, type CellValue, type Report } from '../model/schema.js';

/** Facts outside the tables, exported beside the cells. */
const FACT_IDS = ['publishDate', 'periodStart', 'periodEnd', 'website', 'contact.department', 'contact.phone', 'contact.address', 'contact.email', 'proactive.total', 'processingFees.yuan'] as const;

export function reportValues(r: Report): Record<string, CellValue | string> {
  const values: Record<string, CellValue | string> = {};
  for (const id of METRIC_IDS) {
    const v = r.cells[id]?.value ?? null;
    values[id] = v === UNDETERMINED ? null : v;
  }
  const facts: Record<(typeof FACT_IDS)[number], CellValue | string> = {
    publishDate: r.publishDate, periodStart: r.periodStart, periodEnd: r.periodEnd,
    website: r.website?.value ?? null,
    'contact.department': r.contact.department?.value ?? null, 'contact.phone': r.contact.phone?.value ?? null,
    'contact.address': r.contact.address?.value ?? null, 'contact.email': r.contact.email?.value ?? null,
    'proactive.total': r.proactive.total?.value ?? null, 'processingFees.yuan': r.processingFees?.yuan ?? null,
  };
  return { ...values, ...facts };
}

/** The undetermined cells of a report: id → the reason and the printed run. */
export function undeterminedCells(r: Report): Record<string, { reason: string; raw: string | null }> {
  const out: Record<string, { reason: string; raw: string | null }> = {};
  for (const id of METRIC_IDS) {
    const c = r.cells[id];
    if (c?.value === UNDETERMINED) out[id] = { reason: c.note ?? '', raw: c.raw ?? null };
  }
  return out;
}

/** `id: reason` for each undetermined cell, one CSV field. */
const undeterminedField = (r: Report) => Object.entries(undeterminedCells(r)).map(([id, u]) => `${id}: ${u.reason}`).join('; ');

const csvField = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV lines (header first), one report at a time, so a dataset of any size streams out. */
export function* csvLines(reports: Iterable<Report>): Generator<string> {
  yield ['agency', 'year', ...METRIC_IDS, ...FACT_IDS, 'undetermined'].join(',');
  for (const r of reports) {
    const v = reportValues(r);
    yield [r.agency, r.year, ...METRIC_IDS.map((id) => v[id]), ...FACT_IDS.map((id) => v[id]), undeterminedField(r)].map(csvField).join(',');
  }
}

export function* jsonLines(reports: Iterable<Report>): Generator<string> {
  for (const r of reports) yield JSON.stringify({ agency: r.agency, year: r.year, values: reportValues(r), undetermined: undeterminedCells(r) });
}

export const toCsv = (reports: Iterable<Report>): string => [...csvLines(reports)].join('\n') + '\n';
export const toJsonl = (reports: Iterable<Report>): string => [...jsonLines(reports)].map((l) => `${l}\n`).join('');
