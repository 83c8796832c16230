/**
 * Sound-alike matching: Chinese typos are mostly homophones (处伐 → 处罚, 泽洲 → 泽州). Toneless pinyin from
 * pinyin-pro, computed once per question.
 */
import { pinyin } from 'pinyin-pro';

/** Recent conversions: one question asks for its pinyin from several readers (slots, agencies, categories). */
const recent = new Map<string, string[]>();
const RECENT_LIMIT = 256;

export function toPinyin(s: string): string[] {
  const hit = recent.get(s);
  if (hit) return hit;
  const out = pinyin(s, { toneType: 'none', type: 'array', v: true });
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(s, out);
  return out;
}

/** A question with its pinyin computed once, for testing many words against it. */
export interface Spoken { text: string; pinyin: string[] }
export const spoken = (text: string): Spoken => ({ text, pinyin: toPinyin(text) });

/** Characters spelled the same at `i` when `word` sounds like text[i…], or -1 when the sounds differ. */
export function sameSoundAt(text: string, textPinyin: readonly string[], i: number, word: string, wordPinyin: readonly string[]): number {
  let same = 0;
  for (let k = 0; k < wordPinyin.length; k++) {
    if (textPinyin[i + k] !== wordPinyin[k]) return -1;
    if (text[i + k] === word[k]) same++;
  }
  return same;
}
