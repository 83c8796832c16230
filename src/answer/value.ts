/**
 * Intent `value`: the cells a question names in one report — with their sums (a group row, 一共), the difference
 * of two, a ratio, a monthly average or a column's share of its row, each computed from the printed cells.
 */
import { METRICS, metric as metricOf } from '../catalog/metrics.js';
import { makeReply, type Fact, type Reply } from '../bot/reply.js';
import type { Report } from '../model/schema.js';
import type { Understanding } from '../understand/understand.js';
import { cellsFor } from './cells.js';
import { blankTotalFromParts, cellFact, cellLine, partWords, printedParts, loadReport, reportNotes, valueWords, type AnswerContext } from './context.js';

/** More cells than this are shown as a table. */
const TABLE_FROM = 7;

export function answerValue(u: Extract<Understanding, { intent: 'value' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const { ids, groups, folded } = u.measure.columnsOf ? byClause(u.measure, r) : cellsFor(u.measure.rows, withTotal(u.measure), r.layout, r.cells);
  const facts = ids.map((id) => cellFact(r, id, w));
  const base = { intent: 'value' as const, language: w.lang, title: w.reportHead(r.agency, r.year), facts, source: citeCells(facts, w), notes: reportNotes(u.report, w), confidence: u.confidence };
  // nothing printed that can be told: the 2019 layout has no such cell, or the run could not be read
  const layoutLacks = facts.length > 0 && facts.every((f) => f.value === 'n/a' && r.layout === '2019' && r.cells[f.metric]?.note);
  if (layoutLacks) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [w.layoutLacks(r.year)] });
  // 收到过申请吗: yes or no first, from the one count asked
  const count = facts.length === 1 ? facts[0]!.value : null;
  const lines = [
    ...(u.hasAny && typeof count === 'number' ? [w.hasAny(count > 0, w.num(count, facts[0]!.unit))] : []),
    ...folded.map((f) => w.notItemised(rowName(f.asked, w.lang), rowName(f.into, w.lang))),
    ...facts.map((f) => cellLine(r, f, w)), ...outcomesOfTotals(r, facts, w), ...computed(u, r, facts, groups, ctx),
  ];
  // no number to tell (blank cells, undetermined runs, columns the layout lacks): the answer says why, as a refusal
  const untold = (f: Fact) => f.value === 'undetermined' || (f.value === 'n/a' && r.cells[f.metric]?.note) || (f.value === null && !blankTotalFromParts(r, f.metric));
  // (what a cell holds, asked of a blank one, is answered: the form prints nothing there)
  const toldBlank = u.asksPrinted && facts.every((f) => f.value === null);
  if (facts.length > 0 && facts.every(untold) && !toldBlank) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines });
  // a share asked that the cells cannot give (the tables print counts, not percentages): say so
  if (u.op === 'share' && lines.length === facts.length) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [...lines, w.noShare] });
  if (facts.length >= TABLE_FROM) {
    const table = { columns: [...w.cellTable], rows: facts.map((f) => [f.label, valueWords(w, f.value, f.unit), metricOf(f.metric).table]) };
    return makeReply({ ...base, kind: 'table', table, lines: lines.slice(facts.length) });
  }
  return makeReply({ ...base, kind: 'facts', lines });
}

/**
 * 表四 totals asked alone (行政复议呢) also say how the cases ended — the outcomes that are not zero — since
 * "1 件" begs "and the result?". Only when no outcome was asked and the outcomes add up to the total.
 */
function outcomesOfTotals(r: Report, facts: Fact[], w: AnswerContext['w']): string[] {
  const lines: string[] = [];
  for (const f of facts) {
    const m = metricOf(f.metric);
    if (m.table !== '表四' || typeof f.value !== 'number' || f.value === 0) continue;
    const parts = printedParts(r, f.metric);
    if (!parts || parts.some((p) => facts.some((g) => g.metric === p.id)) || parts.reduce((a, p) => a + p.value, 0) !== f.value) continue;
    lines.push(w.ofWhich(w.metricName(m.name.replace(/总计$/, ''), m.english.replace(/, total$/, '')), parts.filter((p) => p.value > 0).map((p) => partWords(p, w))));
  }
  return lines;
}

/** What a group of cells is called: its group row (不予公开), or 行政诉讼 for both kinds of lawsuit (with their column). */
function groupLabel(g: string[], lang: string): string {
  const first = metricOf(g[0]!);
  if (g.every((id) => id.startsWith('litigation.'))) {
    const column = first.columnKey === 'total' ? '' : lang === 'en' ? `, ${first.english.split(', ').pop()}` : first.columnLabel;
    return `${lang === 'en' ? 'lawsuits' : '行政诉讼'}${column}`;
  }
  return first.rowLabel.replace(/\s*\d\..*$/, '');
}

/** A row's printed name (其他处理（逾期不补正）) in the answer's language. */
function rowName(rowId: string, lang: string): string {
  const m = METRICS.find((x) => x.rowId === rowId && x.columnKey === 'total') ?? METRICS.find((x) => x.rowId === rowId)!;
  return lang === 'en' ? m.english : m.name;
}

/** Each row's cells with the columns its own clause asked. */
function byClause(m: Extract<Understanding, { intent: 'value' }>['measure'], r: Report): ReturnType<typeof cellsFor> {
  const parts = m.rows.map((row) => cellsFor([row], withTotal({ rows: [row], columns: m.columnsOf?.[row] ?? m.columns }), r.layout, r.cells));
  return { ids: [...new Set(parts.flatMap((p) => p.ids))], groups: parts.flatMap((p) => p.groups), folded: parts.flatMap((p) => p.folded) };
}

/** A specific outcome of 表四 is asked with its block's total (被纠正了吗 → of how many). */
function withTotal(m: Extract<Understanding, { intent: 'value' }>['measure']) {
  const outcomes = m.columns.filter((c) => c.family === 'outcome');
  if (!outcomes.length || outcomes.some((c) => c.id === 'total')) return m.columns;
  return [...m.columns, { kind: 'column' as const, family: 'outcome' as const, id: 'total', zh: [], en: [] }];
}

/** The arithmetic the question asks for, over the printed numbers only. */
function computed(u: Extract<Understanding, { intent: 'value' }>, r: Report, facts: Fact[], groups: string[][], ctx: AnswerContext): string[] {
  const { w } = ctx;
  const unit = facts[0]?.unit ?? '件';
  const numbers = facts.map((f) => f.value).filter((v): v is number => typeof v === 'number');
  const all = numbers.length === facts.length;
  const lines: string[] = [];
  const sum = (fs: Fact[]) => fs.reduce((a, f) => a + (f.value as number), 0);
  // each group row (不予公开 = its eight reasons) adds up; so do 一共/合计 over several cells and 行政诉讼 (two blocks)
  const multi = groups.filter((g) => g.length > 1);
  // a group beside other cells (行政诉讼's two kinds, beside one kind's pending) adds up on its own line too
  for (const g of multi.length > 1 || (multi.length === 1 && multi[0]!.length < facts.length) ? multi : []) {
    const fs = facts.filter((f) => g.includes(f.metric));
    const label = groupLabel(g, w.lang);
    lines.push(fs.every((f) => typeof f.value === 'number') ? w.line(w.lang === 'en' ? `${label} in total` : `${label}合计`, w.num(sum(fs), unit)) : w.totalUnavailable);
  }
  const summed = u.op === 'sum' || (multi.length === 1 && multi[0]!.length === facts.length) || (u.measure.rows.includes('litigation') && facts.length === 2);
  // (法人或其他组织 asked: its five columns, added up under its own name)
  const group = u.measure.columns.find((c) => c.id === 'organisations');
  const organisations = !!group && u.measure.rows.length === 1 && u.measure.columns.every((c) => c === group || (group.columns ?? []).includes(c.id));
  if (facts.length > 1 && (summed || organisations) && addable(u.measure.rows)) lines.push(!all ? w.totalUnavailable : organisations ? w.line(w.lang === 'en' ? 'legal persons and other organisations in total' : '法人或其他组织合计', w.num(sum(facts), unit)) : w.total(sum(facts), unit));
  // (收费金额…折合多少元: the 万元 the form prints, in 元)
  const fee = facts.find((f) => f.metric === 'fees.amountWan' && typeof f.value === 'number');
  if (fee && /折合|换算|多少元|几元|合多少钱|in yuan|yuan\b/i.test(u.question)) lines.push(w.inYuan(fee.value as number, Math.round((fee.value as number) * 1_000_000) / 100));
  if (u.op === 'difference' && facts.length === 2 && all) lines.push(w.difference(facts[0]!.label, facts[1]!.label, numbers[0]! - numbers[1]!, unit));
  if (u.op === 'ratio' && facts.length === 2 && all && numbers[1]) lines.push(w.ratio(facts[0]!.label, facts[1]!.label, numbers[0]!, numbers[1]!));
  // (处罚和强制加起来…平均每个月: the cells added up, then over twelve months)
  if (u.op === 'perMonth' && all && (facts.length === 1 || addable(u.measure.rows))) lines.push(w.perMonth(facts.map((f) => f.label).join(' + '), sum(facts), unit));
  if (u.op === 'perQuarter' && facts.length === 1 && all) lines.push(w.perQuarter(facts[0]!.label, numbers[0]!, unit));
  // a column's share of its row (自然人占新收申请的比例, 纠错率 beside the row's total)
  const columnParts = facts.filter((f) => metricOf(f.metric).columnKey !== 'total');
  const rowTotalsOnly = facts.every((f) => columnParts.includes(f) || columnParts.some((p) => f.metric === `${metricOf(p.metric).rowId}.total`));
  if (u.op === 'share' && !u.share && columnParts.length === 1 && rowTotalsOnly && all) {
    const part = columnParts[0]!;
    const total = r.cells[`${metricOf(part.metric).rowId}.total`]?.value;
    if (typeof total === 'number' && total && (part.value as number) <= total) lines.push(w.shareOf(part.label, part.value as number, total));
  }
  if (u.op === 'share' && u.share) {
    // the part (one row or several added) over the whole (one row's total, or several rows added), as asked
    const of = (ids: string[]) => facts.filter((f) => ids.some((id) => f.metric === id || f.metric.startsWith(`${id}.`)));
    const part = of(u.share.part);
    const whole = u.share.whole.length === 1 ? facts.filter((f) => f.metric === `${u.share!.whole[0]}.total` || f.metric === u.share!.whole[0]) : of(u.share.whole);
    const known = (fs: Fact[]) => fs.length > 0 && fs.every((f) => typeof f.value === 'number');
    // a part larger than its whole means the two were misread: no share over 100% is ever stated
    if (known(part) && known(whole) && sum(whole) > 0 && sum(part) <= sum(whole)) {
      const label = (fs: Fact[]) => {
        const group = groups.find((g) => g.length === fs.length && fs.every((f) => g.includes(f.metric)));
        return group ? groupLabel(group, w.lang).replace(/^[（(][一二三四五六七八九十][）)]/, '') : fs.map((f) => f.label).join(' + ');
      };
      lines.push(w.partOfWhole(label(part), sum(part), label(whole), sum(whole)));
    }
  }
  for (const k of u.alsoFacts) lines.push(k === 'publishDate' ? w.publishDate(r.publishDate) : w.period(r.periodStart, r.periodEnd));
  return lines;
}

/**
 * Rows whose cells add up to something: not requests received beside requests answered (the two sides of 表三's
 * balance count the same requests twice), nor the results' total beside a result it already holds.
 */
function addable(rows: readonly string[]): boolean {
  const sides = new Set(rows.filter((r) => r.startsWith('applications.')).map((r) => (r === 'applications.newReceived' || r === 'applications.carriedOver' ? 'in' : 'out')));
  if (sides.size > 1) return false;
  return !(rows.includes('applications.resultsTotal') && rows.some((r) => r.startsWith('applications.') && r !== 'applications.resultsTotal'));
}

/** The cells cited: each one when few, else the tables they stand in. */
export function citeCells(facts: Fact[], w: AnswerContext['w']): string {
  if (!facts.length) return '';
  if (facts.length <= 3) return `${[...new Set(facts.map((f) => f.source))].join('；')}（${metricOf(facts[0]!.metric).section}）`;
  return [...new Set(facts.map((f) => w.cellSourceSection(metricOf(f.metric).table, metricOf(f.metric).section)))].join('；');
}
