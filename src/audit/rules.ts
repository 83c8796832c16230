/**
 * Internal-consistency audit of one report. Each finding carries a rule id, a severity and a Chinese
 * message with the numbers involved; findings are stored with the report so the bot can answer from them.
 */
import { APPLICANT_COLUMNS, APPLICATION_ROWS, metricId, OUTCOME_COLUMNS, REVIEW_BLOCKS } from '../catalog/metrics.js';
import { UNDETERMINED, type Finding, type Report } from '../model/schema.js';
import { describe as describeYears, yearsDisagree } from '../ingest/report-year.js';

export const RULES = {
  'T3.BALANCE': '表三 一+二 = 三（七）+四（每一列）',
  'T3.ROW_TOTAL': '表三 六类申请人之和 = 总计（每一行）',
  'T3.RESULTS_TOTAL': '表三 （七）总计 = 各办理结果之和（每一列）',
  'T4.BLOCK_TOTAL': '表四 维持+纠正+其他+尚未审结 = 总计（每一栏）',
  'PROACTIVE.SUM': '主动公开分类条数之和 = 总条数',
  'PROACTIVE.PERCENT': '主动公开分类占比与条数相符',
  'NARRATIVE.APPLICATIONS': '正文所述申请数与表三一致',
  'STRUCTURE.MISSING': '六个部分与三张表齐全',
  'FEES.UNEXPLAINED': '收取信息处理费须在“其他需要报告的事项”中说明',
  'CELLS.UNREADABLE': '表格数字能被唯一读出',
  'PROACTIVE.NOT_PARSED': '正文写明主动公开总数时，分类明细能被读出',
  'YEAR.MISMATCH': '标题、统计期限与正文所述年份一致',
} as const;
export type RuleId = keyof typeof RULES;

const num = (r: Report, id: string): number | null => {
  const v = r.cells[id]?.value;
  return typeof v === 'number' ? v : null;
};

const finding = (rule: RuleId, severity: Finding['severity'], message: string, metrics: string[] = []): Finding => ({ rule, severity, message, metrics });

const COLUMN_NAME: Record<string, string> = Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c.key, c.label]));

/** Whether the report prints （六）其他处理 as one row (the 2019 layout, and reports that do not split it). */
const singleOtherHandling = (r: Report) => r.layout === '2019' || r.cells['applications.otherHandling.overdueCorrection.total']?.value === 'n/a';

/** Result rows that add up to (七)总计: sub-rows where the report has them, else the single row. */
function resultRows(r: Report): string[] {
  const rows = APPLICATION_ROWS.map((x) => x.key).filter((k) => !['newReceived', 'carriedOver', 'resultsTotal', 'carriedForward'].includes(k));
  if (singleOtherHandling(r)) return [...rows.filter((k) => !k.startsWith('otherHandling.')), 'otherHandling'];
  return rows;
}

/** 表三 row → its cell ids in APPLICANT_COLUMNS order, built once per row (the audit reads every report an ingest reads). */
const T3_IDS = new Map<string, readonly string[]>();
function t3Ids(row: string): readonly string[] {
  let ids = T3_IDS.get(row);
  if (!ids) T3_IDS.set(row, (ids = APPLICANT_COLUMNS.map((c) => metricId('applications', row, c.key))));
  return ids;
}
const T3_TOTAL = APPLICANT_COLUMNS.findIndex((c) => c.key === 'total');

function checkTable3(r: Report, out: Finding[]): void {
  const results = resultRows(r).map(t3Ids);
  const [received, carried, totals, forward] = ['newReceived', 'carriedOver', 'resultsTotal', 'carriedForward'].map(t3Ids);
  for (let ci = 0; ci < APPLICANT_COLUMNS.length; ci++) {
    const c = APPLICANT_COLUMNS[ci]!.key;
    const a = num(r, received![ci]!), b = num(r, carried![ci]!);
    const t = num(r, totals![ci]!), f = num(r, forward![ci]!);
    if (a !== null && b !== null && t !== null && f !== null && a + b !== t + f) {
      out.push(finding('T3.BALANCE', 'error', `表三“${COLUMN_NAME[c]}”列：本年新收 ${a} + 上年结转 ${b} = ${a + b}，但办理结果总计 ${t} + 结转下年度 ${f} = ${t + f}`,
        [`applications.newReceived.${c}`, `applications.carriedOver.${c}`, `applications.resultsTotal.${c}`, `applications.carriedForward.${c}`]));
    }
    const parts = results.map((ids) => num(r, ids[ci]!));
    if (t !== null && parts.every((p) => p !== null)) {
      const sum = (parts as number[]).reduce((x, y) => x + y, 0);
      if (sum !== t) out.push(finding('T3.RESULTS_TOTAL', 'error', `表三“${COLUMN_NAME[c]}”列：各办理结果之和为 ${sum}，但（七）总计填 ${t}`, [`applications.resultsTotal.${c}`]));
    }
  }
  const rows = singleOtherHandling(r) ? [...APPLICATION_ROWS.filter((x) => !x.key.startsWith('otherHandling.')), { key: 'otherHandling', label: '（六）其他处理' }] : APPLICATION_ROWS;
  for (const row of rows) {
    const ids = t3Ids(row.key);
    const parts = ids.slice(0, 6).map((id) => num(r, id));
    const total = num(r, ids[T3_TOTAL]!);
    if (total === null || parts.some((p) => p === null)) continue;
    const sum = (parts as number[]).reduce((x, y) => x + y, 0);
    if (sum !== total) out.push(finding('T3.ROW_TOTAL', 'error', `表三“${row.label}”行：六类申请人合计 ${sum}，但总计填 ${total}`, [`applications.${row.key}.total`]));
  }
}

function checkTable4(r: Report, out: Finding[]): void {
  for (const block of REVIEW_BLOCKS) {
    const parts = OUTCOME_COLUMNS.slice(0, 4).map((c) => num(r, metricId(block.key, c.key)));
    const total = num(r, metricId(block.key, 'total'));
    if (total === null || parts.some((p) => p === null)) continue;
    const sum = (parts as number[]).reduce((x, y) => x + y, 0);
    if (sum !== total) out.push(finding('T4.BLOCK_TOTAL', 'error', `表四“${block.name}”：维持+纠正+其他+尚未审结 = ${sum}，但总计填 ${total}`, [`${block.key}.total`]));
  }
}

function checkProactive(r: Report, out: Finding[]): void {
  const total = r.proactive.total?.value;
  const items = r.proactive.items;
  if (total === undefined || !items.length) return;
  const sum = items.reduce((x, i) => x + i.count, 0);
  if (sum !== total) {
    out.push(finding('PROACTIVE.SUM', 'warning', `主动公开信息总数 ${total}${r.proactive.total!.unit}，但分类条数之和为 ${sum}（${items.map((i) => `${i.category}${i.count}`).join('、')}）`, ['proactive.total']));
  }
  for (const i of items) {
    if (i.percent === null || total === 0) continue;
    const actual = (i.count / total) * 100;
    if (Math.abs(actual - i.percent) > 0.6) {
      out.push(finding('PROACTIVE.PERCENT', 'warning', `“${i.category}”${i.count}${i.unit}占总数 ${total} 的 ${actual.toFixed(1)}%，报告写占 ${i.percent}%`, ['proactive.total']));
    }
  }
}

function checkNarrative(r: Report, out: Finding[]): void {
  const text = r.sections.filter((s) => s.key === 'overview' || s.key.startsWith('overview.')).map((s) => s.text).join('\n').replace(/\s+/g, '');
  const received = num(r, 'applications.newReceived.total');
  if (received === null) return;
  if (/(?:未|没有|无)收到(?:任何)?(?:政府信息公开|依申请公开|信息公开)?(?:的)?申请/.test(text) && received > 0) {
    out.push(finding('NARRATIVE.APPLICATIONS', 'error', `正文称未收到政府信息公开申请，但表三本年新收申请总计为 ${received} 件`, ['applications.newReceived.total']));
    return;
  }
  const m = /(?:共|全年)?(?:收到|接收|受理)[^。；;]{0,30}?申请(?:共计|共|合计)?(\d+)件/.exec(text) ?? /申请[^。；;]{0,6}?(?:共计|共|合计)(\d+)件/.exec(text);
  if (m) {
    const stated = Number(m[1]);
    const carried = num(r, 'applications.carriedOver.total') ?? 0;
    if (stated !== received && stated !== received + carried) {
      out.push(finding('NARRATIVE.APPLICATIONS', 'warning', `正文称收到申请 ${stated} 件，表三本年新收为 ${received} 件${carried ? `（另有上年结转 ${carried} 件）` : ''}`, ['applications.newReceived.total']));
    }
  }
}

function checkStructure(r: Report, out: Finding[]): void {
  const names: Record<string, string> = { overview: '一、总体情况', problems: '五、存在的主要问题及改进情况', other: '六、其他需要报告的事项' };
  for (const [key, name] of Object.entries(names)) {
    if (!r.sections.some((s) => s.key === key)) out.push(finding('STRUCTURE.MISSING', 'warning', `报告缺少“${name}”部分`));
  }
}

function checkFees(r: Report, out: Finding[]): void {
  const yuan = r.processingFees?.yuan ?? 0;
  const six = r.sections.find((s) => s.key === 'other')?.text ?? '';
  if (yuan > 0 && !/收费|处理费|费用/.test(six)) {
    out.push(finding('FEES.UNEXPLAINED', 'warning', `报告收取信息处理费 ${yuan} 元，但“其他需要报告的事项”未作说明`, ['processingFees.yuan']));
  }
}

/** Each unreadable run once (its note), naming the cells left undetermined — never counted as 0 by any rule. */
function checkUnreadable(r: Report, out: Finding[]): void {
  const cellsOf = new Map<string, string[]>();
  // (a loop over the keys, not Object.entries: this runs over every cell of every report an ingest reads)
  for (const id in r.cells) {
    const c = r.cells[id]!;
    if (c.value !== UNDETERMINED) continue;
    const key = c.note ?? '';
    cellsOf.set(key, [...(cellsOf.get(key) ?? []), id]);
  }
  for (const note of r.notes) {
    const ids = [...cellsOf].filter(([n]) => n && note.includes(n)).flatMap(([, ids]) => ids);
    out.push(finding('CELLS.UNREADABLE', 'warning', `表格数字无法唯一读出，标为无法确定：${note}`, ids));
  }
}

function checkBreakdown(r: Report, out: Finding[]): void {
  if (r.proactive.breakdown !== 'notParsed') return;
  out.push(finding('PROACTIVE.NOT_PARSED', 'warning', `正文写明主动公开政府信息 ${r.proactive.total?.value ?? '?'}${r.proactive.total?.unit ?? ''}，但分类明细未能读出（not parsed），分类之和无法核对`, ['proactive.total']));
}

function checkYear(r: Report, out: Finding[]): void {
  const e = r.yearEvidence;
  if (!e || !yearsDisagree(e)) return;
  const settled = e.given !== null ? `；按 --year 入库为 ${e.given} 年` : '';
  out.push(finding('YEAR.MISMATCH', 'error', `报告所述年份不一致：${describeYears(e)}${settled}`));
}

export function auditReport(r: Report): Finding[] {
  const out: Finding[] = [];
  checkTable3(r, out);
  checkTable4(r, out);
  checkProactive(r, out);
  checkNarrative(r, out);
  checkStructure(r, out);
  checkFees(r, out);
  checkUnreadable(r, out);
  checkBreakdown(r, out);
  checkYear(r, out);
  return out;
}
