/**
 * The start-up snapshot: what a view of the dataset needs (every report's summary columns and its matrix row),
 * packed into a few large blobs so a view is built from ~100 blob reads instead of a million row reads.
 *
 * Reports are grouped by row id into chunks of CHUNK_ROWS; each chunk holds its reports' summary columns (binary
 * Int32 columns beside the chunk's distinct strings) and their `matrix_rows.cells` blobs side by side. Agencies are
 * numbers: `snapshot_agencies` lists their names (append only, so a chunk's numbers stay valid when agencies are
 * added) with each one's rank in the dataset's order, so a reader orders the reports by counting, without a sort
 * and without looking a name up per report. A writer rewrites only the chunks its batch touched, in the batch's
 * transaction, and marks the snapshot as current for the version it commits (`snapshot_state`). A reader uses the
 * chunks only when that mark equals the version it reads and the layout is this one; otherwise (a file written by
 * an older disclosure-bot, a migrated folder) it reads the rows, as before, and the next ingest (or `init`) rebuilds
 * every chunk.
 *
 * The tables are a cache derived from `reports` and `matrix_rows`, created by the first writer that fills them, so
 * files without them stay readable and the schema version is unchanged.
 */
import { fitsNarrow, toNarrow } from './codec.js';
import { storedMetrics, type Db } from './db.js';

/** Reports per chunk: a chunk's cells are ~3.4 MB at 207 cells a report. */
export const CHUNK_ROWS = 4096;

/** One report as its view needs it: the columns readSummaries reads, in its order. */
export type SummaryRow = [rowid: number, reportId: string, agency: string, year: number, publishDate: string | null, findings: number, errorRules: string, address: string | null];

const EMPTY = new Uint8Array(0);

export const SUMMARY_COLUMNS = 'id, report_id, agency, year, publish_date, findings, error_rules, address';

export function hasSnapshotTables(db: Db): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'snapshot_state'").get());
}

/**
 * The layout of the chunks. 1: summaries as JSON per chunk, agencies sorted at start. 2: binary columns and
 * numbered, ranked agencies. 3: as 2, each chunk's cells Int16 when all of them fit (a header gives the width).
 * A writer rebuilds a snapshot of another layout than FORMAT; a reader reads the layouts in READABLE (a file last
 * written by the previous disclosure-bot starts fast too) and the rows otherwise.
 */
export const FORMAT = 3;
const READABLE = new Set([2, 3]);

function snapshotState(db: Db): { version: number; format: number } | null {
  if (!hasSnapshotTables(db)) return null;
  return (db.prepare('SELECT version, format FROM snapshot_state WHERE id = 1').get() as { version: number; format: number } | undefined) ?? null;
}

/** The dataset version the chunks are complete for in this layout (null: none, or of another layout): what a writer builds on. */
export function snapshotVersion(db: Db): number | null {
  const state = snapshotState(db);
  return state?.format === FORMAT ? state.version : null;
}

/** The version and layout of a snapshot this code can read (null: none, or of a layout it cannot). */
export function readableSnapshot(db: Db): { version: number; format: number } | null {
  const state = snapshotState(db);
  return state && READABLE.has(state.format) ? state : null;
}

/** Sorts agency names as the dataset does (Chinese collation). */
export const byAgency = new Intl.Collator('zh').compare;

/** The snapshot's agencies: names by number, and each number's rank in the dataset's order (null: not known). */
export interface SnapshotAgencies { names: string[]; rank: Int32Array | null }

/**
 * The agencies by number, with their ranks when they were sorted by the same collation data (ICU version) as this
 * process has (sorting 50,000 names with a collator costs a second).
 */
export function snapshotAgencies(db: Db): SnapshotAgencies {
  const row = db.prepare('SELECT icu, names, ranks FROM snapshot_agencies WHERE id = 1').get() as { icu: string; names: string; ranks: Buffer } | undefined;
  if (!row) return { names: [], rank: null };
  const names = JSON.parse(row.names) as string[];
  const rank = row.icu === (process.versions.icu ?? '') && row.ranks.byteLength === names.length * 4 ? Int32Array.from(int32s(row.ranks)) : null;
  return { names, rank };
}

/** The agencies in the dataset's order, as the snapshot keeps them (null: of other collation data). */
export function snapshotAgencyOrder(db: Db): string[] | null {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'snapshot_agencies'").get()) return null;
  const { names, rank } = snapshotAgencies(db);
  if (!rank) return null;
  const order = new Array<string>(names.length);
  names.forEach((n, k) => { order[rank[k]!] = n; });
  return order;
}

/** An Int32 view of a blob (copied when it is not 4-byte aligned, as small blobs from a shared pool may be). */
function int32s(b: Uint8Array): Int32Array {
  const aligned = b.byteOffset % 4 === 0 ? b : new Uint8Array(b);
  return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
}

/**
 * A chunk's summaries: `n` reports' Int32 columns (row id, agency number, year, publish date, findings, error
 * rules, address — strings as indices into `texts`, -1 for null) and ids other than `<agency>-<year>` by position.
 */
export interface SummaryChunk { n: number; rowid: Int32Array; agency: Int32Array; year: Int32Array; publishDate: Int32Array; findings: Int32Array; errorRules: Int32Array; address: Int32Array; texts: string[]; ids: Record<number, string> }

const COLUMN_COUNT = 7;
const HEADER = 4; // n, bytes of the texts' JSON, bytes of the ids' JSON, (reserved)

/** Layout: header, the seven columns, the texts as a JSON array, the ids as a JSON object (UTF-8). */
function packSummaries(rows: SummaryRow[], agencyNumber: (name: string) => number): Buffer {
  const index = new Map<string, number>();
  const texts: string[] = [];
  const ref = (s: string | null) => {
    if (s === null) return -1;
    let k = index.get(s);
    if (k === undefined) { index.set(s, (k = texts.length)); texts.push(s); }
    return k;
  };
  const n = rows.length;
  const ints = new Int32Array(HEADER + COLUMN_COUNT * n);
  const ids: Record<number, string> = {};
  rows.forEach(([rowid, id, agency, year, publishDate, findings, errorRules, address], k) => {
    const at = HEADER + k;
    ints[at] = rowid; ints[at + n] = agencyNumber(agency); ints[at + 2 * n] = year; ints[at + 3 * n] = ref(publishDate);
    ints[at + 4 * n] = findings; ints[at + 5 * n] = ref(errorRules); ints[at + 6 * n] = ref(address);
    if (id !== `${agency}-${year}`) ids[k] = id;
  });
  const textBytes = Buffer.from(JSON.stringify(texts));
  const idBytes = Buffer.from(JSON.stringify(ids));
  ints[0] = n; ints[1] = textBytes.byteLength; ints[2] = idBytes.byteLength;
  return Buffer.concat([new Uint8Array(ints.buffer), textBytes, idBytes]);
}

export function unpackSummaries(blob: Uint8Array): SummaryChunk {
  const head = int32s(blob.subarray(0, HEADER * 4));
  const n = head[0]!, textBytes = head[1]!, idBytes = head[2]!;
  const ints = int32s(blob.subarray(0, (HEADER + COLUMN_COUNT * n) * 4));
  const col = (c: number) => ints.subarray(HEADER + c * n, HEADER + (c + 1) * n);
  const textAt = (HEADER + COLUMN_COUNT * n) * 4;
  const utf8 = (from: number, bytes: number) => Buffer.from(blob.buffer, blob.byteOffset + from, bytes).toString('utf8');
  return {
    n, rowid: col(0), agency: col(1), year: col(2), publishDate: col(3), findings: col(4), errorRules: col(5), address: col(6),
    texts: JSON.parse(utf8(textAt, textBytes)) as string[], ids: JSON.parse(utf8(textAt + textBytes, idBytes)) as Record<number, string>,
  };
}

/** Every chunk's summaries, in row id order (use only when snapshotVersion is the version read). */
export function* snapshotSummaryChunks(db: Db): Generator<SummaryChunk> {
  for (const blob of db.prepare('SELECT summaries FROM snapshot_chunks ORDER BY chunk').pluck().iterate() as IterableIterator<Buffer>) yield unpackSummaries(blob);
}

/**
 * Visits one report's matrix row: `bytes` bytes of `chunk` from element `at`, its cells Int32 or, in a narrow
 * chunk (an Int16Array), Int16 (codec.ts: fromNarrow), then any overflow JSON.
 */
export type RowVisitor = (rowid: number, chunk: Int32Array | Int16Array, at: number, bytes: number) => void;

/** Every report's matrix row, from the chunks of a snapshot of layout `format`, one chunk in memory at a time and no object per report. */
export function eachSnapshotRow(db: Db, format: number, visit: RowVisitor): void {
  for (const packed of db.prepare('SELECT cells FROM snapshot_chunks ORDER BY chunk').pluck().iterate() as IterableIterator<Buffer>) {
    const ints = int32s(packed);
    // layout 3 starts with the bytes a cell takes; layout 2 has no header (every chunk Int32)
    const narrow = format >= 3 && ints[0] === 2;
    const cells = narrow ? new Int16Array(ints.buffer, ints.byteOffset, ints.length * 2) : ints;
    const scale = narrow ? 2 : 1;
    for (let at = format >= 3 ? 1 : 0; at < ints.length;) {
      const bytes = ints[at + 1]!;
      visit(ints[at]!, cells, (at + 2) * scale, bytes);
      at += 2 + ((bytes + 3) >> 2);
    }
  }
}

/** Whether every cell of the rows has a narrow form (a row is `width` Int32 cells, or fewer, then any overflow JSON). */
function allNarrow(rows: Array<[number, Uint8Array]>, width: number): boolean {
  for (const [, b] of rows) {
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const n = Math.min(width, b.byteLength >> 2);
    for (let j = 0; j < n; j++) if (!fitsNarrow(view.getInt32(j * 4, true))) return false;
  }
  return true;
}

/** A row's narrow form: its cells as Int16, then its overflow JSON as it was. */
function narrowRow(b: Uint8Array, width: number): Uint8Array {
  const n = Math.min(width, b.byteLength >> 2);
  const out = new Uint8Array(n * 2 + b.byteLength - n * 4);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength), put = new DataView(out.buffer);
  for (let j = 0; j < n; j++) put.setInt16(j * 2, toNarrow(view.getInt32(j * 4, true)), true);
  out.set(b.subarray(n * 4), n * 2);
  return out;
}

/**
 * The bytes a cell takes (Int32; 2 when every cell of the chunk fits an Int16, codec.ts), then row ids and cells
 * blobs one after the other: row id and byte length (Int32, little-endian), the bytes, padding to 4.
 */
function packCells(wide: Array<[number, Uint8Array]>, width: number): Buffer {
  const narrow = allNarrow(wide, width);
  const rows = narrow ? wide.map(([rowid, b]): [number, Uint8Array] => [rowid, narrowRow(b, width)]) : wide;
  const out = Buffer.alloc(4 + rows.reduce((n, [, b]) => n + 8 + ((b.byteLength + 3) & ~3), 0));
  out.writeInt32LE(narrow ? 2 : 4, 0);
  let at = 4;
  for (const [rowid, b] of rows) {
    out.writeInt32LE(rowid, at);
    out.writeInt32LE(b.byteLength, at + 4);
    out.set(b, at + 8);
    at += 8 + ((b.byteLength + 3) & ~3);
  }
  return out;
}

/**
 * The agencies kept before with those `seen` lacks appended, and every agency's rank: the order kept before with
 * the new agencies put in their place (binary search), or every agency sorted when there is none to build on.
 */
function numberedAgencies(previous: SnapshotAgencies, seen: Iterable<string>): { names: string[]; ranks: Int32Array; number: Map<string, number> } {
  const names = previous.names;
  const number = new Map(names.map((n, k) => [n, k]));
  const added: string[] = [];
  for (const a of seen) if (!number.has(a)) { number.set(a, names.length); names.push(a); added.push(a); }
  let order: number[];
  if (previous.rank && previous.rank.length + added.length === names.length) {
    order = new Array<number>(previous.rank.length);
    previous.rank.forEach((r, k) => { order[r] = k; });
    for (const a of added) {
      let lo = 0, hi = order.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (byAgency(names[order[mid]!]!, a) <= 0) lo = mid + 1; else hi = mid; }
      order.splice(lo, 0, number.get(a)!);
    }
  } else {
    order = names.map((_, k) => k).sort((x, y) => byAgency(names[x]!, names[y]!));
  }
  const ranks = new Int32Array(names.length);
  order.forEach((k, r) => { ranks[k] = r; });
  return { names, ranks, number };
}

/**
 * Brings the snapshot up to date inside the writer's open transaction, for the version about to be committed:
 * the chunks of `touched` row ids when the snapshot was current for `previousVersion`, else every chunk.
 */
export function refreshSnapshot(db: Db, touched: Iterable<number>, previousVersion: number, version: number): void {
  const current = snapshotVersion(db) === previousVersion;
  if (!current) {
    // of another layout, or stale: started again (the layout 1 table of agency names is not kept beside it)
    db.exec('DROP TABLE IF EXISTS snapshot_chunks; DROP TABLE IF EXISTS snapshot_order; DROP TABLE IF EXISTS snapshot_agencies;');
  }
  db.exec(`CREATE TABLE IF NOT EXISTS snapshot_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, format INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS snapshot_chunks (chunk INTEGER PRIMARY KEY, summaries BLOB NOT NULL, cells BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS snapshot_agencies (id INTEGER PRIMARY KEY CHECK (id = 1), icu TEXT NOT NULL, names TEXT NOT NULL, ranks BLOB NOT NULL);`);
  let chunks: number[];
  let seen: Iterable<string>;
  if (current) {
    chunks = [...new Set([...touched].map((id) => Math.floor(id / CHUNK_ROWS)))];
    const agencyOf = db.prepare('SELECT agency FROM reports WHERE id = ?').pluck();
    seen = new Set([...touched].map((id) => agencyOf.get(id) as string | undefined).filter((a): a is string => a !== undefined));
  } else {
    const max = (db.prepare('SELECT MAX(id) FROM reports').pluck().get() as number | null) ?? -1;
    chunks = Array.from({ length: Math.floor(max / CHUNK_ROWS) + 1 }, (_, k) => k);
    seen = db.prepare('SELECT DISTINCT agency FROM reports').pluck().all() as string[];
  }
  const agencies = numberedAgencies(current ? snapshotAgencies(db) : { names: [], rank: null }, seen);
  const summaries = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM reports WHERE id >= ? AND id < ? ORDER BY id`).raw();
  const cells = db.prepare('SELECT report, cells FROM matrix_rows WHERE report >= ? AND report < ? ORDER BY report').raw();
  const put = db.prepare('INSERT OR REPLACE INTO snapshot_chunks (chunk, summaries, cells) VALUES (?, ?, ?)');
  const width = storedMetrics(db).length;
  const drop = db.prepare('DELETE FROM snapshot_chunks WHERE chunk = ?');
  for (const chunk of chunks) {
    const from = chunk * CHUNK_ROWS;
    const rows = summaries.all(from, from + CHUNK_ROWS) as SummaryRow[];
    if (!rows.length) { drop.run(chunk); continue; }
    const blobs = new Map(cells.all(from, from + CHUNK_ROWS) as Array<[number, Buffer]>);
    // a report without a matrix row (never written so) reads as all blank, as on the rows path
    put.run(chunk, packSummaries(rows, (a) => agencies.number.get(a)!), packCells(rows.map((r) => [r[0], blobs.get(r[0]) ?? EMPTY]), width));
  }
  // (agencies no report names any more keep their number and rank: harmless, and numbers must stay stable)
  db.prepare('INSERT OR REPLACE INTO snapshot_agencies (id, icu, names, ranks) VALUES (1, ?, ?, ?)')
    .run(process.versions.icu ?? '', JSON.stringify(agencies.names), Buffer.from(agencies.ranks.buffer, agencies.ranks.byteOffset, agencies.ranks.byteLength));
  db.prepare('INSERT OR REPLACE INTO snapshot_state (id, version, format) VALUES (1, ?, ?)').run(version, FORMAT);
}
