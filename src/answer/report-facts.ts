/** Intent `reportFacts`: what the report says of itself — dates, period, title, publisher, documents cited, sections. */
import { makeReply, type Fact, type Reply } from '../bot/reply.js';
import type { Understanding } from '../understand/understand.js';
import { loadReport, reportNotes, type AnswerContext } from './context.js';

export function answerReportFacts(u: Extract<Understanding, { intent: 'reportFacts' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const lines: string[] = [];
  const facts: Fact[] = [];
  const fact = (metric: string, label: string, value: string | number | null, source: string) => facts.push({ agency: r.agency, year: r.year, metric, label, value, unit: '', source });
  const top = r.sections.filter((s) => !s.key.includes('.'));
  for (const k of u.facts) {
    if (k === 'publishDate') { lines.push(w.publishDate(r.publishDate)); fact('publishDate', '发布日期', r.publishDate, '落款'); }
    if (k === 'period') { lines.push(w.period(r.periodStart, r.periodEnd)); fact('periodStart', '统计起始日期', r.periodStart, '前言'); fact('periodEnd', '统计截止日期', r.periodEnd, '前言'); }
    if (k === 'documents') {
      const cited = r.citations;
      if (cited.length) lines.push(w.citesHead, ...cited.map((c) => w.cites(c.short, c.full)));
      else lines.push(w.regulation(r.regulation));
    }
    if (k === 'agency') { lines.push(w.agencyLine(r.agency)); fact('agency', '编制单位', r.agency, '标题'); }
    if (k === 'title' && u.sectionN === undefined) { lines.push(w.titleLine(r.title)); fact('title', '标题', r.title, '标题'); }
    if (k === 'year') { lines.push(w.yearLine(r.year)); fact('year', '报告年度', r.year, '标题'); }
    if (k === 'sections' && u.sectionN === undefined) {
      // a section named in the question (总体情况分了哪几个方面): its sub-sections
      const named = top.find((s) => s.heading.replace(/^[一二三四五六七八九十]+、/, '').length >= 4 && u.question.includes(s.heading.replace(/^[一二三四五六七八九十]+、/, '')));
      const subs = named ? r.sections.filter((s) => s.key.startsWith(`${named.key}.`)) : [];
      if (subs.length) lines.push(w.subsectionsHead(named!.heading, subs.length), ...subs.map((s) => s.heading));
      else lines.push(w.sectionsHead(top.length), ...top.map((s) => s.heading));
    }
  }
  if (u.daysBetween && r.publishDate && r.periodEnd) {
    const days = daysFrom(r.periodEnd, r.publishDate);
    if (Number.isFinite(days)) lines.push(w.daysAfterPeriod(days, r.periodEnd, r.publishDate));
  }
  if (u.periodDays && r.periodStart && r.periodEnd) {
    const days = daysFrom(r.periodStart, r.periodEnd) + 1;
    if (Number.isFinite(days)) lines.push(w.periodDays(days, r.periodStart, r.periodEnd));
  }
  if (u.sectionN !== undefined) {
    const s = top[u.sectionN - 1];
    lines.push(s ? w.sectionN(u.sectionN, s.heading) : w.sectionMissing(u.sectionN));
    if (s) lines.push(s.text.replace(/\s+/g, ' ').slice(0, 300));
  }
  // every fact asked is missing from the report (no publish date printed): say so as a refusal
  const asked = facts.filter((f) => u.facts.includes(f.metric as never) || (u.facts.includes('period') && f.metric.startsWith('period')));
  if (asked.length && asked.every((f) => f.value === null)) return makeReply({ kind: 'refuse', reason: 'notInReport', intent: 'reportFacts', language: w.lang, title: w.reportHead(r.agency, r.year), lines, confidence: u.confidence });
  return makeReply({ kind: 'facts', intent: 'reportFacts', language: w.lang, title: w.reportHead(r.agency, r.year), lines, facts, notes: reportNotes(u.report, w), confidence: u.confidence });
}

/** Whole days from one ISO date the report prints to another (NaN when either does not parse). */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}
