/**
 * Ingest under damage: mutated reports (fast-check, bounded runs) either parse to a valid report or fail with a
 * clear IngestError — never another exception — and a failed `ingest` leaves the dataset byte for byte as it was.
 * Deeply nested HTML is read without overflowing the stack.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IngestError, parseReport } from '../src/ingest/parse.js';
import { Report } from '../src/model/schema.js';
import { BUNDLED_DATA, saveReports } from '../src/store/dataset.js';
import { main } from '../src/cli/main.js';
import { buildReport, consistentTables } from './helpers/reports.js';

const seedText = readFileSync(join(BUNDLED_DATA, 'raw/zezhou-transport-2023.txt'), 'utf8');
const htmlText = buildReport('html', consistentTables(), '高平市交通运输局', 2023);
const tsvText = buildReport('tsv', consistentTables(), '高平市交通运输局', 2023);

/** One damaging edit of a report's lines. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 200 }) }),
  fc.record({ kind: fc.constant('digits' as const), at: fc.nat(), text: fc.stringMatching(/^-?[0-9]{0,12}$/) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edits: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of edits) {
    const at = lines.length ? m.at % lines.length : 0;
    switch (m.kind) {
      case 'delete': lines.splice(at, m.count); break;
      case 'duplicate': lines.splice(at, 0, ...lines.slice(at, at + m.count)); break;
      case 'insert': lines.splice(at, 0, m.text); break;
      case 'digits': lines[at] = (lines[at] ?? '').replace(/\d+/, m.text); break;
      case 'truncate': lines = lines.slice(0, at); break;
      case 'swap': { const to = lines.length ? m.to % lines.length : 0; [lines[at], lines[to]] = [lines[to]!, lines[at]!]; break; }
    }
  }
  return lines.join('\n');
}

/** Parses, returning the report or the IngestError; any other exception fails the property. */
function parseOrClearError(raw: string): Report | IngestError {
  try {
    return Report.parse(parseReport(raw, { sourceFile: 'mutated.txt' }));
  } catch (e) {
    if (e instanceof IngestError) { expect(e.message.length).toBeGreaterThan(5); return e; }
    throw e;
  }
}

describe('ingest of damaged reports', () => {
  for (const [name, text] of [['the bundled report', seedText], ['a tab-separated report', tsvText], ['an HTML report', htmlText]] as const) {
    it(`${name}: every mutation parses or fails with a clear IngestError`, () => {
      fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (edits) => { parseOrClearError(mutate(text, edits)); }), { numRuns: 100 });
    });
  }

  it('15,000 nested <div>s around a report: read like the report itself, no stack overflow', () => {
    const n = 15_000;
    const deep = htmlText.replace(/<body[^>]*>/, (m) => m + '<div>'.repeat(n)).replace('</body>', `${'</div>'.repeat(n)}</body>`);
    const flat = parseReport(htmlText, { sourceFile: 'flat.html' });
    const nested = parseReport(deep, { sourceFile: 'deep.html' });
    expect(nested.cells).toEqual(flat.cells);
    expect(nested.agency).toBe(flat.agency);
  });

  it('deep nesting inside a table cell and a title is read too', () => {
    const n = 15_000;
    const deep = htmlText.replace(/<td([^>]*)>/, (m) => `${m}${'<span>'.repeat(n)}`).replace('</td>', `${'</span>'.repeat(n)}</td>`)
      .replace(/<title>/, `<title>${'<b>'.repeat(n)}`);
    expect(() => parseOrClearError(deep)).not.toThrow();
  });
});

describe('a failed ingest leaves the dataset untouched', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-fuzz-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  saveReports(dir, [parseReport(tsvText, { sourceFile: 'base.txt' })]);

  const snapshot = () => {
    const files: Record<string, string> = {};
    const visit = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) visit(p);
        else files[p.slice(dir.length)] = readFileSync(p, 'base64');
      }
    };
    visit(dir);
    return files;
  };

  it('mutated files next to a good one: exit ≠ 0 and the same bytes, or a stored report that reads back', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = join(dir, '..', `good-${process.pid}.txt`);
    writeFileSync(good, buildReport('tsv', consistentTables(), '泽州县公安局', 2022));
    const bad = join(dir, '..', `mutated-${process.pid}.txt`);
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (edits) => {
          const before = snapshot();
          writeFileSync(bad, mutate(seedText, edits));
          const code = await main(['ingest', good, bad, '--data', dir]);
          if (code !== 0) {
            expect(snapshot()).toEqual(before);
            expect(errors.mock.calls.some((c) => String(c[0]).includes('mutated-'))).toBe(true);
          }
        }),
        { numRuns: 25 },
      );
    } finally {
      rmSync(good, { force: true });
      rmSync(bad, { force: true });
      vi.restoreAllMocks();
    }
  });
});
