/**
 * Intent `breakdown`: the 主动公开 items by category as the report states them — one or several categories,
 * their sum and share, the categories other than some, the largest and smallest — computed from the parsed
 * breakdown, with the numbers shown. A breakdown the parser could not read is said so, never shown empty.
 */
import { makeReply, type Fact, type Reply } from '../bot/reply.js';
import type { Report } from '../model/schema.js';
import type { Understanding } from '../understand/understand.js';
import { fmtNum } from '../words/numbers.js';
import { loadReport, reportNotes, type AnswerContext } from './context.js';
import { breakdownStatus } from './report-fields.js';

type Item = Report['proactive']['items'][number];

export function answerBreakdown(u: Extract<Understanding, { intent: 'breakdown' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const { total, items } = r.proactive;
  const totalText = total ? w.num(total.value, total.unit) : null;
  const base = { intent: 'breakdown' as const, language: w.lang, notes: reportNotes(u.report, w), confidence: u.confidence };
  const facts: Fact[] = total ? [{ agency: r.agency, year: r.year, metric: 'proactive.total', label: '主动公开信息总数', value: total.value, unit: total.unit, source: total.source.section }] : [];
  const source = `${total?.source.section ?? items[0]?.source.section ?? ''}：“${(total?.source.line ?? items[0]?.source.line ?? '').slice(0, 160)}”`;
  if (!items.length) {
    const status = breakdownStatus(r);
    const lines = totalText ? [w.proactiveTotal(r.agency, r.year, totalText), status === 'notParsed' ? w.breakdownNotParsed(totalText) : w.breakdownAbsent] : [w.proactiveTotal(r.agency, r.year, null)];
    if (!total) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [w.notInReport(r.agency, r.year, w.lang === 'zh' ? '主动公开信息数量' : 'items proactively disclosed')] });
    // categories asked of a breakdown that could not be read: the total is all there is to tell
    // (…是13561条吗 / 是13000条吗: one count quoted is the total checked — yes, or no with the printed one)
    const checksTotal = u.quotedCounts.length === 1 && !u.categoriesAsked;
    if (checksTotal && u.quotedCounts[0] !== total.value) lines.unshift(w.notAsQuoted(w.num(u.quotedCounts[0]!, total.unit), totalText!));
    if (u.op !== 'all' || u.categoriesAsked || (u.quotedCounts.length && !checksTotal) || (u.wantsTable && !u.withTotal && !checksTotal)) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines, facts, source });
    return makeReply({ ...base, kind: 'facts', lines, facts, source });
  }
  const itemFact = (i: Item): Fact => ({ agency: r.agency, year: r.year, metric: 'proactive.category', label: i.category, value: i.count, unit: i.unit, source: i.source.section });
  const count = (n: number) => w.num(n, items[0]!.unit);
  const share = (n: number) => (total && total.value ? `${fmtNum(Math.round((n / total.value) * 1000) / 10)}%` : null);
  const chosen = u.categories.map((i) => items[i]!);
  const lines = [w.proactiveTotal(r.agency, r.year, totalText)];
  switch (u.op) {
    case 'items':
      // the categories asked, and the total only when it was asked too
      if (!u.withTotal) lines.length = 0;
      for (const c of chosen) {
        lines.push(w.category(c.category, count(c.count), c.percent));
        // a share asked that the report does not print: computed from the counts, and said so
        if (c.percent === null && u.shareAsked && total?.value) lines.push(w.shareComputed(c.category, c.count, total.value));
      }
      return makeReply({ ...base, kind: 'facts', title: w.reportHead(r.agency, r.year), lines, facts: chosen.map(itemFact), source: `${chosen[0]!.source.section}：“${clauseOf(chosen[0]!)}”` });
    case 'sum': {
      for (const c of chosen) lines.push(w.category(c.category, count(c.count), c.percent));
      const n = chosen.reduce((a, c) => a + c.count, 0);
      lines.push(w.categoriesSum(chosen.map((c) => c.category), count(n), share(n)));
      break;
    }
    case 'difference': {
      const [a, b] = chosen as [Item, Item];
      for (const c of chosen) lines.push(w.category(c.category, count(c.count), c.percent));
      lines.push(w.difference(a.category, b.category, a.count - b.count, a.unit));
      break;
    }
    case 'ratio': {
      const [a, b] = chosen as [Item, Item];
      for (const c of chosen) lines.push(w.category(c.category, count(c.count), c.percent));
      if (b.count) lines.push(w.ratio(a.category, b.category, a.count, b.count));
      break;
    }
    case 'perMonth':
      if (total) lines.push(w.perMonth(w.lang === 'zh' ? '主动公开政府信息' : 'Items proactively disclosed', total.value, total.unit));
      break;
    case 'except': {
      const others = items.filter((i) => !chosen.includes(i));
      for (const c of others) lines.push(w.category(c.category, count(c.count), c.percent));
      const n = others.reduce((a, c) => a + c.count, 0);
      lines.push(w.categoriesExcept(chosen.map((c) => c.category), others.length, count(n), share(n)));
      break;
    }
    // (among the categories named or just asked — 这18条里面哪一类最多 — when there are some, else all)
    case 'most': {
      const among = chosen.length >= 2 ? chosen : items;
      const top = [...among].sort((a, b) => b.count - a.count)[0]!;
      lines.push(w.categoryMost(top.category, count(top.count), top.percent));
      break;
    }
    case 'least': {
      const among = chosen.length >= 2 ? chosen : items;
      const min = Math.min(...among.map((i) => i.count));
      lines.push(w.categoryLeast(among.filter((i) => i.count === min).map((i) => i.category), count(min)));
      break;
    }
    case 'check': lines.push(...checkLines(items, total?.value ?? null, u.quotedCounts, u.quotedPercents, w)); break;
    case 'all':
      lines.push(w.categoriesCount(items.length));
      // the total asked: the categories by name; their numbers on request (占比/各类)
      if (!u.wantsTable) return makeReply({ ...base, kind: 'facts', lines: [...lines.slice(0, -1), w.categoriesNamed(items.map((i) => i.category))], facts, source });
      break;
  }
  const table = { columns: [...w.breakdownTable], rows: items.map((i) => [i.category, count(i.count), i.percent === null ? '—' : `${fmtNum(i.percent)}%`]) };
  const stated = chosen.length && u.op !== 'except' ? chosen : items;
  const all = [...facts, ...stated.map(itemFact)];
  // named categories are answered in lines; the whole breakdown comes as a table
  if (u.op === 'sum' || u.op === 'difference' || u.op === 'ratio' || u.op === 'perMonth' || u.op === 'except') return makeReply({ ...base, kind: 'facts', lines, facts: all, source });
  return makeReply({ ...base, kind: 'table', table, lines, facts: all, source });
}

/** The clause of the source line that states a category (政策解读类信息22条，占55%), not the whole paragraph. */
function clauseOf(item: Item): string {
  const line = item.source.line ?? '';
  const at = line.indexOf(item.category);
  if (at < 0) return line.slice(0, 160);
  // (categories listed with commas — 政策文件类218条，政策解读类96条 — are clauses too; 占55% after a comma is this one's)
  const start = Math.max(...['；', '。', '：', '，', '、'].map((c) => line.lastIndexOf(c, at))) + 1;
  const next = /[，、](?!\s*(?:占|约|比|同比|较))/.exec(line.slice(at));
  const ends = [line.indexOf('；', at), line.indexOf('。', at), next ? at + next.index : -1].filter((k) => k >= 0);
  return line.slice(start, ends.length ? Math.min(...ends) : undefined).slice(0, 160);
}

/** Counts against the total, printed shares against computed ones, and the asker's own figures. */
export function checkLines(items: Item[], total: number | null, quotedCounts: number[], quotedPercents: number[], w: AnswerContext['w']): string[] {
  const lines: string[] = [];
  const sum = items.reduce((a, i) => a + i.count, 0);
  lines.push(w.countsSum(items.map((i) => i.count), sum, total));
  if (total) {
    for (const i of items) lines.push(w.percentCheck(i.category, w.shareOfTotal(i.count, total), i.percent, i.percent === null || Math.abs((i.count / total) * 100 - i.percent) < 0.6));
    const printed = items.map((i) => i.percent).filter((p): p is number => p !== null);
    if (printed.length === items.length) {
      const pctSum = Math.round(printed.reduce((a, b) => a + b, 0) * 10) / 10;
      lines.push(w.percentsSum(pctSum, Math.abs(pctSum - 100) < 0.6));
    }
    quotedCounts.forEach((c, k) => {
      const p = quotedPercents[k];
      if (p !== undefined) lines.push(w.quotedCheck(c, p, w.shareOfTotal(c, total), Math.abs((c / total) * 100 - p) < 0.6));
    });
  }
  return lines;
}
