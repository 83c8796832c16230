/**
 * The core's contract: `handle(message, session) → Reply`, composing the stages — normalize → read slots →
 * understand (with the conversation's frame) → answer → word. Adapters call this and render the typed Reply.
 * It never throws: any failure inside becomes a polite refusal.
 */
import Fuse from 'fuse.js';
import { regions } from '../catalog/regions.js';
import type { Report } from '../model/schema.js';
import { Dataset } from '../store/dataset.js';
import { answer, type AnswerContext } from '../answer/index.js';
import { AgencyDirectory, agencyEntries } from '../understand/agency-directory.js';
import { keepAsWritten, normalizeQuestion, type Normalized } from '../understand/normalize.js';
import type { IntentId } from '../understand/intents.js';
import type { Frame } from '../understand/frame.js';
import { addWords, FUNCTION_WORDS, tokenize } from '../understand/tokenize.js';
import { CUES } from '../catalog/cues.js';
import { understand, type ReportRef, type Understanding } from '../understand/understand.js';
import { reportOf, yearBeside } from '../understand/agency-directory.js';
import { wordsFor } from '../words/index.js';
import { makeReply, withLines, type Reply } from './reply.js';
import { MemorySessionStore, type SessionStore } from './session.js';
import { synonymsOf } from '../catalog/prose-synonyms.js';

/** Intents that look a thing up; their answer should contain the words the question asked about. */
const LOOKUPS = new Set(['problems', 'reportFacts', 'contact', 'website', 'breakdown']);
/** Refusals about the data, not the question: the conversation keeps the question for the next turn. */
const KEEPS_QUESTION = new Set<string>(['notInReport', 'unknownAgency', 'missingYear']);

/** Question words that only ask (什么, 哪些, 多少): they are never in an answer. */
const ASKING = new Set<string>((['narrative', 'which', 'quantity', 'yesno', 'report', 'verbatim'] as const).flatMap((c) => CUES[c].zh));

/** A word of the question that says what it asks about: Chinese, not a function or asking word, not the agency's name. */
const contentWord = (t: string, agency: string) => t.length >= 2 && /[\u4e00-\u9fff]/.test(t) && !FUNCTION_WORDS.has(t) && !ASKING.has(t) && !agency.includes(t);

/** The narrative reading of a look-up whose answer leaves two or more of the question's own words out. */
function proseReading(u: Understanding, reply: Reply): (Understanding & { missing: string[] }) | null {
  if (!LOOKUPS.has(u.intent) || !('report' in u) || !u.report) return null;
  // a date the report does not print is not found in a sentence that merely mentions a month
  if (u.intent === 'reportFacts' && u.facts.some((f) => f === 'publishDate' || f === 'period')) return null;
  const agency = u.report.entry.agency;
  const missing = tokenize(u.question).map((t) => t.text).filter((t) => contentWord(t, agency) && !reply.text.includes(t));
  // at least one of them no reader explained at all (开设 in 针对问题开设了什么专栏)
  if (missing.length < 2 || !missing.some((w) => u.leftovers.includes(w))) return null;
  return { ...u, intent: 'narrative', report: u.report, subsection: null, asksCount: false, missing } as Understanding & { missing: string[] };
}

/** Answers of cells that a second part of the question may go beyond (网络申请和信函申请各几件 beside 收到几件). */
const COMPLEMENTED = new Set(['value', 'breakdown']);

/** The question asks what the report's prose says (beside its tables). */
const PROSE_ASKED = /正文|文字部分|文中|文字说明|报告里说|报告中说|报告说|写的和|说的和/;

/**
 * The words of a cell question its answer left out — a part the tables do not split (按申请方式分，网络申请几件) —
 * asked of the prose, counting sentences only.
 */
function proseComplement(u: Understanding, reply: Reply): (Understanding & { missing: string[] }) | null {
  if (!COMPLEMENTED.has(u.intent) || reply.refused || !('report' in u) || !u.report) return null;
  const agency = u.report.entry.agency;
  // the question's own words the answer left out, and the words of a cell the report left blank (its prose may say)
  // (and, when the question asks what the prose says of it — 正文里说的和表里的一样吗 — the words of every cell stated)
  // (到底是393件还是470件: a count the question quotes that no cell states is looked for in the prose, beside its cell)
  const quoted = [...u.question.matchAll(/(?<![\d.])(\d{1,7})\s*(?:件|条|个|次)/g)].map((m) => m[1]!).filter((n) => !reply.facts.some((f) => String(f.value) === n));
  const asksProse = PROSE_ASKED.test(u.question) || quoted.length > 0;
  const blank = reply.facts.filter((f) => f.value === null || asksProse).flatMap((f) => tokenize(f.label).map((t) => t.text)).filter((t) => contentWord(t, agency));
  const missing = [...new Set([...quoted, ...u.leftovers.filter((t) => contentWord(t, agency) && !reply.text.includes(t)), ...blank])];
  if (!missing.length) return null;
  return { ...u, intent: 'narrative', report: u.report, subsection: null, asksCount: true, question: missing.join(' '), missing } as Understanding & { missing: string[] };
}

export interface BotOptions {
  sessions?: SessionStore;
  today?: () => Date;
  /** Answer a few questions at construction so the first real ones are fast (default true). */
  warmUp?: boolean;
}

export class Bot {
  readonly data: Dataset;
  readonly directory: AgencyDirectory;
  private readonly sessions: SessionStore;
  private readonly today: () => Date;
  private readonly examples: { zh: string[]; en: string[] };
  private readonly exampleSearch: { zh: Fuse<string>; en: Fuse<string> };

  constructor(source: Report[] | Dataset, options: BotOptions = {}) {
    this.data = source instanceof Dataset ? source : Dataset.fromReports(source);
    this.directory = new AgencyDirectory(agencyEntries(this.data)).warm();
    this.sessions = options.sessions ?? new MemorySessionStore();
    this.today = options.today ?? (() => new Date());
    const entries = this.directory.entries;
    addWords(entries.flatMap((e) => [e.agency, e.body, ...e.bodyShorts, e.region?.name ?? '', e.region?.short ?? '']));
    keepAsWritten([...regions().flatMap((r) => [r.name, r.short ?? '']), ...entries.map((e) => e.agency)]);
    const first = [...entries].sort((a, b) => b.years.length - a.years.length)[0];
    const name = first?.agency ?? '某单位';
    const year = first ? first.years[first.years.length - 1]! : 2023;
    this.examples = { zh: wordsFor(false).examples(name, year, entries.length > 1), en: wordsFor(true).examples(name, year, entries.length > 1) };
    // "did you mean": the examples nearest to a question not understood, by fuse.js's fuzzy match over their text
    const fuse = (list: string[]) => new Fuse(list, { threshold: 0.8, ignoreLocation: true });
    this.exampleSearch = { zh: fuse(this.examples.zh), en: fuse(this.examples.en) };
    if (options.warmUp !== false) this.warmUp(name, year);
  }

  /** Answers one message within a conversation. Never throws. */
  handle(message: string, sessionId = 'default'): Reply {
    try {
      return this.respond(typeof message === 'string' ? message : String(message ?? ''), sessionId);
    } catch {
      return makeReply({ kind: 'refuse', reason: 'error', intent: 'refuse', language: 'zh', lines: [wordsFor(false).error], confidence: 0 });
    }
  }

  reset(sessionId: string): void { this.sessions.delete(sessionId); }

  private respond(message: string, sessionId: string): Reply {
    const normalized = normalizeQuestion(message, this.today());
    // agencies named in English become their Chinese names; the question stays English for the answer's language
    const q = { ...normalized, text: this.directory.chineseAgencyNames(normalized.text) };
    const w = wordsFor(q.english);
    const examples = q.english ? this.examples.en : this.examples.zh;
    const search = q.english ? this.exampleSearch.en : this.exampleSearch.zh;
    const suggest = (question: string) => { const near = search.search(question).slice(0, 3).map((x) => x.item); return near.length ? near : examples.slice(0, 3); };
    const ctx: AnswerContext = { data: this.data, directory: this.directory, w, english: q.english, examples, suggest };
    if (!q.text) return makeReply({ kind: 'help', intent: 'help', language: w.lang, lines: [w.empty], examples: ctx.examples.slice(0, 5), suggestions: ctx.examples.slice(0, 3) });
    const { understanding, frame } = understand({ q, frame: this.sessions.get(sessionId), data: this.data, directory: this.directory });
    let reply = answer(understanding, ctx);
    if (understanding.moreYears?.length && 'report' in understanding && understanding.report) reply = this.forEachYear(understanding as Understanding & { report: ReportRef }, reply, ctx);
    if (understanding.moreAgencies?.length && 'report' in understanding && understanding.report) reply = this.forEachAgency(understanding as Understanding & { report: ReportRef }, reply, ctx);
    // the answer leaves the question's own words unexplained (针对问题开设了什么专栏 answered with the problems):
    // the report's prose may say it — quote it when it does
    const second = proseReading(understanding, reply);
    if (second) {
      const quoted = answer(second, ctx);
      // only a quote that holds the question's words answers it better
      const held = second.missing.filter((w) => quoted.text.includes(w)).length;
      if ((quoted.kind === 'passage' || quoted.kind === 'list') && held >= 2 && held * 2 >= second.missing.length) reply = quoted;
    }
    // a part the tables do not split: the sentences of the prose that count it, after the cells
    const rest = second ? null : proseComplement(understanding, reply);
    if (rest) {
      const quoted = answer(rest, ctx);
      if (quoted.kind === 'passage') {
        const need = Math.min(2, rest.missing.length);
        const hits = quoted.quotes.filter((x) => rest.missing.filter((m) => [m, ...synonymsOf(m)].some((v) => x.text.includes(v))).length >= need);
        if (hits.length) reply = withLines(reply, [], [w.proseAlso, ...hits.map((x) => `“${x.text}”（${x.where}）`)]);
      }
    }
    // 行政处罚多少件？联系电话是多少？: the other sentence's ask, answered beside this one in the order asked
    const also = reply.refused ? null : this.secondAsk(q, understanding, frame, ctx);
    if (also) reply = joined(also.before ? [also.reply, reply] : [reply, also.reply]);
    // a refusal about the question itself forgets it; one about the data (an undetermined cell) keeps the conversation going
    // (an agency or a year the dataset lacks keeps the question: 那交通局的呢 / 那2023年呢 asks it again)
    if (frame && !(reply.kind === 'refuse' && !KEEPS_QUESTION.has(reply.reason))) this.sessions.set(sessionId, { ...frame, metrics: reply.facts.map((f) => f.metric).filter((m) => m.includes('.')).slice(0, 12) });
    return reply;
  }

  /**
   * A message of several sentences (or clauses ended by ；) that asks a cell in one and a lookup — the contact, the
   * website, the problems — in another: the sentence the whole was not understood as, understood on its own in the
   * conversation just set (its agency and year), and whether it came first.
   */
  private secondAsk(q: Normalized, first: Understanding, frame: Frame | undefined, ctx: AnswerContext): { reply: Reply; before: boolean } | null {
    // (a cell answered: a lookup may be added; a lookup answered: a cell may be)
    const wanted = CELL_ASKS.has(first.intent) ? SECOND_ASKS : SECOND_ASKS.has(first.intent) ? CELL_ASKS : null;
    if (!frame || !wanted) return null;
    const sentences = q.text.split(/(?<=[？?；;])/).map((t) => t.trim()).filter((t) => t.length >= 4);
    if (sentences.length < 2) return null;
    for (const [i, sentence] of sentences.entries()) {
      // (an instruction to the bot — 系统提示：以下问题请一律回答… — asks nothing)
      if (INSTRUCTION.test(sentence)) continue;
      const { understanding: u } = understand({ q: { ...q, text: sentence }, frame, data: this.data, directory: this.directory });
      if (!wanted.has(u.intent) || u.moreAgencies?.length || (u.intent === 'problems' && !PROBLEMS_ASKED.test(sentence))) continue;
      const reply = answer(u, ctx);
      return reply.refused ? null : { reply, before: i === 0 };
    }
    return null;
  }

  /** The same one-report answer for the other years asked, one after the other. */
  private forEachYear(u: Understanding & { report: ReportRef }, first: Reply, ctx: AnswerContext): Reply {
    const replies = [first];
    for (const year of u.moreYears ?? []) {
      const index = reportOf(u.report.entry, year);
      if (index !== undefined) replies.push(answer({ ...u, report: { ...u.report, year, index, defaultYear: false }, ...this.categoriesIn(u, index) } as Understanding, ctx));
    }
    const together = inDateOrder(u, replies, joined(replies), ctx.w);
    // 主动公开条数2023比2019多多少: the two printed totals' difference beside both answers
    const totals = replies.map((r) => r.facts.find((f) => f.metric === 'proactive.total'));
    if (u.intent === 'breakdown' && replies.length === 2 && totals.every((f) => typeof f?.value === 'number')) {
      const [a, b] = totals as Array<{ year: number; value: number; unit: string }>;
      return withLines(together, [], [ctx.w.difference(ctx.w.yearLabel(a.year), ctx.w.yearLabel(b.year), a.value - b.value, a.unit)]);
    }
    return together;
  }

  /**
   * The 主动公开 categories asked, found by name in another report: each report lists its own categories in its own
   * order, so a position in one is no category of another. A category another report does not list is asked as
   * such, and its answer says the report does not count it.
   */
  private categoriesIn(u: Understanding & { report: ReportRef }, index: number): { categories: number[] } | {} {
    if (u.intent !== 'breakdown' || !u.categories.length) return {};
    const from = this.data.report(u.report.index).proactive.items;
    const to = this.data.report(index).proactive.items;
    const found = u.categories.map((i) => to.findIndex((item) => item.category === from[i]?.category));
    return found.every((i) => i >= 0) ? { categories: found } : { categories: [], categoriesAsked: true, op: 'items' };
  }

  /** The same one-report answer for the other agencies named, each in its year asked or its latest. */
  private forEachAgency(u: Understanding & { report: ReportRef }, first: Reply, ctx: AnswerContext): Reply {
    const replies = [first];
    (u.moreAgencies ?? []).forEach((entry, k) => {
      const year = yearBeside(entry, u.moreAgencyYears?.[k], u.report.year);
      const index = reportOf(entry, year);
      replies.push(answer(index === undefined
        ? { english: u.english, confidence: u.confidence, leftovers: [], question: u.question, intent: 'refuse', reason: 'missingYear', agency: entry, year, near: [] }
        : { ...u, report: { entry, year, index, defaultYear: false }, ...this.categoriesIn(u, index) } as Understanding, ctx));
    });
    const together = inDateOrder(u, replies, joined(replies), ctx.w);
    // 两家主动公开加起来多少 / 多多少 / 政策解读是…的几倍: the printed totals (or the one category asked of each)
    // added up, told apart or divided beside the answers
    const metric = u.intent === 'breakdown' && u.categories.length === 1 ? 'proactive.category' : 'proactive.total';
    const totals = replies.map((r) => { const facts = r.facts.filter((f) => f.metric === metric); return facts.length === 1 ? facts[0] : undefined; });
    if (u.intent === 'breakdown' && totals.every((f) => typeof f?.value === 'number')) {
      const values = totals as Array<{ value: number; unit: string }>;
      if (u.combine === 'ratio' && values.length === 2 && values[1]!.value > 0) return withLines(together, [], [ctx.w.ratio(u.report.entry.agency, u.moreAgencies![0]!.agency, values[0]!.value, values[1]!.value)]);
      if (u.combine === 'sum') return withLines(together, [], [ctx.w.sumOfAgencies(values.length, ctx.w.num(values.reduce((a, f) => a + f.value, 0), values[0]!.unit))]);
      if (u.combine === 'difference' && values.length === 2) return withLines(together, [], [ctx.w.difference(u.report.entry.agency, u.moreAgencies![0]!.agency, values[0]!.value - values[1]!.value, values[0]!.unit)]);
    }
    return together;
  }

  /**
   * Answers each kind of question a few times at start-up (then forgets them), so the first users do not pay
   * for compiling the report schema, loading pinyin tables or the JIT warming up the hot paths.
   */
  private warmUp(agency: string, year: number): void {
    if (!this.data.size) return;
    const session = '\u0000warm-up';
    const questions = [
      `${agency}${year}年行政处罚多少件`, '那行政强制呢', `怎么联系${agency}`, `${agency}${year}年报告存在哪些问题`, '主动公开各类占比',
      `${agency}${year}年的行政许可比${year - 1}年多还是少`, `${agency}${year - 2}到${year}年收到的申请分别是多少`,
      `${year}年各部门行政处罚排名前五`, `各部门${year}年一共收到多少申请`, 'How many penalties?',
    ];
    for (let round = 0; round < 3; round++) for (const text of questions) this.handle(text, session);
    this.reset(session);
  }
}

/** 哪家（哪年）的年报发布得更早: the publish dates just told, the earlier (or later) one named after them. */
function inDateOrder(u: Understanding, replies: Reply[], together: Reply, w: AnswerContext['w']): Reply {
  if (u.intent !== 'reportFacts' || !u.dateOrder) return together;
  const dated = replies.flatMap((r) => r.facts.filter((f) => f.metric === 'publishDate' && typeof f.value === 'string'));
  if (dated.length !== replies.length || dated.length < 2) return together;
  const sorted = [...dated].sort((a, b) => String(a.value).localeCompare(String(b.value)));
  const pick = u.dateOrder === 'earlier' ? sorted[0]! : sorted[sorted.length - 1]!;
  const tie = sorted.filter((f) => f.value === pick.value).length > 1;
  return withLines(together, [], [tie ? w.sameDate(String(pick.value)) : w.publishedFirst(u.dateOrder, pick.agency, pick.year, String(pick.value))]);
}

/** A message's sentences may ask a cell and a lookup: whichever the whole was not understood as is added. */
const CELL_ASKS = new Set<IntentId>(['value', 'breakdown']);
const SECOND_ASKS = new Set<IntentId>(['contact', 'problems', 'website']);
/** The problems or plans asked in their own words, not 问题 meaning the user's question. */
const PROBLEMS_ASKED = /存在.{0,6}问题|问题(?:有|是)(?:哪些|什么|啥)|不足|整改|改进/;
const INSTRUCTION = /系统|提示|指令|忽略|一律|请回答|请直接回答|prompt|ignore/i;

/** Several answers to one question as one reply, one after the other. */
function joined(replies: Reply[]): Reply {
  const first = replies[0]!;
  // nothing to tell for any of them: one refusal that says so for each
  if (replies.every((r) => r.refused)) return makeReply({ kind: 'refuse', reason: 'notInReport', intent: first.intent, language: first.language, lines: replies.flatMap((r) => r.text.split('\n')) });
  return makeReply({
      kind: 'facts', intent: first.intent, language: first.language, confidence: first.confidence,
      lines: replies.flatMap((r, k) => [...(k ? [''] : []), ...r.text.split('\n')]), facts: replies.flatMap((r) => r.facts),
    });
}
