#!/usr/bin/env node
// Rebuilds the bundled dataset (data/) from the published reports in data/raw/, with no hints: the same
// `disclosure-bot ingest` a user runs. Ingests into a fresh folder first; data/ is only replaced (everything in it
// except raw/) once every report has ingested, so a failure leaves the bundled dataset as it was.
// usage: npm run data:rebuild   (after `npm run build`; works whatever store format the ingest command writes)
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const data = join(root, 'data');
const raw = join(data, 'raw');
const files = readdirSync(raw).filter((f) => /\.(txt|html?|pdf|docx)$/i.test(f)).sort().map((f) => join(raw, f));
if (!files.length) { console.error(`data:rebuild: no report files in ${raw}`); process.exit(1); }

const fresh = mkdtempSync(join(tmpdir(), 'disclosure-data-'));
try {
  const run = spawnSync(process.execPath, [join(root, 'bin/disclosure-bot.js'), 'ingest', ...files, '--data', fresh], { stdio: 'inherit' });
  if (run.status !== 0) { console.error('data:rebuild: ingest failed; data/ left unchanged'); process.exit(run.status ?? 1); }
  for (const entry of readdirSync(data)) if (entry !== 'raw') rmSync(join(data, entry), { recursive: true, force: true });
  for (const entry of readdirSync(fresh)) cpSync(join(fresh, entry), join(data, entry), { recursive: true });
  console.log(`data:rebuild: ${files.length} report(s) from data/raw → data/`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
