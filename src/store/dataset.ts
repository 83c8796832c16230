/**
 * The dataset directory: one JSON per report under reports/ (packed, see pack.ts), index.json with a summary of
 * every report, and cells-*.bin (named in the index) with every cell of every report as one Int32 matrix.
 *
 * Why this shape: questions across thousands of reports (rankings, sums, trends) only need the cells, which for
 * 100,000 reports × ~200 cells fit in ~80 MB of Int32 and load in milliseconds; a report's text, provenance and
 * narrative are read from its own file only when a question is about it (kept in a small LRU cache).
 * Writes go to temporary files renamed into place, index last, so a failed ingest never corrupts the dataset.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { projectRoot } from '../paths.js';
import { METRIC_IDS } from '../catalog/metrics.js';
import { DatasetIndex, Report, UNDETERMINED, type CellValue, type IndexEntry } from '../model/schema.js';
import { packReport, unpackReport } from './pack.js';

export const BUNDLED_DATA = resolve(projectRoot(), 'data');

const INDEX = 'index.json';
/** Sorts like the index: agency (Chinese collation), then year. */
const byAgency = new Intl.Collator('zh').compare;
/** Int32 sentinels: a blank cell, a "/" cell, a value kept in `overflow`, and an undetermined cell (index version 3). */
const BLANK = -2147483648;
const NOT_APPLICABLE = -2147483647;
const OVERFLOW = -2147483646;
const UNDETERMINED_CELL = -2147483645;
const INDEX_VERSION = 3;

export function reportFileName(agency: string, year: number): string {
  const safe = agency.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  return `reports/${safe}-${year}.json`;
}

function atomicWrite(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

function writeNew(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

export function readIndex(dir: string): DatasetIndex {
  const path = join(dir, INDEX);
  if (!existsSync(path)) return { schemaVersion: INDEX_VERSION, metrics: [], overflow: {}, reports: [] };
  let json: unknown;
  try { json = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new Error(`the dataset index ${path} is unreadable (${(e as Error).message}); re-ingest the reports or restore it`); }
  const parsed = DatasetIndex.safeParse(json);
  if (!parsed.success) throw new Error(`the dataset index ${path} is not a disclosure-bot index: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function readReportFile(dir: string, file: string): Report {
  return Report.parse(unpackReport(JSON.parse(readFileSync(join(dir, file), 'utf8'))));
}

function summary(r: Report, file: string): IndexEntry {
  return {
    id: r.id, agency: r.agency, year: r.year, file, publishDate: r.publishDate, findings: r.findings.length,
    errorRules: [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule))],
    address: r.contact.address?.value ?? null,
  };
}

const encode = (v: CellValue | undefined): number =>
  v === null || v === undefined ? BLANK : v === 'n/a' ? NOT_APPLICABLE : v === UNDETERMINED ? UNDETERMINED_CELL
    : Number.isInteger(v) && v > UNDETERMINED_CELL && v <= 2147483647 ? v : OVERFLOW;

const decode = (v: number, overflow: () => number | undefined): CellValue =>
  v === BLANK ? null : v === NOT_APPLICABLE ? 'n/a' : v === UNDETERMINED_CELL ? UNDETERMINED : v === OVERFLOW ? (overflow() ?? null) : v;

/** One report's cells as a matrix row, and the values kept apart (by column) that an Int32 cannot hold. */
function encodeRow(metrics: readonly string[], valueOf: (id: string) => CellValue | undefined): { cells: Int32Array; overflow: Map<number, number> } {
  const cells = new Int32Array(metrics.length);
  const overflow = new Map<number, number>();
  metrics.forEach((id, j) => {
    const v = valueOf(id);
    cells[j] = encode(v);
    if (cells[j] === OVERFLOW) overflow.set(j, v as number);
  });
  return { cells, overflow };
}

/** Rows into one matrix, overflow keyed by matrix position. */
function joinRows(rows: Array<{ cells: Int32Array; overflow: Map<number, number> }>, width: number): { matrix: Int32Array; overflow: Map<number, number> } {
  const matrix = new Int32Array(rows.length * width);
  const overflow = new Map<number, number>();
  rows.forEach((row, i) => {
    matrix.set(row.cells, i * width);
    for (const [j, v] of row.overflow) overflow.set(i * width + j, v);
  });
  return { matrix, overflow };
}

/** The matrix of reports in the given order. */
function buildMatrix(reports: Report[]): { matrix: Int32Array; overflow: Map<number, number> } {
  return joinRows(reports.map((r) => encodeRow(METRIC_IDS, (id) => r.cells[id]?.value)), METRIC_IDS.length);
}

/**
 * Every report's summary and cells, with the full report loaded on demand. Built from a directory
 * (`Dataset.open`) or from reports in memory (`Dataset.fromReports`, for tests and small tools).
 */
export class Dataset {
  private readonly metricColumn: Map<string, number>;
  private readonly byAgency = new Map<string, Map<number, number>>();
  private readonly cache = new Map<number, Report>();

  private constructor(
    readonly summaries: IndexEntry[],
    private readonly metrics: string[],
    private readonly matrix: Int32Array,
    private readonly overflow: Map<number, number>,
    private readonly load: (i: number) => Report,
    private readonly cacheSize = 64,
  ) {
    this.metricColumn = new Map(metrics.map((m, i) => [m, i]));
    summaries.forEach((s, i) => {
      let years = this.byAgency.get(s.agency);
      if (!years) this.byAgency.set(s.agency, (years = new Map()));
      years.set(s.year, i);
    });
  }

  get size(): number { return this.summaries.length; }

  static open(dir: string): Dataset {
    const index = readIndex(dir);
    const cellsPath = index.cells ? join(dir, index.cells) : '';
    const load = (i: number) => readReportFile(dir, index.reports[i]!.file);
    if (index.schemaVersion >= 2 && cellsPath && existsSync(cellsPath)) {
      const buf = readFileSync(cellsPath);
      const matrix = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
      if (matrix.length === index.reports.length * index.metrics.length) {
        const overflow = new Map(Object.entries(index.overflow).map(([k, v]) => [Number(k), v]));
        return new Dataset(index.reports, index.metrics, matrix, overflow, load);
      }
    }
    // an index written before the cells file existed (or out of step with it): rebuild the matrix, in index order
    const { matrix, overflow } = buildMatrix(index.reports.map((_, i) => load(i)));
    return new Dataset(index.reports, [...METRIC_IDS], matrix, overflow, load);
  }

  static fromReports(reports: Report[]): Dataset {
    const sorted = [...reports].sort((a, b) => byAgency(a.agency, b.agency) || a.year - b.year);
    const { matrix, overflow } = buildMatrix(sorted);
    return new Dataset(sorted.map((r) => summary(r, reportFileName(r.agency, r.year))), [...METRIC_IDS], matrix, overflow, (i) => sorted[i]!, Infinity);
  }

  indexOf(agency: string, year: number): number | undefined { return this.byAgency.get(agency)?.get(year); }

  /** The full report (read from its file the first time, then cached). */
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
    const pos = i * this.metrics.length + col;
    return decode(this.matrix[pos]!, () => this.overflow.get(pos));
  }
}

/** Reads the reports of the index one at a time (optionally only those `keep` selects), for tools that walk a dataset of any size. */
export function* eachReport(dir: string, keep: (e: IndexEntry) => boolean = () => true): Generator<Report> {
  for (const e of readIndex(dir).reports) if (keep(e)) yield readReportFile(dir, e.file);
}

/** Loads every report of the index, validating each one (small datasets and tests). */
export function loadDataset(dir: string): Report[] {
  return readIndex(dir).reports.map((e) => readReportFile(dir, e.file));
}

/**
 * Writes a dataset in bulk: each report's file as it comes, the index and the cell matrix at `finish()`.
 * Holds only a summary and one row of cells per report, so 100,000 reports stream through in bounded memory.
 * Starts from the reports already in `dir`; a report with the same agency+year replaces the old one.
 */
export class DatasetWriter {
  private readonly rows = new Map<string, { entry: IndexEntry; cells: Int32Array; overflow: Map<number, number> }>();
  private readonly previous: DatasetIndex;
  private readonly metrics = [...METRIC_IDS];

  constructor(private readonly dir: string) {
    this.previous = readIndex(dir);
    if (!this.previous.reports.length) return;
    const existing = Dataset.open(dir);
    existing.summaries.forEach((entry, i) => this.keep(entry, (id) => existing.value(i, id)));
  }

  /** Validates and writes one report (the index is not touched until finish). */
  add(r: Report): void {
    Report.parse(r);
    const file = reportFileName(r.agency, r.year);
    const old = this.rows.get(`${r.agency}|${r.year}`);
    const content = JSON.stringify(packReport(r)) + '\n';
    // a file the current index names is replaced atomically; a new one is invisible until finish() names it
    if (old?.entry.file === file || existsSync(join(this.dir, file))) atomicWrite(join(this.dir, file), content);
    else writeNew(join(this.dir, file), content);
    if (old && old.entry.file !== file) rmSync(join(this.dir, old.entry.file), { force: true });
    this.keep(summary(r, file), (id) => r.cells[id]?.value ?? null);
  }

  /** Writes the cell matrix and then the index that names it: the dataset switches over in one rename. */
  finish(): void {
    const rows = [...this.rows.values()].sort((a, b) => byAgency(a.entry.agency, b.entry.agency) || a.entry.year - b.entry.year);
    const { matrix, overflow } = joinRows(rows, this.metrics.length);
    const cells = `cells-${Date.now().toString(36)}-${process.pid}.bin`;
    atomicWrite(join(this.dir, cells), new Uint8Array(matrix.buffer));
    const out: DatasetIndex = { schemaVersion: INDEX_VERSION, cells, metrics: this.metrics, overflow: Object.fromEntries(overflow), reports: rows.map((r) => r.entry) };
    atomicWrite(join(this.dir, INDEX), JSON.stringify(out) + '\n');
    if (this.previous.cells && this.previous.cells !== cells) rmSync(join(this.dir, this.previous.cells), { force: true });
  }

  private keep(entry: IndexEntry, valueOf: (id: string) => CellValue): void {
    this.rows.set(`${entry.agency}|${entry.year}`, { entry, ...encodeRow(this.metrics, valueOf) });
  }
}

/** Stores reports, replacing any with the same agency+year. Nothing is written unless every report validates. */
export function saveReports(dir: string, reports: Report[]): void {
  for (const r of reports) Report.parse(r);
  const writer = new DatasetWriter(dir);
  for (const r of reports) writer.add(r);
  writer.finish();
}
