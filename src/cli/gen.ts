/** `gen`: writes synthetic reports as raw text (DIR/raw) and, unless --raw-only, ingests them into DIR as a dataset. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateReports } from '../gen/generate.js';
import { parseReport } from '../ingest/parse.js';
import { DatasetWriter } from '../store/dataset.js';

export interface GenArgs { reports: number; out: string; seed: number; years: [number, number]; rawOnly: boolean }

export function runGen(a: GenArgs): number {
  const raw = join(a.out, 'raw');
  mkdirSync(raw, { recursive: true });
  const t0 = performance.now();
  const writer = a.rawOnly ? undefined : new DatasetWriter(a.out);
  const agencies = new Set<string>();
  let n = 0;
  for (const g of generateReports({ reports: a.reports, seed: a.seed, years: a.years })) {
    const file = `${g.agency}-${g.year}.txt`;
    writeFileSync(join(raw, file), g.text);
    writer?.add(parseReport(g.text, { sourceFile: file })); // through the real parser, as `ingest` would
    agencies.add(g.agency);
    n++;
  }
  writer?.finish();
  console.log(`generated ${n} reports${a.rawOnly ? '' : ` of ${agencies.size} agencies`} (${a.years[0]}–${a.years[1]}, seed ${a.seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${raw}${a.rawOnly ? '' : ` and the dataset in ${a.out}`}`);
  if (n < a.reports) console.log(`(only ${n}: every region × department combination is used)`);
  return 0;
}
