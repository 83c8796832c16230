import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../src/catalog/metrics.js';
import { generateReports } from '../src/gen/generate.js';
import { parseReport } from '../src/ingest/parse.js';
import { Report } from '../src/model/schema.js';
import { CELL_KEYS, SOURCE_KEYS, canonicalCells, safeParseReport } from '../src/model/validate.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'reports');
const parsed: Report[] = [
  ...readdirSync(FIXTURES).map((f) => parseReport(readFileSync(join(FIXTURES, f), 'utf8'), { sourceFile: f })),
  ...[...generateReports({ reports: 40, seed: 7 })].map((g) => parseReport(g.text, { sourceFile: 'g.txt' })),
];

const clone = <T>(x: T): T => structuredClone(x);
/** Both validators' verdicts and outputs (as JSON, which keeps key order), for comparison. */
const both = (input: unknown) => {
  const zod = Report.safeParse(input), fast = safeParseReport(input);
  return { zod: zod.success ? JSON.stringify(zod.data) : zod.error.issues, fast: fast.success ? JSON.stringify(fast.data) : fast.error.issues };
};

describe('safeParseReport', () => {
  it('follows the cell schema it checks by hand (a new key in Cell or Provenance needs the check extended)', () => {
    expect(CELL_KEYS).toEqual(['value', 'source', 'raw', 'note']);
    expect(SOURCE_KEYS).toEqual(['section', 'row', 'column', 'line']);
  });

  it('takes the fast path for parsed reports and returns what zod returns, key order included', () => {
    for (const r of parsed) {
      expect(canonicalCells(r.cells)).not.toBeNull();
      const { zod, fast } = both(r);
      expect(fast).toEqual(zod);
    }
  });

  const first = METRIC_IDS[0]!;
  const mutations: Array<[string, (r: Record<string, any>) => void]> = [
    ['a NaN value', (r) => { r.cells[first].value = NaN; }],
    ['an infinite value', (r) => { r.cells[first].value = Infinity; }],
    ['an unknown text value', (r) => { r.cells[first].value = 'x'; }],
    ['a missing value', (r) => { delete r.cells[first].value; }],
    ['a missing source', (r) => { delete r.cells[first].source; }],
    ['a source without section', (r) => { delete r.cells[first].source.section; }],
    ['a numeric row label', (r) => { r.cells[first].source.row = 3; }],
    ['a line over 2,000 characters', (r) => { r.cells[first].source.line = 'x'.repeat(2001); }],
    ['a raw run over 500 characters', (r) => { r.cells[first].raw = 'x'.repeat(501); }],
    ['a numeric note', (r) => { r.cells[first].note = 1; }],
    ['an unknown cell id', (r) => { r.cells['no.such.cell'] = r.cells[first]; }],
    ['a missing cell', (r) => { delete r.cells[first]; }],
    ['an array for a cell', (r) => { r.cells[first] = []; }],
    ['cells in another order', (r) => { const c = r.cells[first]; delete r.cells[first]; r.cells[first] = c; }],
    ['a cell with its keys in another order', (r) => { const { value, ...rest } = r.cells[first]; r.cells[first] = { ...rest, value }; }],
    ['a cell with an extra key', (r) => { r.cells[first].extra = 1; }],
    ['a source with an extra key', (r) => { r.cells[first].source.page = 2; }],
    ['an undefined optional key', (r) => { r.cells[first].note = undefined; }],
    ['a bad year beside good cells', (r) => { r.year = 1800; }],
    ['a missing default beside good cells', (r) => { delete r.citations; }],
  ];
  it.each(mutations)('agrees with zod on %s', (_name, mutate) => {
    const r = clone(parsed[0]!) as Record<string, any>;
    mutate(r);
    const { zod, fast } = both(r);
    expect(fast).toEqual(zod);
  });
});
