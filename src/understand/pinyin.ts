/**
 * Sound-alike matching: Chinese typos are mostly homophones (处伐 → 处罚, 泽洲 → 泽州). Toneless pinyin from
 * pinyin-pro, computed once per question.
 */
import { pinyin } from 'pinyin-pro';

export const toPinyin = (s: string): string[] => pinyin(s, { toneType: 'none', type: 'array', v: true });

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
