/**
 * The parts of a dataset view read from the file: every report's summary as columns and every report's matrix
 * row, in dataset order (agencies by Chinese collation, then year). Read from the start-up snapshot when it is of
 * the version read, else from the rows. Kept apart from the Dataset class, with few imports, so a worker thread
 * can build them (snapshot-worker.ts) while the main thread loads other things (the tokenizer's dictionary).
 */
import { METRIC_IDS } from '../catalog/metrics.js';
import { BLANK, blobOverflow, fromNarrow, type StoredValue } from './codec.js';
import { datasetVersion, openDb, storedMetrics, type Db } from './db.js';
import { byAgency, eachSnapshotRow, readableSnapshot, snapshotAgencies, snapshotSummaryChunks, SUMMARY_COLUMNS, type RowVisitor, type SummaryChunk, type SummaryRow } from './snapshot.js';

/**
 * Every report's cells: report i's row starts at element `startOf[i]` of `blocks[blockOf[i]]` (catalog order, one
 * Int32 per metric — or one Int16 in a narrow block, codec.ts), so a view can keep the snapshot's blobs as they were
 * read instead of copying each row into one matrix; a matrix built in memory is one block. Values an Int32 cannot
 * hold are in `overflow` by i × width + column.
 */
export interface Cells {
  blocks: Array<Int32Array | Int16Array>;
  blockOf: Int32Array;
  startOf: Int32Array;
  overflow: Map<number, StoredValue>;
  /**
   * Report i's overflow values not yet in `overflow`: the JSON object {column: value} as stored (UTF-8), parsed
   * when one of its values is first read — 40,000 rows of 500,000 hold a decimal, and parsing them all at start
   * cost a tenth of a second.
   */
  spilled?: Map<number, Uint8Array>;
}

export const oneBlock = (matrix: Int32Array, count: number, width: number, overflow: Map<number, StoredValue>): Cells =>
  ({ blocks: [matrix], blockOf: new Int32Array(count), startOf: Int32Array.from({ length: count }, (_, i) => i * width), overflow });

/**
 * Every report's summary as columns: numbers in typed arrays and strings as indices into two lists (agency names,
 * and other texts: publish dates, addresses, error-rule lists as JSON; -1 = null). No array of 500,000 strings or
 * objects: building those took seconds of garbage collection at start, and marking them set later answers' latency.
 * `ids` holds only ids other than `<agency>-<year>`.
 */
export interface SummaryTable {
  agencies: string[];
  agency: Int32Array;
  year: Int32Array;
  findings: Int32Array;
  texts: string[];
  publishDate: Int32Array;
  errorRules: Int32Array;
  address: Int32Array;
  ids: Map<number, string>;
}

/** Builds a table one report at a time, each distinct agency and text stored once. */
export function tableBuilder(): { push: (agency: string, year: number, publishDate: string | null, findings: number, errorRules: string, address: string | null, id: string) => void; table: () => SummaryTable } {
  const agencies: string[] = [], texts: string[] = [];
  const agencyNumber = new Map<string, number>(), textIndex = new Map<string, number>();
  const agency: number[] = [], year: number[] = [], findings: number[] = [], publishDate: number[] = [], errorRules: number[] = [], address: number[] = [];
  const ids = new Map<number, string>();
  const text = (s: string | null) => {
    if (s === null) return -1;
    let k = textIndex.get(s);
    if (k === undefined) { textIndex.set(s, (k = texts.length)); texts.push(s); }
    return k;
  };
  return {
    push(a, y, date, f, rules, addr, id) {
      let k = agencyNumber.get(a);
      if (k === undefined) { agencyNumber.set(a, (k = agencies.length)); agencies.push(a); }
      if (id !== `${a}-${y}`) ids.set(agency.length, id);
      agency.push(k); year.push(y); findings.push(f); publishDate.push(text(date)); errorRules.push(text(rules)); address.push(text(addr));
    },
    table: () => ({
      agencies, texts, ids, agency: Int32Array.from(agency), year: Int32Array.from(year), findings: Int32Array.from(findings),
      publishDate: Int32Array.from(publishDate), errorRules: Int32Array.from(errorRules), address: Int32Array.from(address),
    }),
  };
}

/** The summaries as read (row id order), their database row ids, and each agency's rank in dataset order (null: to sort). */
interface ReadSummaries { read: SummaryTable; readRowids: Float64Array; rank: Int32Array | null }

/** Every report's summary from the table's rows. */
export function summariesOfRows(rows: Iterable<SummaryRow>): ReadSummaries {
  const b = tableBuilder();
  const rowids: number[] = [];
  for (const [rowid, id, a, year, publishDate, findings, errorRules, address] of rows) {
    b.push(a, year, publishDate, findings, errorRules, address, id);
    rowids.push(rowid);
  }
  return { read: b.table(), readRowids: Float64Array.from(rowids), rank: null };
}

/**
 * The same from the snapshot's chunks: their columns copied into one typed array each, their texts appended to
 * one list (a chunk's text indices shifted by the texts before it; keeping each text once across chunks cost
 * ≈0.5 s at 500,000 reports, hashing 300,000 fresh strings), agencies by the snapshot's numbers and ranks.
 */
function summariesOfChunks(chunks: Iterable<SummaryChunk>, agencies: string[], rank: Int32Array | null): ReadSummaries {
  const list = [...chunks];
  const n = list.reduce((s, c) => s + c.n, 0);
  const t: SummaryTable = { agencies, texts: [], ids: new Map(), agency: new Int32Array(n), year: new Int32Array(n), findings: new Int32Array(n), publishDate: new Int32Array(n), errorRules: new Int32Array(n), address: new Int32Array(n) };
  const readRowids = new Float64Array(n);
  let at = 0;
  for (const c of list) {
    const base = t.texts.length;
    for (const s of c.texts) t.texts.push(s);
    readRowids.set(c.rowid, at); t.agency.set(c.agency, at); t.year.set(c.year, at); t.findings.set(c.findings, at);
    for (let k = 0; k < c.n; k++) {
      const date = c.publishDate[k]!, address = c.address[k]!;
      t.publishDate[at + k] = date < 0 ? -1 : base + date;
      t.address[at + k] = address < 0 ? -1 : base + address;
      t.errorRules[at + k] = base + c.errorRules[k]!;
    }
    for (const [k, id] of Object.entries(c.ids)) t.ids.set(at + Number(k), id);
    at += c.n;
  }
  return { read: t, readRowids, rank };
}

/** Each agency's rank in Chinese collation order. */
function rankBySorting(agencies: string[]): Int32Array {
  const order = agencies.map((_, k) => k).sort((x, y) => byAgency(agencies[x]!, agencies[y]!));
  const rank = new Int32Array(agencies.length);
  order.forEach((k, r) => { rank[k] = r; });
  return rank;
}

/**
 * The summaries in dataset order — agencies by rank, each agency's reports by year, equal years as read — with each
 * one's database row id. Counted into place (agencies have a handful of reports each), not sorted: a sort of
 * 500,000 keys, and a look-up of each report's agency name, cost a noticeable part of start-up.
 */
export function inDatasetOrder({ read, readRowids, rank: known }: ReadSummaries): { table: SummaryTable; rowids: Float64Array } {
  const n = readRowids.length;
  const rank = known ?? rankBySorting(read.agencies);
  const start = new Int32Array(rank.length + 1);
  for (let k = 0; k < n; k++) start[rank[read.agency[k]!]! + 1]!++;
  for (let r = 0; r < rank.length; r++) start[r + 1]! += start[r]!;
  const next = start.slice(0, rank.length);
  const order = new Int32Array(n); // dataset position → read position
  for (let k = 0; k < n; k++) order[next[rank[read.agency[k]!]!]!++] = k;
  // each agency's run by year (stable insertion sort: runs are short and usually in order already)
  for (let r = 0; r < rank.length; r++) {
    for (let i = start[r]! + 1; i < start[r + 1]!; i++) {
      const k = order[i]!, y = read.year[k]!;
      let j = i - 1;
      while (j >= start[r]! && read.year[order[j]!]! > y) { order[j + 1] = order[j]!; j--; }
      order[j + 1] = k;
    }
  }
  const pick = (column: Int32Array) => { const out = new Int32Array(n); for (let i = 0; i < n; i++) out[i] = column[order[i]!]!; return out; };
  const rowids = new Float64Array(n);
  const ids = new Map<number, string>();
  if (read.ids.size) {
    const position = new Int32Array(n);
    for (let i = 0; i < n; i++) position[order[i]!] = i;
    for (const [k, id] of read.ids) ids.set(position[k]!, id);
  }
  for (let i = 0; i < n; i++) rowids[i] = readRowids[order[i]!]!;
  const table: SummaryTable = {
    agencies: read.agencies, texts: read.texts, ids,
    agency: pick(read.agency), year: pick(read.year), findings: pick(read.findings), publishDate: pick(read.publishDate), errorRules: pick(read.errorRules), address: pick(read.address),
  };
  return { table, rowids };
}

/** Each row id's position in dataset order (-1: none). */
function positionOf(rowids: Float64Array): Int32Array {
  const position = new Int32Array(rowids.reduce((m, x) => (x > m ? x : m), 0) + 1).fill(-1);
  rowids.forEach((rowid, i) => { position[rowid] = i; });
  return position;
}

/** Every report's matrix row, from the table. */
function eachCellRow(db: Db, visit: RowVisitor): void {
  for (const [rowid, blob] of db.prepare('SELECT report, cells FROM matrix_rows').raw().iterate() as IterableIterator<[number, Buffer]>) {
    const aligned = blob.byteOffset % 4 === 0 ? blob : new Uint8Array(blob);
    visit(rowid, new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2), 0, blob.byteLength);
  }
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
    const size = chunk.BYTES_PER_ELEMENT;
    const n = Math.min(stored.length, Math.floor(bytes / size));
    if (sameOrder && size === 4) matrix.set(chunk.subarray(at, at + Math.min(n, width)), i * width);
    else for (let j = 0; j < n; j++) if (columnOf[j]! >= 0) matrix[i * width + columnOf[j]!] = size === 2 ? fromNarrow(chunk[at + j]!) : chunk[at + j]!;
    if (bytes > stored.length * size) {
      const blob = new Uint8Array(chunk.buffer, chunk.byteOffset + at * size, bytes);
      for (const [j, v] of blobOverflow(blob, stored.length, size)) if (columnOf[j]! >= 0) overflow.set(i * width + columnOf[j]!, v);
    }
  });
  return oneBlock(matrix, count, width, overflow);
}

/**
 * The cells from the snapshot's chunks, each chunk kept as the block it was read into (no copy per report) when the
 * file stores the catalog's metrics in its order; a row shorter than that (written by a shorter catalog) gets a
 * block of its own padded with blanks, and a report without a row reads blank. Otherwise: readCells.
 */
function snapshotRows(db: Db, packed: Db, format: number): (rowids: Float64Array) => Cells {
  const width = METRIC_IDS.length;
  const stored = storedMetrics(db);
  if (stored.length !== width || !METRIC_IDS.every((id, j) => stored[j] === id)) {
    return (rowids) => readCells(db, positionOf(rowids), rowids.length, (visit) => eachSnapshotRow(packed, format, visit));
  }
  const blocks: Cells['blocks'] = [new Int32Array(width).fill(BLANK)]; // block 0: the blank row
  // by row id first (the dataset order is known once the summaries are read), then by dataset index
  const rows = (packed.prepare('SELECT MAX(id) FROM reports').pluck().get() as number | null) ?? -1;
  const blockOfRow = new Int32Array(rows + 1); // 0: no row, reads blank
  const startOfRow = new Int32Array(rows + 1);
  // a row's overflow JSON as it is in its block, parsed when a value of it is first read (Dataset.valueAt)
  const spilledOfRow = new Map<number, Uint8Array>();
  let last: Int32Array | Int16Array | undefined;
  let lastBlock = 0;
  eachSnapshotRow(packed, format, (rowid, chunk, at, bytes) => {
    if (rowid < 0 || rowid > rows) return; // (never so: a chunk holds only the reports' rows)
    if (chunk !== last) { last = chunk; lastBlock = blocks.push(chunk) - 1; }
    const size = chunk.BYTES_PER_ELEMENT;
    if (bytes >= width * size) {
      blockOfRow[rowid] = lastBlock;
      startOfRow[rowid] = at;
    } else {
      const row = new Int32Array(width).fill(BLANK);
      for (let j = 0; j < bytes / size; j++) row[j] = size === 2 ? fromNarrow(chunk[at + j]!) : chunk[at + j]!;
      blockOfRow[rowid] = blocks.push(row) - 1;
      startOfRow[rowid] = 0;
    }
    if (bytes > width * size) spilledOfRow.set(rowid, new Uint8Array(chunk.buffer, chunk.byteOffset + at * size + width * size, bytes - width * size));
  });
  return (rowids) => {
    const blockOf = new Int32Array(rowids.length);
    const startOf = new Int32Array(rowids.length);
    const spilled = new Map<number, Uint8Array>();
    for (let i = 0; i < rowids.length; i++) {
      const rowid = rowids[i]!;
      if (rowid > rows) continue; // a report without a row reads blank
      blockOf[i] = blockOfRow[rowid]!;
      startOf[i] = startOfRow[rowid]!;
      const json = spilledOfRow.get(rowid);
      if (json) spilled.set(i, json);
    }
    return { blocks, blockOf, startOf, overflow: new Map(), spilled };
  };
}

/**
 * A second connection to read the snapshot through memory-mapped I/O (several times faster for large blobs than
 * page reads), closed once read so the mapped pages leave the process; undefined when it does not see `version`
 * (an ingest committed in between: the rows are read instead).
 */
function snapshotReader(file: string, version: number): { reader: Db; format: number } | undefined {
  const reader = openDb(file, { readonly: true });
  try {
    reader.pragma('mmap_size = 4294967296');
    reader.exec('BEGIN');
    const snapshot = readableSnapshot(reader);
    if (datasetVersion(reader) === version && snapshot?.version === version) return { reader, format: snapshot.format };
  } catch { /* the rows path reads it */ }
  reader.close();
  return undefined;
}

export interface ViewParts { table: SummaryTable; rowids: Float64Array; cells: Cells }

/**
 * The view of `version` from the start-up snapshot, read on a connection of its own; undefined when the snapshot
 * is not of that version (or that version is no longer the file's: then the caller reads the rows).
 */
export function snapshotParts(file: string, version: number): ViewParts | undefined {
  const opened = snapshotReader(file, version);
  if (!opened) return undefined;
  const packed = opened.reader;
  try {
    // the cell blocks first: hundreds of MB arriving while the heap is still small cost few collections
    const byRow = snapshotRows(packed, packed, opened.format);
    const { names, rank } = snapshotAgencies(packed);
    const { table, rowids } = inDatasetOrder(summariesOfChunks(snapshotSummaryChunks(packed), names, rank));
    return { table, rowids, cells: byRow(rowids) };
  } finally {
    packed.close();
  }
}

/** The view of the version `db`'s open read transaction sees, from its rows. */
export function rowParts(db: Db): ViewParts {
  const { table, rowids } = inDatasetOrder(summariesOfRows(summaryRows(db)));
  return { table, rowids, cells: readCells(db, positionOf(rowids), rowids.length, (visit) => eachCellRow(db, visit)) };
}

/** Every report's summary columns, from the table. */
export const summaryRows = (db: Db) => db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM reports`).raw().iterate() as IterableIterator<SummaryRow>;
