/**
 * `npm run bench [-- --sizes 1000,10000,100000,500000] [--rounds N]`: the bundled dataset, then generated
 * datasets of each size — ingest throughput (the generated reports are written as files first, then the `ingest`
 * command's own code reads, parses, checks and stores the folder: workers parse, one transaction writes), database size, cold start
 * (load dataset + tokenizer + first answer), answer latency p50/p99 and answers/s over a fixed question mix, and
 * RSS. Speed goals live here, not in the unit tests. Answering runs in a fresh process per dataset (bench/answers.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { generateReports } from '../src/gen/generate.js';
import { runIngest } from '../src/cli/ingest.js';
import { BUNDLED_DATA } from '../src/store/dataset.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000,100000,500000' }, rounds: { type: 'string', default: '100' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) { console.log('npm run bench [-- --sizes 1000,10000,100000,500000] [--rounds 100]'); process.exit(0); }
const sizes = values.sizes!.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const answers = fileURLToPath(new URL('./answers.js', import.meta.url));

type ByKind = Record<'single' | 'comparison' | 'ranking', number>;
interface Figures { reports: number; coldMs: number; coldCpuMs: number; p50: number; p99: number; p50ByKind: ByKind; p99ByKind: ByKind; cpuP99ByKind: ByKind; answersPerSecond: number; rssMb: number }
const measure = (dir: string, rounds: number, quiet = false): Figures => JSON.parse(execFileSync(process.execPath, [answers, dir, String(rounds), ...(quiet ? ['--quiet'] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 }).trim().split('\n').pop()!);

/** Runs `ingest` with its per-report lines discarded; the number of reports it wrote (from its count line). */
async function quietly(ingest: () => Promise<number>): Promise<number> {
  const { log, error } = console;
  let count = NaN;
  console.log = () => undefined;
  console.error = (m: string) => { const c = /^ingest: (\d+) ingested, 0 failed/.exec(m); if (c) count = Number(c[1]); else error(m); };
  try {
    const code = await ingest();
    if (code !== 0 || !Number.isFinite(count)) throw new Error(`bench: ingest failed (exit code ${code})`);
    return count;
  } finally {
    console.log = log;
    console.error = error;
  }
}

const rows: string[][] = [];
const kinds = (k: ByKind) => `${k.single.toFixed(2)} / ${k.comparison.toFixed(2)} / ${k.ranking.toFixed(2)} ms`;
const row = (label: string, ingest: string, size: string, f: Figures) => rows.push([
  label, ingest, size, `${f.coldMs.toFixed(0)} (${f.coldCpuMs.toFixed(0)}) ms`, `${f.rssMb.toFixed(0)} MB`, kinds(f.p50ByKind), kinds(f.p99ByKind), kinds(f.cpuP99ByKind), f.answersPerSecond.toFixed(0),
]);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
process.stderr.write(`bench: load average at start ${load()} (${availableParallelism()} cores)\n`);
const mb = (file: string) => `${(statSync(file).size / 1024 / 1024).toFixed(0)} MB`;

row('bundled (1 report)', '—', mb(join(BUNDLED_DATA, 'reports.sqlite')), measure(BUNDLED_DATA, Number(values.rounds) * 5, true));
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${size}-`));
  try {
    const raw = join(dir, 'raw');
    mkdirSync(raw);
    // five years of every generated agency make about 300,000 reports; beyond that, ten years
    for (const g of generateReports({ reports: size, seed: 2024, years: size > 250_000 ? [2016, 2025] : undefined })) writeFileSync(join(raw, `${g.agency}-${g.year}.txt`), g.text);
    const t = performance.now();
    const cpu = process.cpuUsage(); // this process and its worker threads
    const count = await quietly(() => runIngest([raw], { dataDir: dir, keepGoing: false }));
    const ingestMs = performance.now() - t;
    const { user, system } = process.cpuUsage(cpu);
    rmSync(raw, { recursive: true, force: true });
    const cpuMs = (user + system) / 1000 / count;
    process.stderr.write(`bench: ${count} reports ingested in ${(ingestMs / 1000).toFixed(1)} s, ${cpuMs.toFixed(2)} ms CPU per report\n`);
    // wall-clock speed, and what the CPU time per report allows on all cores (the same figure on an idle machine)
    row(`${size.toLocaleString('en')} reports`, `${((count / ingestMs) * 1000).toFixed(0)} (${((availableParallelism() * 1000) / cpuMs).toFixed(0)}) reports/s`, mb(join(dir, 'reports.sqlite')), measure(dir, Number(values.rounds)));
    process.stderr.write(`bench: | ${rows.at(-1)!.join(' | ')} |\n`); // a long run's rows as they come
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const header = ['dataset', 'ingest (CPU-bound)', 'database', 'cold start (CPU)', 'RSS', 'p50 single / comparison / ranking', 'p99 single / comparison / ranking', 'p99 CPU time', 'answers/s'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
console.log(`\nload average at the end ${load()} (1, 5, 15 min; ${availableParallelism()} cores)`);
console.log('targets (2 cores): ingest ≥ 2,000 reports/s; cold start ≤ 3 s, RSS ≤ 1 GB up to 500,000; p99 ≤ 10 ms for comparisons and rankings, ≤ 2 ms for single-report questions at every size');
