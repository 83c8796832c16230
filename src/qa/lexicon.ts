/**
 * The question vocabulary, derived from the metric catalog: row concepts (a metric row or group),
 * column concepts (applicant type, regulation column, review outcome) and their Chinese/English aliases.
 * Matching is exact first, then by toneless pinyin, since Chinese typos are mostly homophones (处伐 → 处罚).
 */
import { pinyin } from 'pinyin-pro';
import {
  APPLICANT_COLUMNS, APPLICATION_GROUPS, APPLICATION_ROWS, DECISION_ROWS, OTHER_HANDLING_ROW, OUTCOME_COLUMNS,
  REGULATION_COLUMNS, REGULATION_ROWS, REVIEW_BLOCKS,
} from '../catalog/metrics.js';

export type ConceptKind = 'row' | 'column' | 'topic';

export interface Concept {
  kind: ConceptKind;
  /** Row: a metric row id (`penalty.decisions`, `applications.newReceived`, `review`) or group; column: a column key; topic: a named topic. */
  id: string;
  /** For columns: which table family the column belongs to. */
  family?: 'applicant' | 'regulation' | 'outcome';
  /** Metric row ids a row concept stands for (a group or "litigation" stands for several). */
  rows?: string[];
  /** Applicant column keys a column concept stands for (法人或其他组织 = five columns). */
  columns?: string[];
  zh: string[];
  en: string[];
  /** Generic words only count when nothing more specific matched. */
  weak?: string[];
}

const LITIGATION: Concept = {
  kind: 'row', id: 'litigation', rows: ['litigation.direct', 'litigation.afterReview'],
  zh: ['行政诉讼', '诉讼', '起诉', '告上法院', '打官司', '告到法院', '法院'], en: ['lawsuits', 'lawsuit', 'litigation', 'sued', 'court cases', 'court'],
};

function buildConcepts(): Concept[] {
  const c: Concept[] = [];
  for (const r of REGULATION_ROWS) c.push({ kind: 'row', id: `regulations.${r.key}`, zh: r.aliases, en: r.englishAliases });
  for (const d of DECISION_ROWS) c.push({ kind: 'row', id: d.id, zh: d.aliases, en: d.englishAliases });
  for (const r of [...APPLICATION_ROWS, OTHER_HANDLING_ROW]) {
    if (r.key === 'otherHandling') continue;
    const weak = r.key === 'newReceived' ? ['申请', '申请数', '收到'] : r.key === 'resultsTotal' ? ['答复', '办结'] : undefined;
    c.push({ kind: 'row', id: `applications.${r.key}`, zh: r.aliases.filter((a) => !weak?.includes(a)), en: r.englishAliases, ...(weak ? { weak } : {}) });
  }
  for (const g of APPLICATION_GROUPS) {
    const rows = [...APPLICATION_ROWS].filter((r) => r.key.startsWith(`${g.key}.`)).map((r) => `applications.${r.key}`);
    c.push({ kind: 'row', id: `applications.${g.key}`, rows, zh: [...g.aliases], en: [...g.englishAliases] });
  }
  for (const b of REVIEW_BLOCKS) c.push({ kind: 'row', id: b.key, zh: [...b.aliases], en: [...b.englishAliases] });
  c.push(LITIGATION);
  for (const col of APPLICANT_COLUMNS) c.push({ kind: 'column', family: 'applicant', id: col.key, columns: [col.key], zh: col.aliases, en: col.english });
  c.push({ kind: 'column', family: 'applicant', id: 'organisations', columns: ['commercial', 'research', 'socialOrg', 'legalService', 'otherOrg'], zh: ['法人或其他组织', '法人和其他组织', '法人', '单位申请'], en: ['legal persons', 'organizations', 'organisations'] });
  for (const col of REGULATION_COLUMNS) c.push({ kind: 'column', family: 'regulation', id: col.key, zh: col.aliases, en: col.english });
  for (const col of OUTCOME_COLUMNS) c.push({ kind: 'column', family: 'outcome', id: col.key, zh: col.aliases, en: col.english });
  c.push({ kind: 'topic', id: 'processingFees', zh: ['信息处理费', '信息公开处理费', '处理费', '掏钱', '要不要钱', '收不收费'], en: ['processing fee', 'processing fees'] });
  c.push({ kind: 'topic', id: 'proactive', zh: ['主动公开'], en: ['proactive', 'proactively', 'proactive disclosures'] });
  return c;
}

export const CONCEPTS: readonly Concept[] = buildConcepts();

export interface ConceptHit {
  concept: Concept;
  word: string;
  index: number;
  /** 1 exact, 0.8 homophone, 0.5 weak word. */
  quality: number;
}

interface Entry { concept: Concept; word: string; pinyin: string[]; weak: boolean; english: boolean }

export const toPinyin = (s: string): string[] => pinyin(s, { toneType: 'none', type: 'array', v: true });

let entries: Entry[] | null = null;
function allEntries(): Entry[] {
  if (entries) return entries;
  const out: Entry[] = [];
  for (const concept of CONCEPTS) {
    for (const word of concept.zh) out.push({ concept, word, pinyin: toPinyin(word), weak: false, english: false });
    for (const word of concept.weak ?? []) out.push({ concept, word, pinyin: toPinyin(word), weak: true, english: false });
    for (const word of concept.en) out.push({ concept, word: word.toLowerCase(), pinyin: [], weak: false, english: true });
  }
  out.sort((a, b) => b.word.length - a.word.length);
  entries = out;
  return out;
}

/** Finds concepts in a normalized question: longest words first, no overlaps; homophones as a fallback. */
export function findConcepts(text: string): ConceptHit[] {
  const lower = text.toLowerCase();
  const taken = new Array<boolean>(text.length).fill(false);
  const hits: ConceptHit[] = [];
  const free = (i: number, n: number) => { for (let k = i; k < i + n; k++) if (taken[k]) return false; return true; };
  const take = (i: number, n: number) => { for (let k = i; k < i + n; k++) taken[k] = true; };
  const all = allEntries();
  for (const e of all) {
    let from = 0;
    for (;;) {
      const i = lower.indexOf(e.word, from);
      if (i < 0) break;
      from = i + 1;
      if (e.english && (/[a-z]/.test(lower[i - 1] ?? '') || /[a-z]/.test(lower[i + e.word.length] ?? ''))) continue;
      if (!free(i, e.word.length)) continue;
      take(i, e.word.length);
      hits.push({ concept: e.concept, word: e.word, index: i, quality: e.weak ? 0.5 : 1 });
    }
  }
  // homophones on the characters nothing matched yet
  const py = toPinyin(text);
  if (py.length === text.length) {
    for (const e of all) {
      if (e.english || e.weak || e.word.length < 2) continue;
      for (let i = 0; i + e.word.length <= text.length; i++) {
        if (!free(i, e.word.length)) continue;
        const same = sameSoundAt(text, py, i, e.word, e.pinyin);
        // a two-character word needs one character right; longer words need all sounds right
        if (same < 0 || same === e.word.length || (e.word.length === 2 && same === 0) || (e.word.length > 2 && same < e.word.length - 2)) continue;
        take(i, e.word.length);
        hits.push({ concept: e.concept, word: text.slice(i, i + e.word.length), index: i, quality: 0.8 });
      }
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** Characters spelled the same at `i` when `word` sounds like text[i…], or -1 when the sounds differ. */
function sameSoundAt(text: string, textPinyin: string[], i: number, word: string, wordPinyin: string[]): number {
  let same = 0;
  for (let k = 0; k < wordPinyin.length; k++) {
    if (textPinyin[i + k] !== wordPinyin[k]) return -1;
    if (text[i + k] === word[k]) same++;
  }
  return same;
}

/** A question with its pinyin computed once, for testing many report-specific words against it. */
export interface Spoken { text: string; pinyin: string[] }
export const spoken = (text: string): Spoken => ({ text, pinyin: toPinyin(text) });

const wordPinyin = new Map<string, string[]>();

/** Homophone-tolerant test of whether `word` occurs in the question (for report-specific words: agency parts). */
export function soundsLikeIn(q: Spoken, word: string): boolean {
  if (q.text.includes(word)) return true;
  if (word.length < 2 || q.pinyin.length !== q.text.length) return false;
  let wp = wordPinyin.get(word);
  if (!wp) { wp = toPinyin(word); wordPinyin.set(word, wp); }
  for (let i = 0; i + wp.length <= q.pinyin.length; i++) if (sameSoundAt(q.text, q.pinyin, i, word, wp) >= 1) return true;
  return false;
}
