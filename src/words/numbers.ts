/** How numbers read in answers; what a cell that is no number says is worded in zh.ts / en.ts (`value`). */
export const fmtNum = (n: number) => (Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6))));

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
  const english: Record<string, string> = { 万元: '× 10,000 yuan', 元: 'yuan', '%': '%' };
  const said = en ? (english[unit] ? `${fmtNum(n)} ${english[unit]}` : fmtNum(n)) : `${fmtNum(n)} ${unit}`;
  // a sum printed to many decimals (5949.088667 万元) is also said as people round it
  const decimals = fmtNum(n).split('.')[1]?.length ?? 0;
  if (decimals <= 2) return said;
  const two = fmtNum(Math.round(n * 100) / 100);
  const whole = fmtNum(Math.round(n));
  return en ? `${said} (about ${two}, or ${whole})` : `${said}（约 ${two}，取整约 ${whole} ${unit}）`;
}

/** x ÷ y as said: one decimal from ten times up (27.9 倍), two below (0.18 倍, 5.5 倍). */
export function ratioOf(x: number, y: number): number {
  return Math.round((x / y) * 100) / 100;
}

/** A ratio to two decimals, with its one-decimal rounding beside it when that differs (27.86（约 27.9）). */
export function ratioText(x: number, y: number, about: string): string {
  const two = ratioOf(x, y);
  const one = Math.round((x / y) * 10) / 10;
  return one === two || two < 1 ? fmtNum(two) : `${fmtNum(two)}（${about} ${fmtNum(one)}）`;
}

/**
 * A share as people quote it: two decimals, and the one-decimal and whole roundings beside it when they differ
 * (96.53%（约 96.5%，约 97%）) — readers check any of them against their own sums.
 */
export function percentText(n: number, total: number, about: string): string {
  const two = Math.round((n / total) * 10000) / 100;
  const roundings = [...new Set([Math.round((n / total) * 1000) / 10, Math.round((n / total) * 100)])].filter((r) => r !== two);
  return roundings.length ? `${fmtNum(two)}%（${roundings.map((r) => `${about} ${fmtNum(r)}%`).join('，')}）` : `${fmtNum(two)}%`;
}
