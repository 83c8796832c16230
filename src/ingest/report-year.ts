/**
 * Which year a report is about, from the three places that state it: the title (`2023 年政府信息公开…`), the
 * 统计期限 (`自2023年1月1日起至2023年12月31日止`) and the body (`2023年，我局…` in 总体情况). When they disagree the
 * report cannot be filed under a year without a person deciding (`--year`); the audit keeps the disagreement.
 */
import type { YearEvidence } from '../model/schema.js';
import { titleYear } from './agency.js';

const pad = (n: string | number) => String(n).padStart(2, '0');
const iso = (y: string | number, m: string | number, d: string | number) => `${y}-${pad(m)}-${pad(d)}`;
const RANGE = /(\d{4})年(\d{1,2})月(\d{1,2})日起?(?:至|到|—|－|-|~)(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:止)?/;
const PERIOD_WORDS = /统计(?:期限|时限|周期|期间|期|时间|区间|范围)|数据(?:统计)?(?:期限|时间|时限)/;

/** The 统计期限 as printed, or null when the report does not state one. */
export function statedPeriod(text: string): { start: string; end: string } | null {
  const flat = text.replace(/\s+/g, '');
  const near = PERIOD_WORDS.exec(flat);
  // the range after the words 统计期限; else a range in the preamble (a later one may be any campaign's dates)
  const window = near ? flat.slice(near.index, near.index + 80) : flat.slice(0, 600);
  const m = RANGE.exec(window);
  return m ? { start: iso(m[1]!, m[2]!, m[3]!), end: iso(m[4] ?? m[1]!, m[5]!, m[6]!) } : null;
}

/** The year the body talks about: the most mentioned `YYYY年` of 总体情况, when it clearly leads (twice or more). */
export function bodyYear(overview: string): { year: number | null; counts: Map<number, number> } {
  const counts = new Map<number, number>();
  for (const m of overview.replace(/\s+/g, '').matchAll(/(?<!\d)((?:19|20)\d{2})年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  return { year: top && top[1] >= 2 && (!second || top[1] > second[1]) ? top[0] : null, counts };
}

export interface YearDecision {
  year: number | null;
  evidence: YearEvidence;
  /** The disagreement, worded for an error message; null when the stated years agree. */
  conflict: string | null;
}

/** Decides the report year; a disagreement is reported (and settled only by `given`). */
export function decideYear(title: string, periodStartYear: number | null, overview: string, given: number | null): YearDecision {
  const fromTitle = titleYear(title);
  const stated = fromTitle ?? periodStartYear;
  const body = bodyYear(overview);
  // the body contradicts a stated year only when it mentions that year less than half as often as its own
  // (a 2023 report compares with 2022 now and then); a weaker lead is not evidence either way
  const bodyCounts = body.year === null || stated === null || body.year === stated || (body.counts.get(stated) ?? 0) * 2 < body.counts.get(body.year)!;
  const evidence: YearEvidence = { title: fromTitle, period: periodStartYear, body: bodyCounts ? body.year : null, given };
  const conflict = yearsDisagree({ ...evidence, given: null }) ? describe(evidence) : null;
  return { year: given ?? stated ?? body.year, evidence, conflict };
}

/** `标题 2022 年，统计期限 2023 年，正文 2023 年`. */
export function describe(e: YearEvidence): string {
  const parts = [['标题', e.title], ['统计期限', e.period], ['正文', e.body]] as const;
  return parts.filter(([, y]) => y !== null).map(([where, y]) => `${where} ${y} 年`).join('，');
}

/** Whether the evidence (and the year given on the command line) name more than one year. */
export function yearsDisagree(e: YearEvidence): boolean {
  return new Set([e.title, e.period, e.body, e.given].filter((y) => y !== null)).size > 1;
}
