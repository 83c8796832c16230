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
  clone(): Coverage { const c = new Coverage(this.text); for (let k = 0; k < this.text.length; k++) if (this.taken[k]) c.take(k, k + 1); return c; }
}

interface Prepared<T> extends VocabularyEntry<T> { lower: string; pinyin: string[]; latin: boolean }

export class Vocabulary<T> {
  private readonly entries: Prepared<T>[];

  constructor(entries: Iterable<VocabularyEntry<T>>) {
    const list: Prepared<T>[] = [];
    for (const e of entries) {
      const lower = e.word.toLowerCase();
      const latin = /^[\x00-\x7f]+$/.test(lower);
      list.push({ ...e, lower, latin, pinyin: latin || e.exactOnly ? [] : toPinyin(e.word) });
    }
    // longest first, then specific before weak: the most specific reading of a span wins
    list.sort((a, b) => Number(a.weak ?? false) - Number(b.weak ?? false) || b.lower.length - a.lower.length);
    this.entries = list;
  }

  /** Matches in `text` (normalized, any case), taking their spans in `coverage`. */
  /** `boundaries`: offsets where the question's words end (jieba), so a one-character slip never cuts a word in two. */
  find(coverage: Coverage, pinyin: readonly string[] | null, boundaries?: ReadonlySet<number>): Hit<T>[] {
    const text = coverage.text;
    const lower = text.toLowerCase();
    const hits: Hit<T>[] = [];
    for (const e of this.entries) {
      for (let i = lower.indexOf(e.lower); i >= 0; i = lower.indexOf(e.lower, i + 1)) {
        const end = i + e.lower.length;
        // English words match whole words only ("hi" is not inside "this")
        if (e.latin && /[a-z]/.test(e.lower[0]!) && (/[a-z]/.test(lower[i - 1] ?? '') || (/[a-z]$/.test(e.lower) && /[a-z]/.test(lower[end] ?? '')))) continue;
        if (!coverage.isFree(i, end)) continue;
        coverage.take(i, end);
        hits.push({ value: e.value, said: text.slice(i, end), word: e.word, start: i, end, quality: e.weak ? 0.5 : 1 });
      }
    }
    if (pinyin && pinyin.length === text.length) hits.push(...this.findNear(coverage, pinyin, boundaries));
    return hits.sort((a, b) => a.start - b.start);
  }

  /** Sound-alikes and one-character slips on the characters nothing has explained yet. */
  private findNear(coverage: Coverage, pinyin: readonly string[], boundaries?: ReadonlySet<number>): Hit<T>[] {
    const text = coverage.text;
    const hits: Hit<T>[] = [];
    for (const e of this.entries) {
      if (e.latin || e.exactOnly || e.word.length < 2) continue;
      const n = e.word.length;
      for (let i = 0; i + n <= text.length; i++) {
        if (!coverage.isFree(i, i + n)) continue;
        const same = sameSoundAt(text, pinyin, i, e.word, e.pinyin);
        // a two-character word needs one character right; longer words may have two sound-alike slips
        const soundsRight = same >= 0 && same < n && (n === 2 ? same >= 1 : same >= n - 2);
        // one character wrong in a word of five or more, the rest exactly right (行政许何决定); four is too short:
        // 处理决定 is a column label, not 处罚决定 mistyped
        // (本年新制作 is not 本年新收 mistyped: the slip would end inside the word 制作)
        const oneOff = !soundsRight && (!boundaries || boundaries.has(i + n)) && (n >= 5 ? differsByOne(text, i, e.word) : n === 4 && text.startsWith(e.word.slice(0, 3), i) && /[\u4e00-\u9fff]/.test(text[i + 3]!));
        if (!soundsRight && !oneOff) continue;
        coverage.take(i, i + n);
        hits.push({ value: e.value, said: text.slice(i, i + n), word: e.word, start: i, end: i + n, quality: e.weak ? 0.4 : 0.8 });
      }
    }
    return hits;
  }
}

function differsByOne(text: string, at: number, word: string): boolean {
  let diff = 0;
  for (let k = 0; k < word.length; k++) {
    const c = text[at + k]!;
    if (!/[\u4e00-\u9fff]/.test(c)) return false;
    if (c !== word[k] && ++diff > 1) return false;
  }
  return diff === 1;
}
