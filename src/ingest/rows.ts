/** One source line → its label text and value cells, whatever the layout (tabs, pipes, spaces). */
import type { CellValue } from '../model/schema.js';
import { SPAN_FILLER } from './html.js';

export type LineMode = 'tab' | 'pipe' | 'space';

export interface SplitRow {
  label: string;
  values: CellValue[];
  mode: LineMode;
  line: string;
}

const NUMBER = /^[-+]?\d+(?:\.\d+)?$/;
const NOT_APPLICABLE = /^[/／—–\-－]+$/;

/** Full-width digits/punctuation to ASCII and invisible characters out, so patterns see one alphabet. */
export function normalizeSourceText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\u200b-\u200d\ufeff\u00ad]/g, '')
    .replace(/\u00a0/g, ' ');
}

/** Whitespace-free form with ASCII parentheses, used to match row labels. */
export function compact(s: string): string {
  return s.replace(/[\s\u3000]+/g, '').replaceAll('（', '(').replaceAll('）', ')').replaceAll('．', '.');
}

export function isPageFooter(line: string): boolean {
  const t = line.trim();
  return /^[—–\-－\s]*\d{1,3}[—–\-－\s]*$/.test(t) && /[—–\-－]/.test(t) || /^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$/.test(t) || /^\|?(\s*-{3,}\s*\|)+\s*-*\s*$/.test(t);
}

const DIGITS = /^\d+$/;

function classify(cell: string): CellValue | undefined {
  // most cells are plain digits: read them without making a cleaned copy first
  if (DIGITS.test(cell)) return Number(cell);
  const t = cell.replace(/[\s,，]/g, '');
  if (t === '') return null;
  if (NUMBER.test(t)) return Number(t);
  if (NOT_APPLICABLE.test(t)) return 'n/a';
  return undefined;
}

function cellsOf(line: string): { cells: string[]; mode: LineMode } {
  if (line.includes('\t')) return { cells: line.split('\t').filter((c) => c !== SPAN_FILLER), mode: 'tab' };
  const t = line.trim();
  if ((t.match(/\|/g)?.length ?? 0) >= 2) {
    const inner = t.replace(/^\|/, '').replace(/\|$/, '');
    return { cells: inner.split('|').map((c) => c.trim()), mode: 'pipe' };
  }
  return { cells: t.split(/\s+/).filter(Boolean), mode: 'space' };
}

/**
 * The trailing run of value cells is the row's values; everything before the last text cell is its label.
 * Blank cells count as values only where the layout can show them (tabs, pipes).
 */
export function splitRow(line: string): SplitRow {
  const { cells, mode } = cellsOf(line);
  const kinds = cells.map(classify);
  let lastLabel = -1;
  kinds.forEach((k, i) => { if (k === undefined) lastLabel = i; });
  const label = cells.slice(0, lastLabel + 1).join('');
  const values = kinds.slice(lastLabel + 1) as CellValue[];
  return { label, values, mode, line: line.trim() };
}

/** Fits a row's values to the expected column count, dropping surplus blank border cells. */
export function fitColumns(values: CellValue[], expected: number): CellValue[] | null {
  const v = [...values];
  while (v.length > expected && v[v.length - 1] === null) v.pop();
  while (v.length > expected && v[0] === null) v.shift();
  return v.length === expected ? v : null;
}
