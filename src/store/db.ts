/**
 * The dataset file (`reports.sqlite`): opening it, recognising it, and bringing its schema up to date.
 *
 * The file is marked with an application id, so "a SQLite file" and "a disclosure-bot dataset" are told apart, and
 * carries its schema version in `user_version`; MIGRATIONS below take it from any earlier version to the current
 * one in one transaction. WAL mode lets any number of readers (serve, ask, export) read while one ingest writes.
 */
import Database from 'better-sqlite3';
import { METRIC_IDS } from '../catalog/metrics.js';

export type Db = Database.Database;

/** "DBOT" — PRAGMA application_id of every dataset file. */
export const APPLICATION_ID = 0x44424f54;
export const DATASET_FILE = 'reports.sqlite';

/** How long a writer waits for another writer's transaction to end before giving up (ms). */
export const WRITE_WAIT_MS = 120_000;

/** Why a path cannot be used as a dataset (printed as is by the CLI). */
export class DatasetError extends Error {
  override name = 'DatasetError';
}

/**
 * Each entry takes the schema from its index to index + 1. Append only: a released migration never changes.
 * Reports are stored as their packed JSON record (compressed) — the record of truth, so additions to the report
 * schema need no migration — beside columns derived from it for querying.
 */
const MIGRATIONS: Array<(db: Db) => void> = [
  (db) => db.exec(`
    CREATE TABLE dataset (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    );
    INSERT INTO dataset VALUES (1, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

    -- the column order of matrix_rows.cells and of a record's cells (append only, so old rows stay readable)
    CREATE TABLE metrics (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);

    CREATE TABLE reports (
      id INTEGER PRIMARY KEY,
      report_id TEXT NOT NULL,
      agency TEXT NOT NULL,
      year INTEGER NOT NULL,
      title TEXT NOT NULL,
      layout TEXT,
      source_file TEXT,
      source_format TEXT,
      period_start TEXT,
      period_end TEXT,
      publish_date TEXT,
      website TEXT,
      phone TEXT,
      address TEXT,
      email TEXT,
      findings INTEGER NOT NULL,
      error_rules TEXT NOT NULL,
      written_version INTEGER NOT NULL,
      UNIQUE (agency, year)
    );

    -- kept apart from reports so that loading every report's summary, or every matrix row, reads narrow rows only
    CREATE TABLE matrix_rows (
      report INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
      cells BLOB NOT NULL
    );
    CREATE TABLE records (
      report INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
      record BLOB NOT NULL,
      record_size INTEGER NOT NULL
    );

    CREATE TABLE findings (
      report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
      rule TEXT NOT NULL,
      severity TEXT NOT NULL,
      message TEXT NOT NULL,
      metrics TEXT NOT NULL
    );
    CREATE INDEX findings_report ON findings(report);
    CREATE INDEX findings_rule ON findings(rule);
  `),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The wide `cells` table: one row per report, one column per metric id (quoted: ids contain dots). */
export const quoteId = (id: string) => `"${id.replace(/"/g, '""')}"`;

/** Adds metrics of the catalog that the file does not know yet, to `metrics` and as columns of `cells`. */
function syncMetrics(db: Db): void {
  const known = new Set(db.prepare('SELECT id FROM metrics').pluck().all() as string[]);
  const missing = METRIC_IDS.filter((id) => !known.has(id));
  if (!missing.length && db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'cells'").get()) return;
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'cells'").get()) {
    db.exec('CREATE TABLE cells (report INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE)');
  }
  const columns = new Set((db.prepare('SELECT name FROM pragma_table_info(\'cells\')').pluck().all() as string[]));
  const add = db.prepare('INSERT INTO metrics (position, id) VALUES ((SELECT COALESCE(MAX(position) + 1, 0) FROM metrics), ?)');
  for (const id of missing) add.run(id);
  // NUMERIC: whole numbers are stored as integers (JavaScript binds every number as a double), "n/a" stays text
  for (const id of METRIC_IDS) if (!columns.has(id)) db.exec(`ALTER TABLE cells ADD COLUMN ${quoteId(id)} NUMERIC`);
  db.exec(`DROP VIEW IF EXISTS report_overview;
    CREATE VIEW report_overview AS
      SELECT r.agency, r.year, r.title, r.publish_date, r.period_start, r.period_end, r.findings,
             (SELECT COUNT(*) FROM findings f WHERE f.report = r.id AND f.severity = 'error') AS errors,
             c."applications.newReceived.total" AS applications_received,
             c."penalty.decisions" AS penalty_decisions,
             c."licensing.decisions" AS licensing_decisions,
             c."review.total" AS reviews,
             c."litigation.direct.total" + c."litigation.afterReview.total" AS lawsuits,
             r.phone, r.address, r.website, r.source_file
      FROM reports r LEFT JOIN cells c ON c.report = r.id;`);
}

function migrate(db: Db): void {
  // read inside the write transaction: another process may have migrated (or created) the file meanwhile
  db.transaction(() => {
    const from = db.pragma('user_version', { simple: true }) as number;
    if (from > SCHEMA_VERSION) throw new DatasetError(`the dataset was written by a newer disclosure-bot (schema ${from}, this one knows ${SCHEMA_VERSION}); upgrade disclosure-bot`);
    for (let v = from; v < SCHEMA_VERSION; v++) MIGRATIONS[v]!(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    syncMetrics(db);
  }).immediate();
}

function isDataset(db: Db): boolean {
  return db.pragma('application_id', { simple: true }) === APPLICATION_ID;
}

/**
 * Opens a dataset file. `create` makes a new one when the file does not exist (and migrates an old one);
 * without it the file must already be a dataset. Read-only connections never write, not even a migration.
 */
export function openDb(file: string, o: { readonly?: boolean; create?: boolean } = {}): Db {
  let db: Db;
  try {
    db = new Database(file, { readonly: Boolean(o.readonly), fileMustExist: !o.create, timeout: WRITE_WAIT_MS });
  } catch (e) {
    throw new DatasetError(`cannot open ${file}: ${(e as Error).message}`);
  }
  try {
    const fresh = !o.readonly && (db.prepare('SELECT COUNT(*) FROM sqlite_schema').pluck().get() as number) === 0;
    if (!fresh && !isDataset(db)) throw new DatasetError(`${file} is not a disclosure-bot dataset`);
    if (!o.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      const version = db.pragma('user_version', { simple: true }) as number;
      const metrics = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'metrics'").get() ? (db.prepare('SELECT COUNT(*) FROM metrics').pluck().get() as number) : 0;
      if (version !== SCHEMA_VERSION || metrics !== METRIC_IDS.length) migrate(db);
    } else {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw new DatasetError(`${file} was written by a newer disclosure-bot (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade disclosure-bot`);
      if (version < SCHEMA_VERSION) throw new DatasetError(`${file} has schema ${version}; open it once for writing (e.g. disclosure-bot migrate --data DIR) to bring it to ${SCHEMA_VERSION}`);
    }
    return db;
  } catch (e) {
    db.close();
    if (e instanceof DatasetError) throw e;
    // "file is not a database" and the like
    throw new DatasetError(`${file} is not a disclosure-bot dataset (${(e as Error).message})`);
  }
}

/** The committed dataset version (0 for a dataset created empty). */
export function datasetVersion(db: Db): number {
  return db.prepare('SELECT version FROM dataset WHERE id = 1').pluck().get() as number;
}

/** Metric ids in the column order of `matrix_rows.cells`. */
export function storedMetrics(db: Db): string[] {
  return db.prepare('SELECT id FROM metrics ORDER BY position').pluck().all() as string[];
}
