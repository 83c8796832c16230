/**
 * The on-disk form of a report: cells as [value, line] pairs with the printed lines stored once, because a
 * cell's section, row and column labels come from the metric catalog. Cuts a stored report to a third.
 * Sources that differ from the catalog's labels are kept verbatim, so packing never loses anything.
 */
import { metric } from '../catalog/metrics.js';
import type { Cell, Report } from '../model/schema.js';

type PackedCell = [Cell['value'], number] | Cell;

export interface PackedReport extends Omit<Report, 'cells'> {
  packed: 1;
  lines: string[];
  cells: Record<string, PackedCell>;
}

/** A cell that is only a value and the catalog's labels (anything more — a note, the raw text … — is kept verbatim). */
const sameLabels = (id: string, c: Cell) => {
  const m = metric(id);
  return Object.keys(c).every((k) => k === 'value' || k === 'source') && Object.keys(c.source).every((k) => ['section', 'row', 'column', 'line'].includes(k))
    && c.source.section === m.table && c.source.row === m.rowLabel && c.source.column === m.columnLabel;
};

export function packReport(r: Report): PackedReport {
  const lines: string[] = [];
  const lineIndex = new Map<string, number>();
  const cells: Record<string, PackedCell> = {};
  for (const [id, c] of Object.entries(r.cells)) {
    if (!sameLabels(id, c)) { cells[id] = c; continue; }
    let li = -1;
    if (c.source.line !== undefined) {
      li = lineIndex.get(c.source.line) ?? -1;
      if (li < 0) { li = lines.length; lines.push(c.source.line); lineIndex.set(c.source.line, li); }
    }
    cells[id] = [c.value, li];
  }
  return { ...r, packed: 1, lines, cells };
}

export function unpackReport(stored: Report | PackedReport): Report {
  if (!('packed' in stored)) return stored;
  const { packed: _packed, lines, cells, ...rest } = stored;
  const out: Record<string, Cell> = {};
  for (const [id, c] of Object.entries(cells)) {
    if (!Array.isArray(c)) { out[id] = c; continue; }
    const m = metric(id);
    const line = c[1] >= 0 ? lines[c[1]] : undefined;
    out[id] = { value: c[0], source: { section: m.table, row: m.rowLabel, column: m.columnLabel, ...(line !== undefined ? { line } : {}) } };
  }
  return { ...rest, cells: out } as Report;
}
