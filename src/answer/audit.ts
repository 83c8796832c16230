/**
 * Intent `audit`: does the report add up — answered from the stored audit findings, with the numbers of the
 * checks the question points at (表三 balance, 表四 block totals, the 主动公开 breakdown and its shares).
 * A breakdown that was not parsed is said so instead of passing.
 */
import { metric as metricOf, partsOfTotal } from '../catalog/metrics.js';
import { makeReply, type Fact, type Reply } from '../bot/reply.js';
import type { Report } from '../model/schema.js';
import type { Understanding } from '../understand/understand.js';
import { checkLines } from './breakdown.js';
import { cellsFor } from './cells.js';
import { blankTotalFromParts, cellFact, cellLine, loadReport, reportNotes, type AnswerContext } from './context.js';
import { breakdownStatus } from './report-fields.js';

const num = (r: Report, id: string) => { const v = r.cells[id]?.value; return typeof v === 'number' ? v : null; };

/** Sentences of the prose that name a cell's row and state a number. */
function proseStatements(r: Report, ids: string[], w: AnswerContext['w']): string[] {
  const names = [...new Set(ids.map((id) => metricOf(id).rowLabel.split(/\s+/).pop()!.replace(/^行政(?=规范性文件)/, '')))];
  const sentences = r.sections.filter((s) => !['proactive', 'applications', 'review'].includes(s.key)).flatMap((s) => s.text.replace(/\s+/g, '').split(/(?<=[。；;])/));
  return sentences.filter((s) => names.some((n) => s.includes(n)) && /\d/.test(s)).slice(0, 3).map((s) => w.quote(s.slice(0, 200)));
}

export function answerAudit(u: Extract<Understanding, { intent: 'audit' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const lines: string[] = [];
  const facts: Fact[] = [];
  const rows = u.measure.rows;
  for (const id of cellsFor(rows, u.measure.columns, r.layout).ids.slice(0, 8)) {
    const f = cellFact(r, id, w);
    facts.push(f);
    lines.push(cellLine(r, f, w));
  }
  // the text against the table (正文和表二里…一致吗): the prose sentences that state the same item
  if (rows.length && /正文|文字|文中|叙述|前文|报告中写|报告里写|说的/.test(u.question)) lines.push(...proseStatements(r, facts.map((f) => f.metric), w));
  // a table named (表三的勾稽关系成立吗) is checked alone
  const only = u.tableN;
  const wantsTable3 = only !== undefined ? only === 3 : !rows.length || rows.some((x) => x.startsWith('applications.'));
  const wantsTable4 = only !== undefined ? only === 4 : !rows.length || rows.some((x) => x === 'review' || x.startsWith('litigation'));
  let balanceUnchecked = false;
  if (wantsTable3 && !u.proactive) {
    // a blank total whose columns are printed counts as their sum (said so on its own line)
    const [a, b, c, d] = ['newReceived', 'carriedOver', 'resultsTotal', 'carriedForward'].map((k) => num(r, `applications.${k}.total`) ?? blankTotalFromParts(r, `applications.${k}.total`)?.sum ?? null);
    for (const k of ['resultsTotal', 'carriedForward']) {
      const id = `applications.${k}.total`;
      if (blankTotalFromParts(r, id) && !facts.some((f) => f.metric === id)) lines.push(cellLine(r, cellFact(r, id, w), w));
    }
    if (a !== null && b !== null && c !== null && d !== null) lines.push(w.balanceCheck(a, b, c, d));
    // a blank total: the half that can be added, and which cell is missing
    else if (a !== null && b !== null) lines.push(w.balancePartial(a, b, c, d));
    // (新收 or 上年结转 unread: nothing to add up — the check asked cannot be made, and is not passed)
    else { lines.push(w.balanceUnchecked); balanceUnchecked = true; }
  }
  if (wantsTable4 && !u.proactive) {
    for (const block of ['review', 'litigation.direct', 'litigation.afterReview']) {
      const parts = partsOfTotal(`${block}.total`).map((id) => num(r, id));
      const total = num(r, `${block}.total`);
      if (parts.every((p) => p !== null) && total !== null) lines.push(w.blockCheck(metricOf(`${block}.total`).rowLabel, parts as number[], (parts as number[]).reduce((x, y) => x + y, 0), total));
    }
  }
  const breakdownAsked = u.proactive || (!rows.length && only === undefined);
  if (breakdownAsked) {
    if (r.proactive.items.length) lines.push(...checkLines(r.proactive.items, r.proactive.total?.value ?? null, u.quotedCounts, u.quotedPercents, w));
    else if (breakdownStatus(r) === 'notParsed') lines.push(w.breakdownUnchecked);
  }
  if (balanceUnchecked && only === 3 && !breakdownAsked) return makeReply({ kind: 'refuse', reason: 'notInReport', intent: 'audit', language: w.lang, title: w.auditHead(r.agency, r.year), lines, confidence: u.confidence });
  const errors = r.findings.filter((f) => f.severity === 'error');
  if (r.findings.length) lines.push(w.findings(r.findings.length, errors.length), ...r.findings.slice(0, 8).map((f) => w.finding(f.rule, f.message)));
  else if (!(breakdownAsked && breakdownStatus(r) === 'notParsed')) lines.push(w.allPass);
  return makeReply({ kind: 'facts', intent: 'audit', language: w.lang, title: w.auditHead(r.agency, r.year), lines, facts, notes: reportNotes(u.report, w), confidence: u.confidence });
}
