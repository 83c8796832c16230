/**
 * Settling a 表二 digit run (`693665` = 本年制发 · 本年废止 · 现行有效, cells run together with no identity to split
 * them) with what the report's own prose says about the same row: `制发规范性文件69件`, `现行有效规范性文件393件`.
 *
 * A statement the table contradicts (no split has that number in that column) is dropped, not trusted: the report
 * disagrees with itself and the table is what is stored. The shape 现行有效 ≥ 本年制发 only breaks a tie among the
 * splits the statements already narrowed — it never settles a run on its own. Anything left open stays undetermined.
 */

export type RegulationColumn = 'issued' | 'repealed' | 'inForce';
const COLUMNS: RegulationColumn[] = ['issued', 'repealed', 'inForce'];

export interface Statement { column: RegulationColumn; value: number; text: string }

/** Words that put a number in a column; the most specific first (`集中发布现行有效…393件` is 现行有效, not 发布). */
const COLUMN_WORDS: Array<[RegulationColumn, RegExp]> = [
  ['inForce', /现行有效|仍然有效|继续有效/],
  ['repealed', /废止|宣布失效|失效/],
  ['issued', /制发|印发|出台|制定|新发布|发布|新增/],
];

/**
 * What the prose states about a 表二 row: each clause that names the row (`规范性文件`) and one column word, with the
 * count of 件 in it. A short clause right after it in the same sentence speaks of the same row
 * (`印发行政规范性文件3件，废止1件`, `规范性文件：本年制发69件、废止3件、现行有效665件`). Clauses stating two
 * different counts are skipped (which number goes where is unclear).
 */
export function statementsAbout(prose: string, row: RegExp): Statement[] {
  const out: Statement[] = [];
  for (const sentence of prose.replace(/\s+/g, '').split(/[；;。！？]/)) {
    let aboutRow = false;
    for (const clause of sentence.split(/[，,、：:]/)) {
      const names = row.test(clause);
      // another subject (a clause naming something else with 件) ends the run of clauses about the row
      if (!names && !(aboutRow && clause.length <= 14)) { aboutRow = false; continue; }
      const column = COLUMN_WORDS.find(([, words]) => words.test(clause))?.[0];
      // an inherited clause without a column word ("审核合同20件") is about something else: the run ends
      aboutRow = names || column !== undefined;
      if (!aboutRow) continue;
      const counts = [...clause.matchAll(/(\d+)(?:件|个|份|部)/g)].map((m) => Number(m[1]));
      if (column && new Set(counts).size === 1) out.push({ column, value: counts[0]!, text: clause });
    }
  }
  return out;
}

export interface Settled { values: number[]; note: string }

/** The one split the statements (and, among those, the 现行有效 ≥ 本年制发 shape) allow; null when not unique. */
export function settleRun(candidates: number[][], statements: Statement[]): Settled | null {
  const fits = (c: number[], s: Statement) => c[COLUMNS.indexOf(s.column)] === s.value;
  // a statement no split agrees with is the prose contradicting the table: it decides nothing
  const usable = statements.filter((s) => candidates.some((c) => fits(c, s)));
  if (!usable.length) return null;
  const narrowed = candidates.filter((c) => usable.every((s) => fits(c, s)));
  const said = [...new Set(usable.map((s) => s.text))].join('；');
  if (narrowed.length === 1) return { values: narrowed[0]!, note: `按正文所述（${said}）拆分` };
  const shaped = narrowed.filter((c) => c[2]! >= c[0]!);
  if (shaped.length === 1) return { values: shaped[0]!, note: `按正文所述（${said}），并按现行有效件数不少于本年制发件数拆分` };
  return null;
}
