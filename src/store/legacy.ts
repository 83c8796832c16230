/**
 * The dataset format before reports.sqlite: a folder with index.json (a summary per report), reports/*.json (one
 * packed report each) and a cells-*.bin matrix. Read here only to migrate it; the matrix is not needed, since
 * every cell is in the report files.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatasetIndex, Report } from '../model/schema.js';
import { DATASET_FILE } from './db.js';
import { unpackReport } from './pack.js';
import { DatasetWriter } from './writer.js';

const INDEX = 'index.json';

export function isLegacyFolder(dir: string): boolean {
  return existsSync(join(dir, INDEX));
}

function readLegacyIndex(dir: string): DatasetIndex {
  const path = join(dir, INDEX);
  let json: unknown;
  try { json = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new Error(`the dataset index ${path} is unreadable (${(e as Error).message})`); }
  const parsed = DatasetIndex.safeParse(json);
  if (!parsed.success) throw new Error(`${path} is not a disclosure-bot index: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The reports of an old-format folder, in its index order, each validated. */
export function* legacyReports(dir: string): Generator<Report> {
  for (const e of readLegacyIndex(dir).reports) yield Report.parse(unpackReport(JSON.parse(readFileSync(join(dir, e.file), 'utf8'))));
}

/**
 * Copies an old-format folder into a dataset: into `to`'s existing reports.sqlite as one batch, or into a new
 * file built aside and renamed into place, so an interrupted migration never leaves a half-filled dataset.
 */
export function migrateFolder(from: string, to: string): { reports: number; file: string } {
  if (!isLegacyFolder(from)) throw new Error(`${from} is not a dataset folder of the old format (no ${INDEX})`);
  const target = existsSync(to) && statSync(to).isFile() ? to : join(to, DATASET_FILE);
  const fresh = !existsSync(target);
  if (fresh) mkdirSync(join(target, '..'), { recursive: true });
  const building = fresh ? `${target}.migrating-${process.pid}` : target;
  let writer: DatasetWriter | undefined;
  try {
    writer = new DatasetWriter(building, { exactFile: true });
    for (const r of legacyReports(from)) writer.add(r);
    const reports = writer.count;
    writer.finish();
    if (fresh) renameSync(building, target);
    return { reports, file: target };
  } catch (e) {
    writer?.abort();
    if (fresh) for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
    throw e;
  }
}
