/** Intent `problems`: the problems and the improvement measures the report lists (五、存在的主要问题及整改情况). */
import { makeReply, type Reply } from '../bot/reply.js';
import type { Report } from '../model/schema.js';
import type { Understanding } from '../understand/understand.js';
import { loadReport, reportNotes, type AnswerContext } from './context.js';

/** The sentence a report writes before its list of measures ("2024年，我局将重点在…方面下功夫"), when it has one. */
function leadIn(r: Report, first: string): string[] {
  const text = r.sections.find((s) => s.key === 'problems')?.text ?? '';
  const at = text.indexOf(first.slice(0, 6));
  if (at < 0) return [];
  const before = text.slice(0, at).split(/\n+/).map((l) => l.replace(/\s+/g, '').replace(/^[一二三四五六七八九十]是/, '')).filter(Boolean);
  const lead = before[before.length - 1];
  return lead && lead.length <= 200 && /将|计划|下一步|下阶段|今后/.test(lead) && !/一是/.test(lead) ? [`“${lead}”`] : [];
}

export function answerProblems(u: Extract<Understanding, { intent: 'problems' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  // a report published in year Y plans for Y: "2024年的整改措施" is answered from the 2023 report
  const parts = u.parts.length ? u.parts : (['problems', 'improvements'] as const);
  const source = r.sections.find((s) => s.key === 'problems')?.heading ?? '五、存在的主要问题及整改措施';
  const base = { intent: 'problems' as const, language: w.lang, notes: reportNotes(u.report, w), confidence: u.confidence, source };
  if (parts.length === 1) {
    const kind = parts[0]!;
    const items = r[kind];
    if (!items.length) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [w.listMissing(kind)] });
    if (u.position) {
      // …是第几个问题: the item the question quotes, by the characters they share (a typo still finds it)
      const found = bestItem(u.question, items);
      if (found >= 0) return makeReply({ ...base, kind: 'facts', title: w.listHead(r.agency, r.year, kind, items.length), lines: [w.itemPosition(found + 1, items[found]!)] });
    }
    // 第三条和第四条: each item asked, when the list has them all
    if (u.items && u.items.every((n) => items[n - 1])) {
      return makeReply({ ...base, kind: 'facts', title: w.listHead(r.agency, r.year, kind, items.length), lines: u.items.map((n) => `${n}. ${items[n - 1]}`) });
    }
    if (u.item !== undefined) {
      // (最后一条 / 倒数第二条 count from the end)
      const n = u.item < 0 ? items.length + 1 + u.item : u.item;
      const item = items[n - 1];
      if (!item) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [w.listHead(r.agency, r.year, kind, items.length)] });
      return makeReply({ ...base, kind: 'facts', title: w.listHead(r.agency, r.year, kind, items.length), lines: [`${n}. ${item}`] });
    }
    return makeReply({ ...base, kind: 'list', title: w.listHead(r.agency, r.year, kind, items.length), lines: kind === 'improvements' ? leadIn(r, items[0]!) : [], items });
  }
  const lines = parts.flatMap((kind) => (r[kind].length ? [w.listHead(r.agency, r.year, kind, r[kind].length), ...(kind === 'improvements' ? leadIn(r, r[kind][0]!) : []), ...r[kind].map((p, i) => `${i + 1}. ${p}`)] : [w.listMissing(kind)]));
  return makeReply({ ...base, kind: 'facts', lines });
}

/** Character pairs of a text (its Chinese characters only): what a quoted item and the list's item share. */
const pairs = (t: string) => { const c = t.replace(/[^\u4e00-\u9fff]/g, ''); const out = new Set<string>(); for (let k = 0; k + 1 < c.length; k++) out.add(c.slice(k, k + 2)); return out; };

/** The list item the question quotes: most shared character pairs, at least three, and clearly ahead of the next. */
function bestItem(question: string, items: readonly string[]): number {
  const asked = pairs(question);
  const scores = items.map((item) => [...pairs(item)].filter((p) => asked.has(p)).length);
  const best = Math.max(...scores);
  const at = scores.indexOf(best);
  return best >= 3 && scores.filter((x) => x === best).length === 1 ? at : -1;
}
