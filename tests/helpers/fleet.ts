/**
 * A small fixed multi-agency dataset for cross-report questions: agencies of 晋城市 (city level and its
 * counties) and one of 长治市, several years with gaps, ties, a 结转 break, a consistency error and a blank cell.
 */
import { parseReport } from '../../src/ingest/parse.js';
import type { Report } from '../../src/model/schema.js';
import { buildReport, consistentTables, type Tables } from '../../src/gen/render.js';

interface Spec { penalty?: number; coercion?: number; received?: number; carriedOver?: number; carriedForward?: number; reviews?: number }

const withTotal = (cols: number[]) => [...cols, cols.reduce((a, b) => a + b, 0)];
const natural = (n: number) => withTotal([n, 0, 0, 0, 0, 0]);

/** Consistent tables where everything happens in the 自然人 column: received + carried over − carried forward are granted. */
export function tablesFor(s: Spec): Tables {
  const base = consistentTables();
  const received = s.received ?? 0;
  const over = s.carriedOver ?? 0;
  const forward = s.carriedForward ?? 0;
  const processed = received + over - forward;
  const results = Array.from({ length: 21 }, (_, i) => natural(i === 0 ? processed : 0));
  const reviews = s.reviews ?? 0;
  return {
    ...base,
    penalty: s.penalty ?? 0,
    coercion: s.coercion ?? 0,
    applications: [natural(received), natural(over), ...results, natural(processed), natural(forward)],
    review: [reviews, 0, 0, 0, reviews, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  };
}

/** One tab-separated report of an agency, parsed (default tables: consistentTables()). */
export const agencyReport = (agency: string, year = 2023, tables: Tables = consistentTables()): Report =>
  parseReport(buildReport('tsv', tables, agency, year), { sourceFile: `${agency}-${year}.txt` });

const report = (agency: string, year: number, s: Spec, edit: (text: string) => string = (t) => t): Report =>
  parseReport(edit(buildReport('tsv', tablesFor(s), agency, year)), { sourceFile: `${agency}-${year}.txt` });

export function fleet(): Report[] {
  return [
    report('泽州县交通运输局', 2022, { penalty: 150, coercion: 5, received: 3, carriedForward: 1 }),
    report('泽州县交通运输局', 2023, { penalty: 195, coercion: 7, received: 0, carriedOver: 1 }),
    report('高平市交通运输局', 2022, { penalty: 300, received: 5, carriedForward: 2 }),
    report('高平市交通运输局', 2023, { penalty: 321, received: 4, carriedOver: 1 }), // 结转 break: 2022 carried forward 2
    report('泽州县公安局', 2023, { penalty: 500, received: 10, reviews: 4 }),
    report('高平市公安局', 2023, { penalty: 321, received: 0, reviews: 4 }), // ties: penalty with 高平市交通运输局, reviews with 泽州县公安局
    report('晋城市公安局', 2023, { penalty: 900, received: 0, reviews: 1 }),
    report('晋城市人民政府办公室', 2020, { received: 40 }),
    report('晋城市人民政府办公室', 2021, { received: 52 }),
    report('晋城市人民政府办公室', 2023, { received: 61 }),
    report('晋城市人民政府办公室', 2024, { received: 58 }),
    report('长治市公安局', 2023, { penalty: 50, received: 2, reviews: 9 }),
    // a consistency error (results total ≠ sum of results) and a blank 行政处罚 cell
    report('阳城县交通运输局', 2023, { received: 6 }, (t) => t.replace(/^(三、本年度办理结果（一）予以公开|（一）予以公开)\t6/m, '$1\t7').replace(/^行政处罚\t0$/m, '行政处罚\t')),
  ];
}
