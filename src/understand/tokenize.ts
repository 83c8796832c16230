/**
 * Stage 2: word segmentation with nodejs-jieba. The user dictionary is generated from the catalog's vocabulary
 * and the dataset's agency and place names, so they come out as whole tokens. Tokens keep their offsets in the
 * normalized text: the question reader marks the spans it explains and the every-word check reads the rest.
 */
import * as jieba from 'nodejs-jieba';
import { join } from 'node:path';
import { vocabularyWords } from '../catalog/vocabulary.js';
import { CUES } from '../catalog/cues.js';
import { projectRoot } from '../paths.js';

/**
 * jieba's dictionary cut to its 100,000 most frequent words (src/understand/jieba/dict.utf8, made with
 * `sort -k2,2 -n -r -s jieba.dict.utf8 | head -100000`): the full 349,000-word trie costs 260 MB of memory, this
 * one 90 MB, and segments questions and report prose the same for our purpose. Keyword extraction is not used,
 * so its IDF and stop-word tables are one-line stubs.
 */
const DICT = join(projectRoot(), 'src/understand/jieba');

export interface Token {
  text: string;
  start: number;
  end: number;
}

const added = new Set<string>();
let loaded = false;

/** Loads the dictionary now (≈0.75 s, fixed): at start-up, while the dataset is read on another thread. */
export function loadTokenizer(): void { load(); }

function load(): void {
  if (loaded) return;
  jieba.load({ dict: join(DICT, 'dict.utf8'), idfDict: join(DICT, 'idf.utf8'), stopWordDict: join(DICT, 'stop_words.utf8') });
  loaded = true;
  addWords([...vocabularyWords(), ...Object.values(CUES).flatMap((c) => c.zh)]);
}

/**
 * Words added but not yet given to jieba. jieba cuts a text by the dictionary words that occur in it, and by
 * nothing else (a word's weight is fixed when it is added), so a word is inserted only when a text holding it is
 * first cut: the cuts are the same as with every word inserted at once, and start-up does not pay ≈8 µs of native
 * trie building for each of the 60,000 agency names of a large dataset, most of which no question names.
 */
const waiting = new Set<string>();
/** The waiting words' lengths by their first two characters (code units): a text's positions are sifted by two number look-ups, no string made. */
const waitingLengths = new Map<number, Map<number, number[]>>();

/** Adds words (agency and place names) so jieba keeps them whole. jieba's dictionary is process-wide. */
export function addWords(words: Iterable<string>): void {
  load();
  for (const w of words) {
    if (w.length < 2 || added.has(w) || !/[\u4e00-\u9fff]/.test(w)) continue;
    added.add(w);
    waiting.add(w);
    let second = waitingLengths.get(w.charCodeAt(0));
    if (!second) waitingLengths.set(w.charCodeAt(0), (second = new Map()));
    const lengths = second.get(w.charCodeAt(1));
    if (!lengths) second.set(w.charCodeAt(1), [w.length]);
    else if (!lengths.includes(w.length)) lengths.push(w.length);
  }
}

/** Gives jieba the waiting words that occur in `text` (looked up by the lengths the words of each first two characters have). */
function insertWaitingWords(text: string): void {
  if (!waiting.size) return;
  for (let i = 0; i < text.length - 1; i++) {
    const lengths = waitingLengths.get(text.charCodeAt(i))?.get(text.charCodeAt(i + 1));
    if (!lengths) continue;
    for (const n of lengths) {
      if (i + n > text.length) continue;
      const word = text.slice(i, i + n);
      if (waiting.delete(word)) jieba.insertWord(word);
    }
  }
}

/**
 * The last few segmentations. One question segments its text several times (agency resolution, its scope, the
 * check of the answer's words) and the parts it compares once more; few enough that a question asked again later
 * is segmented again.
 */
const recentCuts = new Map<string, readonly Token[]>();
const RECENT_CUTS = 8;

/** Tokens of a normalized question (or a sentence of a report), with offsets; whitespace dropped. Shared: not to be changed. */
export function tokenize(text: string): readonly Token[] {
  const recent = recentCuts.get(text);
  if (recent) return recent;
  const out = cut(text);
  if (recentCuts.size >= RECENT_CUTS) recentCuts.delete(recentCuts.keys().next().value as string);
  recentCuts.set(text, out);
  return out;
}

function cut(text: string): Token[] {
  load();
  insertWaitingWords(text);
  const out: Token[] = [];
  let at = 0;
  for (const piece of jieba.cut(text) as string[]) {
    const start = text.indexOf(piece, at);
    if (start < 0) continue;
    at = start + piece.length;
    if (piece.trim()) out.push({ text: piece, start, end: at });
  }
  return out;
}

/** Tokens with their part of speech (jieba's tags: n noun, v verb, m numeral, r pronoun …). */
export function tagged(text: string): Array<Token & { tag: string }> {
  load();
  insertWaitingWords(text);
  const out: Array<Token & { tag: string }> = [];
  let at = 0;
  for (const { word, tag } of jieba.tag(text) as Array<{ word: string; tag: string }>) {
    const start = text.indexOf(word, at);
    if (start < 0) continue;
    at = start + word.length;
    if (word.trim()) out.push({ text: word, start, end: at, tag });
  }
  return out;
}

/** Words that carry no content of their own: particles, pronouns, polite filler. */
export const FUNCTION_WORDS = new Set(
  ('的 了 是 吗 呢 啊 吧 呀 哦 嘛 么 有 在 和 与 及 或 都 也 就 还 这 那 这个 那个 这些 那些 个 些 我 你 您 他 她 它 我们 你们 他们 ' +
    '请 请问 麻烦 帮 帮忙 帮我 一下 下 想 想问 想知道 知道 问 问问 查 查查 查一下 看看 告诉 告诉我 能 能否 可以 可否 会 要 需要 ' +
    '本 该 其 对 为 把 被 给 从 到 向 中 里 上 内 按 按照 关于 对于 据 根据 通过 由 以 之 所 者 等 其中 当中 ' +
    '年 年度 一年 今年 全年 当年 本年 本年度 月 日 号 件 条 个 次 项 份 回 场 起 宗 例 万元 元 % 啊 哈 嗯 好 好的 谢谢 ' +
    '一 共 一共 总共 多 少 大概 大约 具体 到底 究竟 一般 主要 全部 所有 整个 里面 方面 情况 有关 相关 具体 呗 哟 哇 吗? 吗？ 啦 ' +
    '您好 你好 打扰 打扰一下 事情 个事 咨询 麻烦 麻烦您 帮忙 非常 感谢 谢谢您 劳驾 请教 ' +
    '作出 做出 作了 做了 下达 实施 开出 给出 出具 办理 办了 处理了 全都 都是 全是 统统 归到 归为 归入 算作 算到 算在 列为 被归到 属于是 依法 依规 依照 查处 披露 公布 显示 列明 填报 记录 对应 核实 查询 了解 确认 报告书 年度报告 ' +
    '局 单位 部门 机关 政府 贵 贵局 本局 我局 该局 这个局 他们家 咱们 咱 官方 公布 数据 信息 政府信息 公开 政务 公开了 发布 写 写了 说 讲 提 记载 显示 统计 列 列出 ' +
    // where a cell stands in the form (同一栏里, 那一行), said beside the row that names it
    '同一 同一栏 栏里 栏中 一栏 那栏 这栏 这一栏 那一栏 行里 那行 这行 那一行 这一行 同一行 一行 ' +
    'the a an of in on at to for by is are was were be been do does did how what which who when where why ' +
    'please tell me i you they it its their this that these those and or with from about report annual government agency bureau year can could would')
    .split(' '),
);
