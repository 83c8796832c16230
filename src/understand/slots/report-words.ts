/**
 * Slot readers that need the report in question: the 主动公开 categories it prints (政策解读类信息, 部门预决算 …)
 * and the 总体情况 sub-sections it titles (依申请公开方面, 平台建设 …). They run once the report is known and
 * explain their words like any other reader.
 */
import type { Report } from '../../model/schema.js';
import { CATEGORY_ENGLISH, PUBLISHING_CHANNELS } from '../../catalog/vocabulary.js';
import { sameSoundAt, toPinyin } from '../pinyin.js';
import type { Slots } from './index.js';

/** Parts of a category name too generic to name it alone. */
const GENERIC = new Set(['其他', '信息', '部门', '工作', '政府', '相关', '有关', '情况', '政务', '文件', '类信息', '其它']);

/** Words of a category name people use for it: 法律、法规、规章和部门文件类信息 → 法律, 法规, 规章, 部门文件. */
const wordsOfCategory = new Map<string, string[]>();

export function categoryWords(category: string): string[] {
  let words = wordsOfCategory.get(category);
  if (!words) { words = splitCategory(category); if (wordsOfCategory.size < 10_000) wordsOfCategory.set(category, words); }
  return words;
}

function splitCategory(category: string): string[] {
  const name = category.replace(/类?信息$|类$/, '');
  const parts = name.split(/[、，,和及与或]|以及|等/).map((p) => p.trim()).filter((p) => p.length >= 2 && !GENERIC.has(p));
  const words = new Set([category, name, ...parts]);
  // 公告、通知等其他信息: "其他信息" names it too
  if (/其他信息$/.test(category)) words.add('其他信息');
  for (const p of parts) if (p.length >= 4 && p.startsWith('部门')) words.add(p.slice(2));
  // the short form people make of a long name: its first word's head and its last word's tail (机构设置以及工作职责 → 机构职责)
  if (parts.length >= 2) words.add(parts[0]!.slice(0, 2) + parts[parts.length - 1]!.slice(-2));
  // a channel counted instead of a category (通过“霁川生态环境”微信公众号 → 微信公众号, 公众号, 微信)
  const channel = PUBLISHING_CHANNELS.find(([word]) => name.includes(word));
  if (channel) for (const w of [channel[0], ...channel[1]]) words.add(w);
  return [...words].filter((w) => w.length >= 2 && !GENERIC.has(w)).sort((a, b) => b.length - a.length);
}

/**
 * Indices of the report's breakdown items the question names. A category word beats a cell word it overlaps
 * (规章 inside 法律、法规、规章类) when the question is about the breakdown (主动公开, 类, 占比, 条).
 */
export function readCategories(report: Report, slots: Slots): number[] {
  const items = report.proactive.items;
  if (!items.length) return [];
  // 第二十条第（一）项 names 表二's rows, and its 条 is an article, not a count of items
  const aboutBreakdown = slots.topics.has('proactive') || slots.cues.has('category') || slots.cues.has('share')
    || (slots.itemN === undefined && /类|条|占/.test(slots.text.replace(/第[一二三四五六七八九十百\d]+条/g, '')));
  const found: Array<{ i: number; at: number }> = [];
  // an English question names categories in English: the Chinese word they stand for, placed where it was said
  const text = slots.english ? CATEGORY_ENGLISH.reduce((t, [re, zh]) => t.replace(re, (m) => zh.padEnd(m.length, ' ').slice(0, m.length)), slots.text) : slots.text;
  const pinyin = text.length <= 200 ? toPinyin(text) : null;
  items.forEach((item, i) => {
    for (const w of categoryWords(item.category)) {
      const at = findWord(text, pinyin, w);
      if (at < 0) continue;
      const end = at + w.length;
      // 政策法规科 is an office, not the 法规 category
      if (/[科室股处]/.test(text[end] ?? '')) continue;
      const free = slots.coverage.isFree(at, end);
      if (!free && !aboutBreakdown) continue;
      if (!free) { slots.rows = slots.rows.filter((h) => h.end <= at || h.start >= end); dropCuesWithin(slots, at, end); }
      slots.coverage.take(at, end);
      found.push({ i, at });
      return;
    }
  });
  // a category shortened the way people shorten names (政解 for 政策解读, 环评公示 for 环境影响评价…公示): a word no
  // reader explained whose characters stand, in order and close together, in exactly one category's name
  // (several such words in a row are one name shortened: 食品安全抽检 for 食品安全监督抽检信息)
  if (aboutBreakdown) {
    for (const span of freeWordSpans(slots)) {
      const said = text.slice(span.start, span.end);
      if (!slots.coverage.isFree(span.start, span.end)) continue;
      const fits = items.map((item, i) => (abbreviates(said, item.category, span.words > 1) ? i : -1)).filter((i) => i >= 0 && !found.some((f) => f.i === i));
      if (fits.length !== 1) continue;
      slots.coverage.take(span.start, span.end);
      found.push({ i: fits[0]!, at: span.start });
    }
  }
  // in the question's order: 政策解读是法律法规类的几倍 divides the first by the second
  return found.sort((a, b) => a.at - b.at).map((f) => f.i);
}

/** Cues whose every word stands inside a category's name (政府网站信息 holds 网站): the name explains them. */
function dropCuesWithin(slots: Slots, start: number, end: number): void {
  const inside = (h: { start: number; end: number }) => h.start >= start && h.end <= end;
  for (const cue of new Set(slots.cueHits.filter(inside).map((h) => h.cue))) {
    if (slots.cueHits.filter((h) => h.cue === cue).every(inside)) slots.cues.delete(cue);
  }
  if (slots.cues.has('platform') && !slots.cues.has('website') && slots.cueHits.some((h) => h.cue === 'website' && inside(h))) slots.cues.delete('platform');
}

/**
 * Runs of adjacent Chinese words no reader explained, longest first: each run of up to four words (at most ten
 * characters), then each single word of two to four characters.
 */
function freeWordSpans(slots: Slots): Array<{ start: number; end: number; words: number }> {
  const words = slots.tokens.filter((t) => /^[\u4e00-\u9fff]+$/.test(t.text) && !GENERIC.has(t.text) && slots.coverage.isFree(t.start, t.end));
  const spans: Array<{ start: number; end: number; words: number }> = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i; j < words.length && j - i < 4 && (j === i || words[j]!.start === words[j - 1]!.end); j++) {
      const start = words[i]!.start, end = words[j]!.end;
      const n = j - i + 1;
      if (n === 1 ? end - start >= 2 && end - start <= 4 : end - start >= 3 && end - start <= 10) spans.push({ start, end, words: n });
    }
  }
  return spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
}

/**
 * Whether `short` is `name` shortened: its characters in order, the first two within a word's reach of each other.
 * A single word said as printed is the main reading's business; several words in a row may stand in it as printed.
 */
function abbreviates(short: string, name: string, severalWords = false): boolean {
  if (name.includes(short)) return severalWords && short.length >= 4;
  let at = name.indexOf(short[0]!);
  if (at < 0) return false;
  const first = at;
  for (const c of short.slice(1)) {
    const next = name.indexOf(c, at + 1);
    // each next character within a few of the last (a word's head and its tail), never across the whole name
    if (next < 0 || next - at > 6) return false;
    at = next;
  }
  return at - first <= short.length * 5;
}

/** Where a category word stands: as written, or (three characters and more) sounding the same with one slip (政策结读). */
function findWord(text: string, pinyin: string[] | null, word: string): number {
  const at = text.indexOf(word);
  if (at >= 0 || word.length < 3 || !pinyin || pinyin.length !== text.length) return at;
  const wp = toPinyin(word);
  for (let i = 0; i + word.length <= text.length; i++) if (sameSoundAt(text, pinyin, i, word, wp) >= word.length - 1) return i;
  // a long name with one character mistyped, not misheard (部门预决箅): every other character as printed
  // (one slip leaves the first two or the last two characters as printed: look only when either is there)
  if (word.length >= 5 && (text.includes(word.slice(0, 2)) || text.includes(word.slice(-2)))) {
    for (let i = 0; i + word.length <= text.length; i++) if (differsInOne(text, i, word)) return i;
  }
  return -1;
}

function differsInOne(text: string, at: number, word: string): boolean {
  let diff = 0;
  for (let k = 0; k < word.length && diff <= 1; k++) {
    const c = text.charCodeAt(at + k);
    if (c !== word.charCodeAt(k)) diff += c >= 0x4e00 && c <= 0x9fff ? 1 : 2;
  }
  return diff === 1;
}

const STANDARD_TITLES: Record<string, string[]> = { other: ['其他需要报告的事项'], problems: ['存在的主要问题'] };

/** The 总体情况 sub-section whose title the question names (依申请公开, 监督保障), as its key. */
export function readSubsection(report: Report, slots: Slots): string | null {
  const pinyin = slots.text.length <= 200 ? toPinyin(slots.text) : null;
  for (const s of report.sections) {
    // 总体情况's sub-sections, and the prose sections (其他需要报告的事项, 存在的主要问题…) by their titles
    if (!s.key.startsWith('overview.') && !['other', 'problems', 'overview'].includes(s.key)) continue;
    // a section's standard title, however the report runs its first words into the heading
    const standard = STANDARD_TITLES[s.key]?.find((t) => s.heading.includes(t));
    const name = standard ?? s.heading.replace(/^[（(][一二三四五六七八九十][）)]|^[一二三四五六七八九十]、/, '').replace(/情况$|方面$|工作$/, '');
    if (name.length < 4) continue;
    const at = findWord(slots.text, pinyin, name);
    if (at < 0) continue;
    // a name another reader explained (主动公开, 依申请公开) means the sub-section only when its text is asked for
    if (!slots.coverage.isFree(at, at + name.length) && !slots.cues.has('verbatim')) continue;
    slots.coverage.take(at, at + name.length);
    return s.key;
  }
  return null;
}
