/**
 * Finds a vocabulary's words in a question: exact matches first (longest first, never overlapping), then
 * sound-alikes on what is still free (处伐 → 处罚, 形政处罚 → 行政处罚), then one wrong character in a long word
 * (行政许何 → 行政许可). Spans already taken (an agency name) are never matched again.
 */
import { sameSoundAt, toPinyin } from './pinyin.js';

export interface VocabularyEntry<T> {
  word: string;
  value: T;
  /** Generic words count only after every specific word had its chance (申请 alone). */
  weak?: boolean;
  /** Exact matches only (English, short cue words that would sound like anything). */
  exactOnly?: boolean;
}

export interface Hit<T> {
  value: T;
  /** The word as the question wrote it. */
  said: string;
  /** The vocabulary word it matched. */
  word: string;
  start: number;
  end: number;
  /** 1 exact, 0.8 sound-alike or one character off, 0.5 a weak word. */
  quality: number;
}

/** Character positions already explained by some reader of the question. */
export class Coverage {
  private readonly taken: boolean[];
  constructor(readonly text: string) { this.taken = new Array<boolean>(text.length).fill(false); }
  isFree(start: number, end: number): boolean { for (let k = start; k < end; k++) if (this.taken[k]) return false; return true; }
  take(start: number, end: number): void { for (let k = start; k < end; k++) this.taken[k] = true; }
  covers(start: number, end: number): boolean { for (let k = start; k < end; k++) if (!this.taken[k]) return false; return true; }
}

interface Prepared<T> extends VocabularyEntry<T> { lower: string; pinyin: string[]; latin: boolean; order: number; head: string }

export class Vocabulary<T> {
  /** Entries by their first character (exact pass) and by their first syllable (sound-alike pass). */
  private readonly byFirstChar = new Map<string, Prepared<T>[]>();
  private readonly bySound = new Map<string, Prepared<T>[]>();
  /** Four-character words by their first character (a slip in the last one). */
  private readonly fourByFirst = new Map<string, Prepared<T>[]>();
  /** Words of five or more by their first and by their second character (one slip can be in either, not both). */
  private readonly longByFirst = new Map<string, Prepared<T>[]>();
  private readonly longBySecond = new Map<string, Prepared<T>[]>();

  constructor(entries: Iterable<VocabularyEntry<T>>) {
    const list: Prepared<T>[] = [];
    for (const e of entries) {
      const lower = e.word.toLowerCase();
      const latin = /^[\x00-\x7f]+$/.test(lower);
      list.push({ ...e, lower, latin, pinyin: latin || e.exactOnly ? [] : toPinyin(e.word), order: 0, head: e.word.slice(0, 3) });
    }
    // longest first, then specific before weak: the most specific reading of a span wins
    list.sort((a, b) => Number(a.weak ?? false) - Number(b.weak ?? false) || b.lower.length - a.lower.length);
    list.forEach((e, k) => { e.order = k; });
    const add = (map: Map<string, Prepared<T>[]>, key: string, e: Prepared<T>) => { const l = map.get(key); if (l) l.push(e); else map.set(key, [e]); };
    for (const e of list) {
      add(this.byFirstChar, e.lower[0]!, e);
      if (e.latin || e.exactOnly || e.word.length < 2) continue;
      add(this.bySound, e.pinyin[0]!, e);
      if (e.word.length === 4) add(this.fourByFirst, e.word[0]!, e);
      if (e.word.length >= 5) { add(this.longByFirst, e.word[0]!, e); add(this.longBySecond, e.word[1]!, e); }
    }
  }

  /** `boundaries`: offsets where the question's words end (jieba), so a one-character slip never cuts a word in two. */
  find(coverage: Coverage, pinyin: readonly string[] | null, boundaries?: ReadonlySet<number>): Hit<T>[] {
    const text = coverage.text;
    const lower = text.toLowerCase();
    // every exact occurrence, then taken in the vocabulary's order (longest first), never overlapping
    const found: Array<{ e: Prepared<T>; i: number; n: number }> = [];
    for (let i = 0; i < lower.length; i++) {
      for (const e of this.byFirstChar.get(lower[i]!) ?? []) {
        // (an English plural of a long word also names its singular: petitions → "petition, report or complaint-type")
        const n = lower.startsWith(e.lower, i) ? e.lower.length : e.latin && e.lower.length >= 8 && e.lower.endsWith('s') && lower.startsWith(e.lower.slice(0, -1), i) ? e.lower.length - 1 : 0;
        if (!n) continue;
        const end = i + n;
        // English words match whole words only ("hi" is not inside "this")
        if (e.latin && /[a-z]/.test(e.lower[0]!) && (/[a-z]/.test(lower[i - 1] ?? '') || (/[a-z]$/.test(e.lower) && /[a-z]/.test(lower[end] ?? '')))) continue;
        // a word whose first character is a classifier after a number is not there (个人 in 几个人, 两个人)
        if (!e.latin && '个件条次位名'.includes(e.lower[0]!) && /(?:几|多少|[一两二三四五六七八九十百\d])$/.test(lower.slice(Math.max(0, i - 2), i))) continue;
        found.push({ e, i, n });
      }
    }
    if (found.length > 1) found.sort((a, b) => a.e.order - b.e.order || a.i - b.i);
    const hits: Hit<T>[] = [];
    for (const { e, i, n } of found) {
      const end = i + n;
      if (!coverage.isFree(i, end)) continue;
      coverage.take(i, end);
      hits.push({ value: e.value, said: text.slice(i, end), word: e.word, start: i, end, quality: e.weak ? 0.5 : 1 });
    }
    if (pinyin && pinyin.length === text.length) hits.push(...this.findNear(coverage, pinyin, boundaries));
    return hits.length > 1 ? hits.sort((a, b) => a.start - b.start) : hits;
  }

  /** Sound-alikes and one-character slips on the characters nothing has explained yet. */
  private findNear(coverage: Coverage, pinyin: readonly string[], boundaries?: ReadonlySet<number>): Hit<T>[] {
    const text = coverage.text;
    const found: Array<{ e: Prepared<T>; i: number }> = [];
    for (let i = 0; i < text.length; i++) {
      if (!coverage.isFree(i, i + 1)) continue;
      for (const e of this.bySound.get(pinyin[i]!) ?? []) {
        const n = e.word.length;
        if (i + n > text.length) continue;
        const same = sameSoundAt(text, pinyin, i, e.word, e.pinyin);
        // a two-character word needs one character right; longer words may have two sound-alike slips
        if (same >= 0 && same < n && (n === 2 ? same >= 1 : same >= n - 2)) found.push({ e, i });
      }
      // one character wrong, the rest exactly right: in the last of four (行政许何, not 处理决定 for 处罚决定), or
      // anywhere in five or more; never a slip that would end inside a word (本年新制作 is not 本年新收)
      for (const e of this.fourByFirst.get(text[i]!) ?? []) {
        if (i + 4 <= text.length && text.startsWith(e.head, i) && text[i + 3] !== e.word[3] && CJK.test(text[i + 3]!) && atBoundary(boundaries, i + 4)) found.push({ e, i });
      }
      for (const list of [this.longByFirst.get(text[i]!), this.longBySecond.get(text[i + 1] ?? '')]) {
        for (const e of list ?? []) if (i + e.word.length <= text.length && atBoundary(boundaries, i + e.word.length) && differsByOne(text, i, e.word)) found.push({ e, i });
      }
    }
    if (found.length > 1) found.sort((a, b) => a.e.order - b.e.order || a.i - b.i);
    const hits: Hit<T>[] = [];
    for (const { e, i } of found) {
      const n = e.word.length;
      if (!coverage.isFree(i, i + n)) continue;
      coverage.take(i, i + n);
      hits.push({ value: e.value, said: text.slice(i, i + n), word: e.word, start: i, end: i + n, quality: e.weak ? 0.4 : 0.8 });
    }
    return hits;
  }
}

const CJK = /[\u4e00-\u9fff]/;
const atBoundary = (boundaries: ReadonlySet<number> | undefined, end: number) => !boundaries || boundaries.has(end);

function differsByOne(text: string, at: number, word: string): boolean {
  let diff = 0;
  for (let k = 0; k < word.length; k++) {
    const c = text[at + k]!;
    if (!/[\u4e00-\u9fff]/.test(c)) return false;
    if (c !== word[k] && ++diff > 1) return false;
  }
  return diff === 1;
}
