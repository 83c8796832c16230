/**
 * The question-answering core: `handle(message, session) → Reply`. Understanding (normalize → concepts,
 * agency, year, cue words → intent) and answering (from the dataset only) live here; adapters only render.
 */
import Fuse from 'fuse.js';
import { metric as metricOf, citation } from '../catalog/metrics.js';
import type { Report } from '../model/schema.js';
import { findConcepts, type ConceptHit } from './lexicon.js';
import { keepAsWritten, normalizeQuestion, type Normalized } from './normalize.js';
import { regions } from '../catalog/regions.js';
import { renderTable, type Fact, type Reply, type Table } from './reply.js';
import { AgencyDirectory, agencyEntries, reportOf, resolveAgency, type AgencyEntry } from './resolve.js';
import { MemorySessionStore, type ConversationContext, type SessionStore } from './session.js';
import { addWords, contentWords } from './tokenize.js';
import { Dataset } from '../store/dataset.js';
import { cellsFor } from './cells.js';
import { CrossReports, type CrossInput } from './cross.js';
import { fmtNum, valueText } from './format.js';

const CUE = {
  help: /^(?:\/?help|\/start|帮助|使用说明|怎么用|菜单|\?|？)$|你是谁|你能做什么|能干什么|做什么用|干什么用|是做什么的|有什么用|what can you do|who are you|^(?:hi|hello|你好|您好)[!！。.]?$/i,
  thanks: /^(?:谢谢|多谢|thanks|thank you|好的|ok|嗯)[!！。.]*$/i,
  audit: /一致|勾稽|对得上|对不上|矛盾|是否等于|等于总计|四项之和|之和是否|核对|数据.{0,6}(?:问题|错误|有误)|有没有错|算错|\bconsistent|add up|really\b|错误/i,
  source: /哪一部分|哪部分|哪个部分|哪张表|哪个表|出处|来源|哪一节|出现在|which (?:section|table|part)|where in the report|source/i,
  sectionN: /第\s*([1-6一二三四五六])\s*部分|第\s*([1-6一二三四五六])\s*节/,
  sections: /哪几部分|几个部分|哪些部分|结构|目录|sections\b/i,
  publishDate: /落款|发布日期|发布时间|哪天发布|什么时候发布|何时发布|成文日期|印发日期|日期是|published on|publication date|when was .*published/i,
  period: /统计期|统计期限|统计时限|统计周期|截止日期|截至|截止|期限|时间范围|reporting period|period/i,
  regulation: /条例.{0,6}全称|全称|依据.{0,8}条例|哪部条例|哪个条例|which regulation/i,
  agencyMeta: /编制单位|谁发布|发布单位|发布机关|谁编制|落款单位|哪个单位发布|who published|which agency|publisher/i,
  contact: /电话|号码|区号|联系|地址|门牌|街|科室|哪个科|邮箱|邮件|办公地点|地点|在哪办公|哪个单位|phone|address|contact|e-?mail|call\b/i,
  strongContact: /电话|号码|区号|地址|门牌|邮箱|phone|address|e-?mail|contact/i,
  unknownContact: /办公时间|几点|上班时间|工作时间|开门|营业|传真|微信号|qq|office hours|opening hours/i,
  website: /网址|网站|门户|网页|链接|website|web address|\burl\b|portal|homepage/i,
  websiteQuestion: /网址|哪个网站|什么网站|网站是|网站地址|链接|website|web address|\burl\b|主要靠哪个|portal/i,
  problems: /问题|不足|短板|毛病|差距|薄弱|欠缺|problems?|shortcomings?|weakness/i,
  improvements: /整改|改进|措施|下一步|打算|improve|measures|plans?\b/i,
  proactiveCue: /占比|百分之|\d+%|哪类|各类|哪一类|几类|这几类|类信息|各几条|share\b|categor/i,
  compare: /比.{0,12}(?:多|少|高|低|增|减)|相比|变化|增长|减少|同比|compare|than\b|more or less|多出|差多少|相差/i,
  previousYear: /上一年|上年|前一年|去年|上一年度|last year|previous year/i,
  quantity: /多少|几|数量|数字|数目|how many|how much|number|count|figure|total|合计|一共|总共|共计|总数|条数|件数/i,
  sum: /一共|合计|总共|共计|加起来|之和|总和|in total|altogether|combined/i,
  lowest: /最低|最少|最小|lowest|least|smallest/i,
  highest: /最高|最多|最大|highest|most|largest/i,
  narrative: /怎么说|怎么写|原文|提到|内容|讲|说了|哪些|什么|啥|谁|如何|怎样|怎么|是否|有没有|吗|哪|what|how|who|which|does|is there/i,
  followUp: /^(?:那|那么|还有|and|what about|how about|ok|好)|呢[?？]?$/i,
  domain: /报告|年报|公开|申请|复议|诉讼|处罚|许可|强制|收费|政府|信息|report|disclos|request|applica/i,
};

/** A short question, or one that starts/ends like a follow-up (那…呢), leans on the conversation. */
const isFollowUp = (text: string) => CUE.followUp.test(text) || text.length <= 12;

export interface BotOptions {
  sessions?: SessionStore;
  today?: () => Date;
  /** Answer a few questions at construction so the first real ones are fast (default true). */
  warmUp?: boolean;
}

interface Understanding {
  q: Normalized;
  hits: ConceptHit[];
  rows: string[];
  columns: ConceptHit[];
  topics: Set<string>;
  context: ConversationContext;
}

export class Bot {
  readonly data: Dataset;
  private readonly entries: AgencyEntry[];
  private readonly directory: AgencyDirectory;
  private readonly cross: CrossReports;
  private readonly sessions: SessionStore;
  private readonly today: () => Date;
  private readonly examples: string[];
  private readonly exampleSearch: Fuse<string>;

  constructor(source: Report[] | Dataset, options: BotOptions = {}) {
    this.data = source instanceof Dataset ? source : Dataset.fromReports(source);
    this.entries = agencyEntries(this.data.summaries);
    this.directory = new AgencyDirectory(this.entries).warm();
    this.cross = new CrossReports(this.data, this.directory);
    this.sessions = options.sessions ?? new MemorySessionStore();
    this.today = options.today ?? (() => new Date());
    addWords(this.entries.flatMap((e) => [e.agency, e.body, ...e.bodyShorts, e.region?.name ?? '', e.region?.short ?? '']));
    keepAsWritten([...regions().flatMap((r) => [r.name, r.short ?? '']), ...this.entries.map((e) => e.agency)]);
    const first = this.entries[0];
    const name = first ? first.agency : '某单位';
    const year = first ? first.years[first.years.length - 1] : 2023;
    this.examples = [
      `${name}${year}年行政处罚多少件`, `${year}年行政强制决定有几件`, `收到多少政府信息公开申请`, `主动公开了多少条信息，各类占比多少`,
      `怎么联系${name}`, `行政复议和行政诉讼情况`, `报告存在哪些问题`, `整改措施有哪些`, `这份报告的数据一致吗`, `报告的发布日期是哪天`,
      `行政许可有几件`, `规范性文件本年制发了几件`, `信息处理费收了吗`, `不予公开的申请有几件`,
    ];
    // with several agencies, questions across reports are worth showing early
    if (this.entries.length > 1) this.examples.splice(2, 0, `${year}年各部门行政处罚排名前五`, `你有哪些部门的数据`);
    this.exampleSearch = new Fuse(this.examples, { includeScore: true, threshold: 0.8, ignoreLocation: true });
    if (options.warmUp !== false) this.warmUp(name, year);
  }

  /**
   * Answers each kind of question a few times at start-up (then forgets them), so the first users do not pay
   * for compiling the report schema, loading pinyin tables or the JIT warming up the hot paths (~50 ms).
   */
  private warmUp(agency: string, year: number): void {
    if (!this.data.size) return;
    const session = '\u0000warm-up';
    const questions = [
      `${agency}${year}年行政处罚多少件`, '那行政强制呢', `怎么联系${agency}`, `${agency}${year}年报告存在哪些问题`,
      `${agency}${year}年的行政许可比${year - 1}年多还是少`, `${agency}${year - 2}到${year}年收到的申请分别是多少`,
      `${year}年各部门行政处罚排名前五`, `哪些部门${year}年没有收到申请`, `各部门${year}年一共收到多少申请`, `有多少份${year}年的年报`,
    ];
    for (let round = 0; round < 5; round++) for (const q of questions) this.handle(q, session);
    this.reset(session);
  }

  /** Answers one message within a conversation. Never throws for bad input. */
  handle(message: string, sessionId = 'default'): Reply {
    try {
      return this.answer(String(message ?? ''), sessionId);
    } catch (e) {
      return this.reply({ text: '抱歉，处理这个问题时出错了，请换个说法再试。', intent: 'error', refused: true, confidence: 0 });
    }
  }

  reset(sessionId: string): void { this.sessions.delete(sessionId); }

  // ------------------------------------------------------------------ understanding
  private answer(message: string, sessionId: string): Reply {
    const normalized = normalizeQuestion(message, this.today());
    // agencies named in English become their Chinese names; the question stays English for the answer's language
    const q = { ...normalized, text: this.directory.chineseAgencyNames(normalized.text) };
    const en = q.english;
    if (!q.text) return this.help(en, '请输入一个问题。');
    if (!this.data.size) return this.reply({ text: en ? 'No reports are loaded yet. Ingest one with `disclosure-bot ingest FILE`.' : '数据集中还没有年报，请先用 disclosure-bot ingest 导入。', intent: 'refused', refused: true, confidence: 1 });
    const context = { ...(this.sessions.get(sessionId) ?? {}) };
    const text = q.text;
    if (CUE.help.test(text) || (/机器人|bot\b/i.test(text) && /做什么|干什么|what/i.test(text))) return this.help(en);
    if (CUE.thanks.test(text)) return this.reply({ text: en ? 'You are welcome. Ask me anything about the reports.' : '不客气！还有什么想了解的，随时问我。', intent: 'smalltalk', refused: false, confidence: 0.9 });

    const hits = findConcepts(text);
    const strongRows = hits.filter((h) => h.concept.kind === 'row' && h.quality > 0.5);
    const rowHits = strongRows.length ? strongRows : hits.filter((h) => h.concept.kind === 'row');
    const u: Understanding = {
      q, hits,
      rows: [...new Set(rowHits.map((h) => h.concept.id))],
      columns: hits.filter((h) => h.concept.kind === 'column'),
      topics: new Set(hits.filter((h) => h.concept.kind === 'topic').map((h) => h.concept.id)),
      context,
    };
    // 复议后起诉 is litigation: drop a bare 复议 block when the question is about the after-review lawsuits
    if (u.rows.includes('litigation.afterReview')) u.rows = u.rows.filter((r) => r !== 'review' && r !== 'litigation');

    // ---- which report
    const resolution = resolveAgency(text, this.directory);
    // across reports first: "A和B谁多" names two agencies, which a single-agency reading would call unknown
    const across = this.acrossReports(u, resolution.named ? resolution.matches : []);
    if (across) {
      const { reply, asked } = across;
      this.sessions.set(sessionId, { ...context, intent: reply.intent, rows: asked.rows, cross: { text: asked.text, years: asked.years, rows: asked.rows } });
      return reply;
    }
    if (resolution.unknown) return this.missingAgency(resolution.unknown, en, text);
    let agencies = resolution.matches.length ? resolution.matches : [];
    if (!agencies.length && context.agency) agencies = this.entries.filter((e) => e.agency === context.agency);
    if (!agencies.length) agencies = this.entries;
    // the year can settle it: only one of the candidates has a report for the year asked
    if (agencies.length > 1 && q.years.length) {
      const withYear = agencies.filter((e) => q.years.every((y) => e.years.includes(y)));
      if (withYear.length === 1) agencies = withYear;
    }
    // the conversation can settle it: 高平市交通运输局, then "公安局呢" → 高平市公安局
    if (agencies.length > 1 && context.agency) {
      const region = this.entries.find((e) => e.agency === context.agency)?.region?.name;
      const near = agencies.filter((e) => region && e.region?.name === region);
      if (near.length === 1) agencies = near;
      else agencies = [...near, ...agencies.filter((e) => !near.includes(e))];
    }
    if (agencies.length > 1) {
      const names = agencies.slice(0, 5).map((e) => e.agency);
      const more = agencies.length > 5 ? (en ? ` (${agencies.length} fit; the first 5 — add the region to narrow it down)` : `（共 ${agencies.length} 个单位符合，列出前 5 个；可加上地区名缩小范围）`) : '';
      return this.reply({ text: `${en ? 'Which agency do you mean?' : '您问的是哪个单位？'}${more}\n${names.map((n, i) => `${i + 1}. ${n}`).join('\n')}`, intent: 'clarify', refused: false, confidence: 0.5, suggestions: names.slice(0, 3).map((n) => `${n} ${message.slice(0, 60)}`) });
    }
    const entry = agencies[0]!;
    let year: number | undefined = q.years[0];
    const wantsPrevious = CUE.compare.test(text) && CUE.previousYear.test(text);
    const narrativeOnly = !u.rows.length && !u.topics.has('processingFees') && !CUE.quantity.test(text);
    if (year === undefined) year = context.agency === entry.agency && context.year ? context.year : entry.years[entry.years.length - 1];
    let yearNote = q.years.length === 0 && !(context.agency === entry.agency && context.year) && entry.years.length > 1 ? `（未指定年份，按最新的 ${year} 年年报回答）` : '';
    if (!entry.years.includes(year!)) {
      // a report published in Y describes Y-1 and plans for Y: "2024年的整改措施" is in the 2023 report
      if (narrativeOnly && entry.years.includes(year! - 1)) { yearNote = `（${year} 年的工作安排见 ${year! - 1} 年年报）`; year = year! - 1; }
      else return this.missingYear(entry, year!, en);
    }
    const report = this.data.report(reportOf(entry, year!)!);
    const reply = this.route(u, report, entry, wantsPrevious, en);
    if (yearNote && !reply.refused) reply.text = `${reply.text}\n${yearNote}`;
    this.remember(sessionId, context, report, reply, u);
    return reply;
  }

  /** A question across reports, or a follow-up to one ("那行政强制呢", "那2022年呢"). */
  private acrossReports(u: Understanding, named: AgencyEntry[]): { reply: Reply; asked: CrossInput } | null {
    const { q, context } = u;
    const asked: CrossInput = { text: q.text, years: q.years, ...(q.yearRange ? { yearRange: q.yearRange } : {}), en: q.english, rows: u.rows, columns: u.columns };
    const direct = this.cross.answer(asked, named);
    if (direct) return { reply: direct, asked };
    const previous = context.cross;
    if (!previous || !isFollowUp(q.text) || named.length || this.directory.regionHits(q.text).length) return null;
    if (!u.rows.length && !q.years.length) return null;
    const columns = u.columns.length ? u.columns : findConcepts(previous.text).filter((h) => h.concept.kind === 'column');
    const again: CrossInput = { text: previous.text, years: q.years.length ? q.years : previous.years, en: q.english, rows: u.rows.length ? u.rows : previous.rows, columns };
    const reply = this.cross.answer(again, []);
    return reply ? { reply, asked: again } : null;
  }

  private route(u: Understanding, r: Report, entry: AgencyEntry, wantsPrevious: boolean, en: boolean): Reply {
    const text = u.q.text;
    const ctx = u.context;
    const followUp = isFollowUp(text);

    if (wantsPrevious || (CUE.compare.test(text) && u.q.years.length >= 2)) {
      const rows = u.rows.length ? u.rows : ctx.rows ?? [];
      return this.compareYears(r, entry, rows, u, en);
    }
    if (CUE.audit.test(text)) return this.audit(r, u, en);
    const sectionN = CUE.sectionN.exec(text);
    const subsection = this.subsectionNamed(r, text);
    const strongRow = u.hits.some((h) => h.concept.kind === 'row' && h.quality > 0.5);
    if (subsection && CUE.narrative.test(text) && !strongRow && !CUE.problems.test(text) && !CUE.improvements.test(text)) return subsection;
    if ((sectionN || CUE.sections.test(text)) && !u.rows.length) return this.sectionsAnswer(r, sectionN ? sectionN[1] ?? sectionN[2] : undefined, en);
    if (CUE.source.test(text) && !u.rows.length && ctx.metrics?.length) return this.sourceAnswer(r, ctx.metrics, en);
    const metaKeys = [CUE.publishDate.test(text) && 'publishDate', CUE.period.test(text) && 'period', CUE.regulation.test(text) && 'regulation', CUE.agencyMeta.test(text) && 'agency'].filter(Boolean) as string[];
    if (metaKeys.length && !u.rows.length) return this.meta(r, metaKeys, en);
    if (CUE.unknownContact.test(text) && (CUE.contact.test(text) || /科|局|办公/.test(text))) return this.notInReport(r, en, en ? 'office hours' : '办公时间');
    if (CUE.websiteQuestion.test(text) && !u.rows.length) return this.contact(r, en, true);
    if (CUE.contact.test(text) && (!u.rows.length || CUE.strongContact.test(text)) && !CUE.problems.test(text)) return this.contact(r, en, false);
    const problems = CUE.problems.test(text) && !u.rows.length;
    const improvements = CUE.improvements.test(text) && !u.rows.length;
    if (improvements) return this.listAnswer(r, 'improvements', en);
    if (problems) return this.listAnswer(r, 'problems', en);
    if (u.topics.has('processingFees')) return this.processingFees(r, en);

    // metric questions: rows from the question, or from the conversation when only a column or year is new
    let rows = u.rows;
    if (!rows.length && u.columns.length && !u.topics.has('proactive')) {
      const fam = u.columns[0]!.concept.family;
      rows = fam === 'applicant' ? (ctx.rows?.some((x) => x.startsWith('applications.')) ? ctx.rows.filter((x) => x.startsWith('applications.')) : ['applications.newReceived'])
        : fam === 'regulation' ? (ctx.rows?.filter((x) => x.startsWith('regulations.')) ?? [])
        : (ctx.rows?.filter((x) => x === 'review' || x.startsWith('litigation')) ?? []);
    }
    const categories = this.proactiveCategories(r, text);
    if (rows.length && !(u.topics.has('proactive') && !u.rows.length)) return this.metricAnswer(r, rows, u, en);
    if (u.topics.has('proactive') || categories.length || CUE.proactiveCue.test(text) || (followUp && ctx.intent === 'proactive')) {
      if (r.proactive.total || r.proactive.items.length) return this.proactive(r, categories, u, en);
    }
    // "那2022年呢", or another agency ("公安局呢"): the same figures for the new year or agency
    if (followUp && ctx.intent && (u.q.years.length || (ctx.intent === 'metric' && ctx.agency !== r.agency)) && ctx.rows?.length) return this.metricAnswer(r, ctx.rows, u, en);
    if (followUp && ctx.intent === 'contact') return this.contact(r, en, false);
    if (followUp && (ctx.intent === 'problems' || ctx.intent === 'improvements')) return this.listAnswer(r, ctx.intent, en);

    const quoted = this.narrative(r, text, en);
    if (CUE.quantity.test(text) && !/有没有|是否|吗/.test(text.replace(/多少/g, ''))) return this.notInReport(r, en);
    if (quoted) return quoted;
    if (CUE.quantity.test(text)) return this.notInReport(r, en);
    return this.notUnderstood(u, r, en);
  }

  // ------------------------------------------------------------------ answers
  private cellFact(r: Report, id: string): Fact {
    const m = metricOf(id);
    const c = r.cells[id];
    return { agency: r.agency, year: r.year, metric: id, label: m.name, value: c?.value ?? null, unit: m.unit, source: citation(id) };
  }

  private metricAnswer(r: Report, rows: string[], u: Understanding, en: boolean): Reply {
    const { ids } = cellsFor(rows, u.columns, r);
    const facts = ids.map((id) => this.cellFact(r, id));
    const lines: string[] = [];
    const head = en ? `${r.agency}, ${r.year} report:` : `${r.agency} ${r.year} 年年报：`;
    const byRow = new Map<string, Fact[]>();
    for (const f of facts) { const k = metricOf(f.metric).rowId; byRow.set(k, [...(byRow.get(k) ?? []), f]); }
    let table: Table | undefined;
    const label = (f: Fact) => (en ? metricOf(f.metric).english : f.label);
    if (facts.length > 6) {
      table = { columns: en ? ['item', 'value', 'source'] : ['项目', '数值', '来源'], rows: facts.map((f) => [label(f), valueText(f.value as never, f.unit, en), metricOf(f.metric).table]) };
    } else {
      for (const f of facts) lines.push(`${label(f)}${en ? ': ' : '：'}${valueText(f.value as never, f.unit, en)}`);
    }
    // sums for groups and "一共/合计" questions; differences for "比…多/少"
    const numbers = facts.map((f) => f.value).filter((v): v is number => typeof v === 'number');
    const rowGroups = rows.filter((x) => ['applications.withheld', 'applications.unavailable', 'applications.notProcessed', 'applications.otherHandling', 'litigation'].includes(x));
    const unit = facts[0]?.unit ?? '件';
    if (facts.length > 1 && (CUE.sum.test(u.q.text) || rowGroups.length || u.columns.some((c) => c.concept.id === 'organisations'))) {
      if (numbers.length === facts.length) lines.push(en ? `Total: ${fmtNum(numbers.reduce((a, b) => a + b, 0))} ${unit}` : `合计：${fmtNum(numbers.reduce((a, b) => a + b, 0))} ${unit}`);
      else lines.push(en ? 'Total: cannot be computed (some cells are blank or not applicable)' : '合计：部分单元格空白或不适用，无法计算');
    } else if (facts.length === 2 && CUE.compare.test(u.q.text) && numbers.length === 2) {
      const [a, b] = numbers as [number, number];
      lines.push(en ? `Difference: ${label(facts[0]!)} − ${label(facts[1]!)} = ${fmtNum(a - b)} ${unit}` : `${facts[0]!.label}比${facts[1]!.label}${a >= b ? '多' : '少'} ${fmtNum(Math.abs(a - b))} ${unit}`);
    }
    const sources = [...new Set(facts.map((f) => `${metricOf(f.metric).table}（${metricOf(f.metric).section}）`))];
    const cite = facts.length <= 3 ? facts.map((f) => f.source).filter((s, i, a) => a.indexOf(s) === i).join('；') : sources.join('；');
    const body = [head, ...lines, ...(table ? [renderTable(table)] : []), `${en ? 'Source: ' : '来源：'}${cite}${facts.length <= 3 ? `（${metricOf(facts[0]!.metric).section}）` : ''}`].join('\n');
    const quality = Math.min(...u.hits.filter((h) => h.concept.kind === 'row').map((h) => h.quality), 1);
    return this.reply({ text: body, intent: 'metric', refused: false, confidence: quality >= 0.8 ? 0.9 : 0.6, facts, ...(table ? { table } : {}), language: en ? 'en' : 'zh' });
  }

  private proactiveCategories(r: Report, text: string): number[] {
    const out: number[] = [];
    r.proactive.items.forEach((item, i) => {
      const parts = item.category.split(/[、，,及和与等]+/).filter((p) => p.length >= 2);
      if (text.includes(item.category)) out.push(i);
      // a part of a category name (公告、通知) counts only in a question about counts or shares
      else if (/类|条|占比|%|主动公开|多少|几/.test(text) && parts.some((p) => text.includes(p) || (p.length >= 3 && fuzzyIncludes(text, p)))) out.push(i);
    });
    return out;
  }

  private proactive(r: Report, categories: number[], u: Understanding, en: boolean): Reply {
    const total = r.proactive.total;
    const items = r.proactive.items;
    const rows = items.map((i) => [i.category, `${fmtNum(i.count)} ${i.unit}`, i.percent === null ? '—' : `${i.percent}%`]);
    const table: Table = { columns: en ? ['category', 'count', 'share'] : ['类别', '条数', '占比'], rows };
    const lines = [en ? `${r.agency}, ${r.year}: items proactively disclosed: ${total ? `${total.value} ${total.unit}` : 'total not stated'}` : `${r.agency} ${r.year} 年主动公开政府信息${total ? ` ${total.value} ${total.unit}` : '（报告未写总数）'}。`];
    const chosen = categories.map((i) => items[i]!);
    const text = u.q.text;
    if (chosen.length) {
      for (const c of chosen) lines.push(`${c.category}：${fmtNum(c.count)} ${c.unit}${c.percent !== null ? `，占 ${c.percent}%` : ''}`);
      if (chosen.length >= 2 && CUE.sum.test(text)) lines.push(`${chosen.map((c) => c.category).join(' + ')} 合计 ${fmtNum(chosen.reduce((a, c) => a + c.count, 0))} ${chosen[0]!.unit}`);
      else if (chosen.length === 2 && CUE.compare.test(text)) lines.push(`${chosen[0]!.category}比${chosen[1]!.category}${chosen[0]!.count >= chosen[1]!.count ? '多' : '少'} ${fmtNum(Math.abs(chosen[0]!.count - chosen[1]!.count))} ${chosen[0]!.unit}`);
    } else if (items.length) {
      const sorted = [...items].sort((a, b) => b.count - a.count);
      if (CUE.lowest.test(text)) { const min = sorted[sorted.length - 1]!.count; lines.push(`占比最低：${items.filter((i) => i.count === min).map((i) => `${i.category}（${fmtNum(i.count)} ${i.unit}${i.percent !== null ? `，${i.percent}%` : ''}）`).join('、')}`); }
      else if (CUE.highest.test(text)) lines.push(`占比最高：${sorted[0]!.category}（${fmtNum(sorted[0]!.count)} ${sorted[0]!.unit}${sorted[0]!.percent !== null ? `，${sorted[0]!.percent}%` : ''}）`);
    }
    const pct = /(\d+(?:\.\d+)?)%/.exec(text);
    if (pct && !chosen.length) {
      const p = Number(pct[1]);
      const withP = items.filter((i) => i.percent === p);
      if (withP.length) lines.push(`占 ${p}% 的是：${withP.map((i) => `${i.category}（${fmtNum(i.count)} ${i.unit}）`).join('、')}`);
    }
    // an empty 类别/条数/占比 table reads as "no categories": say the breakdown was not read instead
    if (!items.length) lines.push(r.proactive.breakdown === 'notParsed' ? (en ? 'The report breaks this total down by category, but the breakdown could not be read.' : '报告按类别列出了明细，但未能读出分类数据。') : (en ? 'The report gives no breakdown by category.' : '报告未按类别列出明细。'));
    const out = [...lines, ...(items.length ? [renderTable(table)] : []), `来源：${r.proactive.total?.source.section ?? '一、总体情况'}：“${(total?.source.line ?? items[0]?.source.line ?? '').slice(0, 160)}”`].join('\n');
    const facts: Fact[] = [];
    if (total) facts.push({ agency: r.agency, year: r.year, metric: 'proactive.total', label: '主动公开信息总数', value: total.value, unit: total.unit, source: total.source.section });
    for (const i of chosen.length ? chosen : items) facts.push({ agency: r.agency, year: r.year, metric: 'proactive.total', label: i.category, value: i.count, unit: i.unit, source: i.source.section });
    return this.reply({ text: out, intent: 'proactive', refused: false, confidence: 0.85, facts, ...(items.length ? { table } : {}) });
  }

  private contact(r: Report, en: boolean, websiteFirst: boolean): Reply {
    const c = r.contact;
    const lines = [
      en ? `Contact for the ${r.year} report of ${r.agency}:` : `${r.agency} ${r.year} 年年报的联系方式：`,
      `${en ? 'Department' : '联系部门'}：${c.department?.value ?? (en ? 'not stated' : '报告未写明')}`,
      `${en ? 'Phone' : '电话'}：${c.phone?.value ?? (en ? 'not stated' : '报告未写明')}`,
      `${en ? 'Address' : '地址'}：${c.address?.value ?? (en ? 'not stated' : '报告未写明')}`,
      ...(c.email ? [`${en ? 'Email' : '邮箱'}：${c.email.value}`] : []),
      `${en ? 'Website' : '网站'}：${r.website?.value ?? (en ? 'not stated' : '报告未写明')}`,
    ];
    if (websiteFirst) lines.splice(1, 0, `${en ? 'The report is published on' : '报告发布网站'}：${r.website?.value ?? '报告未写明'}`);
    const source = c.phone?.source.line ?? c.department?.source.line ?? '';
    const facts: Fact[] = ([['contact.department', c.department], ['contact.phone', c.phone], ['contact.address', c.address], ['contact.email', c.email], ['website', r.website]] as const)
      .filter(([, v]) => v).map(([id, v]) => ({ agency: r.agency, year: r.year, metric: id, label: id, value: v!.value, unit: '', source: v!.source.line ?? v!.source.section }));
    if (!facts.length) return this.notInReport(r, en, en ? 'contact details' : '联系方式');
    return this.reply({ text: [...lines, `${en ? 'Source: ' : '来源：'}“${source.slice(0, 160)}”`].join('\n'), intent: websiteFirst ? 'website' : 'contact', refused: false, confidence: 0.9, facts });
  }

  private meta(r: Report, keys: string[], en: boolean): Reply {
    const lines: string[] = [];
    const facts: Fact[] = [];
    const cn = (iso: string | null) => (iso ? iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_m, y, m, d) => `${y}年${Number(m)}月${Number(d)}日`) : null);
    for (const k of keys) {
      if (k === 'publishDate') { lines.push(`发布（落款）日期：${cn(r.publishDate) ?? '报告未写明'}`); facts.push({ agency: r.agency, year: r.year, metric: 'publishDate', label: '发布日期', value: r.publishDate, unit: '', source: '落款' }); }
      if (k === 'period') { lines.push(`统计期限：${cn(r.periodStart) ?? '?'} 至 ${cn(r.periodEnd) ?? '?'}（截止日期 ${cn(r.periodEnd) ?? '未写明'}）`); facts.push({ agency: r.agency, year: r.year, metric: 'periodEnd', label: '统计截止日期', value: r.periodEnd, unit: '', source: '前言' }); }
      if (k === 'regulation') lines.push(`报告依据：${r.regulation ?? '报告未写明'}`);
      if (k === 'agency') { lines.push(`编制单位：${r.agency}（${r.title}）`); facts.push({ agency: r.agency, year: r.year, metric: 'agency', label: '编制单位', value: r.agency, unit: '', source: '标题' }); }
    }
    return this.reply({ text: [`${r.agency} ${r.year} 年年报：`, ...lines].join('\n'), intent: 'report_meta', refused: false, confidence: 0.85, facts, language: en ? 'en' : 'zh' });
  }

  private sectionsAnswer(r: Report, n: string | undefined, en: boolean): Reply {
    const top = r.sections.filter((s) => !s.key.includes('.'));
    if (n) {
      const idx = '一二三四五六'.indexOf(n) >= 0 ? '一二三四五六'.indexOf(n) : Number(n) - 1;
      const s = top.find((x) => x.heading.startsWith('一二三四五六'[idx]!)) ?? top[idx];
      if (!s) return this.notInReport(r, en, `第${n}部分`);
      const items = s.key === 'problems' ? [`存在的问题：${r.problems.map((p, i) => `${i + 1}. ${p}`).join(' ')}`, `整改/改进措施：${r.improvements.map((p, i) => `${i + 1}. ${p}`).join(' ')}`] : [s.text.replace(/\t+/g, ' ').slice(0, 400)];
      return this.reply({ text: [`${r.agency} ${r.year} 年年报第${'一二三四五六'[idx]}部分是“${s.heading}”。`, ...items].join('\n'), intent: 'report_meta', refused: false, confidence: 0.85 });
    }
    return this.reply({ text: [`${r.agency} ${r.year} 年年报共 ${top.length} 个部分：`, ...top.map((s) => s.heading)].join('\n'), intent: 'report_meta', refused: false, confidence: 0.85 });
  }

  private sourceAnswer(r: Report, metrics: string[], en: boolean): Reply {
    const lines = metrics.slice(0, 6).map((id) => { const m = metricOf(id); return `${m.name}：见“${m.section}”，${citation(id)}`; });
    return this.reply({ text: [`${r.agency} ${r.year} 年年报中：`, ...lines].join('\n'), intent: 'source', refused: false, confidence: 0.85, facts: metrics.slice(0, 6).map((id) => this.cellFact(r, id)), language: en ? 'en' : 'zh' });
  }

  private listAnswer(r: Report, kind: 'problems' | 'improvements', en: boolean): Reply {
    const items = r[kind];
    const name = kind === 'problems' ? '存在的主要问题' : '整改/改进措施';
    if (!items.length) return this.notInReport(r, en, name);
    const text = [`${r.agency} ${r.year} 年年报列出的${name}共 ${items.length} 条：`, ...items.map((p, i) => `${i + 1}. ${p}`), `来源：${r.sections.find((s) => s.key === 'problems')?.heading ?? '五、存在的主要问题及改进情况'}`].join('\n');
    return this.reply({ text, intent: kind, refused: false, confidence: 0.85 });
  }

  private processingFees(r: Report, en: boolean): Reply {
    const f = r.processingFees;
    if (!f) return this.notInReport(r, en, '信息处理费');
    const verdict = f.yuan === 0 ? '未收取信息处理费（0 元）' : f.yuan ? `收取信息处理费 ${fmtNum(f.yuan)} 元` : '报告提到信息处理费，但未写明金额';
    return this.reply({ text: `${r.agency} ${r.year} 年${verdict}。\n原文：“${f.text.slice(0, 200)}”\n来源：${f.source.section}`, intent: 'fees', refused: false, confidence: 0.9, facts: [{ agency: r.agency, year: r.year, metric: 'processingFees.yuan', label: '信息处理费', value: f.yuan, unit: '元', source: f.source.section }] });
  }

  private audit(r: Report, u: Understanding, en: boolean): Reply {
    const lines: string[] = [];
    const facts: Fact[] = [];
    if (u.rows.length) {
      const { ids } = cellsFor(u.rows, u.columns, r);
      for (const id of ids.slice(0, 8)) { const f = this.cellFact(r, id); facts.push(f); lines.push(`${f.label}：${valueText(f.value as never, f.unit, en)}（${f.source}）`); }
    }
    if (u.rows.includes('review') || /复议|诉讼/.test(u.q.text)) {
      for (const block of ['review', 'litigation.direct', 'litigation.afterReview']) {
        const parts = ['upheld', 'corrected', 'other', 'pending'].map((c) => r.cells[`${block}.${c}`]?.value);
        const total = r.cells[`${block}.total`]?.value;
        if (parts.every((p) => typeof p === 'number') && typeof total === 'number') {
          const sum = (parts as number[]).reduce((a, b) => a + b, 0);
          lines.push(`${metricOf(`${block}.total`).rowLabel}：${parts.join(' + ')} = ${sum}，总计 ${total}，${sum === total ? '一致' : '不一致'}`);
        }
      }
    }
    if (u.topics.has('proactive') || /占比|%|条/.test(u.q.text)) {
      const t = r.proactive.total;
      if (t) for (const i of r.proactive.items) lines.push(`${i.category} ${fmtNum(i.count)} ${i.unit}：${fmtNum(i.count)}/${t.value} = ${((i.count / t.value) * 100).toFixed(1)}%，报告写 ${i.percent ?? '—'}%`);
    }
    const errors = r.findings.filter((f) => f.severity === 'error');
    lines.push(r.findings.length ? `审核发现 ${r.findings.length} 项问题（${errors.length} 项错误）：\n${r.findings.slice(0, 8).map((f) => `- [${f.rule}] ${f.message}`).join('\n')}` : '全部勾稽关系与一致性检查通过：表三各列 一+二=三（七）+四、各行合计、表四各栏合计、主动公开分类与占比均一致，未发现矛盾。');
    return this.reply({ text: [`${r.agency} ${r.year} 年年报数据核对：`, ...lines].join('\n'), intent: 'audit', refused: false, confidence: 0.85, facts });
  }

  private compareYears(r: Report, entry: AgencyEntry, rows: string[], u: Understanding, en: boolean): Reply {
    const years = u.q.years.length >= 2 ? u.q.years : [r.year, r.year - 1];
    const missing = years.filter((y) => !entry.years.includes(y));
    if (missing.length) return this.missingYear(entry, missing[0]!, en, '无法比较');
    if (!rows.length) return this.notUnderstood(u, r, en);
    const ids = cellsFor(rows, u.columns, r).ids.slice(0, 4);
    const reports = years.map((y) => this.data.report(reportOf(entry, y)!));
    const facts = reports.flatMap((rep) => ids.map((id) => this.cellFact(rep, id)));
    const lines = ids.map((id) => {
      const vals = reports.map((rep) => rep.cells[id]?.value ?? null);
      const [a, b] = vals;
      const change = typeof a === 'number' && typeof b === 'number' ? `，变化 ${a - b >= 0 ? '+' : ''}${fmtNum(a - b)}${b ? `（${(((a - b) / b) * 100).toFixed(1)}%）` : ''}` : '';
      return `${metricOf(id).name}：${years.map((y, i) => `${y} 年 ${valueText(vals[i] as never, metricOf(id).unit, en)}`).join('，')}${change}`;
    });
    return this.reply({ text: [`${entry.agency}：`, ...lines, `来源：${ids.map((id) => citation(id)).join('；')}`].join('\n'), intent: 'compare', refused: false, confidence: 0.85, facts });
  }

  /** A question naming a 总体情况 sub-section (依申请公开, 监督保障 …) gets that sub-section quoted. */
  private subsectionNamed(r: Report, text: string): Reply | null {
    const sub = r.sections.find((s) => {
      if (!s.key.startsWith('overview.')) return false;
      const name = s.heading.replace(/^[（(][一二三四五六七八九][）)]/, '').replace(/情况$|方面$/, '');
      return name.length >= 4 && text.includes(name);
    });
    if (!sub) return null;
    const body = sub.text.replace(/\s+/g, '');
    return this.reply({ text: `${r.agency} ${r.year} 年年报“${sub.heading}”原文：\n“${body.slice(0, 400)}${body.length > 400 ? '…' : ''}”\n来源：一、总体情况 ${sub.heading}`, intent: 'narrative', refused: false, confidence: 0.85 });
  }

  /** Quotes the report sentences that best match a narrative question. */
  private narrative(r: Report, text: string, en: boolean): Reply | null {
    const words = contentWords(text);
    if (!words.length) return null;
    const sentences: Array<{ s: string; where: string }> = [];
    for (const sec of r.sections) {
      if (['proactive', 'applications', 'review'].includes(sec.key)) continue;
      if (sec.key === 'overview' && r.sections.some((x) => x.key.startsWith('overview.'))) {
        const firstSub = sec.text.search(/[（(]一[）)]/);
        for (const s of (firstSub > 0 ? sec.text.slice(0, firstSub) : sec.text).split(/(?<=[。；;！!])/)) sentences.push({ s, where: sec.heading });
        continue;
      }
      for (const s of sec.text.split(/(?<=[。；;！!])|\n/)) sentences.push({ s, where: sec.heading });
    }
    const scored = sentences.map(({ s, where }) => {
      const body = s.replace(/\s+/g, '');
      let score = 0;
      for (const w of words) if (body.includes(w) || `${where}`.includes(w)) score += w.length >= 3 ? 1.5 : 1;
      return { s: body, where, score };
    }).filter((x) => x.s.length >= 6 && x.score > 0).sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (!best || best.score < Math.min(2, words.length)) return null;
    const top = scored.filter((x) => x.score >= best.score * 0.75).slice(0, 3);
    const lines = top.map((x) => `“${x.s.slice(0, 220)}”（${x.where}）`);
    return this.reply({ text: [`${r.agency} ${r.year} 年年报原文：`, ...lines].join('\n'), intent: 'narrative', refused: false, confidence: Math.min(0.9, 0.4 + best.score / 10), language: en ? 'en' : 'zh' });
  }

  // ------------------------------------------------------------------ refusals, help
  /** What the dataset holds, for refusals: the given agencies first (the nearest to what was asked), at most 8. */
  private available(first: AgencyEntry[] = []): string {
    const shown = [...new Set([...first, ...this.entries])].slice(0, 8);
    return shown.map((e) => `${e.agency} ${e.years.join('、')} 年报`).join('；') + (this.entries.length > 8 ? ` 等 ${this.entries.length} 个单位` : '');
  }

  /** Agencies near a name the dataset lacks: same region first, then same department. */
  private nearby(name: string): AgencyEntry[] {
    const regions = this.directory.regionHits(name).flatMap((h) => this.directory.underRegion.get(h.region.name) ?? []);
    const bodies = [...this.directory.byBody.keys()].filter((b) => b.length >= 2 && name.includes(b)).flatMap((b) => this.directory.byBody.get(b) ?? []);
    return [...new Set([...regions, ...bodies])];
  }

  private missingAgency(name: string, en: boolean, question = ''): Reply {
    const near = this.nearby(name);
    // the same question about the nearest agencies the dataset has
    const suggestions = near.slice(0, 3).map((e) => (question.includes(name) ? question.replace(name, e.agency) : `${e.agency}${question}`));
    return this.reply({ text: en ? `I have no report for ${name}. Available: ${this.available(near)}.` : `数据集中没有“${name}”的年报，无法回答。现有：${this.available(near)}。`, intent: 'refused', refused: true, confidence: 0.9, suggestions });
  }

  private missingYear(e: AgencyEntry, year: number, en: boolean, why = ''): Reply {
    return this.reply({ text: en ? `There is no ${year} report for ${e.agency}. Available: ${e.years.join(', ')}.` : `没有${e.agency} ${year} 年的年报${why ? `，${why}` : ''}。现有：${e.agency} ${e.years.join('、')} 年报。`, intent: 'refused', refused: true, confidence: 0.9 });
  }

  private notInReport(r: Report, en: boolean, what?: string): Reply {
    return this.reply({ text: en ? `The ${r.year} report of ${r.agency} does not state ${what ?? 'that figure'}; I will not guess. It covers 表二 主动公开, 表三 依申请公开, 表四 复议诉讼, contact details and the narrative sections.` : `${r.agency} ${r.year} 年年报中没有${what ? `“${what}”的` : '这项'}数据，我不做推测。年报只包含主动公开（表二）、依申请公开（表三）、行政复议和诉讼（表四）、联系方式及文字部分。`, intent: 'refused', refused: true, confidence: 0.8, suggestions: this.suggest('') });
  }

  private notUnderstood(u: Understanding, r: Report, en: boolean): Reply {
    const offTopic = !CUE.domain.test(u.q.text);
    return this.reply({
      text: en ? `Sorry, I am not sure what you mean. I answer questions about government information-disclosure annual reports (${this.available()}). Did you mean one of these?`
        : offTopic ? `抱歉，这个问题超出了我的范围。我只回答政府信息公开工作年度报告的问题（现有：${this.available()}）。可以试试：` : `抱歉，我不太确定您的意思。您是想问：`,
      intent: 'unknown', refused: true, confidence: 0.2, suggestions: this.suggest(u.q.text),
    });
  }

  private help(en: boolean, prefix = ''): Reply {
    const text = en
      ? `${prefix}I am disclosure-bot: I answer questions about Chinese government information-disclosure annual reports (政府信息公开工作年度报告) with exact numbers and their source in the report. Available: ${this.available()}. Try:`
      : `${prefix}我是政府信息公开年报问答机器人，根据年度报告原文回答数字和内容，并注明出处。现有：${this.available()}。可以这样问：`;
    return this.reply({ text: `${text}\n${this.examples.slice(0, 5).map((e) => `- ${e}`).join('\n')}`, intent: 'help', refused: false, confidence: 1, suggestions: this.examples.slice(0, 3) });
  }

  private suggest(text: string): string[] {
    if (!text) return this.examples.slice(0, 3);
    const found = this.exampleSearch.search(text).slice(0, 3).map((x) => x.item);
    return found.length ? found : this.examples.slice(0, 3);
  }

  private reply(p: Partial<Reply> & Pick<Reply, 'text' | 'intent' | 'refused' | 'confidence'>): Reply {
    return { facts: [], suggestions: [], language: 'zh', ...p };
  }

  private remember(sessionId: string, previous: ConversationContext, r: Report, reply: Reply, u: Understanding): void {
    if (reply.refused || reply.intent === 'clarify') return;
    const next: ConversationContext = { ...previous, agency: r.agency, year: r.year, intent: reply.intent };
    if (reply.intent === 'metric') {
      next.rows = u.rows.length ? u.rows : previous.rows;
      next.columns = u.columns.map((c) => c.concept.id);
      next.metrics = reply.facts.map((f) => f.metric);
    }
    this.sessions.set(sessionId, next);
  }
}

/** A word of three or more characters with one character wrong (政策解独 ~ 政策解读). */
function fuzzyIncludes(text: string, word: string): boolean {
  for (let i = 0; i + word.length <= text.length; i++) {
    let diff = 0;
    for (let k = 0; k < word.length && diff <= 1; k++) if (text[i + k] !== word[k]) diff++;
    if (diff <= 1) return true;
  }
  return false;
}
