/**
 * The dataset directory: one validated JSON per report under reports/, plus index.json.
 * Writes go to a temporary file and are renamed into place, so a failed ingest never leaves a
 * half-written or corrupt dataset.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetIndex, Report } from '../model/schema.js';

/** The project root (where package.json is), from either src/ (tests) or dist/src/ (the built CLI). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const BUNDLED_DATA = resolve(projectRoot(), 'data');

export function reportFileName(agency: string, year: number): string {
  const safe = agency.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  return `reports/${safe}-${year}.json`;
}

function atomicWrite(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export function readIndex(dir: string): DatasetIndex {
  const path = join(dir, 'index.json');
  if (!existsSync(path)) return { schemaVersion: 1, reports: [] };
  return DatasetIndex.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Loads every report of the index, validating each one. */
export function loadDataset(dir: string): Report[] {
  return readIndex(dir).reports.map((e) => Report.parse(JSON.parse(readFileSync(join(dir, e.file), 'utf8'))));
}

/** Stores reports, replacing any with the same agency+year; index written last. */
export function saveReports(dir: string, reports: Report[]): void {
  const index = readIndex(dir);
  const entries = new Map(index.reports.map((e) => [`${e.agency}|${e.year}`, e]));
  for (const r of reports) Report.parse(r);
  for (const r of reports) {
    const file = reportFileName(r.agency, r.year);
    atomicWrite(join(dir, file), JSON.stringify(r, null, 1) + '\n');
    const old = entries.get(`${r.agency}|${r.year}`);
    if (old && old.file !== file) rmSync(join(dir, old.file), { force: true });
    entries.set(`${r.agency}|${r.year}`, { id: r.id, agency: r.agency, year: r.year, file, publishDate: r.publishDate, findings: r.findings.length });
  }
  const sorted = [...entries.values()].sort((a, b) => a.agency.localeCompare(b.agency, 'zh') || a.year - b.year);
  atomicWrite(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 1, reports: sorted }, null, 1) + '\n');
}
