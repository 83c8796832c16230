/** The dataset store: packed report files, the index and the cell matrix, and the generator feeding them. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../src/catalog/metrics.js';
import { generateReports } from '../src/gen/generate.js';
import { parseReport } from '../src/ingest/parse.js';
import { Dataset, saveReports } from '../src/store/dataset.js';
import { packReport, unpackReport } from '../src/store/pack.js';
import { BLANK, NOT_APPLICABLE, OVERFLOW, SMALLEST, UNDETERMINED, blobOverflow, decodeValue, encodeRow, rowToBlob } from '../src/store/codec.js';
import { fleet } from './helpers/fleet.js';
import type { CellValue, Report } from '../src/model/schema.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'store-'));

describe('store', () => {
  it('packing a report loses nothing, with cells keyed by id or in a file\'s metric order', () => {
    for (const r of fleet()) {
      expect(unpackReport(JSON.parse(JSON.stringify(packReport(r))))).toEqual(r);
      expect(unpackReport(JSON.parse(JSON.stringify(packReport(r, METRIC_IDS))), METRIC_IDS)).toEqual(r);
    }
    // a cell with more than a value and the catalog's labels (a note, the raw text) is kept whole
    const r = fleet()[0]!;
    const cell = { ...r.cells['penalty.decisions']!, value: null, note: '无法确定', raw: '1 9 5' };
    const odd = { ...r, cells: { ...r.cells, 'penalty.decisions': cell } };
    expect(unpackReport(JSON.parse(JSON.stringify(packReport(odd, METRIC_IDS))), METRIC_IDS).cells['penalty.decisions']).toEqual(cell);
  });

  it('encodes every kind of cell value in the Int32 matrix, with room below the integers', () => {
    const kinds = [0, 195, -5, 2147483647, SMALLEST, SMALLEST - 1, 12.34, 77132470123, null, 'n/a', 'undetermined'];
    const row = encodeRow(kinds.map((_, j) => `m${j}`), (id) => kinds[Number(id.slice(1))]);
    const overflow = blobOverflow(rowToBlob(row), kinds.length);
    expect(kinds.map((_, j) => decodeValue(row.cells[j]!, () => overflow.get(j)))).toEqual(kinds);
    expect([BLANK, NOT_APPLICABLE, OVERFLOW, UNDETERMINED].every((s) => s < SMALLEST)).toBe(true);
    expect(SMALLEST - UNDETERMINED).toBeGreaterThan(1); // another sentinel still fits
  });

  it('a saved dataset reads back the same cells, summaries and reports as the reports in memory', () => {
    const dir = tmp();
    const reports = fleet();
    saveReports(dir, reports);
    const disk = Dataset.open(dir);
    const memory = Dataset.fromReports(reports);
    expect(disk.summaries).toEqual(memory.summaries);
    for (let i = 0; i < disk.size; i++) {
      for (const id of METRIC_IDS) expect(disk.value(i, id)).toEqual(memory.value(i, id));
      expect(disk.report(i)).toEqual(memory.report(i));
      // the columns answers read say what the report and its summary say
      const r = disk.report(i);
      expect([disk.agencyOf(i), disk.yearOf(i), disk.addressOf(i), disk.errorRulesOf(i)]).toEqual([r.agency, r.year, r.contact.address?.value ?? null, disk.summaries[i]!.errorRules]);
      expect(disk.summary(i)).toEqual({ ...disk.summaries[i]!, id: r.id });
    }
    const blank = disk.indexOf('阳城县交通运输局', 2023)!;
    expect(disk.value(blank, 'penalty.decisions')).toBeNull();
    expect(disk.summaries[blank]!.errorRules.length).toBeGreaterThan(0);
  });

  it('keeps decimals and large numbers exactly', () => {
    const dir = tmp();
    const r = fleet()[0]!;
    r.cells['fees.amountWan'] = { ...r.cells['fees.amountWan']!, value: 12.34 };
    r.cells['licensing.decisions'] = { ...r.cells['licensing.decisions']!, value: 77132470123 };
    saveReports(dir, [r]);
    const d = Dataset.open(dir);
    expect(d.value(0, 'fees.amountWan')).toBe(12.34);
    expect(d.value(0, 'licensing.decisions')).toBe(77132470123);
  });

  it('re-saving replaces a report, keeps the others, and commits one new version per batch', () => {
    const dir = tmp();
    const [a, b] = fleet();
    expect(saveReports(dir, [a!, b!])).toBe(1);
    const changed = { ...b!, cells: { ...b!.cells, 'penalty.decisions': { ...b!.cells['penalty.decisions']!, value: 999 } } };
    expect(saveReports(dir, [changed])).toBe(2);
    const d = Dataset.open(dir);
    expect([d.size, d.version]).toEqual([2, 2]);
    expect(d.value(d.indexOf(b!.agency, b!.year)!, 'penalty.decisions')).toBe(999);
    expect(d.value(d.indexOf(a!.agency, a!.year)!, 'penalty.decisions')).toBe(150);
    expect(readdirSync(dir).filter((f) => !f.startsWith('reports.sqlite'))).toEqual([]);
    d.close();
  });
});

describe('the dataset file', () => {
  it('a row stored before a metric existed reads that metric as blank, never as 0', async () => {
    const { default: Database } = await import('better-sqlite3');
    const dir = tmp();
    const r = fleet()[0]!;
    saveReports(dir, [r]);
    const last = METRIC_IDS[METRIC_IDS.length - 1]!;
    expect(Dataset.open(dir).value(0, last)).toBe(r.cells[last]!.value);
    const db = new Database(join(dir, 'reports.sqlite'));
    db.prepare('UPDATE matrix_rows SET cells = substr(cells, 1, ?)').run((METRIC_IDS.length - 1) * 4); // as if written by a catalog one metric shorter
    // by a writer that keeps no start-up snapshot (and raises the version), so readers read the rows
    db.prepare('UPDATE dataset SET version = version + 1').run();
    db.close();
    expect(Dataset.open(dir).value(0, last)).toBeNull();
    // and once the next batch has rebuilt the snapshot with that short row in it
    saveReports(dir, [fleet()[1]!]);
    const d = Dataset.open(dir);
    expect(d.value(d.indexOf(r.agency, r.year)!, last)).toBeNull();
    expect(d.value(d.indexOf(r.agency, r.year)!, METRIC_IDS[0]!)).toBe(r.cells[METRIC_IDS[0]!]!.value);
  });
});

describe('the start-up snapshot', () => {
  const rowsOnly = async (dir: string) => {
    const { default: Database } = await import('better-sqlite3');
    const copy = join(tmp(), 'rows.sqlite');
    const db = new Database(join(dir, 'reports.sqlite'));
    await db.backup(copy);
    db.close();
    const c = new Database(copy);
    c.exec('DELETE FROM snapshot_state');
    c.close();
    return Dataset.open(copy);
  };
  const same = (a: Dataset, b: Dataset) => {
    expect(a.summaries).toEqual(b.summaries);
    for (let i = 0; i < a.size; i++) {
      for (const id of METRIC_IDS) expect(a.value(i, id)).toEqual(b.value(i, id));
      expect(a.report(i)).toEqual(b.report(i));
    }
  };

  it('gives the same view as reading every row, after batches that add and replace reports', async () => {
    const dir = tmp();
    const reports = fleet();
    saveReports(dir, reports.slice(0, 3));
    const odd = { ...reports[3]!, id: 'odd id', cells: { ...reports[3]!.cells, 'fees.amountWan': { ...reports[3]!.cells['fees.amountWan']!, value: 12.34 } } };
    const changed = { ...reports[1]!, cells: { ...reports[1]!.cells, 'penalty.decisions': { ...reports[1]!.cells['penalty.decisions']!, value: 999 } } };
    saveReports(dir, [odd, changed, ...reports.slice(4)]);
    const { snapshotVersion, snapshotAgencyOrder } = await import('../src/store/snapshot.js');
    const { openDb } = await import('../src/store/db.js');
    const db = openDb(join(dir, 'reports.sqlite'), { readonly: true });
    expect(snapshotVersion(db)).toBe(2);
    // the agencies in the dataset's order, kept across the batches (the second added some)
    expect(snapshotAgencyOrder(db)).toEqual([...new Set(Dataset.fromReports(reports).summaries.map((s) => s.agency))]);
    db.close();
    const packed = Dataset.open(dir);
    same(packed, await rowsOnly(dir));
    same(packed, Dataset.fromReports([...reports.slice(0, 3).map((r, k) => (k === 1 ? changed : r)), odd, ...reports.slice(4)]));
    expect(packed.value(packed.indexOf(odd.agency, odd.year)!, 'fees.amountWan')).toBe(12.34);
  });

  /** The bytes each chunk's cells take (layout 3's header). */
  const cellWidths = async (dir: string) => {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'reports.sqlite'), { readonly: true });
    const widths = (db.prepare('SELECT cells FROM snapshot_chunks ORDER BY chunk').pluck().all() as Buffer[]).map((b) => b.readInt32LE(0));
    db.close();
    return widths;
  };
  const withCells = (r: Report, values: Record<string, CellValue>): Report =>
    ({ ...r, cells: { ...r.cells, ...Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { ...r.cells[id]!, value }])) } });

  it('keeps a chunk whose cells all fit Int16 narrow, sentinels and overflow included, and reads it as the rows read', async () => {
    const dir = tmp();
    const [a, b, ...rest] = fleet();
    // the edges of the narrow range, "/", undetermined, a blank and a decimal (kept apart as overflow)
    saveReports(dir, [withCells(a!, { 'penalty.decisions': 32767, 'licensing.decisions': 'n/a', 'review.total': 'undetermined' as CellValue, 'fees.amountWan': 0.5 }), withCells(b!, { 'penalty.decisions': null, 'licensing.decisions': 0 }), ...rest]);
    expect(await cellWidths(dir)).toEqual([2]);
    const packed = Dataset.open(dir);
    same(packed, await rowsOnly(dir));
    const i = packed.indexOf(a!.agency, a!.year)!;
    expect([packed.value(i, 'penalty.decisions'), packed.value(i, 'licensing.decisions'), packed.value(i, 'review.total'), packed.value(i, 'fees.amountWan')]).toEqual([32767, 'n/a', 'undetermined', 0.5]);
  });

  it('keeps a chunk with a cell beyond Int16 at 32 bits', async () => {
    const dir = tmp();
    const [a, ...rest] = fleet();
    saveReports(dir, [withCells(a!, { 'penalty.decisions': 32768, 'licensing.decisions': 'n/a' }), ...rest]);
    expect(await cellWidths(dir)).toEqual([4]);
    const packed = Dataset.open(dir);
    same(packed, await rowsOnly(dir));
    expect(packed.value(packed.indexOf(a!.agency, a!.year)!, 'penalty.decisions')).toBe(32768);
  });

  it('reads a snapshot of layout 2 (all cells 32 bits, no header) as it is, and the next batch rebuilds it in layout 3', async () => {
    const { default: Database } = await import('better-sqlite3');
    const dir = tmp();
    const reports = fleet();
    saveReports(dir, [withCells(reports[0]!, { 'penalty.decisions': 70000 }), ...reports.slice(1, 4)]);
    const db = new Database(join(dir, 'reports.sqlite'));
    // as the previous disclosure-bot wrote it: no header before the rows; and a row changed behind the snapshot's
    // back (no new version), which only the rows path would see — so the value read shows which path was taken
    db.exec('UPDATE snapshot_chunks SET cells = substr(cells, 5); UPDATE snapshot_state SET format = 2');
    const id = db.prepare('SELECT id FROM reports WHERE agency = ? AND year = ?').pluck().get(reports[1]!.agency, reports[1]!.year) as number;
    const cells = db.prepare('SELECT cells FROM matrix_rows WHERE report = ?').pluck().get(id) as Buffer;
    const penalty = cells.readInt32LE(METRIC_IDS.indexOf('penalty.decisions') * 4);
    cells.writeInt32LE(penalty + 1, METRIC_IDS.indexOf('penalty.decisions') * 4);
    db.prepare('UPDATE matrix_rows SET cells = ? WHERE report = ?').run(cells, id);
    db.close();
    const old = Dataset.open(dir);
    expect(old.value(old.indexOf(reports[0]!.agency, reports[0]!.year)!, 'penalty.decisions')).toBe(70000);
    expect(old.value(old.indexOf(reports[1]!.agency, reports[1]!.year)!, 'penalty.decisions')).toBe(penalty);
    saveReports(dir, reports.slice(4, 5));
    expect(await cellWidths(dir)).toEqual([4]);
    const rebuilt = Dataset.open(dir);
    expect(rebuilt.value(rebuilt.indexOf(reports[1]!.agency, reports[1]!.year)!, 'penalty.decisions')).toBe(penalty + 1);
    same(rebuilt, await rowsOnly(dir));
  });

  it('is not read when another writer committed after it (the rows are), and the next batch rebuilds it', async () => {
    const { default: Database } = await import('better-sqlite3');
    const dir = tmp();
    const [a, b, c] = fleet();
    saveReports(dir, [a!, b!]);
    const db = new Database(join(dir, 'reports.sqlite'));
    // a writer without snapshots: another value and a new version
    const id = db.prepare('SELECT id FROM reports WHERE agency = ? AND year = ?').pluck().get(a!.agency, a!.year) as number;
    const cells = db.prepare('SELECT cells FROM matrix_rows WHERE report = ?').pluck().get(id) as Buffer;
    cells.writeInt32LE(4242, METRIC_IDS.indexOf('penalty.decisions') * 4);
    db.prepare('UPDATE matrix_rows SET cells = ? WHERE report = ?').run(cells, id);
    db.prepare('UPDATE dataset SET version = version + 1').run();
    db.close();
    const d = Dataset.open(dir);
    expect(d.value(d.indexOf(a!.agency, a!.year)!, 'penalty.decisions')).toBe(4242);
    saveReports(dir, [c!]);
    const after = Dataset.open(dir);
    expect(after.value(after.indexOf(a!.agency, a!.year)!, 'penalty.decisions')).toBe(4242);
    same(after, await rowsOnly(dir));
  });
});

describe('the start-up snapshot, read on a worker thread', () => {
  // the worker runs compiled code: the built dist/ (tests/setup/built.ts keeps it current) in a child process
  const dist = join(import.meta.dirname, '../dist/src');
  const view = (file: string, meanwhile: boolean) => {
    const script = `const { Dataset } = await import(${JSON.stringify(`${dist}/store/dataset.js`)});
      let ran = 0;
      const d = Dataset.open(${JSON.stringify(file)}, ${meanwhile ? "{ meanwhile: () => { ran++; }, worker: 'always' }" : '{}'});
      const cells = [];
      for (let i = 0; i < d.size; i++) cells.push(METRICS.map((m) => d.value(i, m)));
      console.log(JSON.stringify({ ran, version: d.version, summaries: d.summaries, cells, report: d.size ? d.report(d.size - 1).id : null }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const METRICS = ${JSON.stringify(METRIC_IDS)};\n${script}`], { encoding: 'utf8' });
    return JSON.parse(out) as { ran: number; version: number; summaries: unknown[]; cells: unknown[][]; report: string | null };
  };

  it('gives the same view as reading it on the opening thread, and runs the work meanwhile once', () => {
    const dir = tmp();
    const reports = fleet();
    saveReports(dir, reports.slice(0, 4));
    saveReports(dir, [{ ...reports[4]!, id: 'odd id' }, ...reports.slice(5)]);
    const file = join(dir, 'reports.sqlite');
    const worker = view(file, true);
    const here = view(file, false);
    expect(worker.ran).toBe(1);
    expect(worker).toEqual({ ...here, ran: 1 });
    expect(worker.summaries.length).toBe(reports.length);
  });

  it('a snapshot of the earlier layout is not read (the rows are) and the next batch rebuilds it in this one', async () => {
    const { default: Database } = await import('better-sqlite3');
    const dir = tmp();
    const reports = fleet();
    saveReports(dir, reports.slice(0, 3));
    const file = join(dir, 'reports.sqlite');
    const before = view(file, true);
    const db = new Database(file);
    // as an older disclosure-bot left it: layout 1, its JSON summaries in the chunks' summaries column
    db.exec("UPDATE snapshot_state SET format = 1; UPDATE snapshot_chunks SET summaries = '{}'");
    db.close();
    expect(view(file, true)).toEqual(before);
    saveReports(dir, reports.slice(3, 4));
    const { snapshotVersion } = await import('../src/store/snapshot.js');
    const { openDb } = await import('../src/store/db.js');
    const check = openDb(file, { readonly: true });
    expect(snapshotVersion(check)).toBe(2);
    check.close();
    const after = view(file, true);
    expect(after.summaries.length).toBe(4);
    expect(Dataset.open(dir).summaries).toEqual(after.summaries);
  });
});

describe('generator', () => {
  const generated = [...generateReports({ reports: 300, seed: 11 })];

  it('writes reports whose every identity holds, parsed back to the generated tables', () => {
    for (const g of generated.slice(0, 120)) {
      const r = parseReport(g.text, { sourceFile: 'g.txt' });
      expect(r.findings).toEqual([]);
      expect([r.agency, r.year]).toEqual([g.agency, g.year]);
      expect(r.cells['penalty.decisions']!.value).toBe(g.tables.penalty);
      expect(r.cells['applications.newReceived.total']!.value).toBe(g.tables.applications[0]![6]);
    }
  });

  it('carries applications over between an agency’s consecutive years', () => {
    const byAgency = new Map<string, typeof generated>();
    for (const g of generated) byAgency.set(g.agency, [...(byAgency.get(g.agency) ?? []), g]);
    let pairs = 0;
    for (const runs of byAgency.values()) {
      for (let k = 1; k < runs.length; k++) {
        expect(runs[k]!.year).toBe(runs[k - 1]!.year + 1);
        expect(runs[k]!.tables.applications[1]).toEqual(runs[k - 1]!.tables.applications.at(-1));
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(50);
  });

  it('is deterministic for a seed, with real regions and distinct agencies', () => {
    const again = [...generateReports({ reports: 300, seed: 11 })];
    expect(again.map((g) => g.text)).toEqual(generated.map((g) => g.text));
    const agencies = new Set(generated.map((g) => g.agency));
    expect(agencies.size).toBeGreaterThan(50);
    expect(new Set(generated.map((g) => `${g.agency}|${g.year}`)).size).toBe(generated.length);
    expect(generated.every((g) => /(?:局|办公室)$/.test(g.agency))).toBe(true);
  });
});

describe('command line over a multi-agency dataset', () => {
  it('gen writes raw reports and a dataset; audit reports 结转 breaks across years; export streams every report', async () => {
    const { main } = await import('../src/cli/main.js');
    const { vi } = await import('vitest');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((m: string | Uint8Array) => (out.push(String(m)), true));
    try {
      const dir = tmp();
      expect(await main(['gen', '--reports', '40', '--out', dir, '--seed', '3'])).toBe(0);
      expect(readdirSync(join(dir, 'raw'))).toHaveLength(40);
      expect(Dataset.open(dir).size).toBe(40);
      out.length = 0;
      expect(await main(['audit', '--data', dir])).toBe(0); // generated reports are consistent, 结转 included
      expect(out.join('\n')).toMatch(/结转衔接（\d+ 组相邻年度）：全部一致/);

      const broken = tmp();
      saveReports(broken, fleet());
      out.length = 0;
      expect(await main(['audit', '--data', broken, '高平市交通运输局'])).toBe(1);
      expect(out.join('\n')).toContain('CROSS.CARRY_OVER: 高平市交通运输局 2023 年“上年结转” 1 件 ≠ 2022 年“结转下年度继续办理” 2 件');

      out.length = 0;
      expect(await main(['export', '--data', broken, '--format', 'csv'])).toBe(0);
      const rows = out.join('').trim().split('\n');
      expect(rows).toHaveLength(1 + fleet().length);
      expect(rows[0]).toMatch(/^agency,year,/);
    } finally {
      log.mockRestore();
      write.mockRestore();
    }
  });
});
