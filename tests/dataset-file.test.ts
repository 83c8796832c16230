/**
 * The dataset file (reports.sqlite) under the conditions that broke the old folder format: concurrent ingests,
 * a process killed mid-ingest, a serving process that must see new versions whole, old folders to migrate, and
 * --data paths that are no dataset at all.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { serveCommand } from '../adapters/serve.js';
import { LiveBot } from '../src/bot/live-bot.js';
import { csvLines, jsonLines } from '../src/export/export.js';
import { generateReports } from '../src/gen/generate.js';
import { Report } from '../src/model/schema.js';
import { Dataset, saveReports } from '../src/store/dataset.js';
import { LiveDataset } from '../src/store/live.js';
import { unpackReport } from '../src/store/pack.js';
import { buildReport, consistentTables } from './helpers/reports.js';
import { agencyReport } from './helpers/fleet.js';
import { waitFor } from './helpers/local-server.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin/disclosure-bot.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'dsfile-'));

/** Runs the CLI in a child process; resolves with its exit code and output (killed after 60 s). */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Captures console and stdout while running the CLI in this process. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(String(m)));
  const error = vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(String(m)));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((m: string | Uint8Array) => (out.push(String(m)), true));
  try {
    return { code: await main(args, { serve: serveCommand }), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

const penalty = (r: Report, n: number): Report => ({ ...r, cells: { ...r.cells, 'penalty.decisions': { ...r.cells['penalty.decisions']!, value: n } } });

describe('concurrent ingests', () => {
  it('two ingests into one new dataset at once both land, every round, one version each', async () => {
    const raw = tmp();
    const generated = [...generateReports({ reports: 8 * 2 * 8, seed: 9 })];
    const files = generated.map((g, i) => { const f = join(raw, `${i}.txt`); writeFileSync(f, g.text); return f; });
    for (let round = 0; round < 8; round++) {
      const data = join(tmp(), 'data'); // not created yet: both processes race to create the file too
      const mine = files.slice(round * 16, round * 16 + 16);
      const [a, b] = await Promise.all([cli(['ingest', ...mine.slice(0, 8), '--data', data]), cli(['ingest', ...mine.slice(8), '--data', data])]);
      // a batch ends with its count on stderr; nothing else may be said there
      const quiet = (e: string) => e.replace(/^ingest: \d+ ingested, 0 failed\n?$/, '');
      expect([a.code, quiet(a.err), b.code, quiet(b.err)]).toEqual([0, '', 0, '']);
      const d = Dataset.open(data);
      const expected = generated.slice(round * 16, round * 16 + 16).map((g) => `${g.agency}|${g.year}`).sort();
      expect(d.summaries.map((s) => `${s.agency}|${s.year}`).sort()).toEqual(expected);
      expect(d.version).toBe(2);
      d.close();
    }
  }, 120_000);
});

describe('ingest on worker threads', () => {
  it('stores, prints and refuses exactly as ingest on one thread does', async () => {
    const raw = tmp();
    for (const [i, g] of [...generateReports({ reports: 40, seed: 5 })].entries()) writeFileSync(join(raw, `${String(i).padStart(2, '0')}.txt`), g.text);
    const pooled = join(tmp(), 'data');
    const single = join(tmp(), 'data');
    const [p, s] = await Promise.all([
      cli(['ingest', raw, '--data', pooled], { DISCLOSURE_BOT_INGEST_THREADS: '2' }),
      cli(['ingest', raw, '--data', single], { DISCLOSURE_BOT_INGEST_THREADS: '0' }),
    ]);
    expect([p.code, p.err]).toEqual([0, 'ingest: 40 ingested, 0 failed\n']);
    expect(p.out.split('\n')).toHaveLength(41);
    expect(p.out.replaceAll(pooled, 'DATA')).toBe(s.out.replaceAll(single, 'DATA'));
    const exports = await Promise.all([pooled, single].map((d) => cli(['export', '--data', d, '--format', 'jsonl'])));
    expect(exports[0]!.out.length).toBeGreaterThan(0);
    expect(exports[0]!.out).toBe(exports[1]!.out);

    // one bad file among them, read by another worker than the first: every failure named, nothing committed
    writeFileSync(join(raw, '17.txt'), '这不是年报');
    writeFileSync(join(raw, '33.txt'), '');
    const failed = await cli(['ingest', raw, '--data', pooled], { DISCLOSURE_BOT_INGEST_THREADS: '2' });
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/17\.txt: .*\n.*33\.txt: file is empty\n.*2 of 40 files failed; nothing written \(--keep-going writes the 38 that parsed\)/);
    const after = Dataset.open(pooled);
    expect([after.version, after.size]).toEqual([1, 40]);
    after.close();
  }, 120_000);
});

describe('a process killed in the middle of an ingest', () => {
  it('leaves the previous version and its reports as they were, and the next ingest goes through', async () => {
    const data = tmp();
    saveReports(data, [agencyReport('高平市交通运输局', 2023)]);
    const child = spawn(process.execPath, [join(ROOT, 'tests/helpers/ingest-then-hang.mjs'), data, '40'], { stdio: ['ignore', 'pipe', 'inherit'], timeout: 60_000 });
    await new Promise<void>((resolve) => child.stdout.on('data', (d) => String(d).includes('written') && resolve()));
    // the uncommitted batch is invisible to readers while the writer lives …
    expect(Dataset.open(data).size).toBe(1);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    // … and gone once it is killed
    const after = Dataset.open(data);
    expect([after.version, after.summaries.map((s) => s.agency)]).toEqual([1, ['高平市交通运输局']]);
    after.close();
    expect(saveReports(data, [agencyReport('泽州县交通运输局', 2023)])).toBe(2);
    expect(Dataset.open(data).size).toBe(2);
  });
});

describe('serving while the dataset changes', () => {
  let live: LiveDataset | undefined;
  afterEach(() => live?.stop());

  it('picks up a new ingest within the poll interval, and no answer mixes two versions', async () => {
    const data = tmp();
    const a = agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 111 });
    const b = agencyReport('泽州县交通运输局', 2023, { ...consistentTables(), penalty: 222 });
    saveReports(data, [a, b]);
    live = LiveDataset.open(data, { pollMs: 100, graceMs: 50 });
    const bot = new LiveBot(live, { warmUp: false });
    const ranking = () => bot.handle('2023年各部门行政处罚排名', 'r').text;
    const single = () => bot.handle('高平市交通运输局2023年行政处罚多少件', 's').text;
    expect(ranking()).toMatch(/222[\s\S]*111/);
    expect(single()).toContain('111');

    // a separate process commits both new values in one batch while questions keep coming
    const raw = tmp();
    const files = ([['高平市交通运输局', 999], ['泽州县交通运输局', 888]] as const).map(([agency, n]) => {
      const f = join(raw, `${agency}.txt`);
      writeFileSync(f, buildReport('tsv', { ...consistentTables(), penalty: n }, agency, 2023));
      return f;
    });
    const answers: string[][] = [];
    const asking = setInterval(() => answers.push([ranking(), single()]), 5);
    let committed = 0;
    try {
      const r = await cli(['ingest', ...files, '--data', data]);
      expect([r.code, r.err.replace(/^ingest: \d+ ingested, 0 failed\n?$/, '')]).toEqual([0, '']);
      committed = performance.now();
      await waitFor(() => (live!.current.version === 2 ? true : undefined), 3000);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      clearInterval(asking);
    }
    // within the poll interval (100 ms) plus building the view; generous for a loaded machine
    expect(performance.now() - committed).toBeLessThan(2000);
    expect(answers.length).toBeGreaterThan(5);
    // every ranking is one version's: (222, 111) before, (999, 888) after — never an old value beside a new one
    for (const [r] of answers) expect([/222[\s\S]*111/, /999[\s\S]*888/].filter((p) => p.test(r!)).length).toBe(1);
    // once an answer is new, no later one is old; the same holds for the single question
    const firstNew = answers.findIndex(([r]) => r!.includes('999'));
    expect(firstNew).toBeGreaterThan(-1);
    expect(answers.slice(firstNew).every(([r, s]) => r!.includes('999') && s!.includes('999') && !s!.includes('111'))).toBe(true);
    expect(ranking()).toMatch(/999[\s\S]*888/);
  }, 60_000);

  it('reload() (SIGHUP in serve) swaps at once; a replaced view is closed after its grace period', async () => {
    const data = tmp();
    saveReports(data, [agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 111 })]);
    live = LiveDataset.open(data, { pollMs: 0, graceMs: 10 });
    const old = live.current;
    old.report(0);
    saveReports(data, [penalty(agencyReport('高平市交通运输局', 2023), 5)]);
    expect(live.check()).toBe(true);
    expect(live.current.value(0, 'penalty.decisions')).toBe(5);
    expect(live.current.report(0).cells['penalty.decisions']!.value).toBe(5);
    expect(old.value(0, 'penalty.decisions')).toBe(111); // the old view stays whole
    expect(live.check()).toBe(false);
    expect(live.reload()).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(() => old.report(1)).toThrow();
  });
});

describe('migration from the old folder format', () => {
  const fixture = join(ROOT, 'tests/fixtures/legacy-dataset');
  const legacyReports = () => (JSON.parse(readFileSync(join(fixture, 'index.json'), 'utf8')) as { reports: Array<{ file: string }> }).reports
    .map((e) => Report.parse(unpackReport(JSON.parse(readFileSync(join(fixture, e.file), 'utf8')))));

  it('migrate --from OLD --data NEW gives the same export as the old reports', async () => {
    const to = join(tmp(), 'new');
    expect((await run(['migrate', '--from', fixture, '--data', to])).code).toBe(0);
    expect((await run(['export', '--data', to, '--format', 'csv'])).out).toBe([...csvLines(legacyReports())].map((l) => `${l}\n`).join('\n'));
    expect((await run(['export', '--data', to, '--format', 'jsonl'])).out).toBe([...jsonLines(legacyReports())].map((l) => `${l}\n`).join('\n'));
  });

  it('opens an old folder of many reports by migrating it beside its files, in the old order', async () => {
    const old = tmp();
    cpSync(fixture, old, { recursive: true });
    // a multi-report old folder: index in the old order, one packed file each
    const reports = [agencyReport('高平市交通运输局', 2022), agencyReport('泽州县交通运输局', 2022), ...legacyReports()];
    const index = JSON.parse(readFileSync(join(old, 'index.json'), 'utf8'));
    const { packReport } = await import('../src/store/pack.js');
    index.reports = Dataset.fromReports(reports).summaries.map((s) => ({ ...s, file: `reports/${s.agency}-${s.year}.json` }));
    delete index.cells;
    for (const r of reports) writeFileSync(join(old, `reports/${r.agency}-${r.year}.json`), JSON.stringify(packReport(r)));
    writeFileSync(join(old, 'index.json'), JSON.stringify(index));
    const before = [...csvLines(Dataset.fromReports(reports).summaries.map((s) => reports.find((r) => r.id === s.id)!))];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exported = await run(['export', '--data', old, '--format', 'csv']);
    stderr.mockRestore();
    expect(exported.code).toBe(0);
    expect(exported.out).toBe(before.map((l) => `${l}\n`).join('\n'));
    expect(readdirSync(old)).toContain('reports.sqlite');
  });
});

describe('a --data path that is no dataset', () => {
  const notData = () => {
    const dir = tmp();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'just some text, not a database\n'.repeat(200));
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    return { missing: join(dir, 'nonexistent'), file, empty };
  };

  it.each([
    ['ask', ['ask', '行政处罚多少件']],
    ['export', ['export', '--format', 'csv']],
    ['audit', ['audit']],
    ['serve', ['serve']],
    ['chat', ['chat']],
  ])('%s refuses a missing path, a stray file and a folder that is no dataset (exit 1, says why)', async (_, args) => {
    const { missing, file, empty } = notData();
    for (const [path, why] of [[missing, /no dataset at .*no such file/], [file, /is not a disclosure-bot dataset/], [empty, /is not a dataset \(no reports\.sqlite/]] as const) {
      const r = await run([...args, '--data', path]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(why);
      expect(r.out).not.toContain('还没有年报');
    }
    expect(readdirSync(empty)).toEqual([]); // nothing was created by looking
  });

  it('an empty dataset is one created as such: init, then "no reports yet"', async () => {
    const { empty } = notData();
    expect((await run(['init', '--data', empty])).code).toBe(0);
    const r = await run(['ask', '--data', empty, '行政处罚多少件']);
    expect([r.code, r.out]).toEqual([0, expect.stringContaining('还没有年报')]);
    rmSync(empty, { recursive: true });
  });

  it('a SQLite file of another application is not a dataset, and is left alone', async () => {
    const { default: Database } = await import('better-sqlite3');
    const dir = tmp();
    const file = join(dir, 'other.sqlite');
    new Database(file).exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    const before = readFileSync(file);
    const r = await run(['ingest', join(ROOT, 'data/raw/zezhou-transport-2023.txt'), '--data', file]);
    expect([r.code, r.err]).toEqual([1, expect.stringContaining('is not a disclosure-bot dataset')]);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
