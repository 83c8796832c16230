/**
 * Intent `form`: questions about the national form itself — what 第二十条第（N）项 covers and which rows 表二
 * counts for it, what a row or column of 表三/表四 means and which sub-rows it lists — from the catalog, not a report.
 */
import { ARTICLE_20, FORM_NOTES, toChineseItemNumber } from '../catalog/form.js';
import { APPLICANT_COLUMNS, METRICS, OUTCOME_COLUMNS, REGULATION_COLUMNS } from '../catalog/metrics.js';
import { makeReply, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import type { AnswerContext } from './context.js';

export function answerForm(u: Extract<Understanding, { intent: 'form' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const lines: string[] = [];
  const rowName = (rowId: string) => METRICS.find((m) => m.rowId === rowId || m.rowId.startsWith(`${rowId}.`))!;
  if (u.itemN !== undefined) {
    const item = ARTICLE_20.find((i) => i.n === u.itemN);
    if (item) {
      lines.push(w.formItem(`第（${toChineseItemNumber(item.n)}）项`, item.covers));
      lines.push(item.counted.length ? w.formCounted(item.counted.map((id) => rowName(id).rowLabel.replace(/^第二十条第（[一二三四五六七八九十]+）项\s*/, ''))) : w.formNotCounted);
      // the columns its rows are counted in, when they have several (规章: 本年制发, 本年废止, 现行有效)
      const columns = [...new Set(METRICS.filter((m) => item.counted.some((id) => m.rowId === id || m.rowId.startsWith(`${id}.`))).map((m) => m.columnLabel))];
      if (columns.length > 1) lines.push(w.formColumns(columns));
    }
  }
  // 表四一共有多少个数据栏: the printed cells of the table asked (or of the rows named), from the catalog
  if (u.cellCount) {
    const table = u.tableN !== undefined ? `表${'〇一二三四'[u.tableN]}` : u.measure.rows.length ? rowName(u.measure.rows[0]!).table : null;
    // (其他处理 as one row is the 2019 layout's; the current form prints its three sub-rows instead)
    const printed = table ? METRICS.filter((m) => m.table === table && m.rowId !== 'applications.otherHandling') : [];
    if (table && printed.length) lines.push(w.formCellCount(table, printed.length, new Set(printed.map((m) => m.rowId)).size, new Set(printed.map((m) => m.columnLabel)).size));
  }
  if (u.tableN !== undefined) {
    const table = `表${'〇一二三四'[u.tableN]}`;
    const rowsOf = [...new Set(METRICS.filter((m) => m.table === table).map((m) => m.rowLabel))];
    const colsOf = [...new Set(METRICS.filter((m) => m.table === table).map((m) => m.columnLabel))];
    const section = METRICS.find((m) => m.table === table)?.section ?? '';
    if (section) lines.push(w.formTable(table, section), w.formSubRows(rowsOf), w.formColumns(colsOf));
  }
  for (const row of u.measure.rows) {
    const m = rowName(row);
    const subRows = [...new Set(METRICS.filter((x) => x.rowId.startsWith(`${row}.`)).map((x) => x.rowLabel))];
    lines.push(w.formRow(m.rowLabel.replace(/^.*?(?=[（(]|第)/, '') || m.rowLabel, m.table, m.section));
    if (subRows.length > 1) lines.push(w.formSubRows(subRows));
    if (m.table === '表三') lines.push(w.formColumns(APPLICANT_COLUMNS.map((c) => c.label)), FORM_NOTES.applicants);
    if (m.table === '表四') lines.push(w.formColumns(OUTCOME_COLUMNS.map((c) => c.label)));
    if (row.startsWith('regulations.')) lines.push(w.formColumns(REGULATION_COLUMNS.map((c) => c.label)));
    // a one-number row of 表二 is counted in one column, which also names its unit (本年收费金额（单位：万元）)
    else if (m.table === '表二' && m.columnLabel) lines.push(w.formColumns([m.columnLabel]));
    if (row === 'applications.partiallyGranted') lines.push(FORM_NOTES.partiallyGranted);
  }
  if (!lines.length || u.measure.columns.some((c) => c.family === 'applicant')) lines.push(FORM_NOTES.applicants);
  if (u.measure.rows.some((r) => r === 'review' || r.startsWith('litigation'))) lines.push(FORM_NOTES.reviewLitigation);
  if (u.balance) lines.unshift(FORM_NOTES.balance);
  if (!u.itemN && !u.measure.rows.length && !u.measure.columns.length && !u.balance) lines.push(w.formTable2);
  return makeReply({ kind: 'facts', intent: 'form', language: w.lang, lines: [...new Set(lines)], source: '国办公开办函〔2021〕30号；《中华人民共和国政府信息公开条例》第二十条', confidence: u.confidence });
}
