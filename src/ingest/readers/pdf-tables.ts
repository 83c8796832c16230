/**
 * Ruled tables in a PDF page → one tab-separated line per table row.
 * Report tables wrap their labels over several lines inside a cell ("一、本年" / "新收政府" / …), so
 * grouping text by baseline alone tears a row apart. The ruling lines the page draws say which cell each
 * text run belongs to: runs in one cell are joined, and cells in one row band become one line, blank cells
 * kept as empty fields (so a blank cell stays blank instead of shifting the numbers after it).
 */
import type { PdfLine, PositionedText } from './pdf.js';

export interface Rule { at: number; from: number; to: number }
export interface Rules { horizontal: Rule[]; vertical: Rule[] }

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** pdf.js operator codes used here (pdfjs-dist OPS / DrawOPS). */
export interface OperatorCodes { save: number; restore: number; transform: number; constructPath: number; paintFormXObjectBegin: number; paintFormXObjectEnd: number }
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 };

/** A line thinner than this (points) is a rule; a filled rectangle this thin is one too (Word draws borders so). */
const THIN = 2.5;

/** Horizontal and vertical rules drawn on a page, from its operator list, in page space. */
export function rulesOf(fnArray: number[], argsArray: unknown[], OPS: OperatorCodes): Rules {
  const horizontal: Rule[] = [];
  const vertical: Rule[] = [];
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  const segment = (a: [number, number], b: [number, number]) => {
    const dx = Math.abs(a[0] - b[0]), dy = Math.abs(a[1] - b[1]);
    if (dy < 0.5 && dx > 3) horizontal.push({ at: (a[1] + b[1]) / 2, from: Math.min(a[0], b[0]), to: Math.max(a[0], b[0]) });
    else if (dx < 0.5 && dy > 3) vertical.push({ at: (a[0] + b[0]) / 2, from: Math.min(a[1], b[1]), to: Math.max(a[1], b[1]) });
  };
  const path = (data: ArrayLike<number>) => {
    let start: [number, number] | null = null;
    let points: Array<[number, number]> = [];
    const flush = (closed: boolean) => {
      if (points.length < 2) { points = []; return; }
      const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
      const w = Math.max(...xs) - Math.min(...xs), h = Math.max(...ys) - Math.min(...ys);
      if (points.length >= 4 && (w < THIN || h < THIN) && w > 0 && h > 0) {
        // a thin filled rectangle: one rule along its length
        if (h < THIN && w >= 3) horizontal.push({ at: (Math.max(...ys) + Math.min(...ys)) / 2, from: Math.min(...xs), to: Math.max(...xs) });
        else if (w < THIN && h >= 3) vertical.push({ at: (Math.max(...xs) + Math.min(...xs)) / 2, from: Math.min(...ys), to: Math.max(...ys) });
      } else {
        for (let i = 1; i < points.length; i++) segment(points[i - 1]!, points[i]!);
        if (closed) segment(points[points.length - 1]!, points[0]!);
      }
      points = [];
    };
    for (let k = 0; k < data.length;) {
      const op = data[k++];
      if (op === DRAW.moveTo) { flush(false); start = apply(ctm, data[k]!, data[k + 1]!); points.push(start); k += 2; }
      else if (op === DRAW.lineTo) { points.push(apply(ctm, data[k]!, data[k + 1]!)); k += 2; }
      else if (op === DRAW.curveTo) { flush(false); k += 6; }
      else if (op === DRAW.quadraticCurveTo) { flush(false); k += 4; }
      else if (op === DRAW.closePath) { flush(true); }
      else break; // unknown drawing op: stop reading this path rather than misread it
    }
    flush(false);
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) { stack.push(ctm); const m = args?.[0] as Matrix | null; if (m) ctm = multiply(ctm, m); }
    else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.constructPath) {
      const data = (args?.[1] as unknown[] | undefined)?.[0];
      if (data && typeof (data as ArrayLike<number>).length === 'number') path(data as ArrayLike<number>);
    }
  }
  return { horizontal, vertical };
}

/** Values within `tolerance` of each other collapse to their first. */
function distinct(values: number[], tolerance: number): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1]! > tolerance) out.push(v);
  return out;
}

interface CellBox { left: number; right: number; top: number; bottom: number }

/** The ruled box around a point: nearest rules on each side that actually pass by it. */
function boxAround(x: number, y: number, rules: Rules): CellBox | null {
  const tol = 1;
  let left = -Infinity, right = Infinity, top = Infinity, bottom = -Infinity;
  for (const v of rules.vertical) {
    if (v.from - tol > y || v.to + tol < y) continue;
    if (v.at <= x && v.at > left) left = v.at;
    if (v.at >= x && v.at < right) right = v.at;
  }
  for (const h of rules.horizontal) {
    if (h.from - tol > x || h.to + tol < x) continue;
    if (h.at >= y && h.at < top) top = h.at;
    if (h.at <= y && h.at > bottom) bottom = h.at;
  }
  return Number.isFinite(left) && Number.isFinite(right) && Number.isFinite(top) && Number.isFinite(bottom) ? { left, right, top, bottom } : null;
}

/**
 * pdf.js may hand over one run spanning two cells ("0 0" with the gap as a space). Such a run is split at
 * its spaces, each word placed in proportion to its characters, so every word lands in its own cell.
 */
function splitAcrossRules(item: PositionedText, rules: Rules): PositionedText[] {
  if (!/\S\s+\S/.test(item.str)) return [item];
  const y = item.y + item.size * 0.3;
  const crosses = rules.vertical.some((v) => v.from <= y && v.to >= y && v.at > item.x + 1 && v.at < item.x + item.width - 1);
  if (!crosses) return [item];
  const perChar = item.width / Math.max(1, item.str.length);
  return [...item.str.matchAll(/\S+/g)].map((m) => ({ ...item, str: m[0], x: item.x + m.index * perChar, width: m[0].length * perChar }));
}

const keyOf = (b: CellBox) => `${Math.round(b.left)}:${Math.round(b.right)}:${Math.round(b.top)}:${Math.round(b.bottom)}`;

/** Text of one cell: its runs in reading order, wrapped lines joined without a break. */
function cellText(runs: PositionedText[]): string {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  let text = '';
  let prev: PositionedText | null = null;
  for (const r of sorted) {
    const sameLine = prev && Math.abs(prev.y - r.y) <= Math.min(prev.size, r.size) * 0.5;
    if (sameLine && prev && r.x - (prev.x + prev.width) > r.size * 0.2 && /[\w.%]$/.test(text) && /^[\w(]/.test(r.str)) text += ' ';
    text += r.str.replace(/\s+/g, sameLine || !prev ? ' ' : '');
    prev = r;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits a page's runs into ruled-table rows (as lines) and the runs outside any table.
 * A run counts as inside a table only when its box has a neighbouring cell in the same band — a frame
 * drawn around a whole page or paragraph is not a table.
 */
export function tableLines(items: PositionedText[], rules: Rules): { lines: PdfLine[]; rest: PositionedText[] } {
  if (rules.horizontal.length < 2 || rules.vertical.length < 3) return { lines: [], rest: items };
  const cells = new Map<string, { box: CellBox; runs: PositionedText[] }>();
  const rest: PositionedText[] = [];
  for (const item of items.flatMap((i) => splitAcrossRules(i, rules))) {
    if (!item.str.trim()) continue;
    const box = boxAround(item.x + item.width / 2, item.y + item.size * 0.3, rules);
    if (!box) { rest.push(item); continue; }
    const key = keyOf(box);
    const cell = cells.get(key) ?? { box, runs: [] };
    cell.runs.push(item);
    cells.set(key, cell);
  }
  // keep only boxes that sit in a multi-column band: at least one other vertical rule crosses their row
  const tableCells = [...cells.values()].filter(({ box }) => {
    const mid = (box.top + box.bottom) / 2;
    const crossing = rules.vertical.filter((v) => v.from <= mid + 1 && v.to >= mid - 1);
    return crossing.length >= 3;
  });
  const inTable = new Set(tableCells);
  for (const c of cells.values()) if (!inTable.has(c)) rest.push(...c.runs);
  if (!tableCells.length) return { lines: [], rest };

  // Atomic row bands: between consecutive horizontal rules that bound a table cell. A cell spanning
  // several bands (a rowspan label) is repeated in each, as the HTML reader does; blank cells stay blank.
  const edges = distinct(tableCells.flatMap(({ box }) => [box.top, box.bottom]), 1.5);
  const grid = distinct(tableCells.flatMap(({ box }) => [box.left, box.right]), 1.5);
  const lines: PdfLine[] = [];
  for (let i = edges.length - 1; i > 0; i--) {
    const top = edges[i]!, bottom = edges[i - 1]!;
    const mid = (top + bottom) / 2;
    const inBand = tableCells.filter(({ box }) => box.top >= mid && box.bottom <= mid);
    if (!inBand.length) continue;
    inBand.sort((a, b) => a.box.left - b.box.left);
    // blank cells: columns of the grid this band has rules for but no text
    const cellsInBand: string[] = [];
    const vertical = rules.vertical.filter((v) => v.from <= mid + 1 && v.to >= mid - 1).map((v) => v.at);
    const columns = distinct(vertical, 1.5).filter((x) => x >= grid[0]! - 1.5 && x <= grid[grid.length - 1]! + 1.5);
    for (let c = 0; c + 1 < columns.length; c++) {
      const cx = (columns[c]! + columns[c + 1]!) / 2;
      const cell = inBand.find(({ box }) => box.left <= cx && box.right >= cx);
      if (!cell) { cellsInBand.push(''); continue; }
      const first = Math.abs(cell.box.top - top) < 1.5;
      const text = cellText(cell.runs);
      // a number spanning rows belongs to its first row only; a label labels each row it spans
      const shown = first || !/\d/.test(text) ? text : '';
      // a cell spanning several columns is one field
      if (cellsInBand.length && c > 0 && cell.box.left < columns[c]! - 1.5) continue;
      cellsInBand.push(shown);
    }
    if (!cellsInBand.some((t) => t)) continue;
    const size = Math.max(...inBand.flatMap((c) => c.runs.map((r) => r.size)));
    lines.push({ text: cellsInBand.join('\t'), x: columns[0] ?? 0, y: top - size, end: columns[columns.length - 1] ?? 0, size, tabbed: true });
  }
  return { lines, rest };
}
