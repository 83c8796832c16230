/**
 * What `--data PATH` names: a dataset directory (holding reports.sqlite), or the dataset file itself. Readers
 * need an existing dataset — a missing path, a stray file or a folder that is no dataset is an error, never an
 * empty dataset. Writers create the directory and the file. A folder in the old format (index.json + reports/)
 * is migrated into reports.sqlite beside it the first time it is opened.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET_FILE, DatasetError, datasetVersion, openDb } from './db.js';
import { isLegacyFolder, migrateFolder } from './legacy.js';

export function datasetFile(path: string, mode: 'read' | 'write'): string {
  let stat;
  try { stat = statSync(path); } catch { /* missing */ }
  if (!stat) {
    if (mode === 'read') throw new DatasetError(`no dataset at ${path}: no such file or directory (create one with "disclosure-bot ingest FILE... --data ${path}" or "disclosure-bot init --data ${path}")`);
    mkdirSync(path, { recursive: true });
    return join(path, DATASET_FILE);
  }
  if (stat.isFile()) return path; // openDb checks that it is a dataset
  if (!stat.isDirectory()) throw new DatasetError(`${path} is neither a dataset directory nor a dataset file`);
  const file = join(path, DATASET_FILE);
  if (existsSync(file)) return file;
  if (isLegacyFolder(path)) {
    try {
      const { reports } = migrateFolder(path, path);
      process.stderr.write(`disclosure-bot: migrated ${reports} report(s) of the old folder format in ${path} into ${file}\n`);
    } catch (e) {
      throw new DatasetError(`${path} holds a dataset in the old folder format and could not be migrated (${(e as Error).message}); run "disclosure-bot migrate --from ${path} --data NEW_DIR"`);
    }
    return file;
  }
  if (mode === 'read') throw new DatasetError(`${path} is not a dataset (no ${DATASET_FILE} in it); create one with "disclosure-bot ingest FILE... --data ${path}" or "disclosure-bot init --data ${path}"`);
  return file;
}

/** The dataset file at `path`, checked to be a dataset that has committed at least once (an `init` counts). */
export function readableFile(path: string): string {
  const file = datasetFile(path, 'read');
  const db = openDb(file, { readonly: true });
  try {
    if (datasetVersion(db) === 0) throw new DatasetError(`${path} holds no committed dataset yet (an ingest into it failed or is still running); ingest reports into it or run "disclosure-bot init --data ${path}"`);
  } finally {
    db.close();
  }
  return file;
}
