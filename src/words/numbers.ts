/** How numbers and cell values read in answers. */
import type { CellValue } from '../model/schema.js';

export const fmtNum = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))));

/** What each kind of non-number cell means, worded for a reader (see CellValue in model/schema.ts). */
const KIND_TEXT = {
  blank: { zh: '报告未填写', en: 'not filled in (blank in the report)' },
  'n/a': { zh: '不适用（报告填“/”）', en: 'not applicable (“/”)' },
  undetermined: { zh: '报告印有该数字，但无法从表格中确定', en: 'printed in the report, but the number cannot be determined from its table' },
} as const;

/** A cell value with its unit; blank, "/" and undetermined cells say so instead of showing a number. */
export const valueText = (v: CellValue | undefined, unit: string, en: boolean) => {
  const kind = v === null || v === undefined ? KIND_TEXT.blank : v === 'n/a' ? KIND_TEXT['n/a'] : v === 'undetermined' ? KIND_TEXT.undetermined : null;
  return kind ? kind[en ? 'en' : 'zh'] : amount(v as number, unit, en);
};

/** Change from `before` to `after`, absolute and relative: "+12（+8.5%）". */
export function change(after: number, before: number): string {
  const d = after - before;
  const pct = before ? `（${d >= 0 ? '+' : ''}${((d / before) * 100).toFixed(1)}%）` : '';
  return `${d >= 0 ? '+' : ''}${fmtNum(d)}${pct}`;
}

/** How much larger `a` is than `b`, in percent ("64.6%"); "—" when b is 0. */
export const percent = (a: number, b: number) => (b ? `${(((a - b) / b) * 100).toFixed(1)}%` : '—');

/** A number with its unit, in Chinese ("195 件") or English ("195"; money units spelled out). */
export function amount(n: number, unit: string, en: boolean): string {
  if (!en) return `${fmtNum(n)} ${unit}`;
  const english: Record<string, string> = { 万元: '× 10,000 yuan', 元: 'yuan', '%': '%' };
  return english[unit] ? `${fmtNum(n)} ${english[unit]}` : fmtNum(n);
}
