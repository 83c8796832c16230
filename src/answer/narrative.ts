/**
 * Intent `narrative`: quotes the report sentences that answer a question about its prose. Passages are ranked
 * with BM25 over jieba tokens, section-aware (a word of the section's heading counts for every sentence in it);
 * a named 总体情况 sub-section is quoted whole; 一是…二是… runs are read as lists.
 */
import { makeReply, type Quote, type Reply } from '../bot/reply.js';
import type { Report } from '../model/schema.js';
import type { Understanding } from '../understand/understand.js';
import { FUNCTION_WORDS, tokenize } from '../understand/tokenize.js';
import { proseWordsOfEnglish } from '../catalog/prose-english.js';
import { synonymsOf } from '../catalog/prose-synonyms.js';
import { expandAgencyAbbreviations } from '../catalog/agencies.js';
import { contactLines } from '../understand/understand.js';
import { loadReport, reportNotes, type AnswerContext } from './context.js';

/** The table sections hold numbers, not prose to quote. */
const TABLE_SECTIONS = new Set(['proactive', 'applications', 'review']);
const K1 = 1.2;
const B = 0.75;
const MAX_QUOTE = 240;
const SHORT_PARAGRAPH = 160;
const COUNT_IN_TEXT = /(?:\d+(?:\.\d+)?|[一二三四五六七八九十两]+)\s*(?:条|件|次|个|篇|期|人|场|家|项|份|万|%|级|类|批)/;

interface Passage { text: string; where: string; terms: string[] }

const terms = (text: string) => joinSingles(tokenize(text).map((t) => t.text)).filter((t) => t.length >= 2 && !FUNCTION_WORDS.has(t) && /[\u4e00-\u9fff]/.test(t));

/** Characters jieba left one by one (办/复/率 of 办复率, a word it does not know) are read as the word they spell. */
function joinSingles(tokens: string[]): string[] {
  const out: string[] = [];
  let run = '';
  const flush = () => { if (run.length >= 2) out.push(run); run = ''; };
  for (const t of tokens) {
    if (t.length === 1 && /[\u4e00-\u9fff]/.test(t) && !/[的了是有在和与及或吗呢吧啊呀么个件条年县]/.test(t)) { run += t; continue; }
    flush();
    out.push(t);
  }
  flush();
  return out;
}

/** A report's passages, segmented once per report (the report objects are kept by the dataset's cache). */
const passageCache = new WeakMap<Report, Passage[]>();

/** The first sentence of the report's prose that `test` accepts (segmented and cached once per report). */
export function findSentence(r: Report, test: (text: string) => boolean): string | undefined {
  return passages(r).find((p) => test(p.text))?.text;
}

function passages(r: Report): Passage[] {
  let list = passageCache.get(r);
  if (!list) { list = buildPassages(r); passageCache.set(r, list); }
  return list;
}

function buildPassages(r: Report): Passage[] {
  // the contact sentences stand in the preamble, which is no section
  const out: Passage[] = contactLines(r).map((line) => ({ text: line.replace(/\s+/g, ''), where: '前言', terms: terms(line) }));
  const hasSubs = r.sections.some((s) => s.key.startsWith('overview.'));
  for (const sec of r.sections) {
    if (TABLE_SECTIONS.has(sec.key)) continue;
    let body = sec.text;
    // the overview's sub-sections are passages of their own
    if (sec.key === 'overview' && hasSubs) { const cut = body.search(/[（(]一[）)]/); if (cut > 0) body = body.slice(0, cut); }
    const heading = terms(sec.heading);
    for (const paragraph of paragraphs(body)) {
      // a short paragraph (one item of a list) is one passage
      const whole = paragraph.replace(/\s+/g, '');
      if (whole.length <= SHORT_PARAGRAPH && whole.length >= 6 && !isSignature(whole, r)) { out.push({ text: whole, where: sec.heading, terms: [...terms(whole), ...heading] }); continue; }
      const sentences = paragraph.split(/(?<=[。；;！!？?])/).map((s) => s.replace(/\s+/g, '')).filter((s) => s.length >= 2);
      // an item's title (二是规范工作流程。 / 2.组织领导。) belongs to the sentences after it
      const lead = sentences.length > 1 && sentences[0]!.length <= 16 ? sentences[0]! : '';
      const leadTerms = lead ? terms(lead) : [];
      sentences.forEach((sentence, k) => {
        if (sentence === lead && k === 0) return;
        const text = lead && k === 1 ? `${lead}${sentence}` : sentence;
        // the signature and date that close a report are not an answer
        if (text.length >= 6 && !isSignature(text, r)) out.push({ text, where: sec.heading, terms: [...terms(sentence), ...leadTerms, ...heading] });
      });
      if (lead && sentences.length === 1) out.push({ text: lead, where: sec.heading, terms: [...leadTerms, ...heading] });
    }
  }
  return out;
}

/**
 * A section's paragraphs, with a sentence a page break cut in two joined again (…工作重要 / 性的认识…): a line
 * that ends without closing punctuation runs on into the next one unless that one opens an item or a heading.
 */
function paragraphs(body: string): string[] {
  const out: string[] = [];
  for (const line of body.split(/\n+/)) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /[\u4e00-\u9fff，、]$/.test(prev.trimEnd()) && /^\s*[\u4e00-\u9fff]/.test(line) && !ITEM_START.test(line)) out[out.length - 1] = prev.trimEnd() + line.trimStart();
    else out.push(line);
  }
  return out;
}
const ITEM_START = /^\s*(?:[一二三四五六七八九十]+[、是.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])/;

const isSignature = (text: string, r: Report) => text.replace(/[\s。]/g, '') === r.agency || /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(text);

/** BM25 scores of the passages for the query terms. */
function rank(list: Passage[], query: string[]): Array<{ p: Passage; score: number }> {
  const n = list.length;
  const avg = list.reduce((a, p) => a + p.terms.length, 0) / Math.max(1, n);
  const df = new Map<string, number>();
  for (const p of list) for (const t of new Set(p.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  return list.map((p) => {
    let score = 0;
    for (const q of new Set(query)) {
      const f = p.terms.filter((t) => t === q || (q.length >= 2 && t.includes(q))).length;
      if (!f) continue;
      const idf = Math.log(1 + (n - (df.get(q) ?? 0) + 0.5) / ((df.get(q) ?? 0) + 0.5));
      score += idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * p.terms.length) / avg)));
    }
    return { p, score };
  }).filter((x) => x.score > 0).sort((a, b) => b.score - a.score);
}

/** The clauses of `text` that hold a word of the query and a count (…，全年受理网络问政182件，…), or null when none does. */
function countingClauses(text: string, query: string[]): string | null {
  const clauses = text.split(/(?<=[，,；;。])/).filter((c) => COUNT_IN_TEXT.test(c) && query.some((q) => q.length >= 2 && c.includes(q)));
  return clauses.length ? clauses.join('…').replace(/[，,；;]$/, '') : null;
}

/** Query terms with the catalog's synonyms of each (网上 → 网络申请), once each. */
const withSynonyms = (words: string[]) => [...new Set(words.flatMap((t) => [t, ...synonymsOf(t)]))];

/** The parts of a question that each ask something (…发了多少条，关注的人有多少), when there are two or more. */
function askingParts(question: string): string[] {
  const parts = question.split(/[，,、？?；;。]/).filter((p) => /多少|几|是否|有没有|\b(?:how many|how much|what)\b/i.test(p) && p.trim().length >= 4);
  return parts.length >= 2 ? parts : [];
}

/** 一是…；二是…；三是… in one sentence → its items. */
export function splitList(text: string): string[] | null {
  const parts = text.split(/(?=[一二三四五六七八九十]是)/).map((s) => s.replace(/^[一二三四五六七八九十]是/, '').replace(/[；;。]$/, '').trim()).filter(Boolean);
  return parts.length >= 3 || (parts.length === 2 && /^[一二]是/.test(text.slice(text.search(/[一二]是/)))) ? parts.slice(text.search(/一是/) > 0 ? 1 : 0) : null;
}

export function answerNarrative(u: Extract<Understanding, { intent: 'narrative' }>, ctx: AnswerContext): Reply {
  const { w } = ctx;
  const r = loadReport(ctx, u.report);
  const base = { intent: 'narrative' as const, language: w.lang, notes: reportNotes(u.report, w), confidence: Math.min(u.confidence, 0.8) };
  if (u.subsection) {
    const sub = r.sections.find((s) => s.key === u.subsection)!;
    // a section whose few words ran into its heading (六、其他需要报告的事项无其他需要报告的事项)
    const body = sub.text.replace(/\s+/g, '') || sub.heading.replace(/^[一二三四五六七八九十]、(?:其他需要报告的事项)?/, '');
    const quotes: Quote[] = [{ text: body.length > 400 ? `${body.slice(0, 400)}…` : body, where: sub.heading }];
    return makeReply({ ...base, kind: 'passage', title: w.subsectionHead(r.agency, r.year, sub.heading), quotes });
  }
  // the agency's own name is in every passage's context: it ranks nothing
  // an English question names the prose's topics in English: the catalog gives their Chinese words
  // (and the prose's own words for what the question says: 网上 finds 网络申请)
  // (nor its short name: 人社局 is 人力资源和社会保障局)
  const asked = [...terms(u.question), ...(u.english ? proseWordsOfEnglish(u.question) : [])].filter((t) => !r.agency.includes(t) && !r.agency.includes(expandAgencyAbbreviations(t)));
  const query = withSynonyms(asked);
  // a count asked: only sentences that state one (a number with its unit) can answer it
  const candidates = passages(r).filter((p) => !u.asksCount || COUNT_IN_TEXT.test(p.text));
  const ranked = rank(candidates, query);
  const best = ranked[0];
  // one matching word of a long question is not an answer
  if (!best || best.score < (asked.length > 2 ? 1.5 : 0.8)) {
    return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [w.notInReport(r.agency, r.year, null)], suggestions: ctx.suggest(u.question) });
  }
  const top = ranked.filter((x) => x.score >= best.score * 0.8).slice(0, 3);
  // 发了多少条信息，关注的人有多少: each asking part finds its own passage when the best ones miss it
  for (const part of askingParts(u.question)) {
    const found = rank(candidates, withSynonyms(terms(part).filter((t) => !r.agency.includes(t))))[0];
    if (found && found.score >= 0.8 && top.length < 3 && !top.some((x) => x.p === found.p)) top.push(found);
  }

  // a count asked of a long passage: the clauses that state a count of what was asked, not every number beside them
  // (a long passage with no clause counting what was asked — 新增就业 named beside 826条 and 31.6万人 of other
  // things — does not answer: without one, the count asked is not in the report)
  const answering = (text: string) => (u.asksCount && text.length > 40 ? countingClauses(text, query) : text);
  const counted = top.map((x) => ({ x, text: answering(x.p.text) })).filter((c): c is { x: (typeof top)[number]; text: string } => c.text !== null);
  if (!counted.length) return makeReply({ ...base, kind: 'refuse', reason: 'notInReport', lines: [w.notInReport(r.agency, r.year, null)], suggestions: ctx.suggest(u.question) });
  const quotes = counted.map(({ x, text }) => ({ text: text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text, where: x.p.where }));
  const items = splitList(top[0]!.p.text);
  if (items && top.length === 1) return makeReply({ ...base, kind: 'list', title: w.passageHead(r.agency, r.year), items, source: top[0]!.p.where });
  return makeReply({ ...base, kind: 'passage', title: w.passageHead(r.agency, r.year), quotes, lines: u.asksCount ? requestShares(u.question, quotes, query, r, w) : [] });
}

const SHARE_ASKED = /占比|比例|比重|百分|占多少|占了多少|几成|\b(?:share|percent|proportion)\b/i;

/**
 * 网上申请占比多少: a count of requests the prose states (网络申请3件) over the requests table 3 counts as received —
 * computed, with both numbers shown. Only for request counts, whose whole the table prints.
 */
function requestShares(question: string, quotes: Quote[], query: string[], r: Report, w: AnswerContext['w']): string[] {
  const whole = r.cells['applications.newReceived.total']?.value;
  if (!SHARE_ASKED.test(question) || typeof whole !== 'number' || whole <= 0) return [];
  const lines: string[] = [];
  for (const clause of quotes.flatMap((q) => q.text.split(/[，,；;。…]/))) {
    const m = /([\u4e00-\u9fff]{2,8}申请)\s*(\d+)\s*件/.exec(clause);
    // (the kind asked — 网络, 信函 — not the word 申请 every such clause has; the total received is not a part of itself)
    if (!m || !query.some((q) => q.length >= 2 && !/申请|公开/.test(q) && m[1]!.includes(q)) || /收到|新收|共|公开申请/.test(m[1]!)) continue;
    const n = Number(m[2]);
    if (n <= whole) lines.push(w.proseShare(m[1]!, n, whole));
  }
  return [...new Set(lines)].slice(0, 3);
}
