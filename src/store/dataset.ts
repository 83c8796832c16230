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
import { BLANK, blobOverflow, decodeValue, encodeRow, SMALLEST, type StoredValue } from './codec.js';
import { datasetVersion, openDb, storedMetrics, type Db } from './db.js';
import { readableFile } from './location.js';
import { readRecord } from './record.js';
import { byAgency, eachSnapshotRow, snapshotAgencyOrder, snapshotSummaryChunks, snapshotVersion, SUMMARY_COLUMNS, type RowVisitor, type SummaryColumns, type SummaryRow } from './snapshot.js';

export { DatasetError } from './db.js';
export { DatasetWriter, saveReports } from './writer.js';

export const BUNDLED_DATA = resolve(projectRoot(), 'data');


/**
 * Every report's cells: report i's row starts at Int32 `startOf[i]` of `blocks[blockOf[i]]` (catalog order, one
 * Int32 per metric), so a view can keep the snapshot's blobs as they were read instead of copying each row into one
 * matrix; a matrix built in memory is one block. Values an Int32 cannot hold are in `overflow` by i × width + column.
 */
interface Cells { blocks: Int32Array[]; blockOf: Int32Array; startOf: Int32Array; overflow: Map<number, StoredValue> }

const oneBlock = (matrix: Int32Array, count: number, width: number, overflow: Map<number, StoredValue>): Cells =>
  ({ blocks: [matrix], blockOf: new Int32Array(count), startOf: Int32Array.from({ length: count }, (_, i) => i * width), overflow });

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

/**
 * Every report's summary as columns, in dataset order: an array per field instead of an object per report (500,000
 * objects took seconds of garbage collection to build at start, and their marking set the latency of later answers).
 * `ids` holds only ids other than `<agency>-<year>`.
 */
export interface SummaryTable {
  agency: string[];
  year: Int32Array;
  publishDate: Array<string | null>;
  findings: Int32Array;
  errorRules: string[][];
  address: Array<string | null>;
  ids: Map<number, string>;
}

function summaryTableOf(reports: Report[]): SummaryTable {
  const t: SummaryTable = { agency: [], year: new Int32Array(reports.length), publishDate: [], findings: new Int32Array(reports.length), errorRules: [], address: [], ids: new Map() };
  reports.forEach((r, i) => {
    t.agency.push(r.agency); t.year[i] = r.year; t.publishDate.push(r.publishDate); t.findings[i] = r.findings.length;
    t.errorRules.push([...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule))]);
    t.address.push(r.contact.address?.value ?? null);
    if (r.id !== `${r.agency}-${r.year}`) t.ids.set(i, r.id);
  });
  return t;
}

/** Equal strings as one string (agency names, addresses and dates repeat across a dataset's rows). */
function interner<T>(make: (s: string) => T = (s) => s as T): (s: string | null) => T | null {
  const seen = new Map<string, T>();
  return (s) => {
    if (s === null) return null;
    let v = seen.get(s);
    if (v === undefined) seen.set(s, (v = make(s)));
    return v;
  };
}

/**
 * Every report's summary and cells, with the full report loaded on demand. Built from a dataset file
 * (`Dataset.open`) or from reports in memory (`Dataset.fromReports`, for tests and small tools).
 */
export class Dataset {
  private readonly metricColumn = new Map<string, number>(METRIC_IDS.map((m, i) => [m, i]));
  private readonly width = METRIC_IDS.length;
  /** Each agency's first report, and after each report the agency's next one (-1: none): no map per agency. */
  private readonly firstOf = new Map<string, number>();
  private readonly nextOfAgency: Int32Array;
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
    const { agency } = table;
    this.nextOfAgency = new Int32Array(agency.length);
    for (let i = agency.length - 1; i >= 0; i--) {
      this.nextOfAgency[i] = this.firstOf.get(agency[i]!) ?? -1;
      this.firstOf.set(agency[i]!, i);
    }
  }

  get size(): number { return this.table.year.length; }

  /** Report i's agency, year, contact address and the rules its audit found errors of (dataset order). */
  agencyOf(i: number): string { return this.table.agency[i]!; }
  yearOf(i: number): number { return this.table.year[i]!; }
  addressOf(i: number): string | null { return this.table.address[i]!; }
  errorRulesOf(i: number): string[] { return this.table.errorRules[i]!; }

  /** Report i's summary as one object. */
  summary(i: number): IndexEntry {
    const t = this.table;
    const agency = t.agency[i]!, year = t.year[i]!;
    return { id: t.ids.get(i) ?? `${agency}-${year}`, agency, year, file: '', publishDate: t.publishDate[i]!, findings: t.findings[i]!, errorRules: t.errorRules[i]!, address: t.address[i]! };
  }

  /** Every report's summary as objects, in dataset order (for tools; answers read the columns). */
  get summaries(): IndexEntry[] {
    return Array.from({ length: this.size }, (_, i) => this.summary(i));
  }

  /** Opens the dataset at a directory or file (read-only). Throws a DatasetError when there is none. */
  static open(path: string): Dataset {
    return Dataset.fromDb(openDb(readableFile(path), { readonly: true }));
  }

  /**
   * Builds the view of the database's current version. Takes over `db`: its read transaction stays open (so
   * `report(i)` reads the same version) until `close()`.
   */
  static fromDb(db: Db): Dataset {
    try {
      db.exec('BEGIN');
      const version = datasetVersion(db); // the first read fixes the read transaction's snapshot
      // the start-up snapshot when it is of this version (a few large blobs), else every row
      const packed = snapshotVersion(db) === version ? snapshotReader(db, version) : undefined;
      let view;
      try {
        // the snapshot's cell blocks first: hundreds of MB arriving while the heap is still small cost few collections
        const byRow = packed ? snapshotRows(db, packed) : undefined;
        const { table, rowids, position } = inDatasetOrder(packed ? summariesOfChunks(snapshotSummaryChunks(packed)) : summariesOfRows(summaryRows(db)), packed ? snapshotAgencyOrder(packed) : null);
        const cells = byRow ? byRow(rowids) : readCells(db, position, rowids.length, (visit) => eachCellRow(db, visit));
        view = { table, rowids, cells };
      } finally {
        packed?.close();
      }
      const { table, rowids, cells } = view;
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
    // (the last report of that agency and year, if a list in memory held two)
    for (let i = this.firstOf.get(agency) ?? -1; i >= 0; i = this.nextOfAgency[i]!) if (this.table.year[i] === year) found = i;
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
    const { blocks, blockOf, startOf, overflow } = this.cells;
    const v = blocks[blockOf[i]!]![startOf[i]! + col]!;
    // a plain number without making the overflow look-up (a closure per cell read shows in scans of 100,000 reports)
    return v >= SMALLEST ? v : decodeValue(v, () => overflow.get(i * this.width + col));
  }
}

/**
 * A second connection to read the snapshot through memory-mapped I/O (several times faster for large blobs than
 * page reads), closed once read so the mapped pages leave the process; undefined when it does not see `version`
 * (an ingest committed in between: the rows are read instead).
 */
function snapshotReader(db: Db, version: number): Db | undefined {
  const reader = openDb(db.name, { readonly: true });
  try {
    reader.pragma('mmap_size = 4294967296');
    reader.exec('BEGIN');
    if (datasetVersion(reader) === version && snapshotVersion(reader) === version) return reader;
  } catch { /* the rows path reads it */ }
  reader.close();
  return undefined;
}

/** Every report's summary columns, from the table. */
const summaryRows = (db: Db) => db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM reports`).raw().iterate() as IterableIterator<SummaryRow>;
/** Every report's matrix row, from the table. */
function eachCellRow(db: Db, visit: RowVisitor): void {
  for (const [rowid, blob] of db.prepare('SELECT report, cells FROM matrix_rows').raw().iterate() as IterableIterator<[number, Buffer]>) {
    const aligned = blob.byteOffset % 4 === 0 ? blob : new Uint8Array(blob);
    visit(rowid, new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2), 0, blob.byteLength);
  }
}

/** The summaries as read (row id order), as columns, with each one's database row id. */
interface ReadSummaries { read: SummaryTable; readRowids: number[] }

const emptyRead = (): ReadSummaries => ({ read: { agency: [], year: new Int32Array(0), publishDate: [], findings: new Int32Array(0), errorRules: [], address: [], ids: new Map() }, readRowids: [] });

/** Every report's summary (in the order read) and its database row id, from the table's rows. */
function summariesOfRows(rows: Iterable<SummaryRow>): ReadSummaries {
  const agency = interner<string>();
  const text = interner<string>();
  const rules = interner<string[]>((s) => JSON.parse(s) as string[]);
  const { read, readRowids } = emptyRead();
  const years: number[] = [], findingCounts: number[] = [];
  for (const [rowid, id, a, year, publishDate, findings, errorRules, address] of rows) {
    const name = agency(a)!;
    if (id !== `${name}-${year}`) read.ids.set(readRowids.length, id);
    read.agency.push(name); years.push(year); read.publishDate.push(text(publishDate)); findingCounts.push(findings);
    read.errorRules.push(rules(errorRules)!); read.address.push(text(address));
    readRowids.push(rowid);
  }
  read.year = Int32Array.from(years);
  read.findings = Int32Array.from(findingCounts);
  return { read, readRowids };
}

/**
 * The same from the snapshot's chunks: each chunk's strings are interned once (not once per report), and each
 * error-rule list parsed once, so equal values are one object across the dataset as on the rows path.
 */
function summariesOfChunks(chunks: Iterable<SummaryColumns>): ReadSummaries {
  const text = interner<string>();
  const rules = interner<string[]>((s) => JSON.parse(s) as string[]);
  const { read, readRowids } = emptyRead();
  const years: number[] = [], findingCounts: number[] = [];
  for (const c of chunks) {
    const strings = c.strings.map((s) => text(s)!);
    const ruleLists = new Map<number, string[]>();
    const ruleList = (k: number) => { let l = ruleLists.get(k); if (!l) ruleLists.set(k, (l = rules(c.strings[k]!)!)); return l; };
    for (let k = 0; k < c.rowid.length; k++) {
      const publishDate = c.publishDate[k]!, address = c.address[k]!;
      const id = c.ids[k];
      if (id !== undefined) read.ids.set(readRowids.length, id);
      read.agency.push(strings[c.agency[k]!]!); years.push(c.year[k]!);
      read.publishDate.push(publishDate < 0 ? null : strings[publishDate]!); findingCounts.push(c.findings[k]!);
      read.errorRules.push(ruleList(c.errorRules[k]!)); read.address.push(address < 0 ? null : strings[address]!);
      readRowids.push(c.rowid[k]!);
    }
  }
  read.year = Int32Array.from(years);
  read.findings = Int32Array.from(findingCounts);
  return { read, readRowids };
}

/** The summaries in dataset order, with each one's database row id and each row id's position. */
function inDatasetOrder({ read, readRowids }: ReadSummaries, sortedAgencies: string[] | null = null): { table: SummaryTable; rowids: Float64Array; position: Int32Array } {
  // dataset order: agencies by Chinese collation (sorted once per distinct agency, not per report), then year —
  // as one number per report (rank, year, read position) sorted natively, since a comparator is slow at 500,000
  // (the snapshot's agencies are already in that order when it holds every agency read)
  const n = readRowids.length;
  let rank = sortedAgencies ? new Map(sortedAgencies.map((a, i) => [a, i])) : undefined;
  if (!rank || read.agency.some((a) => !rank!.has(a))) rank = new Map([...new Set(read.agency)].sort(byAgency).map((a, i) => [a, i]));
  // (exact below 2^53: up to 4 million reports and agencies, years 1900–2155)
  const keys = new Float64Array(n);
  for (let k = 0; k < n; k++) keys[k] = (rank.get(read.agency[k]!)! * 256 + (read.year[k]! - 1900)) * 2 ** 22 + k;
  keys.sort();
  const table: SummaryTable = { agency: new Array(n), year: new Int32Array(n), publishDate: new Array(n), findings: new Int32Array(n), errorRules: new Array(n), address: new Array(n), ids: new Map() };
  const rowids = new Float64Array(n);
  const position = new Int32Array(readRowids.reduce((m, x) => (x > m ? x : m), 0) + 1).fill(-1);
  for (let i = 0; i < n; i++) {
    const k = keys[i]! % 2 ** 22;
    table.agency[i] = read.agency[k]!; table.year[i] = read.year[k]!; table.publishDate[i] = read.publishDate[k]!;
    table.findings[i] = read.findings[k]!; table.errorRules[i] = read.errorRules[k]!; table.address[i] = read.address[k]!;
    const id = read.ids.get(k);
    if (id !== undefined) table.ids.set(i, id);
    rowids[i] = readRowids[k]!;
    position[readRowids[k]!] = i;
  }
  return { table, rowids, position };
}

/**
 * Every report's cells blob, copied straight into its row of one matrix in catalog order. Blobs stored in the
 * catalog's order (the usual case) are copied whole; a file whose metric order differs is mapped column by column.
 */
function readCells(db: Db, position: Int32Array, count: number, each: (visit: RowVisitor) => void): Cells {
  const width = METRIC_IDS.length;
  const stored = storedMetrics(db);
  const sameOrder = stored.length >= width && METRIC_IDS.every((id, j) => stored[j] === id);
  const columnOf = stored.map((id) => METRIC_IDS.indexOf(id)); // -1: a metric this catalog no longer has
  const matrix = new Int32Array(count * width).fill(BLANK); // a cell a row does not store is blank, never 0
  const overflow = new Map<number, StoredValue>();
  each((rowid, chunk, at, bytes) => {
    const i = position[rowid]!;
    const n = Math.min(stored.length, bytes >> 2);
    if (sameOrder) matrix.set(chunk.subarray(at, at + Math.min(n, width)), i * width);
    else for (let j = 0; j < n; j++) if (columnOf[j]! >= 0) matrix[i * width + columnOf[j]!] = chunk[at + j]!;
    if (bytes > stored.length * 4) {
      const blob = new Uint8Array(chunk.buffer, chunk.byteOffset + at * 4, bytes);
      for (const [j, v] of blobOverflow(blob, stored.length)) if (columnOf[j]! >= 0) overflow.set(i * width + columnOf[j]!, v);
    }
  });
  return oneBlock(matrix, count, width, overflow);
}

/**
 * The cells from the snapshot's chunks, each chunk kept as the block it was read into (no copy per report) when the
 * file stores the catalog's metrics in its order; a row shorter than that (written by a shorter catalog) gets a
 * block of its own padded with blanks, and a report without a row reads blank. Otherwise: readCells.
 */
function snapshotRows(db: Db, packed: Db): (rowids: Float64Array) => Cells {
  const width = METRIC_IDS.length;
  const stored = storedMetrics(db);
  if (stored.length !== width || !METRIC_IDS.every((id, j) => stored[j] === id)) {
    return (rowids) => readCells(db, positionOf(rowids), rowids.length, (visit) => eachSnapshotRow(packed, visit));
  }
  const blocks: Int32Array[] = [new Int32Array(width).fill(BLANK)]; // block 0: the blank row
  // by row id first (the dataset order is known once the summaries are read), then by dataset index
  const blockOfRow: number[] = [];
  const startOfRow: number[] = [];
  const overflowOfRow = new Map<number, Map<number, StoredValue>>();
  let last: Int32Array | undefined;
  let lastBlock = 0;
  eachSnapshotRow(packed, (rowid, chunk, at, bytes) => {
    if (chunk !== last) { last = chunk; lastBlock = blocks.push(chunk) - 1; }
    if (bytes >= width * 4) {
      blockOfRow[rowid] = lastBlock;
      startOfRow[rowid] = at;
    } else {
      const row = new Int32Array(width).fill(BLANK);
      row.set(chunk.subarray(at, at + (bytes >> 2)));
      blockOfRow[rowid] = blocks.push(row) - 1;
      startOfRow[rowid] = 0;
    }
    if (bytes > width * 4) overflowOfRow.set(rowid, blobOverflow(new Uint8Array(chunk.buffer, chunk.byteOffset + at * 4, bytes), width));
  });
  return (rowids) => {
    const blockOf = new Int32Array(rowids.length);
    const startOf = new Int32Array(rowids.length);
    const overflow = new Map<number, StoredValue>();
    rowids.forEach((rowid, i) => {
      blockOf[i] = blockOfRow[rowid] ?? 0; // a report without a row reads blank
      startOf[i] = startOfRow[rowid] ?? 0;
      const spilled = overflowOfRow.get(rowid);
      if (spilled) for (const [j, v] of spilled) overflow.set(i * width + j, v);
    });
    return { blocks, blockOf, startOf, overflow };
  };
}

function positionOf(rowids: Float64Array): Int32Array {
  const position = new Int32Array(rowids.reduce((m, x) => (x > m ? x : m), 0) + 1).fill(-1);
  rowids.forEach((rowid, i) => { position[rowid] = i; });
  return position;
}

/** Reads the reports of a dataset one at a time in dataset order (optionally only those `keep` selects), for tools that walk a dataset of any size. */
export function* eachReport(path: string, keep: (e: IndexEntry) => boolean = () => true): Generator<Report> {
  const db = openDb(readableFile(path), { readonly: true });
  try {
    db.exec('BEGIN'); // one version from the first report to the last
    const { table, rowids } = inDatasetOrder(summariesOfRows(summaryRows(db)));
    const record = db.prepare('SELECT record FROM records WHERE report = ?').pluck();
    const metrics = storedMetrics(db);
    for (let i = 0; i < rowids.length; i++) {
      const entry: IndexEntry = { id: table.ids.get(i) ?? `${table.agency[i]}-${table.year[i]}`, agency: table.agency[i]!, year: table.year[i]!, file: '', publishDate: table.publishDate[i]!, findings: table.findings[i]!, errorRules: table.errorRules[i]!, address: table.address[i]! };
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
