/**
 * Writes a batch of reports into the dataset file in one transaction: every report of the batch or none, and the
 * dataset version goes up by one when the batch commits. A second writer (another `ingest`) waits for the first
 * to commit (SQLite's write lock, up to WRITE_WAIT_MS) and then writes on top of it, so concurrent ingests never
 * lose a report. A process killed mid-batch leaves the previous version as it was (the WAL is rolled back).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_IDS } from '../catalog/metrics.js';
import type { Report } from '../model/schema.js';
import Database from 'better-sqlite3';
import { APPLICATION_ID, DATASET_FILE, WRITE_WAIT_MS, datasetVersion, openDb, quoteId, storedMetrics, type Db } from './db.js';
import { datasetFile } from './location.js';
import { prepareReport, type PreparedReport } from './record.js';
import { refreshSnapshot } from './snapshot.js';

const COLUMNS = ['title', 'layout', 'source_file', 'source_format', 'period_start', 'period_end', 'publish_date', 'website', 'phone', 'address', 'email', 'findings', 'error_rules'] as const;

export class DatasetWriter {
  readonly db: Db;
  /** The file's cell column order, for preparing reports (also in workers). */
  readonly metrics: string[];
  private nextVersion = 0;
  private added = 0;
  /** Row ids the batch wrote, whose start-up snapshot chunks it rewrites. */
  private readonly touched = new Set<number>();
  private readonly upsert;
  private readonly putRow;
  private readonly putRecord;
  private readonly clearFindings;
  private readonly addFinding;
  private readonly putCells;

  /** `path`: a dataset directory or file, created when missing (`exactFile`: the file itself, whatever is beside it). */
  constructor(path: string, o: { exactFile?: boolean } = {}) {
    this.db = openDb(o.exactFile ? path : datasetFile(path, 'write'), { create: true });
    this.metrics = storedMetrics(this.db);
    const cols = ['report_id', 'agency', 'year', ...COLUMNS, 'written_version'];
    this.upsert = this.db.prepare(`INSERT INTO reports (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})
      ON CONFLICT (agency, year) DO UPDATE SET ${cols.filter((c) => c !== 'agency' && c !== 'year').map((c) => `${c} = excluded.${c}`).join(', ')}
      RETURNING id`).pluck();
    this.putRow = this.db.prepare('INSERT OR REPLACE INTO matrix_rows (report, cells) VALUES (?, ?)');
    this.putRecord = this.db.prepare('INSERT OR REPLACE INTO records (report, record, record_size) VALUES (?, ?, ?)');
    this.clearFindings = this.db.prepare('DELETE FROM findings WHERE report = ?');
    this.addFinding = this.db.prepare('INSERT INTO findings (report, rule, severity, message, metrics) VALUES (?, ?, ?, ?, ?)');
    this.putCells = this.db.prepare(`INSERT OR REPLACE INTO cells (report, ${METRIC_IDS.map(quoteId).join(', ')}) VALUES (${['?', ...METRIC_IDS.map(() => '?')].join(', ')})`);
  }

  /** Validates and writes one report into the open batch; the same agency+year replaces the stored one. */
  add(r: Report): void {
    this.addPrepared(prepareReport(r, this.metrics, METRIC_IDS));
  }

  /** Writes a report prepared by prepareReport (with this writer's `metrics`). */
  addPrepared(p: PreparedReport): void {
    this.begin();
    const id = this.upsert.get({
      report_id: p.reportId, agency: p.agency, year: p.year, ...p.columns,
      written_version: this.nextVersion,
    }) as number;
    this.touched.add(id);
    this.putRow.run(id, p.cells);
    this.putRecord.run(id, p.record, p.recordSize);
    this.clearFindings.run(id);
    for (const f of p.findings) this.addFinding.run(id, f.rule, f.severity, f.message, f.metrics);
    this.putCells.run(id, ...p.values);
    this.added++;
  }

  /** Commits the batch (one new version) and closes the file. Returns the dataset version now current. */
  finish(): number {
    try {
      this.begin(); // a batch of nothing (init) still commits: the dataset then exists, empty
      {
        refreshSnapshot(this.db, this.touched, this.nextVersion - 1, this.nextVersion);
        this.db.prepare("UPDATE dataset SET version = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1").run(this.nextVersion);
        this.db.exec('COMMIT');
      }
      return datasetVersion(this.db);
    } finally {
      this.close();
    }
  }

  /** Drops the batch: the dataset stays at the version it had. */
  abort(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.close();
  }

  get count(): number { return this.added; }

  /** Takes the write lock and opens the batch (add does it on its first report). */
  begin(): void {
    if (this.db.inTransaction) return;
    // IMMEDIATE takes the write lock now (waiting for another writer), so the version read below stays ours
    this.db.exec('BEGIN IMMEDIATE');
    this.nextVersion = datasetVersion(this.db) + 1;
  }

  private close(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}

/** Stores reports in one batch, replacing any with the same agency+year. Nothing is written unless every report validates. */
export function saveReports(path: string, reports: Report[]): number {
  const writer = new DatasetWriter(path);
  try {
    const prepared = reports.map((r) => prepareReport(r, writer.metrics, METRIC_IDS));
    for (const p of prepared) writer.addPrepared(p);
    return writer.finish();
  } catch (e) {
    writer.abort();
    throw e;
  }
}

/**
 * The cell order a writer of the dataset at `path` will use (the file's `metrics` table, then catalog metrics it
 * lacks, which opening it for writing appends in catalog order) — read without writing, so reports can be
 * prepared before the file is opened. The catalog's order for a dataset not created yet.
 */
export function storedMetricsAt(path: string): string[] {
  let file: string;
  try {
    const stat = statSync(path);
    file = stat.isDirectory() ? join(path, DATASET_FILE) : path;
    if (!existsSync(file)) return [...METRIC_IDS];
  } catch {
    return [...METRIC_IDS];
  }
  let db: Db | undefined;
  try {
    // a plain read-write connection that reads only: a read-only one would leave an empty -wal file beside a
    // dataset that a failed batch must leave exactly as it was (and openDb would migrate it)
    db = new Database(file, { fileMustExist: true, timeout: WRITE_WAIT_MS });
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) return [...METRIC_IDS];
    const stored = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'metrics'").get() ? storedMetrics(db) : [];
    const known = new Set(stored);
    return [...stored, ...METRIC_IDS.filter((id) => !known.has(id))];
  } catch {
    // being created by another writer right now (which gives it the catalog's order), or no dataset: opening it
    // for writing says which
    return [...METRIC_IDS];
  } finally {
    db?.close();
  }
}
