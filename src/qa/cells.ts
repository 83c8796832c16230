/** Which cells of the standard format a question's row and column concepts point at. */
import { METRICS } from '../catalog/metrics.js';
import type { Report } from '../model/schema.js';
import type { ConceptHit } from './lexicon.js';

/** Rows that stand for a group of printed sub-rows (不予公开 = its eight reasons …). */
export const GROUP_ROWS = ['applications.withheld', 'applications.unavailable', 'applications.notProcessed', 'applications.otherHandling'];

export interface CellSelection {
  ids: string[];
  /** Cells that belong together (the sub-rows of a group row, several columns of one row). */
  groups: string[][];
}

/** What decides a report's rows: its layout, and (when given) its cells — a report may print （六）其他处理 as one row. */
type RowShape = Report['layout'] | Pick<Report, 'layout' | 'cells'>;

/** Cell ids for row concepts × column concepts (a missing column means the row's total or its usual columns). */
export function cellsFor(rows: string[], columns: ConceptHit[], shape: RowShape): CellSelection {
  const ids: string[] = [];
  const groups: string[][] = [];
  for (const row of rows) {
    if (row === 'litigation') { ids.push(...cellsFor(['litigation.direct', 'litigation.afterReview'], columns, shape).ids); continue; }
    const family = row.startsWith('applications.') ? 'applicant' : row.startsWith('regulations.') ? 'regulation' : row === 'review' || row.startsWith('litigation.') ? 'outcome' : null;
    const cols = columns.filter((c) => c.concept.family === family);
    const colKeys: string[][] = family === 'applicant'
      ? (cols.length ? cols.map((c) => c.concept.columns ?? [c.concept.id]) : [['total']])
      : family === 'regulation' ? (cols.length ? cols.map((c) => [c.concept.id]) : [['issued'], ['repealed'], ['inForce']])
      : family === 'outcome' ? (cols.length ? cols.map((c) => [c.concept.id]) : [['total']])
      : [['value']];
    for (const keys of colKeys) {
      if (family === null) { ids.push(row); continue; }
      const subRows = GROUP_ROWS.includes(row) ? groupRows(row, shape) : [row];
      const cellIds = subRows.flatMap((sr) => keys.map((k) => `${sr}.${k}`));
      if (cellIds.length > 1) groups.push(cellIds);
      ids.push(...cellIds);
    }
  }
  return { ids: [...new Set(ids)], groups };
}

function groupRows(group: string, shape: RowShape): string[] {
  const single = typeof shape === 'string' ? shape === '2019'
    : shape.layout === '2019' || shape.cells['applications.otherHandling.overdueCorrection.total']?.value === 'n/a';
  if (group === 'applications.otherHandling' && single) return [group];
  const prefix = `${group}.`;
  return [...new Set(METRICS.filter((m) => m.rowId.startsWith(prefix)).map((m) => m.rowId))];
}
