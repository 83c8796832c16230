/** Which cells of the standard format a question's row and column concepts point at. */
import { METRICS } from '../catalog/metrics.js';
import type { Report } from '../model/schema.js';
import type { Concept } from '../catalog/vocabulary.js';

/** Rows that stand for a group of printed sub-rows (不予公开 = its eight reasons …). */
export const GROUP_ROWS = ['applications.withheld', 'applications.unavailable', 'applications.notProcessed', 'applications.otherHandling'];

export interface CellSelection {
  ids: string[];
  /** Cells that belong together (the sub-rows of a group row, several columns of one row). */
  groups: string[][];
  /** Sub-rows asked of a group the report prints as one row (逾期不补正 when only 其他处理 is printed): the group's cells stand in. */
  folded: Array<{ asked: string; into: string }>;
}

/** Cell ids for row concepts × column concepts (a missing column means the row's total or its usual columns). */
export function cellsFor(rows: readonly string[], columns: readonly Concept[], layout: Report['layout'], cells?: Report['cells']): CellSelection {
  const ids: string[] = [];
  const groups: string[][] = [];
  const folded: CellSelection['folded'] = [];
  for (let row of rows) {
    const group = GROUP_ROWS.find((g) => row.startsWith(`${g}.`));
    if (group && groupRows(group, layout, cells)[0] === group) { folded.push({ asked: row, into: group }); row = group; }
    if (row === 'litigation') {
      // both kinds of lawsuit, column by column: each column's pair adds up to 行政诉讼's
      const both = cellsFor(['litigation.direct', 'litigation.afterReview'], columns, layout).ids;
      ids.push(...both);
      const direct = both.filter((id) => id.startsWith('litigation.direct.'));
      for (const d of direct) groups.push([d, d.replace('litigation.direct.', 'litigation.afterReview.')]);
      continue;
    }
    const family = row.startsWith('applications.') ? 'applicant' : row.startsWith('regulations.') ? 'regulation' : row === 'review' || row.startsWith('litigation.') ? 'outcome' : null;
    const cols = columns.filter((c) => c.family === family);
    const colKeys: string[][] = family === 'applicant'
      ? (cols.length ? cols.map((c) => [...(c.columns ?? [c.id])]) : [['total']])
      : family === 'regulation' ? (cols.length ? cols.map((c) => [c.id]) : [['issued'], ['repealed'], ['inForce']])
      : family === 'outcome' ? (cols.length ? cols.map((c) => [c.id]) : [['total']])
      : [['value']];
    for (const keys of colKeys) {
      if (family === null) { ids.push(row); continue; }
      const subRows = GROUP_ROWS.includes(row) ? groupRows(row, layout, cells) : [row];
      const cellIds = subRows.flatMap((sr) => keys.map((k) => `${sr}.${k}`));
      if (cellIds.length > 1) groups.push(cellIds);
      ids.push(...cellIds);
    }
  }
  return { ids: [...new Set(ids)], groups, folded };
}

function groupRows(group: string, layout: Report['layout'], cells?: Report['cells']): string[] {
  // 其他处理 printed as one row (2019 layout, or a 2021 report that kept the single row): the row itself
  if (group === 'applications.otherHandling' && (layout === '2019' || (cells && typeof cells[`${group}.total`]?.value === 'number' && cells[`${group}.misc.total`]?.value === 'n/a'))) return [group];
  const prefix = `${group}.`;
  return [...new Set(METRICS.filter((m) => m.rowId.startsWith(prefix)).map((m) => m.rowId))];
}
