/**
 * A report turned into the values of its database rows, and back. Pure functions with no database handle, so
 * ingest workers can prepare reports in parallel and hand the writer rows ready to insert.
 *
 * The record (the whole report, packed by pack.ts with its cells in the order of the file's `metrics` table) is JSON
 * compressed with zlib, the format of SQLite's own `sqlar_uncompress(record, record_size)`, so the sqlite3 shell
 * can still read it.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import type { Report } from '../model/schema.js';
import { parseReportData } from '../model/validate.js';
import { OVERFLOW, encodeValue, rowToBlob, type StoredValue } from './codec.js';
import { packReport, unpackReport } from './pack.js';

export interface PreparedReport {
  reportId: string;
  agency: string;
  year: number;
  columns: {
    title: string; layout: string; source_file: string; source_format: string;
    period_start: string | null; period_end: string | null; publish_date: string | null;
    website: string | null; phone: string | null; address: string | null; email: string | null;
    findings: number; error_rules: string;
  };
  /** Cells in the order of the file's `metrics` table (codec.ts). */
  cells: Uint8Array;
  /** Cell values in catalog order, for the wide `cells` table: numbers, null, or text such as "n/a". */
  values: Array<number | string | null>;
  findings: Array<{ rule: string; severity: string; message: string; metrics: string }>;
  record: Uint8Array;
  recordSize: number;
}

const sqlValue = (v: unknown): number | string | null => (v === null || v === undefined ? null : typeof v === 'number' ? v : String(v));

/** For each id of `catalog`, its position in `metrics` (-1: none); kept per metrics array (a writer's, a worker's). */
const positionsCache = new WeakMap<readonly string[], { catalog: readonly string[]; at: Int32Array }>();
function catalogPositions(metrics: readonly string[], catalog: readonly string[]): Int32Array {
  const known = positionsCache.get(metrics);
  if (known?.catalog === catalog) return known.at;
  const index = new Map(metrics.map((id, j) => [id, j]));
  const at = Int32Array.from(catalog, (id) => index.get(id) ?? -1);
  positionsCache.set(metrics, { catalog, at });
  return at;
}

/** Validates a report and prepares its rows. `metrics`: the file's cell column order; `catalog`: the wide table's. */
export function prepareReport(input: Report, metrics: readonly string[], catalog: readonly string[], validated = false): PreparedReport {
  const r = validated ? input : parseReportData(input);
  // each cell's value looked up once, for both the matrix row (file order) and the wide table (catalog order)
  const inFileOrder: Array<StoredValue | undefined> = new Array(metrics.length);
  const row = new Int32Array(metrics.length);
  const overflow = new Map<number, StoredValue>();
  for (let j = 0; j < metrics.length; j++) {
    const v = (inFileOrder[j] = r.cells[metrics[j]!]?.value as StoredValue | undefined);
    if ((row[j] = encodeValue(v)) === OVERFLOW) overflow.set(j, v as StoredValue);
  }
  const at = catalogPositions(metrics, catalog);
  const values = new Array<number | string | null>(catalog.length);
  for (let k = 0; k < catalog.length; k++) values[k] = sqlValue(at[k]! >= 0 ? inFileOrder[at[k]!] : r.cells[catalog[k]!]?.value);
  const json = Buffer.from(JSON.stringify(packReport(r, metrics)), 'utf8');
  return {
    reportId: r.id,
    agency: r.agency,
    year: r.year,
    columns: {
      title: r.title, layout: r.layout, source_file: r.sourceFile, source_format: r.sourceFormat,
      period_start: r.periodStart, period_end: r.periodEnd, publish_date: r.publishDate,
      website: r.website?.value ?? null, phone: r.contact.phone?.value ?? null, address: r.contact.address?.value ?? null, email: r.contact.email?.value ?? null,
      findings: r.findings.length,
      error_rules: JSON.stringify([...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule))]),
    },
    cells: rowToBlob({ cells: row, overflow }),
    values,
    findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, metrics: JSON.stringify(f.metrics) })),
    // level 1: a third of the size at a fraction of the default level's time; ingest speed matters more here
    record: deflateSync(json, { level: 1 }),
    recordSize: json.byteLength,
  };
}

/** The report of a stored record, validated; `metrics` is the file's cell order (its `metrics` table). */
export function readRecord(record: Uint8Array, metrics: readonly string[]): Report {
  return parseReportData(unpackReport(JSON.parse(inflateSync(record).toString('utf8')), metrics));
}
