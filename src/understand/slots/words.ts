/**
 * The one vocabulary the question reader matches: the catalog's concepts (cells, topics), cue words and the
 * attributes the form never holds, each word tagged with what it means.
 */
import { CONCEPTS, type Concept } from '../../catalog/vocabulary.js';
import { CUES, type CueId } from '../../catalog/cues.js';
import { UNHELD, type UnheldAttribute } from '../../catalog/unheld.js';
import { Vocabulary, type VocabularyEntry } from '../match.js';

export type WordValue =
  | { kind: 'concept'; concept: Concept }
  | { kind: 'cue'; cue: CueId }
  | { kind: 'unheld'; attribute: UnheldAttribute };

/** Cues that name a thing (the phone, the problems), whose typos are as likely as a metric's. */
const SOUND_ALIKE_CUES = new Set<CueId>(['phone', 'address', 'email', 'website', 'websiteAddress', 'download', 'problems', 'improvements', 'contact', 'publishDate', 'period', 'documents', 'department']);

/** Two-character cue words matched by sound as well (the nouns people mistype); any other two are matched as written. */
const TWO_CHARACTER_SOUND_ALIKES = new Set(['电话', '地址', '邮箱', '网站', '官网', '网址', '问题', '不足', '整改', '措施', '日期', '联系']);

function* entries(): Generator<VocabularyEntry<WordValue>> {
  for (const concept of CONCEPTS) {
    // spoken verb forms (罚了, 发了证) are matched as written: 发了 sounds like 罚了
    for (const word of concept.zh) yield { word, value: { kind: 'concept', concept }, ...(/[了过的]/.test(word) ? { exactOnly: true } : {}) };
    for (const word of concept.weak ?? []) yield { word, value: { kind: 'concept', concept }, weak: true };
    for (const word of concept.en) yield { word, value: { kind: 'concept', concept } };
  }
  for (const [cue, words] of Object.entries(CUES) as Array<[CueId, { zh: readonly string[]; en: readonly string[] }]>) {
    // cue words are short and common: a sound-alike of 比较 is not a comparison — but of 电话 or 问题 it is
    const soundAlike = SOUND_ALIKE_CUES.has(cue);
    // (a two-character word sounds like too much — 条里 like 条例 — unless it is a noun people mistype: 电哈 for 电话)
    for (const word of [...words.zh, ...words.en]) yield { word, value: { kind: 'cue', cue }, exactOnly: !soundAlike || word.length < 2 || (word.length === 2 && !/[\x00-\x7f]/.test(word) && !TWO_CHARACTER_SOUND_ALIKES.has(word)) };
  }
  for (const attribute of UNHELD) for (const word of [...attribute.zh, ...attribute.en]) yield { word, value: { kind: 'unheld', attribute }, exactOnly: word.length < 3 };
}

export const QUESTION_WORDS = new Vocabulary<WordValue>(entries());
