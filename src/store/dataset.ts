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

function summary(r: Report): IndexEntry {
  return {
    id: r.id, agency: r.agency, year: r.year, file: '', publishDate: r.publishDate, findings: r.findings.length,
    errorRules: [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule))],
    address: r.contact.address?.value ?? null,
  };
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
  private readonly byAgency = new Map<string, Map<number, number>>();
  private readonly cache = new Map<number, Report>();

  private constructor(
    readonly summaries: IndexEntry[],
    private readonly cells: Cells,
    private readonly load: (i: number) => Report,
    /** The committed dataset version this view shows (0 for reports in memory). */
    readonly version: number,
    private readonly release: () => void = () => undefined,
    private readonly cacheSize = 64,
  ) {
    summaries.forEach((s, i) => {
      let years = this.byAgency.get(s.agency);
      if (!years) this.byAgency.set(s.agency, (years = new Map()));
      years.set(s.year, i);
    });
  }

  get size(): number { return this.summaries.length; }

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
        const { summaries, rowids, position } = inDatasetOrder(packed ? summariesOfChunks(snapshotSummaryChunks(packed)) : summariesOfRows(summaryRows(db)), packed ? snapshotAgencyOrder(packed) : null);
        const cells = byRow ? byRow(rowids) : readCells(db, position, summaries.length, (visit) => eachCellRow(db, visit));
        view = { summaries, rowids, cells };
      } finally {
        packed?.close();
      }
      const { summaries, rowids, cells } = view;
      const record = db.prepare('SELECT record FROM records WHERE report = ?').pluck();
      const metrics = storedMetrics(db);
      return new Dataset(summaries, cells, (i) => readRecord(record.get(rowids[i]!) as Buffer, metrics), version, () => db.close());
    } catch (e) {
      db.close();
      throw e;
    }
  }

  static fromReports(reports: Report[]): Dataset {
    const sorted = [...reports].sort((a, b) => byAgency(a.agency, b.agency) || a.year - b.year);
    return new Dataset(sorted.map(summary), buildMatrix(sorted), (i) => sorted[i]!, 0, undefined, Infinity);
  }

  /** Ends the view's read transaction; reports not yet cached can no longer be read. */
  close(): void { this.release(); }

  indexOf(agency: string, year: number): number | undefined { return this.byAgency.get(agency)?.get(year); }

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

interface ReadSummaries { read: IndexEntry[]; readRowids: number[] }

/** Every report's summary (in the order read) and its database row id, from the table's rows. */
function summariesOfRows(rows: Iterable<SummaryRow>): ReadSummaries {
  const agency = interner<string>();
  const text = interner<string>();
  const rules = interner<string[]>((s) => JSON.parse(s) as string[]);
  const read: IndexEntry[] = [];
  const readRowids: number[] = [];
  for (const [rowid, id, a, year, publishDate, findings, errorRules, address] of rows) {
    read.push({ id, agency: agency(a)!, year, file: '', publishDate: text(publishDate), findings, errorRules: rules(errorRules)!, address: text(address) });
    readRowids.push(rowid);
  }
  return { read, readRowids };
}

/**
 * The same from the snapshot's chunks: each chunk's strings are interned once (not once per report), and each
 * error-rule list parsed once, so equal values are one object across the dataset as on the rows path.
 */
function summariesOfChunks(chunks: Iterable<SummaryColumns>): ReadSummaries {
  const text = interner<string>();
  const rules = interner<string[]>((s) => JSON.parse(s) as string[]);
  const read: IndexEntry[] = [];
  const readRowids: number[] = [];
  for (const c of chunks) {
    const strings = c.strings.map((s) => text(s)!);
    const ruleLists = new Map<number, string[]>();
    const ruleList = (k: number) => { let l = ruleLists.get(k); if (!l) ruleLists.set(k, (l = rules(c.strings[k]!)!)); return l; };
    for (let k = 0; k < c.rowid.length; k++) {
      const agency = strings[c.agency[k]!]!;
      const year = c.year[k]!;
      const publishDate = c.publishDate[k]!, address = c.address[k]!;
      read.push({ id: c.ids[k] ?? `${agency}-${year}`, agency, year, file: '', publishDate: publishDate < 0 ? null : strings[publishDate]!, findings: c.findings[k]!, errorRules: ruleList(c.errorRules[k]!), address: address < 0 ? null : strings[address]! });
      readRowids.push(c.rowid[k]!);
    }
  }
  return { read, readRowids };
}

/** The summaries in dataset order, with each one's database row id and each row id's position. */
function inDatasetOrder({ read, readRowids }: ReadSummaries, sortedAgencies: string[] | null = null): { summaries: IndexEntry[]; rowids: Float64Array; position: Int32Array } {
  // dataset order: agencies by Chinese collation (sorted once per distinct agency, not per report), then year —
  // as one number per report (rank, year, read position) sorted natively, since a comparator is slow at 500,000
  // (the snapshot's agencies are already in that order when it holds every agency read)
  let rank = sortedAgencies ? new Map(sortedAgencies.map((a, i) => [a, i])) : undefined;
  if (!rank || read.some((r) => !rank!.has(r.agency))) rank = new Map([...new Set(read.map((r) => r.agency))].sort(byAgency).map((a, i) => [a, i]));
  // (exact below 2^53: up to 4 million reports and agencies, years 1900–2155)
  const keys = Float64Array.from(read, (r, k) => (rank.get(r.agency)! * 256 + (r.year - 1900)) * 2 ** 22 + k).sort();
  const summaries: IndexEntry[] = new Array(read.length);
  const rowids = new Float64Array(read.length);
  const position = new Int32Array(readRowids.reduce((m, x) => (x > m ? x : m), 0) + 1).fill(-1);
  keys.forEach((key, i) => {
    const k = key % 2 ** 22;
    summaries[i] = read[k]!;
    rowids[i] = readRowids[k]!;
    position[readRowids[k]!] = i;
  });
  return { summaries, rowids, position };
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
      for (const [j, v] of overflowOfRow.get(rowid) ?? []) overflow.set(i * width + j, v);
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
    const { summaries, rowids } = inDatasetOrder(summariesOfRows(summaryRows(db)));
    const record = db.prepare('SELECT record FROM records WHERE report = ?').pluck();
    const metrics = storedMetrics(db);
    for (let i = 0; i < summaries.length; i++) if (keep(summaries[i]!)) yield readRecord(record.get(rowids[i]!) as Buffer, metrics);
  } finally {
    db.close();
  }
}

/** Loads every report of a dataset, validating each one (small datasets and tests). */
export function loadDataset(path: string): Report[] {
  return [...eachReport(path)];
}
