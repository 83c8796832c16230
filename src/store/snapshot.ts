/**
 * The start-up snapshot: what a view of the dataset needs (every report's summary columns and its matrix row),
 * packed into a few large blobs so a view is built from ~100 blob reads instead of a million row reads.
 *
 * Reports are grouped by row id into chunks of CHUNK_ROWS; each chunk holds its reports' summary columns (JSON) and
 * their `matrix_rows.cells` blobs side by side. A writer rewrites only the chunks its batch touched, in the batch's
 * transaction, and marks the snapshot as current for the version it commits (`snapshot_state`). A reader uses the
 * chunks only when that mark equals the version it reads; otherwise (a file written by an older disclosure-bot,
 * a migrated folder) it reads the rows, as before, and the next ingest rebuilds every chunk.
 *
 * The tables are a cache derived from `reports` and `matrix_rows`, created by the first writer that fills them, so
 * files without them stay readable and the schema version is unchanged.
 */
import type { Db } from './db.js';

/** Reports per chunk: a chunk's cells are ~3.4 MB at 207 cells a report. */
export const CHUNK_ROWS = 4096;

/** One report as its view needs it: the columns readSummaries reads, in its order. */
export type SummaryRow = [rowid: number, reportId: string, agency: string, year: number, publishDate: string | null, findings: number, errorRules: string, address: string | null];

const EMPTY = new Uint8Array(0);

export const SUMMARY_COLUMNS = 'id, report_id, agency, year, publish_date, findings, error_rules, address';

export function hasSnapshotTables(db: Db): boolean {
  return Boolean(db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'snapshot_state'").get());
}

/** The layout of the chunks; a snapshot of another layout is rebuilt, never read. */
const FORMAT = 1;

/** The dataset version the chunks are complete for (null: none, or of another layout). */
export function snapshotVersion(db: Db): number | null {
  if (!hasSnapshotTables(db)) return null;
  const state = db.prepare('SELECT version, format FROM snapshot_state WHERE id = 1').get() as { version: number; format: number } | undefined;
  return state?.format === FORMAT ? state.version : null;
}

/**
 * A chunk's summaries as columns, with each distinct string once (`strings`; -1 = null): JSON of a few arrays of
 * numbers parses several times faster than an array per report. `ids` holds only ids other than `<agency>-<year>`.
 */
export interface SummaryColumns {
  rowid: number[]; agency: number[]; year: number[]; publishDate: number[]; findings: number[]; errorRules: number[]; address: number[];
  strings: string[]; ids: Record<number, string>;
}

function toColumns(rows: SummaryRow[]): SummaryColumns {
  const index = new Map<string, number>();
  const strings: string[] = [];
  const ref = (s: string | null) => {
    if (s === null) return -1;
    let k = index.get(s);
    if (k === undefined) { index.set(s, (k = strings.length)); strings.push(s); }
    return k;
  };
  const c: SummaryColumns = { rowid: [], agency: [], year: [], publishDate: [], findings: [], errorRules: [], address: [], strings, ids: {} };
  rows.forEach(([rowid, id, agency, year, publishDate, findings, errorRules, address], k) => {
    c.rowid.push(rowid); c.agency.push(ref(agency)); c.year.push(year); c.publishDate.push(ref(publishDate));
    c.findings.push(findings); c.errorRules.push(ref(errorRules)); c.address.push(ref(address));
    if (id !== `${agency}-${year}`) c.ids[k] = id;
  });
  return c;
}

/** Every chunk's summary columns, in row id order (use only when snapshotVersion is the version read). */
export function* snapshotSummaryChunks(db: Db): Generator<SummaryColumns> {
  for (const json of db.prepare('SELECT summaries FROM snapshot_chunks ORDER BY chunk').pluck().iterate() as IterableIterator<string>) yield JSON.parse(json) as SummaryColumns;
}

/** Visits one report's matrix row: its blob is `bytes` bytes of `chunk` from Int32 `at` (4-byte aligned). */
export type RowVisitor = (rowid: number, chunk: Int32Array, at: number, bytes: number) => void;

/** Every report's matrix row, from the chunks, one chunk in memory at a time and no object per report. */
export function eachSnapshotRow(db: Db, visit: RowVisitor): void {
  for (const packed of db.prepare('SELECT cells FROM snapshot_chunks ORDER BY chunk').pluck().iterate() as IterableIterator<Buffer>) {
    // Int32 views need 4-byte alignment; a fresh blob buffer has it, a copy makes sure
    const aligned = packed.byteOffset % 4 === 0 ? packed : new Uint8Array(packed);
    const ints = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
    for (let at = 0; at < ints.length;) {
      const bytes = ints[at + 1]!;
      visit(ints[at]!, ints, at + 2, bytes);
      at += 2 + ((bytes + 3) >> 2);
    }
  }
}

/** Row ids and cells blobs one after the other: row id and byte length (Int32, little-endian), the bytes, padding to 4. */
function packCells(rows: Array<[number, Uint8Array]>): Buffer {
  const out = Buffer.alloc(rows.reduce((n, [, b]) => n + 8 + ((b.byteLength + 3) & ~3), 0));
  let at = 0;
  for (const [rowid, b] of rows) {
    out.writeInt32LE(rowid, at);
    out.writeInt32LE(b.byteLength, at + 4);
    out.set(b, at + 8);
    at += 8 + ((b.byteLength + 3) & ~3);
  }
  return out;
}

/** Sorts agency names as the dataset does (Chinese collation). */
export const byAgency = new Intl.Collator('zh').compare;

/**
 * The dataset's agencies in collation order, as the writer kept it (`snapshot_order`), when it was sorted by the
 * same collation data (ICU version) as this process has: sorting 50,000 names with a collator costs a second.
 */
export function snapshotAgencyOrder(db: Db): string[] | null {
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'snapshot_order'").get()) return null;
  const row = db.prepare('SELECT icu, agencies FROM snapshot_order WHERE id = 1').get() as { icu: string; agencies: string } | undefined;
  return row && row.icu === (process.versions.icu ?? '') ? (JSON.parse(row.agencies) as string[]) : null;
}

/** The order kept before, with the agencies it lacks put in their place (binary search), or every agency sorted. */
function agencyOrder(db: Db, previous: string[] | null, seen: Iterable<string>): string[] {
  if (!previous) return (db.prepare('SELECT DISTINCT agency FROM reports').pluck().all() as string[]).sort(byAgency);
  const known = new Set(previous);
  for (const a of seen) {
    if (known.has(a)) continue;
    let lo = 0, hi = previous.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (byAgency(previous[mid]!, a) <= 0) lo = mid + 1; else hi = mid; }
    previous.splice(lo, 0, a);
    known.add(a);
  }
  return previous;
}

/**
 * Brings the snapshot up to date inside the writer's open transaction, for the version about to be committed:
 * the chunks of `touched` row ids when the snapshot was current for `previousVersion`, else every chunk.
 */
export function refreshSnapshot(db: Db, touched: Iterable<number>, previousVersion: number, version: number): void {
  db.exec(`CREATE TABLE IF NOT EXISTS snapshot_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, format INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS snapshot_chunks (chunk INTEGER PRIMARY KEY, summaries TEXT NOT NULL, cells BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS snapshot_order (id INTEGER PRIMARY KEY CHECK (id = 1), icu TEXT NOT NULL, agencies TEXT NOT NULL);`);
  const current = snapshotVersion(db) === previousVersion;
  const seen = new Set<string>();
  let chunks: number[];
  if (current) {
    chunks = [...new Set([...touched].map((id) => Math.floor(id / CHUNK_ROWS)))];
  } else {
    db.exec('DELETE FROM snapshot_chunks');
    const max = (db.prepare('SELECT MAX(id) FROM reports').pluck().get() as number | null) ?? -1;
    chunks = Array.from({ length: Math.floor(max / CHUNK_ROWS) + 1 }, (_, k) => k);
  }
  const summaries = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM reports WHERE id >= ? AND id < ? ORDER BY id`).raw();
  const cells = db.prepare('SELECT report, cells FROM matrix_rows WHERE report >= ? AND report < ? ORDER BY report').raw();
  const put = db.prepare('INSERT OR REPLACE INTO snapshot_chunks (chunk, summaries, cells) VALUES (?, ?, ?)');
  const drop = db.prepare('DELETE FROM snapshot_chunks WHERE chunk = ?');
  for (const chunk of chunks) {
    const from = chunk * CHUNK_ROWS;
    const rows = summaries.all(from, from + CHUNK_ROWS) as SummaryRow[];
    if (!rows.length) { drop.run(chunk); continue; }
    for (const r of rows) seen.add(r[2]);
    const blobs = new Map(cells.all(from, from + CHUNK_ROWS) as Array<[number, Buffer]>);
    // a report without a matrix row (never written so) reads as all blank, as on the rows path
    put.run(chunk, JSON.stringify(toColumns(rows)), packCells(rows.map((r) => [r[0], blobs.get(r[0]) ?? EMPTY])));
  }
  const order = agencyOrder(db, current ? snapshotAgencyOrder(db) : null, seen);
  db.prepare('INSERT OR REPLACE INTO snapshot_order (id, icu, agencies) VALUES (1, ?, ?)').run(process.versions.icu ?? '', JSON.stringify(order));
  db.prepare('INSERT OR REPLACE INTO snapshot_state (id, version, format) VALUES (1, ?, ?)').run(version, FORMAT);
}
