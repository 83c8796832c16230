/** Word segmentation with nodejs-jieba and a user dictionary from the metric catalog and agency names. */
import * as jieba from 'nodejs-jieba';
import { join } from 'node:path';
import { catalogWords } from '../catalog/metrics.js';
import { projectRoot } from '../paths.js';

/**
 * jieba's dictionary cut to its 100,000 most frequent words (src/qa/jieba/dict.utf8, made with
 * `sort -k2,2 -n -r -s jieba.dict.utf8 | head -100000`): the full 349,000-word trie costs 260 MB of memory, this
 * one 90 MB, and segments report prose the same for our purpose (picking content words). Keyword extraction is
 * not used, so its IDF and stop-word tables are one-line stubs.
 */
const DICT = join(projectRoot(), 'src/qa/jieba');

const added = new Set<string>();
let loaded = false;

/** Adds words (catalog aliases, agency names) so jieba keeps them whole. */
export function addWords(words: Iterable<string>): void {
  if (!loaded) {
    jieba.load({ dict: join(DICT, 'dict.utf8'), idfDict: join(DICT, 'idf.utf8'), stopWordDict: join(DICT, 'stop_words.utf8') });
    loaded = true;
    addWords(catalogWords());
  }
  for (const w of words) {
    if (w.length < 2 || added.has(w)) continue;
    added.add(w);
    jieba.insertWord(w);
  }
}

const STOP = new Set('的 了 是 吗 呢 啊 吧 呀 有 在 和 与 及 或 都 也 就 还 这 那 个 些 几 多少 什么 啥 怎么 如何 哪 哪些 哪个 请问 一下 报告 年报 我 你 他 们 局 本 该 其 对 为 把 被 给 从 到 向 中 里 上 下'.split(' '));

/** Content words of a text (numbers and years should already be pulled out). */
export function contentWords(text: string): string[] {
  if (!loaded) addWords([]);
  return jieba.cut(text.replace(/\d+/g, ' ')).map((w: string) => w.trim()).filter((w: string) => w.length >= 2 && !STOP.has(w) && /[\u4e00-\u9fffA-Za-z]/.test(w));
}
