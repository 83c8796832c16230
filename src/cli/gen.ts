/** `gen`: writes synthetic reports as raw text (DIR/raw) and, unless --raw-only, ingests them into DIR as a dataset. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateReports } from '../gen/generate.js';
import { parseReport } from '../ingest/parse.js';
import type { Report } from '../model/schema.js';
import { saveReports } from '../store/dataset.js';

export interface GenArgs { reports: number; out: string; seed: number; years: [number, number]; rawOnly: boolean }

export function runGen(a: GenArgs): number {
  const raw = join(a.out, 'raw');
  mkdirSync(raw, { recursive: true });
  const t0 = performance.now();
  const reports: Report[] = [];
  let n = 0;
  for (const g of generateReports({ reports: a.reports, seed: a.seed, years: a.years })) {
    const file = `${g.agency}-${g.year}.txt`;
    writeFileSync(join(raw, file), g.text);
    if (!a.rawOnly) reports.push(parseReport(g.text, { sourceFile: file }));
    n++;
  }
  if (!a.rawOnly) saveReports(a.out, reports);
  const agencies = new Set(reports.map((r) => r.agency)).size;
  console.log(`generated ${n} reports${a.rawOnly ? '' : ` of ${agencies} agencies`} (${a.years[0]}–${a.years[1]}, seed ${a.seed}) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${raw}${a.rawOnly ? '' : ` and the dataset in ${a.out}`}`);
  if (n < a.reports) console.log(`(only ${n}: every region × department combination is used)`);
  return 0;
}
