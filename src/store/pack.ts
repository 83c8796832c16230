/**
 * The on-disk form of a report: cells as [value, line] pairs with the printed lines stored once, because a
 * cell's section, row and column labels come from the metric catalog. Cuts a stored report to a third.
 * Sources that differ from the catalog's labels are kept verbatim, so packing never loses anything.
 * Given an `order` of cell ids (the dataset file's `metrics` table), cells are an array in that order instead of an
 * object keyed by id (0 = no such cell): the ids are most of a packed report's size and of its compression time.
 */
import { asMetricId, metric, type Metric } from '../catalog/metrics.js';
import type { Cell, Report } from '../model/schema.js';

type PackedCell = [Cell['value'], number] | Cell;

export interface PackedReport extends Omit<Report, 'cells'> {
  packed: 1;
  lines: string[];
  cells: Record<string, PackedCell> | Array<PackedCell | 0>;
}

/** Whether `k` is a key of a cell's source that the catalog's labels and the stored line stand for. */
const isPackedSourceKey = (k: string) => k === 'section' || k === 'row' || k === 'column' || k === 'line';

/** A cell that is only a value and the catalog's labels (anything more — a note, the raw text … — is kept verbatim). */
const sameLabels = (id: string, known: Metric | undefined, c: Cell) => {
  // (loops over the keys, not arrays of them: this runs for every cell of every report an ingest writes)
  for (const k in c) if (k !== 'value' && k !== 'source') return false;
  for (const k in c.source) if (!isPackedSourceKey(k)) return false;
  const m = known ?? metric(id); // (an id the catalog does not know throws)
  return c.source.section === m.table && c.source.row === m.rowLabel && c.source.column === m.columnLabel;
};

/** Per cell order: its ids as a set, and each position's metric (undefined: not in this catalog), looked up once per order. */
const orders = new WeakMap<readonly string[], { ids: Set<string>; metrics: Array<Metric | undefined> }>();
function orderInfo(order: readonly string[]) {
  let info = orders.get(order);
  if (!info) orders.set(order, (info = { ids: new Set(order), metrics: order.map((id) => (asMetricId(id) ? metric(id) : undefined)) }));
  return info;
}

export function packReport(r: Report, order?: readonly string[]): PackedReport {
  const lines: string[] = [];
  const lineIndex = new Map<string, number>();
  const pack = (id: string, m: Metric | undefined, c: Cell): PackedCell => {
    if (!sameLabels(id, m, c)) return c;
    let li = -1;
    if (c.source.line !== undefined) {
      li = lineIndex.get(c.source.line) ?? -1;
      if (li < 0) { li = lines.length; lines.push(c.source.line); lineIndex.set(c.source.line, li); }
    }
    return [c.value, li];
  };
  const info = order && orderInfo(order);
  if (order && info && Object.keys(r.cells).every((id) => info.ids.has(id))) {
    const cells: Array<PackedCell | 0> = [];
    for (let j = 0; j < order.length; j++) {
      const c = r.cells[order[j]!];
      cells.push(c ? pack(order[j]!, info.metrics[j], c) : 0);
    }
    return { ...r, packed: 1, lines, cells };
  }
  const cells: Record<string, PackedCell> = {};
  for (const [id, c] of Object.entries(r.cells)) cells[id] = pack(id, undefined, c);
  return { ...r, packed: 1, lines, cells };
}

/** The report of a packed one; `order` is the one it was packed with (needed when its cells are an array). */
export function unpackReport(stored: Report | PackedReport, order?: readonly string[]): Report {
  if (!('packed' in stored)) return stored;
  const { packed: _packed, lines, cells, ...rest } = stored;
  const entries: Array<[string, PackedCell | 0]> = Array.isArray(cells)
    ? cells.map((c, j) => {
      if (!order || j >= order.length) throw new Error('a packed report with cells in file order needs that order');
      return [order[j]!, c];
    })
    : Object.entries(cells);
  const out: Record<string, Cell> = {};
  for (const [id, c] of entries) {
    if (c === 0) continue;
    if (!Array.isArray(c)) { out[id] = c; continue; }
    const m = metric(id);
    const line = c[1] >= 0 ? lines[c[1]] : undefined;
    out[id] = { value: c[0], source: { section: m.table, row: m.rowLabel, column: m.columnLabel, ...(line !== undefined ? { line } : {}) } };
  }
  return { ...rest, cells: out } as Report;
}
