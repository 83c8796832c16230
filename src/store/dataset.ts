/**
 * The in-memory view of one dataset version: every report's summary and every cell as one Int32 matrix (the
 * query index), with the full report read from the database when a question is about it (small LRU cache).
 *
 * Why this shape: questions across thousands of reports (rankings, sums, trends) only need the cells, which for
 * 100,000 reports × ~200 cells fit in ~80 MB of Int32; a typed array scans a column in microseconds. The file
 * (reports.sqlite, see db.ts) is the store of record; a view built from it keeps a read transaction open, so the
 * reports it loads later come from the same version as its matrix even while an ingest commits a new one.
 */
import { resolve } from 'node:path';
import { projectRoot } from '../paths.js';
import { METRIC_IDS } from '../catalog/metrics.js';
import { Report, type CellValue, type IndexEntry } from '../model/schema.js';
import { blobOverflow, decodeValue, encodeRow, fromNarrow, SMALLEST, SMALLEST_NARROW, type StoredValue } from './codec.js';
import { datasetVersion, openDb, storedMetrics, type Db } from './db.js';
import { readableFile } from './location.js';
import { readRecord } from './record.js';
import { byAgency, readableSnapshot } from './snapshot.js';
import { inDatasetOrder, oneBlock, rowParts, snapshotParts, summariesOfRows, summaryRows, tableBuilder, type Cells, type SummaryTable, type ViewParts } from './view-parts.js';
import { partsInWorker } from './snapshot-worker-client.js';

export { DatasetError } from './db.js';
export { DatasetWriter, saveReports } from './writer.js';

export const BUNDLED_DATA = resolve(projectRoot(), 'data');

/** How a dataset is opened. */
export interface OpenOptions {
  /**
   * Work to do while the dataset is read (loading the tokenizer's dictionary): the snapshot is then read on a
   * worker thread meanwhile when a core is idle, so start-up takes the longer of the two instead of their sum.
   */
  meanwhile?: () => void;
  /** Read on the worker even when no core looks idle (tests of the worker). */
  worker?: 'always';
}

/** The matrix of reports in the given order. */
function buildMatrix(reports: Report[]): Cells {
  const width = METRIC_IDS.length;
  const matrix = new Int32Array(reports.length * width);
  const overflow = new Map<number, StoredValue>();
  reports.forEach((r, i) => {
    const row = encodeRow(METRIC_IDS, (id) => r.cells[id]?.value);
    matrix.set(row.cells, i * width);
    for (const [j, v] of row.overflow) overflow.set(i * width + j, v);
  });
  return oneBlock(matrix, reports.length, width, overflow);
}

function summaryTableOf(reports: Report[]): SummaryTable {
  const b = tableBuilder();
  for (const r of reports) {
    const errorRules = [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule))];
    b.push(r.agency, r.year, r.publishDate, r.findings.length, JSON.stringify(errorRules), r.contact.address?.value ?? null, r.id);
  }
  return b.table();
}

/**
 * Every report's summary and cells, with the full report loaded on demand. Built from a dataset file
 * (`Dataset.open`) or from reports in memory (`Dataset.fromReports`, for tests and small tools).
 */
export class Dataset {
  private readonly metricColumn = new Map<string, number>(METRIC_IDS.map((m, i) => [m, i]));
  private readonly width = METRIC_IDS.length;
  /** Each agency's number, its first report, and after each report the agency's next one (-1: none). */
  private readonly agencyNumber = new Map<string, number>();
  private readonly firstOf: Int32Array;
  private readonly nextOfAgency: Int32Array;
  /** Error-rule lists parsed, by text index (equal lists read apart are equal arrays, not one object). */
  private readonly ruleLists = new Map<number, string[]>();
  private readonly cache = new Map<number, Report>();

  private constructor(
    private readonly table: SummaryTable,
    private readonly cells: Cells,
    private readonly load: (i: number) => Report,
    /** The committed dataset version this view shows (0 for reports in memory). */
    readonly version: number,
    private readonly release: () => void = () => undefined,
    private readonly cacheSize = 64,
  ) {
    const { agency, agencies } = table;
    agencies.forEach((name, k) => this.agencyNumber.set(name, k));
    this.firstOf = new Int32Array(agencies.length).fill(-1);
    this.nextOfAgency = new Int32Array(agency.length);
    for (let i = agency.length - 1; i >= 0; i--) {
      this.nextOfAgency[i] = this.firstOf[agency[i]!]!;
      this.firstOf[agency[i]!] = i;
    }
  }

  get size(): number { return this.table.year.length; }

  /** Report i's agency, year, contact address and the rules its audit found errors of (dataset order). */
  agencyOf(i: number): string { return this.table.agencies[this.table.agency[i]!]!; }
  yearOf(i: number): number { return this.table.year[i]!; }
  addressOf(i: number): string | null { return this.text(this.table.address[i]!); }
  errorRulesOf(i: number): string[] {
    const k = this.table.errorRules[i]!;
    let rules = this.ruleLists.get(k);
    if (!rules) this.ruleLists.set(k, (rules = JSON.parse(this.table.texts[k]!) as string[]));
    return rules;
  }

  private text(k: number): string | null { return k < 0 ? null : this.table.texts[k]!; }

  /** Report i's summary as one object. */
  summary(i: number): IndexEntry {
    const t = this.table;
    const agency = this.agencyOf(i), year = t.year[i]!;
    return { id: t.ids.get(i) ?? `${agency}-${year}`, agency, year, file: '', publishDate: this.text(t.publishDate[i]!), findings: t.findings[i]!, errorRules: this.errorRulesOf(i), address: this.addressOf(i) };
  }

  /** Every report's summary as objects, in dataset order (for tools; answers read the columns). */
  get summaries(): IndexEntry[] {
    return Array.from({ length: this.size }, (_, i) => this.summary(i));
  }

  /** Opens the dataset at a directory or file (read-only). Throws a DatasetError when there is none. */
  static open(path: string, o: OpenOptions = {}): Dataset {
    return Dataset.fromDb(openDb(readableFile(path), { readonly: true }), o);
  }

  /**
   * Builds the view of the database's current version. Takes over `db`: its read transaction stays open (so
   * `report(i)` reads the same version) until `close()`.
   */
  static fromDb(db: Db, o: OpenOptions = {}): Dataset {
    try {
      db.exec('BEGIN');
      const version = datasetVersion(db); // the first read fixes the read transaction's snapshot
      // the start-up snapshot when it is of this version (a few large blobs; on a worker thread when there is
      // other work to do meanwhile), else every row
      const current = readableSnapshot(db)?.version === version;
      let parts: ViewParts | undefined;
      if (current && o.meanwhile) parts = partsInWorker(db.name, version, o.meanwhile, { always: o.worker === 'always' });
      else o.meanwhile?.();
      if (current) parts ??= snapshotParts(db.name, version);
      const { table, rowids, cells } = parts ?? rowParts(db);
      const record = db.prepare('SELECT record FROM records WHERE report = ?').pluck();
      const metrics = storedMetrics(db);
      return new Dataset(table, cells, (i) => readRecord(record.get(rowids[i]!) as Buffer, metrics), version, () => db.close());
    } catch (e) {
      db.close();
      throw e;
    }
  }

  static fromReports(reports: Report[]): Dataset {
    const sorted = [...reports].sort((a, b) => byAgency(a.agency, b.agency) || a.year - b.year);
    return new Dataset(summaryTableOf(sorted), buildMatrix(sorted), (i) => sorted[i]!, 0, undefined, Infinity);
  }

  /** Ends the view's read transaction; reports not yet cached can no longer be read. */
  close(): void { this.release(); }

  indexOf(agency: string, year: number): number | undefined {
    let found: number | undefined;
    const k = this.agencyNumber.get(agency);
    // (the last report of that agency and year, if a list in memory held two)
    for (let i = k === undefined ? -1 : this.firstOf[k]!; i >= 0; i = this.nextOfAgency[i]!) if (this.table.year[i] === year) found = i;
    return found;
  }

  /** The full report (read from the database the first time, then cached). */
  report(i: number): Report {
    let r = this.cache.get(i);
    if (r) { this.cache.delete(i); this.cache.set(i, r); return r; }
    r = this.load(i);
    this.cache.set(i, r);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
    return r;
  }

  /** The matrix column of a metric, for reading it across many reports with valueAt. */
  columnOf(metricId: string): number | undefined { return this.metricColumn.get(metricId); }

  /** One cell of one report, without opening the report. */
  value(i: number, metricId: string): CellValue {
    const col = this.metricColumn.get(metricId);
    return col === undefined ? null : this.valueAt(i, col);
  }

  valueAt(i: number, col: number): CellValue {
    const { blocks, blockOf, startOf } = this.cells;
    const block = blocks[blockOf[i]!]!;
    let v = block[startOf[i]! + col]!;
    // a plain number without making the overflow look-up (a closure per cell read shows in scans of 100,000 reports);
    // below SMALLEST_NARROW, a narrow block's sentinels are widened to the Int32 ones
    if (v >= SMALLEST_NARROW) return v;
    if (block.BYTES_PER_ELEMENT === 2) v = fromNarrow(v);
    return v >= SMALLEST ? v : decodeValue(v, () => this.overflowAt(i, col));
  }

  /** A value kept apart from the matrix (report i's overflow JSON parsed the first time one of its values is read). */
  private overflowAt(i: number, col: number): StoredValue | undefined {
    const { overflow, spilled } = this.cells;
    const json = spilled?.get(i);
    if (json) {
      spilled!.delete(i);
      for (const [j, v] of blobOverflow(json, 0)) overflow.set(i * this.width + j, v);
    }
    return overflow.get(i * this.width + col);
  }
}

/** Reads the reports of a dataset one at a time in dataset order (optionally only those `keep` selects), for tools that walk a dataset of any size. */
export function* eachReport(path: string, keep: (e: IndexEntry) => boolean = () => true): Generator<Report> {
  const db = openDb(readableFile(path), { readonly: true });
  try {
    db.exec('BEGIN'); // one version from the first report to the last
    const { table: t, rowids } = inDatasetOrder(summariesOfRows(summaryRows(db)));
    const record = db.prepare('SELECT record FROM records WHERE report = ?').pluck();
    const metrics = storedMetrics(db);
    const text = (k: number) => (k < 0 ? null : t.texts[k]!);
    for (let i = 0; i < rowids.length; i++) {
      const agency = t.agencies[t.agency[i]!]!;
      const entry: IndexEntry = { id: t.ids.get(i) ?? `${agency}-${t.year[i]}`, agency, year: t.year[i]!, file: '', publishDate: text(t.publishDate[i]!), findings: t.findings[i]!, errorRules: JSON.parse(t.texts[t.errorRules[i]!]!) as string[], address: text(t.address[i]!) };
      if (keep(entry)) yield readRecord(record.get(rowids[i]!) as Buffer, metrics);
    }
  } finally {
    db.close();
  }
}

/** Loads every report of a dataset, validating each one (small datasets and tests). */
export function loadDataset(path: string): Report[] {
  return [...eachReport(path)];
}
