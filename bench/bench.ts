/**
 * `npm run bench [-- --sizes 1000,10000,100000] [--rounds N]`: the bundled dataset, then generated datasets
 * of each size — ingest throughput (parse + validate + store), cold start (load dataset + tokenizer + first
 * answer), answer latency p50/p99 and answers/s over a fixed question mix, and RSS. Speed goals live here,
 * not in the unit tests. Answering runs in a fresh process per dataset (bench/answers.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { generateReports } from '../src/gen/generate.js';
import { parseReport } from '../src/ingest/parse.js';
import { BUNDLED_DATA, DatasetWriter } from '../src/store/dataset.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000,100000' }, rounds: { type: 'string', default: '100' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) { console.log('npm run bench [-- --sizes 1000,10000,100000] [--rounds 100]'); process.exit(0); }
const sizes = values.sizes!.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const answers = fileURLToPath(new URL('./answers.js', import.meta.url));

interface Figures { reports: number; coldMs: number; p50: number; p99: number; p99ByKind: Record<string, number>; answersPerSecond: number; rssMb: number }
const measure = (dir: string, rounds: number, quiet = false): Figures => JSON.parse(execFileSync(process.execPath, [answers, dir, String(rounds), ...(quiet ? ['--quiet'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 }).trim().split('\n').pop()!);

const rows: string[][] = [];
const row = (label: string, ingest: string, f: Figures) => rows.push([
  label, ingest, `${f.coldMs.toFixed(0)} ms`, `${f.p50.toFixed(2)} ms`, `${f.p99.toFixed(2)} ms`,
  `${f.p99ByKind.single!.toFixed(2)} / ${f.p99ByKind.comparison!.toFixed(2)} / ${f.p99ByKind.ranking!.toFixed(2)} ms`, f.answersPerSecond.toFixed(0), `${f.rssMb.toFixed(0)} MB`,
]);

row('bundled (1 report)', '—', measure(BUNDLED_DATA, Number(values.rounds) * 5, true));
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${size}-`));
  try {
    // generation is not timed; ingest is what `disclosure-bot ingest` does: parse, validate, audit, store
    let ingestMs = 0;
    const writer = new DatasetWriter(dir);
    for (const g of generateReports({ reports: size, seed: 2024 })) {
      const t = performance.now();
      writer.add(parseReport(g.text, { sourceFile: `${g.agency}-${g.year}.txt` }));
      ingestMs += performance.now() - t;
    }
    const t = performance.now();
    writer.finish();
    ingestMs += performance.now() - t;
    process.stderr.write(`bench: ${size} reports ingested in ${(ingestMs / 1000).toFixed(1)} s\n`);
    row(`${size.toLocaleString('en')} reports`, `${((size / ingestMs) * 1000).toFixed(0)} reports/s`, measure(dir, Number(values.rounds)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const header = ['dataset', 'ingest', 'cold start', 'p50', 'p99', 'p99 single / comparison / ranking', 'answers/s', 'RSS'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
console.log('\ntargets: p99 ≤ 5 ms and cold start ≤ 2 s at 10,000 reports; RSS ≤ 500 MB at 100,000; ingest ≥ 500 reports/s');
