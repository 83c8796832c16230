/**
 * Stage 4: understand. Reads the slots of a normalized question, lets a follow-up borrow what it leaves out
 * from the conversation's frame, resolves the report, scores every intent of the declared table and returns a
 * typed Understanding for the winner — or a clarification, or a refusal when the question asks for something
 * the form never holds.
 */
import type { CueId } from '../catalog/cues.js';
import { ARTICLE_20 } from '../catalog/form.js';
import { CONCEPTS, type Concept } from '../catalog/vocabulary.js';
import { synonymsOf } from '../catalog/prose-synonyms.js';
import type { UnheldAttribute } from '../catalog/unheld.js';
import type { Report } from '../model/schema.js';
import type { Dataset } from '../store/dataset.js';
import { reportOf, yearBeside, type AgencyDirectory, type AgencyEntry } from './agency-directory.js';
import type { Frame } from './frame.js';
import { INTENT_TABLE, QUIET_CUES, type Features, type IntentId } from './intents.js';
import type { Normalized } from './normalize.js';
import { leftovers, readSlots, withoutAgencyAndYears, type Scope, type Slots } from './slots/index.js';
import { FUNCTION_WORDS } from './tokenize.js';
import { APPLICANT_COLUMNS, APPLICATION_GROUPS, GROUP_REASON_WORDS, METRICS, OUTCOME_COLUMNS } from '../catalog/metrics.js';
import { proseWordsOfEnglish } from '../catalog/prose-english.js';
import { readCategories, readSubsection } from './slots/report-words.js';

/** Rows and columns of the cells a question is about. */
export interface Measure {
  rows: string[];
  columns: Concept[];
  /** Columns per row when the question's clauses ask different ones (诉讼共几件？其中直接起诉尚未审结的几件？). */
  columnsOf?: Record<string, Concept[]>;
}

/** The report a single-report answer reads, and why that year. */
export interface ReportRef {
  entry: AgencyEntry;
  year: number;
  index: number;
  /** No year was asked and the agency has several: the latest was taken. */
  defaultYear: boolean;
  /** The year asked has no report; the year before describes it (plans for Y are in the Y−1 report). */
  movedFrom?: number;
  /** The year asked is the year a report was published in (落款日期是2024年几月几日): that report. */
  publishedIn?: number;
}

export type BreakdownOp = 'all' | 'items' | 'sum' | 'difference' | 'ratio' | 'perMonth' | 'except' | 'most' | 'least' | 'check';
export type ReportFact = 'publishDate' | 'period' | 'documents' | 'agency' | 'title' | 'year' | 'sections';
export type ContactPart = 'phone' | 'address' | 'email' | 'department';

interface Base {
  english: boolean; confidence: number; leftovers: string[]; question: string;
  /** More agencies asked of a one-report answer (两家的联系电话分别是多少): the same answer for each. */
  moreAgencies?: AgencyEntry[];
  /** What the question does with the agencies' answers: adds them up (加起来) or tells them apart (比较). */
  combine?: 'sum' | 'difference' | 'ratio';
  /** The year written beside each of `moreAgencies` (undefined: the year of the first, or the agency's latest). */
  moreAgencyYears?: Array<number | undefined>;
  /** More years asked of a one-report answer (2019年和2023年的联系电话): the same answer for each. */
  moreYears?: number[];
}

export type Understanding = Base & (
  | { intent: 'help' }
  | { intent: 'smalltalk' }
  | { intent: 'value'; report: ReportRef; measure: Measure; op: 'list' | 'sum' | 'difference' | 'ratio' | 'perMonth' | 'perQuarter' | 'share'; alsoFacts: ReportFact[]; share?: { part: string[]; whole: string[] }; hasAny?: boolean; asksPrinted?: boolean }
  | { intent: 'breakdown'; report: ReportRef; categories: number[]; op: BreakdownOp; quotedCounts: number[]; quotedPercents: number[]; wantsTable: boolean; withTotal: boolean; categoriesAsked: boolean; shareAsked: boolean }
  | { intent: 'contact'; report: ReportRef; parts: ContactPart[] }
  | { intent: 'website'; report: ReportRef; download: boolean }
  | { intent: 'reportFacts'; report: ReportRef; facts: ReportFact[]; sectionN?: number; daysBetween?: boolean; periodDays?: boolean; dateOrder?: 'earlier' | 'later' }
  | { intent: 'form'; itemN?: number; tableN?: number; measure: Measure; categories: boolean; balance: boolean; cellCount: boolean }
  | { intent: 'narrative'; report: ReportRef; subsection: string | null; asksCount: boolean }
  | { intent: 'problems'; report: ReportRef; parts: Array<'problems' | 'improvements'>; item?: number; items?: number[]; position?: boolean }
  | { intent: 'processingFees'; report: ReportRef }
  | { intent: 'audit'; report: ReportRef; measure: Measure; proactive: boolean; quotedCounts: number[]; quotedPercents: number[]; tableN?: number }
  | { intent: 'source'; report: ReportRef; metrics: string[] }
  | { intent: 'card'; agency: AgencyEntry; year?: number }
  | { intent: 'compareYears'; agency: AgencyEntry; measure: Measure; years: [number, number] }
  | { intent: 'trend'; agency: AgencyEntry; measure: Measure; years: number[]; pick?: 'most' | 'least'; op?: 'sum' | 'average' }
  | { intent: 'compareAgencies'; agencies: AgencyEntry[]; years: Array<number | undefined>; measure: Measure; year?: number; sum: boolean; share: boolean; partOfOther?: boolean; times?: boolean }
  | { intent: 'rank'; scope: Scope; measure: Measure; year?: number; order: 'most' | 'least'; topN?: number; one: boolean; allYears?: boolean }
  | { intent: 'scopeSum'; scope: Scope; measure: Measure; year?: number; average: boolean; allYears: boolean; except?: { agency: string; years: number[] } }
  | { intent: 'zeroes'; scope: Scope; measure: Measure; year?: number; nonZero?: boolean }
  | { intent: 'inventory'; scope: Scope }
  | { intent: 'yearsOf'; agency: AgencyEntry }
  | { intent: 'countReports'; scope: Scope; years: number[] }
  | { intent: 'missingReports'; scope: Scope; year?: number }
  | { intent: 'continuity'; scope: Scope }
  | { intent: 'errorsAcross'; scope: Scope; years: number[] }
  | { intent: 'unheld'; attribute: UnheldAttribute; report?: ReportRef; measure: Measure }
  | { intent: 'clarify'; options: AgencyEntry[]; total: number }
  | { intent: 'refuse'; reason: 'noData' | 'unknownAgency' | 'missingYear' | 'emptyScope'; agency?: AgencyEntry; name?: string; year?: number; near: AgencyEntry[] }
  | { intent: 'notUnderstood'; offTopic: boolean }
);

export interface UnderstandInput {
  q: Normalized;
  frame: Frame | undefined;
  data: Dataset;
  directory: AgencyDirectory;
}

/** The frame to remember after this question (undefined: keep the previous one). */
export interface Understood { understanding: Understanding; frame?: Frame }

const SINGLE_REPORT = new Set<IntentId>(['value', 'breakdown', 'contact', 'website', 'reportFacts', 'narrative', 'problems', 'processingFees', 'audit', 'source']);
const MEASURED = new Set<IntentId>(['value', 'compareYears', 'trend', 'compareAgencies', 'rank', 'scopeSum', 'zeroes']);
const CONCEPT_BY_ID = new Map(CONCEPTS.map((c) => [`${c.kind}:${c.id}`, c] as const));

export function understand(input: UnderstandInput): Understood {
  const { q, data, directory } = input;
  const base: Base = { english: q.english, confidence: 0.85, leftovers: [], question: q.text };
  if (!data.size) return { understanding: { ...base, intent: 'refuse', reason: 'noData', near: [] } };
  const slots = readSlots(q, directory);
  // 第一项加第二项（之和）等于第三项加第四项: the balance 表三 prints above itself — a check of 表三, not list items
  if (BALANCE_FORMULA.test(slots.text)) { slots.cues.add('audit'); slots.tableN ??= 3; slots.ordinal = undefined; }
  // 新收加上年结转，等不等于办结加结转下年度: the same balance in the rows' names — not 结转 between two years
  else if (asksBalanceByRows(slots)) { slots.cues.add('audit'); slots.cues.delete('continuity'); slots.tableN ??= 3; }
  base.leftovers = slots.leftovers;
  const follow = isFollowUp(slots, input.frame);
  const frame = follow ? input.frame : undefined;

  // 沭阳发改呢 / 2023年呢 after a lookup (问题, 联系方式, 主动公开): the same question of that agency or year
  const again = follow && frame ? askAgain(q, slots, frame, directory) : null;
  if (again) return understand({ ...input, q: again });

  // ---- which agency: named, borrowed from the conversation, or the only one
  const agencySlots = slots.agencies;
  if (agencySlots.unknown) {
    // the cells asked stay in the conversation: 那交通局的呢 asks them of an agency the dataset holds
    const asked = slots.rows.map((h) => h.value.id);
    const kept: Frame | undefined = asked.length && !follow ? { intent: 'value', years: slots.years, rows: asked, columns: slots.columns.map((h) => h.value.id), metrics: [], cues: [] } : undefined;
    return { understanding: { ...base, intent: 'refuse', reason: 'unknownAgency', name: agencySlots.unknown, near: nearby(agencySlots.unknown, directory) }, ...(kept ? { frame: kept } : {}) };
  }
  let candidates = agencySlots.matches;
  const borrowedAgency = !candidates.length && input.frame?.agency ? directory.allNamed(input.frame.agency) : [];
  if (!candidates.length) candidates = borrowedAgency.length ? borrowedAgency : directory.entries.length === 1 ? directory.entries : [];
  candidates = narrowCandidates(candidates, slots.years, input.frame, directory);
  const single = candidates.length === 1 ? candidates[0]! : undefined;

  // ---- years: asked, or the conversation's when this follows up
  // 去年呢 in a conversation about 2023 means 2022; elsewhere 去年 is counted from today
  const relativeToFrame = follow && q.relativeOffset !== undefined && frame?.years[0] !== undefined;
  // 那上一年呢: the year before the conversation's (a comparison with it keeps both, see compareYears)
  // (上一年主动公开了多少条 names its topic, so it is no follow-up, but its year is still the conversation's year before)
  const yearsBefore = frame ?? (!agencySlots.named ? input.frame : undefined);
  const yearBeforeFrame = !slots.years.length && slots.cues.has('previousYear') && !slots.cues.has('compare') && yearsBefore?.years.length === 1;
  // (another agency named without a year, that has no report for the conversation's year: its latest)
  const frameYears = frame?.years.length && single && agencySlots.named && !frame.years.every((y) => single.years.includes(y)) ? [] : frame?.years ?? [];
  // (a long message's story may name another year than the one asked: 2023年的年报我们已经拿到了…2024年上半年收到多少)
  const yearsNamed = q.relativeYear ? askedYears(slots, q.relativeTo) : !SEVERAL_YEAR_CUES.some((c) => slots.cues.has(c)) ? askedYears(slots) : slots.years;
  // 这两年的…分别是多少: the two years the conversation has been through
  const before = input.frame;
  const bothBefore = !yearsNamed.length && /这两年|这2年|两个年份|(?<![\d近前后过去最这])[2两]年(?:各|分别|都)|both years/i.test(q.text) && before?.priorYear !== undefined && before.years.length === 1 && before.priorYear !== before.years[0];
  const asked = bothBefore ? [Math.min(before!.priorYear!, before!.years[0]!), Math.max(before!.priorYear!, before!.years[0]!)] : yearsNamed;
  // (其中无法提供的有几件 after 2019年呢: a question of its own about the conversation's agency keeps its year too)
  const conversationYears = !frame && !agencySlots.named && borrowedAgency.length ? input.frame?.years ?? [] : [];
  const years = relativeToFrame ? [frame!.years[0]! + q.relativeOffset!] : yearBeforeFrame ? [yearsBefore!.years[0]! - 1] : asked.length ? asked : frameYears.length ? frameYears : conversationYears;
  const yearRange = slots.yearRange ?? (slots.years.length ? undefined : frame?.yearRange);

  // ---- the report, for report-specific words (breakdown categories, 总体情况 sub-sections)
  // (two agencies side by side: the first one's report names the categories, found by name in the other's later)
  const firstCompared = agencySlots.compared[0];
  const provisional = single ? pickReport(single, years) : firstCompared ? pickReport(firstCompared, agencySlots.comparedYears[0] !== undefined ? [agencySlots.comparedYears[0]] : years) : undefined;
  const report = provisional && 'index' in provisional ? data.report(provisional.index) : undefined;
  const categories = report ? readCategories(report, slots) : [];
  // 占10%的那几类: the categories the report prints with that share
  if (report && !categories.length && slots.quotedPercents.length === 1 && slots.cues.has('sum')) {
    report.proactive.items.forEach((item, i) => { if (item.percent === slots.quotedPercents[0]) categories.push(i); });
  }
  // a channel the report counts its 主动公开 by (微信公众号发了多少条) is a category there, not a contact detail
  if (categories.length) {
    const names = categories.map((i) => report!.proactive.items[i]!.category);
    slots.unheld = slots.unheld.filter((a) => !a.zh.some((w) => q.text.includes(w) && names.some((n) => n.includes(w))));
  }
  const subsection = report ? readSubsection(report, slots) : null;
  // the report's own words explained some more of the question
  if (report) slots.leftovers = leftovers(slots.tokens, slots.coverage);
  base.leftovers = slots.leftovers;

  // ---- rows and columns: asked, or the conversation's for a follow-up that names none
  let rows = askedRows(slots);
  let columns = askedColumns(slots);
  const borrowRows = !rows.length && frame && frame.rows.length && !categories.length && !slots.topics.size
    && (columns.length > 0 || THIS_NUMBER.test(q.text) || slots.cues.has('compare') || slots.cues.has('source') || slots.cues.has('trend') || slots.cues.has('rank') || onlyReplaces(slots));
  if (borrowRows) {
    rows = frame!.rows;
    // (一共收了多少 asks the row's whole again, not the column asked before)
    if (!columns.length && !/一共|总共|总数|总计|合计|全部|in total|altogether/i.test(q.text)) columns = frame!.columns.map((id) => CONCEPT_BY_ID.get(`column:${id}`)).filter((c): c is Concept => !!c);
  }
  // 这两项各自依据的是第二十条第几项 / which article is that row under: the form of the rows just asked
  if (!rows.length && !columns.length && (slots.cues.has('form') || slots.cues.has('articleItem')) && input.frame?.rows.length && POINTS_BACK.test(q.text)) {
    rows = /两|几|[这那]\d|both|these|those/i.test(q.text) ? [...new Set([...(input.frame.priorRows ?? []), ...input.frame.rows])] : input.frame.rows;
  }
  // 处罚数是它的多少倍 / 比它多多少: 它 is the row just asked
  if (rows.length === 1 && (slots.cues.has('times') || slots.cues.has('compare')) && /它|其(?!他|中|余)|前者/.test(q.text) && input.frame?.rows.length === 1 && input.frame.rows[0] !== rows[0] && !input.frame.agencies) rows = [rows[0]!, input.frame.rows[0]!];
  // 两个合起来多少 after 处罚 then 强制: both rows of the conversation
  if (borrowRows && slots.cues.has('both') && !input.frame?.agencies && frame?.priorRows?.length && !frame.priorAgency) rows = [...new Set([...frame.priorRows, ...frame.rows])];
  // 把这两项再加上行政处罚: the two asked before and the row named (a complete question, yet it points back)
  // (加上上年结转的，一共多少: a follow-up opening with 加上 adds the row it names to the ones just asked)
  else if (!borrowRows && rows.length && (slots.cues.has('both') || /^(?:那|那么)?\s*(?:再)?加上/.test(q.text)) && slots.cues.has('sum') && /再|还要|加上/.test(q.text) && input.frame?.rows.length && !input.frame.agencies && !input.frame.priorAgency) rows = [...new Set([...(input.frame.priorRows ?? []), ...input.frame.rows, ...rows])];
  // 复议后起诉的那几栏呢: a new row with the columns just asked
  if (!borrowRows && follow && rows.length && !columns.length && frame?.columns.length && /[那这](?:几|两|些)(?:栏|列|项)|同样的?(?:栏|列)/.test(q.text)) {
    columns = frame.columns.map((id) => CONCEPT_BY_ID.get(`column:${id}`)).filter((c): c is Concept => !!c);
  }
  if (!rows.length && columns.length) rows = defaultRowsFor(columns);
  // 商业企业提了几件？总共多少件？ — a last clause that only asks the whole adds the row's total beside the part
  const family = columns[0]?.family;
  if (family && family !== 'regulation' && columns.every((c) => c.family === family && c.id !== 'total') && (WHOLE_ASKED_LAST.test(q.text) || wholeBeforeQiZhong(slots))) {
    const total = CONCEPTS.find((c) => c.kind === 'column' && c.family === family && c.id === 'total');
    if (total) columns = [...columns, total];
  }
  // 第二十条第（六）项的数字: the rows 表二 counts under that item
  if (!rows.length && slots.itemN !== undefined && (slots.cues.has('quantity') || slots.cues.has('respectively'))) rows = [...(ARTICLE_20.find((i) => i.n === slots.itemN)?.counted ?? [])];
  // 第（六）项下面除了行政处罚还有哪一项: the item's other rows
  else if (rows.length && slots.itemN !== undefined && slots.cues.has('except')) {
    const others = (ARTICLE_20.find((i) => i.n === slots.itemN)?.counted ?? []).filter((r) => !rows.includes(r));
    if (others.length) rows = [...others];
  }
  // 都是怎么答复的 / 办理结果如何: the results kind by kind, with their total
  // (那7件申请最后都是怎么处理的: the requests received, asked how they ended, are the results)
  const resultsOfReceived = rows.length === 1 && rows[0] === 'applications.newReceived' && !columns.length;
  if ((rows.includes('applications.resultsTotal') || resultsOfReceived) && RESULTS_BY_KIND.test(q.text)) rows = [...rows.filter((r) => r !== 'applications.resultsTotal' && (r !== 'applications.newReceived' || /多少|几/.test(q.text))), ...RESULT_ROWS, 'applications.resultsTotal'];
  // 复议后起诉 is litigation: a bare 复议 beside it is not the review block
  // (行政复议维持几件？复议后又起诉的维持几件？: a 复议 asked in a clause of its own is the review block)
  const afterReviewClauses = new Set(slots.allRows.filter((h) => h.value.id === 'litigation.afterReview').map((h) => clauseIndex(slots.text, h.start)));
  const reviewOwnClause = slots.allRows.some((h) => h.value.id === 'review' && !afterReviewClauses.has(clauseIndex(slots.text, h.start)));
  if (rows.includes('litigation.afterReview')) rows = rows.filter((r) => (r !== 'review' || reviewOwnClause) && r !== 'litigation');
  // 结果如何: every outcome of 表四
  if (slots.cues.has('outcomes') && rows.some((r) => r === 'review' || r.startsWith('litigation'))) columns = CONCEPTS.filter((c) => c.family === 'outcome');
  const measure: Measure = { rows, columns, ...clauseColumns(slots, rows) };

  // ---- agencies compared and scopes across reports (a follow-up keeps the previous ones)
  let compared = agencySlots.compared;
  // (in the conversation's order, which its agencyYears follow)
  const inConversationOrder = (names: string[]) => names.flatMap((name) => directory.allNamed(name));
  if (!compared.length && frame?.agencies && !agencySlots.named) compared = inConversationOrder(frame.agencies);
  // 这两份年报… after two agencies side by side: those two again
  const bothAgain = !compared.length && slots.cues.has('both') && (input.frame?.agencies?.length ?? 0) >= 2 && !agencySlots.named;
  if (bothAgain) compared = inConversationOrder(input.frame!.agencies!);
  // 两个加起来: the agency asked now and the one before it
  // (each in the year its answer was given: 沭阳发改局 2023 → 换成上海科委呢 2024 → 两家加起来)
  let answeredYears: Array<number | undefined> | undefined;
  // (这两家的自然人申请分别多少 is a whole question of its own, and still about the conversation's two agencies)
  const pair = follow ? frame : !agencySlots.named && BOTH_AGENCIES.test(q.text) ? input.frame : undefined;
  if (!compared.length && slots.cues.has('both') && pair?.agency && pair.priorAgency) {
    compared = directory.allNamed(pair.agency, pair.priorAgency);
    const yearOf = new Map([[pair.agency, pair.years[0]], [pair.priorAgency, pair.priorYear ?? pair.years[0]]]);
    answeredYears = compared.map((e) => yearOf.get(e.agency));
  }
  // 电话区号跟泽州交通局一样吗 after a question about 沭阳发改局: the conversation's agency beside the one named now
  const besideConversation = !compared.length && !!input.frame?.agency && !!single && agencySlots.named && single.agency !== input.frame.agency
    && /(?:跟|和|与|同)[^，,。？?]{2,20}(?:一样|相同|不同|一致|有什么区别)/.test(q.text);
  if (besideConversation) compared = directory.allNamed(input.frame!.agency!, single!.agency);
  let scope = agencySlots.scope;
  if (frame?.scopeText && !agencySlots.named) scope = readSlots({ ...q, text: frame.scopeText }, directory).agencies.scope;
  // a follow-up without a shape of its own (那行政强制呢) keeps the conversation's (a ranking's 最多, 前5)
  const ownShape = [...slots.cues].some(isShapeCue);
  const cue = (id: CueId) => slots.cues.has(id) || (follow && !ownShape && !!frame?.cues.includes(id) && isShapeCue(id));

  const features: Features = {
    cue, rows: rows.length, columns: slots.columns.length, proactive: slots.topics.has('proactive'), processingFees: slots.topics.has('processingFees'),
    // (几条 after a question about a category asks that category again)
    categories: categories.length || (follow && frame?.intent === 'breakdown' && !rows.length && !slots.topics.size && slots.cues.has('quantity') && [...slots.cues].every((c) => c === 'quantity' || c === 'category' || QUIET_CUES.includes(c)) ? frame.categories?.length ?? 0 : 0), compared: compared.length, single: !!single && compared.length < 2, named: agencySlots.named || borrowedAgency.length > 0, namedHere: agencySlots.named,
    across: scope.regional || slots.cues.has('scopeAll'), manyAgencies: directory.entries.length > 1, years: years.length, yearRange: !!yearRange,
    itemN: slots.itemN !== undefined, sectionN: slots.sectionN !== undefined, quotedPercents: slots.quotedPercents.length,
    subsection: subsection !== null, previous: follow ? frame?.intent : undefined, leftovers: slots.leftovers.length, proseHits: report ? proseHits(report, q.english ? [...slots.leftovers, ...proseWordsOfEnglish(q.text)] : slots.leftovers) : 0,
    english: q.english, priorYear: follow && frame?.priorYear !== undefined && !slots.years.length, ordinal: slots.ordinal !== undefined, tableN: slots.tableN !== undefined, contactHits: report ? contactHits(report, slots) : 0, unheld: slots.unheld.length, cueCount: [...slots.cues].filter((c) => !QUIET_CUES.includes(c)).length, frameHasCells: !!input.frame?.metrics.length,
  };
  let intent = pickIntent(features, follow ? frame?.intent : undefined);
  // 除平潭2019年那份以外，其余几份报告…加起来: every report but the one named
  const allBut = single && slots.cues.has('except') && (slots.cues.has('sum') || slots.cues.has('average')) && rows.length && OTHER_REPORTS.test(q.text) ? single : undefined;
  if (allBut) intent = 'scopeSum';
  // nothing else fits but the question has words of its own: look for them in the report's prose
  if (intent === 'notUnderstood' && single && slots.leftovers.length && onTopic(slots) && !slots.cues.has('offTopic')) intent = 'narrative';
  // sure when every word was explained exactly; less with each sound-alike and each word left over
  const nearMisses = slots.rows.filter((h) => h.quality < 1).length;
  const ub = { ...base, confidence: Math.max(0.3, 0.9 - 0.1 * nearMisses - 0.05 * slots.leftovers.length) };

  // ---- what the form never holds: say what the report does hold instead of answering something else
  // why requests ended in a group (不予公开的理由): its printed sub-rows are the reasons, so no detail is missing
  const groupReasons = asksGroupReasons(slots, rows, q.english);
  const subset = groupReasons ? null : MEASURED.has(intent) ? qualifierOf(slots, single) ?? aboutQuotedItems(slots, intent, single) ?? columnNoRowHas(slots, rows) : intent === 'breakdown' ? aboutQuotedItems(slots, intent, single) ?? unlistedCategory(slots, categories, report) : null;
  // money asked of counted cells (罚款金额), or of nothing the form holds (创新券发了多少钱); fees are money
  const asksMoneyOfMoney = rows.some((r) => r.startsWith('fees.')) || slots.topics.has('processingFees');
  // (how many days the signing came after the period: two dates the report prints, not a processing time)
  const attribute = slots.unheld.find((a) => !(groupReasons && a.what === 'reasons') && (!a.countsOnly || !asksMoneyOfMoney) && (!a.withCells || rows.length > 0) && !(a.what === 'duration' && (asksDaysAfterPeriod(slots) || asksPeriodDays(slots)))) ?? (subset ? subsetAttribute(subset) : undefined);
  // a detail the form lacks but this report's prose states (邮编, 公众号关注人数): quote the prose
  // (罚没金额: an amount the tables never hold, which some reports state in their prose — quoted, never computed)
  const proseWords = attribute?.what === 'amount' ? attribute.zh.filter((w) => /罚没|罚款|罚金/.test(w)) : attribute ? [...attribute.zh, ...attribute.en] : [];
  // (承诺…抽查结果在多长时间内公示: a time the plans or problems state, asked with their words — not a processing time)
  const statedInSection = attribute?.what === 'duration' && report && (cue('improvements') || cue('problems')) && quotedInProse(slots.text, proseText(report));
  if (attribute && report && (PROSE_DETAILS.has(attribute.what) || attribute.what === 'subset' || attribute.what === 'amount') && (statedInSection || proseWords.some((w) => slots.text.includes(w) && [w, ...synonymsOf(w)].some((s) => proseText(report).includes(s))))) intent = 'narrative';
  else if (attribute && intent !== 'help' && intent !== 'smalltalk') {
    return { understanding: { ...ub, intent: 'unheld', attribute, ...(provisional && 'index' in provisional ? { report: provisional } : {}), measure } };
  }

  const frameOut = (extra: Partial<Frame> = {}): Frame => ({
    intent, years, ...(ASKED_AGAIN.has(intent) ? { question: q.text } : {}), ...(yearRange ? { yearRange } : {}), rows, columns: columns.map((c) => c.id), metrics: [], cues: ownShape || !follow ? [...slots.cues].filter(isShapeCue) : frame?.cues ?? [], ...extra,
  });

  // ---- across reports: no single report needed
  switch (intent) {
    case 'compareAgencies': {
      // 审批局这个数占平潭全区总数的比例: the first agency's number over the second's
      // (side-by-side agencies are in the order they are written: the one before 占 is the part)
      // (合计多少？其中平潭所占比例: a share of the two added up, not of one in the other)
      // (…各自的处理结果里占比最大的是哪一类 is each agency's own largest share, not one over the other)
      const partOfOther = agencySlots.compared.length === 2 && cue('share') && /[^，,。？?](?:占|相当于)[^，,。？?]/.test(q.text) && !/其中[^，,。？?]*占/.test(q.text)
        && !/(?:各自|分别|哪一类|哪类|哪一项|哪项|最大|最多|最高)[^，,。？?]*(?:占|相当于)|(?:占|相当于)[^，,。？?]*(?:各自|分别|哪一类|哪类|哪一项|哪项|最大|最多|最高)/.test(q.text);
      // (a follow-up that names neither agencies nor years keeps each agency's own year)
      const kept = !agencySlots.compared.length && !slots.years.length && frame?.agencyYears?.length === compared.length ? frame.agencyYears.map((y) => y ?? undefined) : undefined;
      const ownYears = agencySlots.compared.length ? agencySlots.comparedYears : kept ?? (!slots.years.length ? answeredYears : undefined) ?? compared.map(() => undefined);
      const agencyYears = ownYears.some((y) => y !== undefined) ? { agencyYears: ownYears.map((y) => y ?? null) } : {};
      return { understanding: { ...ub, intent, agencies: compared, years: ownYears, measure, ...(years[0] ? { year: years[0] } : {}), sum: cue('sum'), share: cue('share'), ...(partOfOther ? { partOfOther } : {}), ...(cue('times') ? { times: true } : {}) }, frame: frameOut({ agencies: compared.map((e) => e.agency), ...agencyYears }) };
    }
    case 'rank': return { understanding: { ...ub, intent, scope, measure, ...(years[0] ? { year: years[0] } : {}), order: cue('least') && !cue('most') ? 'least' : 'most', ...(slots.topN ?? frame?.topN ? { topN: slots.topN ?? frame?.topN } : {}), one: !slots.topN && !frame?.topN && !cue('rankList'), ...(!years.length && EVERY_REPORT.test(q.text) ? { allYears: true } : {}) }, frame: frameOut({ scopeText: frame?.scopeText ?? q.text, ...(slots.topN ?? frame?.topN ? { topN: slots.topN ?? frame?.topN } : {}) }) };
    case 'scopeSum':
      if (allBut) return { understanding: { ...ub, intent, scope: { entries: directory.entries, label: '全部单位', labelEn: 'all agencies', regional: false }, measure, average: cue('average') && !cue('sum'), allYears: true, except: { agency: allBut.agency, years: slots.years } } };
      return { understanding: { ...ub, intent, scope, measure, ...(years[0] ? { year: years[0] } : {}), average: cue('average') && !cue('sum'), allYears: !years.length && EVERY_REPORT.test(q.text) }, frame: frameOut({ scopeText: frame?.scopeText ?? q.text }) };
    // (哪些报告…不是0: the agencies whose figure is not zero)
    case 'zeroes': return { understanding: { ...ub, intent, scope, measure, ...(years[0] ? { year: years[0] } : {}), ...(NOT_ZERO.test(q.text) ? { nonZero: true } : {}) }, frame: frameOut({ scopeText: frame?.scopeText ?? q.text }) };
    // (a list of reports over agencies named side by side is no scope: 我手上有A、B、C这几份报告…哪个最早)
    case 'inventory': if (agencySlots.compared.length >= 2) return { understanding: { ...ub, intent: 'notUnderstood', offTopic: false } };
      return { understanding: { ...ub, intent, scope } };
    case 'countReports': return { understanding: { ...ub, intent, scope: single && agencySlots.named ? { entries: [single], label: single.agency, labelEn: single.agency, regional: true } : scope, years } };
    case 'missingReports': return { understanding: { ...ub, intent, scope, ...(years[0] ? { year: years[0] } : {}) } };
    case 'continuity': return { understanding: { ...ub, intent, scope: single && agencySlots.named ? { entries: [single], label: single.agency, labelEn: single.agency, regional: true } : scope } };
    case 'errorsAcross': return { understanding: { ...ub, intent, scope, years } };
    case 'help': case 'smalltalk': return { understanding: { ...ub, intent } };
    case 'form': return { understanding: { ...ub, intent, ...(slots.itemN !== undefined ? { itemN: slots.itemN } : {}), ...(slots.tableN !== undefined ? { tableN: slots.tableN } : {}), measure, categories: slots.cues.has('category'), balance: slots.cues.has('audit'), cellCount: slots.cues.has('cellCount') } };
    default: break;
  }
  if (intent === 'notUnderstood') return { understanding: { ...ub, intent, offTopic: !onTopic(slots) } };

  // ---- one agency from here on: several named side by side get the same one-report answer each
  let one = single;
  // (each in the year written beside it: 望澜街道2021年和泽州交通局2023年…)
  let oneYears = years;
  if ((!one || agencySlots.compared.length >= 2 || besideConversation || bothAgain) && compared.length >= 2 && SINGLE_REPORT.has(intent) && intent !== 'value') {
    one = compared[0];
    ub.moreAgencies = compared.slice(1);
    if (cue('times')) ub.combine = 'ratio';
    else if (cue('sum')) ub.combine = 'sum';
    else if (compared.length === 2 && (cue('compare') || cue('most') || cue('least') || /谁.{0,12}[多少高低]|[多少]多少/.test(q.text))) ub.combine = 'difference';
    const own = agencySlots.compared.length >= 2 ? agencySlots.comparedYears : [];
    if (own.some((y) => y !== undefined)) {
      ub.moreAgencyYears = own.slice(1);
      oneYears = own[0] !== undefined ? [own[0]] : [];
    }
  }
  if (!one) {
    if (!candidates.length && agencySlots.named) return { understanding: { ...ub, intent: 'refuse', reason: 'unknownAgency', name: slots.text, near: [] } };
    const options = (candidates.length ? candidates : directory.entries).slice().sort((a, b) => b.years.length - a.years.length);
    return { understanding: { ...ub, intent: 'clarify', options: options.slice(0, 5), total: options.length } };
  }
  if (intent === 'card') return { understanding: { ...ub, intent, agency: one, ...(years[0] && one.years.includes(years[0]) ? { year: years[0] } : {}) }, frame: frameOut({ agency: one.agency }) };
  if (intent === 'yearsOf') return { understanding: { ...ub, intent, agency: one }, frame: frameOut({ agency: one.agency }) };
  // (其中哪个理由最多 of an agency with one report: no years to range over — the cells of that report)
  if (intent === 'trend' && !yearRange && years.length < 2 && one.years.length < 2) intent = 'value';
  if (intent === 'trend') {
    const span = yearRange ? range(yearRange) : years.length >= 3 ? years : years.length === 2 ? years : one.years;
    const pick = cue('most') ? 'most' : cue('least') ? 'least' : undefined;
    const op = cue('average') ? 'average' : cue('sum') ? 'sum' : undefined;
    return { understanding: { ...ub, intent, agency: one, measure, years: span, ...(pick ? { pick } : {}), ...(op ? { op } : {}) }, frame: frameOut({ agency: one.agency }) };
  }
  if (intent === 'compareYears') {
    const reportYear = years[0] ?? one.years[one.years.length - 1]!;
    // 增加了多少 after "那2019年呢": the two years the conversation has been through
    const prior = follow && !slots.years.length && frame?.priorYear !== undefined && frame.priorYear !== reportYear ? frame.priorYear : undefined;
    // (a change is told over time, later against earlier, however the two years were written: 2019年→2023年 增长率)
    const pair: [number, number] = years.length >= 2 ? [Math.max(years[0]!, years[1]!), Math.min(years[0]!, years[1]!)] : prior !== undefined ? [Math.max(reportYear, prior), Math.min(reportYear, prior)] : [reportYear, reportYear - 1];
    // (the other year stays in the conversation: 行政许可呢 compares the same two years)
    return { understanding: { ...ub, intent, agency: one, measure, years: pair }, frame: frameOut({ agency: one.agency, years: [pair[0]], ...(one.years.includes(pair[1]) ? { priorYear: pair[1] } : {}) }) };
  }

  // ---- one report
  // plans for year Y stand in the Y−1 report — unless the question names the Y report itself (2024年度报告)
  const narrativeOnly = (intent === 'problems' || intent === 'narrative') && !/\d{4}\s*年度?的?(?:政府信息公开工作)?(?:年度)?(?:报告|年报)/.test(q.text);
  let ref = pickReport(one, oneYears, narrativeOnly);
  // 落款日期是2024年几月几日: a date's year, and the report dated in it is the year before's
  if (!('index' in ref) && years.length === 1 && slots.cues.has('publishDate') && new RegExp(`${years[0]}\\s*年\\s*(?:几|\\d{1,2}|[一二三四五六七八九十]+)\\s*月`).test(q.text)) {
    const before = pickReport(one, [years[0]! - 1]);
    if ('index' in before) ref = { ...before, publishedIn: years[0]! };
  }
  // 从2022年结转来的 / carried forward into 2024: years beside the carried-over rows describe them, not the report
  if (!('index' in ref) && rows.some((r) => r === 'applications.carriedOver' || r === 'applications.carriedForward')) {
    const between = [...new Set(years.flatMap((y) => [y + 1, y - 1]))].find((y) => reportOf(one, y) !== undefined && years.every((x) => Math.abs(x - y) <= 1));
    if (between !== undefined) ref = pickReport(one, [between]);
  }
  // (去年 / 今年 with no report for that year is refused like any year the dataset lacks: the answer names the years it has)
  // the question stays in the conversation: 那2023年呢 asks it of a year the dataset holds
  // (a follow-up that only changed the year leaves the conversation as it was: 这个数出自哪里 still means the last number)
  if (!('index' in ref)) return { understanding: { ...ub, intent: 'refuse', reason: 'missingYear', agency: one, year: ref.missing, near: [] }, ...(follow ? {} : { frame: frameOut({ agency: one.agency }) }) };
  // what this question replaced, for "两个加起来" and "增加了多少" afterwards
  const priorAgency = input.frame?.agency && input.frame.agency !== one.agency ? input.frame.agency : input.frame?.priorAgency;
  const priorYear = input.frame?.years[0] !== undefined && input.frame.years[0] !== ref.year ? input.frame.years[0] : input.frame?.priorYear;
  // 2019年和2023年…各多少 / 一样吗: the same one-report answer for every year named
  if (slots.years.length >= 2 && !slots.yearRange && !MEASURED.has(intent)) ub.moreYears = slots.years.slice(1).filter((y) => y !== ref.year && one.years.includes(y));
  const priorRows = input.frame?.rows.length && input.frame.rows.join() !== rows.join() ? input.frame.rows : input.frame?.priorRows;
  const keep = frameOut({ agency: one.agency, ...(ub.moreAgencies?.length ? { agencies: [one.agency, ...ub.moreAgencies.map((e) => e.agency)], agencyYears: [ref.year, ...ub.moreAgencies.map((e, k) => yearBeside(e, ub.moreAgencyYears?.[k], ref.year))] } : {}), years: [ref.year], ...(priorAgency ? { priorAgency } : {}), ...(priorYear !== undefined ? { priorYear } : {}), ...(priorRows?.length ? { priorRows } : {}) });
  switch (intent) {
    case 'value': {
      // 除了行政处罚以外还有什么: every row named is the one left out — what else is meant, the rows cannot say
      if (slots.cues.has('except') && onlyExcluded(slots, rows)) return { understanding: { ...ub, intent: 'notUnderstood', offTopic: false } };
      // (科研机构跟社会公益组织加一块儿: columns of one row add up like rows — never beside their own total)
      const op = valueOp(cue, measure.columns.length > 1 && measure.columns.every((c) => c.id !== 'total') ? Math.max(rows.length, measure.columns.length) : rows.length);
      // how many penalties per coercion decision: the row before "per" over the one after it
      const per = op === 'ratio' && rows.length === 2 ? slots.text.search(/\bper\b/i) : -1;
      if (per >= 0) {
        const before = slots.allRows.filter((h) => h.end <= per).pop();
        const after = slots.allRows.find((h) => h.start > per);
        if (before && after && before.value.id !== after.value.id) return { understanding: { ...ub, intent, report: ref, measure: { ...measure, rows: [before.value.id, after.value.id] }, op, alsoFacts: alsoAsked(cue) }, frame: keep };
      }
      // 强制那部分占多少 / 处罚占这三个的百分之多少: a share of the rows the conversation just asked
      // 其中个人提的几件 → 占新收申请的比例: the column just asked over its own row's total
      const columnAsked = op === 'share' && rows.length === 1 && !measure.columns.length ? columnOfConversation(rows[0]!, input.frame) : undefined;
      if (columnAsked) return { understanding: { ...ub, intent, report: ref, measure: { ...measure, columns: columnAsked }, op, alsoFacts: alsoAsked(cue) }, frame: { ...keep, rows, columns: columnAsked.map((c) => c.id) } };
      const fromConversation = op === 'share' && rows.length === 1 ? shareWithConversation(slots, rows[0]!, input.frame) : undefined;
      if (fromConversation) {
        const all = [...new Set([...fromConversation.part, ...fromConversation.whole])];
        return { understanding: { ...ub, intent, report: ref, measure: { ...measure, rows: all }, op, alsoFacts: alsoAsked(cue), share: fromConversation }, frame: { ...keep, rows: all } };
      }
      // 无法提供的申请占比多少: one result row (or group) with no whole named is a share of all results
      const share = op === 'share' && rows.length >= 2 ? partAndWhole(slots, rows)
        : op === 'share' && rows.length === 1 && RESULT_ROWS.includes(rows[0]!) && !/占.{0,12}(?:新收|收到|申请总)/.test(q.text) ? { part: rows, whole: ['applications.resultsTotal'] } : undefined;
      // (a whole the question did not name, 办理结果总计, is read beside the parts)
      const shown = share ? { ...measure, rows: [...new Set([...rows, ...share.whole])] } : measure;
      // 收到过申请吗 / 有没有被起诉: whether there were any, said before the count (not when a count is quoted to check)
      const hasAny = op === 'list' && !slots.quotedCounts.length && HAS_ANY.test(q.text) && !HOW_MANY.test(q.text);
      return { understanding: { ...ub, intent, report: ref, measure: shown, op, alsoFacts: alsoAsked(cue), ...(share ? { share } : {}), ...(hasAny ? { hasAny } : {}), ...(cue('printedCell') ? { asksPrinted: true } : {}) }, frame: keep };
    }
    case 'breakdown': {
      // 比前一年多了还是少了: the breakdown of both years, or that the other year has no report
      if (cue('compare') && !ub.moreAgencies?.length && (cue('previousYear') || slots.years.length >= 2)) {
        const other = slots.years.length >= 2 ? slots.years[1]! : ref.year - 1;
        if (!one.years.includes(other)) return { understanding: { ...ub, intent: 'refuse', reason: 'missingYear', agency: one, year: other, near: [] } };
        ub.moreYears = [other];
      }
      // 剩下的加起来多少: the categories the conversation named
      let named = categories;
      const ofConversation = () => (report ? report.proactive.items.map((item, i) => (input.frame?.categories?.includes(item.category) ? i : -1)).filter((i) => i >= 0) : []);
      // (主动公开哪一类最多 names the whole breakdown again: not the categories just asked)
      // (哪一类最少 after one category was asked: the least of all, not of that one)
      if (!named.length && follow && frame?.categories?.length && !((slots.topics.has('proactive') || frame.categories.length < 2) && (cue('most') || cue('least')))) {
        named = ofConversation();
        // 俩加一块: the category asked now and the one before it
        if (cue('both') && frame.priorCategories?.length && report) named = [...new Set([...report.proactive.items.map((item, i) => (frame.priorCategories!.includes(item.category) ? i : -1)).filter((i) => i >= 0), ...named])];
      }
      // 这18条里面哪一类最多: the categories the conversation's count covered
      else if (!named.length && input.frame?.categories?.length && /[这那]\s*\d+\s*条/.test(q.text)) named = ofConversation();
      // 再加上机构设置那类: the categories of the conversation and the one named now
      else if (named.length && input.frame?.categories?.length && input.frame.intent === 'breakdown' && /再加上?|加上|还有|连同|算上/.test(q.text) && !agencySlots.named) named = [...new Set([...ofConversation(), ...named])];
      // 与X类相比孰多孰少 after a question about Y: both categories (相比 with one side named points back)
      else if (named.length === 1 && cue('compare') && input.frame?.categories?.length === 1 && !agencySlots.named && (follow || /相比|比较|比起来/.test(q.text))) named = [...new Set([...ofConversation(), ...named])];
      const op = breakdownOp(cue, named.length, slots);
      const wantsTable = cue('share') || cue('category') || cue('respectively') || !cue('quantity');
      // 总条数以及政策解读类…: the total is asked beside the categories
      // (公开了几条 asks the total in a clause of its own: 部门预决算类信息主动公开了几条 asks that category)
      const withTotal = cue('sum') || /总(?:条数|数|量|共)|总计|共有|共计|全部/.test(q.text) || q.text.split(/[，,。？?；;]/).some((c) => !/类/.test(c) && /(?:公开|发布|公布|发)了?(?:政府)?(?:信息)?(?:多少|几)/.test(c)) || /(?:公开|发布|公布)的?(?:政府)?信息各(?:有|是)?(?:多少|几)条|\bhow many (?:items|pieces)\b[^,?]*\b(?:disclos|publish|releas)/i.test(q.text);
      const categoriesAsked = named.length > 0 || cue('category') || cue('share') || cue('most') || cue('least') || cue('except');
      // the categories the answer covered: 除了X以外的几类 covered all but X
      const covered = op === 'except' && report ? report.proactive.items.map((_, i) => i).filter((i) => !named.includes(i)) : named;
      return { understanding: { ...ub, intent, report: ref, categories: named, op, quotedCounts: slots.quotedCounts, quotedPercents: slots.quotedPercents, wantsTable, withTotal, categoriesAsked, shareAsked: cue('share') }, frame: { ...keep, rows: [], ...breakdownCategories(covered.map((i) => report?.proactive.items[i]?.category ?? '').filter(Boolean), input.frame) } };
    }
    case 'contact': return { understanding: { ...ub, intent, report: ref, parts: contactParts(cue) }, frame: keep };
    case 'website': return { understanding: { ...ub, intent, report: ref, download: cue('download') }, frame: keep };
    case 'reportFacts': return { understanding: { ...ub, intent, report: ref, facts: reportFactsAsked(cue), ...(slots.sectionN ? { sectionN: slots.sectionN } : {}), ...(asksDaysAfterPeriod(slots) ? { daysBetween: true } : {}), ...(asksPeriodDays(slots) ? { periodDays: true } : {}), ...dateOrderAsked(slots) }, frame: keep };
    // (多少条 may be taken by a topic's words — 发布了多少条信息 — and still asks a count)
    case 'narrative': return { understanding: { ...ub, intent, report: ref, subsection, asksCount: (slots.cues.has('quantity') || /多少[条件次篇个人]|几[条件次篇]/.test(q.text)) && !slots.cues.has('which') && !(['phone', 'email', 'address'] as const).some((c) => slots.cues.has(c)) }, frame: keep };
    case 'problems': {
      // 培训几次、每次多少人: a count of something the measures speak of, not of the measures — only a sentence
      // that states such a number answers it
      if (COUNT_OF_OTHER_THINGS.test(q.text)) return { understanding: { ...ub, intent: 'narrative', report: ref, subsection: null, asksCount: true }, frame: keep };
      // 第四条呢: which list the conversation was on
      let parts = problemParts(cue);
      if (!parts.length && input.frame) parts = (['problems', 'improvements'] as const).filter((p) => input.frame!.cues.includes(p));
      return { understanding: { ...ub, intent, report: ref, parts, ...(slots.ordinal ? { item: slots.ordinal } : {}), ...((slots.ordinals?.length ?? 0) > 1 ? { items: [...new Set(slots.ordinals)] } : {}), ...(cue('position') ? { position: true } : {}) }, frame: { ...keep, cues: parts } };
    }
    case 'processingFees': return { understanding: { ...ub, intent, report: ref }, frame: keep };
    case 'audit': return { understanding: { ...ub, intent, report: ref, measure, proactive: slots.topics.has('proactive') || categories.length > 0 || slots.quotedPercents.length > 0, quotedCounts: slots.quotedCounts, quotedPercents: slots.quotedPercents, ...(slots.tableN !== undefined ? { tableN: slots.tableN } : {}) }, frame: keep };
    case 'source': return { understanding: { ...ub, intent, report: ref, metrics: slots.rows.length ? [] : input.frame?.metrics ?? [] }, frame: input.frame ? { ...input.frame } : keep };
    default: return { understanding: { ...ub, intent: 'notUnderstood', offTopic: !onTopic(slots) } };
  }

  function pickIntent(f: Features, previous: IntentId | undefined): IntentId {
    let best: IntentId = 'notUnderstood';
    let bestScore = 0;
    for (const row of INTENT_TABLE) {
      let s = row.score(f);
      // a follow-up leans on the conversation's intent when it still applies
      if (s > 0 && row.id === previous) s += 1.5;
      if (s > bestScore) { best = row.id; bestScore = s; }
    }
    return best;
  }
}

/** The categories a breakdown answer covered, with the ones asked before when they differ (for 俩加一块). */
function breakdownCategories(categories: string[], previous: Frame | undefined): Pick<Frame, 'categories' | 'priorCategories'> {
  const before = previous?.categories;
  const prior = before?.length && before.join() !== categories.join() ? before : previous?.priorCategories;
  return { categories, ...(prior?.length ? { priorCategories: prior } : {}) };
}

/** What makes a clause a question (the rest of a long message is the asker's story). */
const ASKING_CLAUSE = /[？?]|吗|多少|几|哪|什么|是否|有没有|有无|\b(?:how|what|which|whether|when|who)\b/i;

/** The clauses of a message that ask something (split at its commas and stops), with where each starts and ends. */
function askingClauses(text: string): Array<{ text: string; start: number; end: number }> {
  return [...text.matchAll(/[^。！!？?；;，,]+[。！!？?；;，,]?/g)].filter((m) => ASKING_CLAUSE.test(m[0])).map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/**
 * The rows a question asks. In a long message (您好，我是律师，代理一位被交通局处罚的司机，…有没有…执法案卷…的先例？), rows
 * named only in clauses that ask nothing are the asker's story; when a clause that asks names rows, those are asked.
 */
function askedRows(slots: Slots): string[] {
  const all = withoutQualifiedGroups(slots);
  if (slots.text.length < 40 || all.length < 2) return all;
  const clauses = askingClauses(slots.text);
  // (a row may be named in the story and again where it is asked: 正文称…规章…4条，表二规章…各是多少)
  const asks = (h: Slots['rows'][number]) => clauses.some((c) => h.start >= c.start && h.start < c.end || h.said.length >= 2 && c.text.includes(h.said));
  const asked = slots.allRows.filter((h) => asks(h) && !isWhereRowStands(slots, h)).map((h) => h.value.id);
  return asked.length ? all.filter((id) => asked.includes(id)) : all;
}

/**
 * The columns asked: not an applicant type in the asker's words about themselves (我是一家化工企业的法务…部分公开几件:
 * the asker is a company, the question is about every applicant).
 */
function askedColumns(slots: Slots): Concept[] {
  return askedColumnHits(slots).map((h) => h.value);
}

/** The column words of `slots` that ask (not the asker's story), where they stand. */
function askedColumnHits(slots: Slots): Slots['columns'] {
  // a sentence (not a question) in which one clause says who the asker is: 我是…企业的法务，公司准备…。
  // (also a told sentence that asks nothing — its introduction already dropped: ，代理一家食品企业的案子，准备…。)
  const story = [...slots.text.matchAll(/[^。！!？?]+[。！!]?/g)].filter((m) => !/[？?]$/.test(m[0]) && (m[0].split(/[，,；;]/).some((c) => SELF_DESCRIPTION.test(c)) || (/[。！!]$/.test(m[0]) && !ASKING_CLAUSE.test(m[0]) && !REQUEST.test(m[0]))));
  const aboutAsker = (at: number) => story.some((m) => at >= m.index! && at < m.index! + m[0].length);
  return slots.columns.filter((h) => !aboutAsker(h.start));
}

/** Words that make a sentence a request for a figure even without a question's words (请列出…的数量。). */
const REQUEST = /数量|数目|数字|件数|怎么|如何|告诉|查一下|请问|请列|列出/;

/** A clause in which the asker says who they are (or what their own organisation is about to do). */
const SELF_DESCRIPTION = /^\s*(?:您好|你好)?\s*(?:我|我们|本人)(?:是|在|们是)|^\s*作为|^\s*(?:我们?|本)?(?:公司|单位|我司|律所)(?:准备|打算|想|正在|拟|计划|最近)/;

/**
 * A reason row said before its own group in one clause (因“本机关不掌握相关政府信息”而无法提供的申请) is that one reason:
 * the group word only names where it stands. (无法提供几件？其中不掌握的几件 asks both: the group comes first.)
 */
function withoutQualifiedGroups(slots: Slots): string[] {
  const qualified = (group: Slots['rows'][number]) => slots.rows.some((sub) => sub.value.id.startsWith(`${group.value.id}.`) && sub.end <= group.start && !/[，,。？?；;]/.test(slots.text.slice(sub.end, group.start)));
  return slots.rows.filter((h) => !qualified(h) && !isWhereRowStands(slots, h)).map((h) => h.value.id);
}

/**
 * 依申请公开中，予以公开的有多少件 / 依申请公开“办理结果总计”: a row word followed by 中, or by another row of its
 * table itself, says where that row stands; it is not a row asked.
 */
function isWhereRowStands(slots: Slots, hit: Slots['rows'][number]): boolean {
  const id = hit.value.id;
  // (因“属于行政执法案卷”不予公开: a reason followed by its own group is that reason, asked)
  const sameTable = (h: Slots['rows'][number]) => h.value.id.split('.')[0] === id.split('.')[0] && h.value.id !== id && !id.startsWith(`${h.value.id}.`);
  if (/^(?:中|里|当中|之中)[，,]?/.test(slots.text.slice(hit.end)) && slots.allRows.some((h) => h.start > hit.end && sameTable(h))) return true;
  const next = hit.end + (/^(?:的)?["“”「」]/.exec(slots.text.slice(hit.end))?.[0].length ?? -1);
  return next > hit.end && slots.allRows.some((h) => h.start === next && sameTable(h));
}

/**
 * The years a question asks when it also says 去年/今年: in a long message, those named in a clause that asks, when one
 * does (去年有台车被罚…2023年收到几件？ asks 2023; the story's year is not asked).
 */
function askedYears(slots: Slots, relative?: number): number[] {
  if (slots.text.length < 40 || !slots.years.length) return slots.years;
  const clauses = askingClauses(slots.text);
  const asked = slots.years.filter((y) => clauses.some((c) => c.text.includes(String(y))));
  // (今年第一次负责写年报，…整改措施第三条…: a 今年 of the story is no year asked when no asking clause names one)
  if (!asked.length && relative !== undefined) return slots.years.filter((y) => y !== relative);
  // (the year after the report's is the year its plans are for: 提出了2024年要采取哪几条整改措施)
  if (slots.years.length < 2 || slots.cues.has('improvements')) return slots.years;
  return asked.length ? asked : slots.years;
}

/** Zero negated: the figures that are not zero. */
const NOT_ZERO = /(?:不是|不为|不等于|并非|大于|超过)\s*(?:0|零)|非零|不为空|\bnot (?:zero|0)\b|\bnon-?zero\b|\b(?:above|more than|greater than) (?:zero|0)\b/i;

/** Two agencies pointed back at (这两家, 他俩): words for agencies, not for rows (这两项) or categories (两类). */
const BOTH_AGENCIES = /(?:这|那)?(?:两|2)(?:家|个单位|个局|个部门)|他俩|这俩/;

/** Cues under which every year a long message names takes part (a change, a trend, a sum over years). */
const SEVERAL_YEAR_CUES: readonly CueId[] = ['compare', 'trend', 'previousYear', 'sum', 'times', 'average'];

/** The number just given, pointed at (这个数占…, that figure). */
const THIS_NUMBER = /[这那该此](?:个|一)?(?:数字?|数值|数据)|\b(?:this|that) (?:number|figure)\b/i;

/** The reports other than one named (其余五份报告, 其他几份年报, the other reports). */
const OTHER_REPORTS = /(?:其余|其他|剩下|剩余|另外|别的)的?\s*[\d一二三四五六七八九十两几]*\s*(?:份|个|篇)?(?:报告|年报)|\b(?:other|remaining) (?:\w+ )?reports\b/i;

/** Every report of every year (所有报告, 历年, all the reports) — not one year's reports. */
const EVERY_REPORT = /所有(?:的)?(?:报告|年报)|全部(?:的)?(?:报告|年报)|(?:这|那)(?:几|些)份(?:的)?(?:报告|年报)|历年|每一年|各年|\ball (?:the )?reports\b|\bevery report\b/i;

/** Asking whether there were any (有没有, 收到过…吗, any … ?). */
const HAS_ANY = /有没有|有无|是否有|有过|过[^，,。？?]{0,12}吗|有[^，,。？?]{0,12}吗|\b(?:any|were there|was there|did (?:it|they|the \w+) (?:receive|get|have))\b/i;

/** A count asked for (有的话多少件, how many … did they receive): not a yes-or-no question. */
const HOW_MANY = /多少|几|\bhow (?:many|much)\b/i;

/** Words pointing back at what was just asked (这两项, that row, both of these). */
const POINTS_BACK = /[这那](?:两|几|一|些|\d)?(?:项|个|行|栏|类)|\b(?:that|these|this|those|both)\b/i;

/** Lookups whose follow-up naming only another agency or year is the same question of it. */
const ASKED_AGAIN = new Set<IntentId>(['narrative', 'problems', 'reportFacts', 'contact', 'website', 'breakdown', 'processingFees', 'audit']);
/** What a follow-up says besides the agency or year it names (那…呢, 换成…的). */
const FOLLOW_UP_FRAME = /^(?:那么?|那就|还有|换成|再看看?|再问一下|看看)\s*|\s*(?:的呢|呢|的|怎么样|如何|又如何|的情况)?\s*[?？。!！]*$/g;

/** The previous lookup asked again of the agency or year a follow-up names, or null when it names more. */
function askAgain(q: Normalized, slots: Slots, frame: Frame, directory: AgencyDirectory): Normalized | null {
  if (!frame.question || !ASKED_AGAIN.has(frame.intent) || !onlyReplaces(slots) || slots.columns.length) return null;
  if (!slots.agencies.named && !slots.years.length) return null;
  if ([...slots.cues].some((c) => !QUIET_CUES.includes(c) && c !== 'followUp')) return null;
  const named = q.text.replace(FOLLOW_UP_FRAME, '');
  const asked = withoutAgencyAndYears(frame.question, directory);
  if (!asked || !named) return null;
  // an agency named alone keeps the conversation's year when it has a report for it (else its latest)
  const years = q.years.length ? q.years : slots.agencies.matches.length === 1 && frame.years.length === 1 && slots.agencies.matches[0]!.years.includes(frame.years[0]!) ? frame.years : [];
  const yearWords = !q.years.length && years.length ? `${years[0]}年` : '';
  return { ...q, text: `${named}${yearWords}${asked}`, years };
}

/** A follow-up leans on the conversation: 那…呢, a short question, or one that only replaces a year, agency or column. */
function isFollowUp(slots: Slots, frame: Frame | undefined): boolean {
  // 今天天气怎么样 after a question is a new subject, not its follow-up
  if (!frame || slots.cues.has('offTopic')) return false;
  if (slots.cues.has('followUp') || THIS_NUMBER.test(slots.text)) return true;
  // short junk (qqq, %s%s) carries nothing to replace: it is no follow-up
  if (!carriesSomething(slots)) return false;
  if (slots.text.replace(/[\s?？。!！,，]/g, '').length <= 10) return true;
  // an agency named with words of its own that nothing explained (交通局修了多少公里农村公路) is a new question
  return onlyReplaces(slots) && !(slots.agencies.named && slots.leftovers.length >= 2);
}

/** The question names at least one thing a follow-up could replace or ask: a year, an agency, a cell, a cue. */
const carriesSomething = (s: Slots) => s.years.length > 0 || s.agencies.named || s.rows.length > 0 || s.columns.length > 0 || s.topics.size > 0 || s.cues.size > 0 || s.ordinal !== undefined;

/** The question names no cell, topic or intent of its own: only a year, an agency, a column or a shape. */
function onlyReplaces(slots: Slots): boolean {
  if (slots.rows.length || slots.topics.size || slots.unheld.length) return false;
  const own: CueId[] = ['contact', 'phone', 'address', 'email', 'website', 'websiteAddress', 'download', 'publishDate', 'period', 'documents', 'agencyMeta', 'title', 'sections', 'problems', 'improvements', 'audit', 'form', 'inventory', 'yearsOf', 'countReports', 'missingReports', 'continuity', 'help', 'category', 'share', 'narrative', 'verbatim'];
  return !own.some((c) => slots.cues.has(c));
}

/** Cues that shape a question across reports and carry over to its follow-ups. */
const isShapeCue = (id: string) => ['most', 'least', 'sum', 'average', 'rank', 'rankList', 'zero', 'which', 'trend', 'compare', 'scopeAll', 'respectively'].includes(id);

/** Several agencies fit: the year can settle it, or the conversation's region. */
function narrowCandidates(candidates: AgencyEntry[], years: number[], frame: Frame | undefined, directory: AgencyDirectory): AgencyEntry[] {
  let out = candidates;
  if (out.length > 1 && years.length) {
    const withYear = out.filter((e) => years.every((y) => e.years.includes(y)));
    if (withYear.length === 1) out = withYear;
  }
  if (out.length > 1 && frame?.agency) {
    const region = directory.named(frame.agency)?.region?.name;
    const near = out.filter((e) => region && e.region?.name === region);
    if (near.length === 1) out = near;
  }
  return out;
}

/** The report of the year asked, else the latest; a narrative question about year Y may be answered by the Y−1 report. */
function pickReport(e: AgencyEntry, years: number[], narrativeOnly = false): ReportRef | { missing: number } {
  const asked = years[0];
  const year = asked ?? e.years[e.years.length - 1]!;
  const index = reportOf(e, year);
  if (index !== undefined) return { entry: e, year, index, defaultYear: asked === undefined && e.years.length > 1 };
  if (narrativeOnly && asked !== undefined) {
    const before = reportOf(e, asked - 1);
    if (before !== undefined) return { entry: e, year: asked - 1, index: before, defaultYear: false, movedFrom: asked };
  }
  return { missing: year };
}

/**
 * A word that narrows a cell to a part the form does not count (超限超载的行政处罚, 行政处罚里针对出租车的): written
 * right before the cell's word, or after 里/中, or after 针对/涉及. The agency's own name parts are not qualifiers.
 */
function qualifierOf(slots: Slots, agency: AgencyEntry | undefined): string | null {
  const text = slots.text;
  // words of the rows' own printed labels (属于, 提供, 要求) explain themselves
  const labels = slots.allRows.map((h) => rowLabels(h.value.id)).join('');
  // (in a long message, a word of the asker's story narrows nothing: 导师让我重点关注依申请公开的办理质量…“无法提供”有多少件)
  const asking = text.length >= 40 ? askingClauses(text) : [];
  const inStory = (t: { start: number }) => asking.length > 0 && !asking.some((c) => t.start >= c.start && t.start < c.end);
  const free = slots.tokens.filter((t) => unexplainedContent(slots, t, agency) && /[\u4e00-\u9fff]/.test(t.text) && !labels.includes(t.text) && !inStory(t));
  const qualified = (h: (typeof slots.allRows)[number]) => free.find((t) => {
    // before the cell, only a noun narrows it (出租车的行政处罚); 提出的申请 is a relative clause
    if (t.end <= h.start && QUALIFIER_TAG.test(t.tag) && /^(?:的|类的?|方面的?|领域的?|类型的?)?$/.test(text.slice(t.end, h.start))) return true;
    // two content words run straight into it name a kind of case, whatever their tags (超限超载处罚)
    if (t.end === h.start && free.some((o) => o.end === t.start)) return true;
    // a noun written right after the cell's word makes it a modifier of that noun (第三方评估 is no 第三方 cell)
    if (t.start === h.end && /^(?:n|vn|nz)$/.test(t.tag) && !CELL_NOUNS.test(t.text)) return true;
    // after 里/中, whatever follows picks a part (行政处罚里超限超载的)
    return t.start >= h.end && /^(?:决定)?(?:里|中|里面|当中|之中)[,，、\s]*(?:的)?(?:有|是)?(?:多少|几)?(?:件|个)?(?:是)?(?:针对|涉及|关于)?$/.test(text.slice(h.end, t.start));
  });
  // the same cell named again after 里/中 of itself names a part of it (行政强制里查封扣押的: a kind of measure)
  for (const h of slots.allRows) {
    const inner = slots.allRows.find((o) => o !== h && o.value.id === h.value.id && o.start >= h.end && /^(?:决定)?(?:里|中|里面|当中|之中)(?:的)?(?:有|是)?$/.test(text.slice(h.end, o.start)));
    if (inner) return text.slice(inner.start, inner.end);
  }
  // a cell named once plainly is asked whole, however else it is also named (道路运输经营许可 … 行政许可决定一共几件)
  for (const id of new Set(slots.allRows.map((h) => h.value.id))) {
    const hits = slots.allRows.filter((h) => h.value.id === id);
    const words = hits.map(qualified);
    if (words.every(Boolean)) return words[0]!.text;
  }
  return null;
}
/**
 * 那195件行政处罚里面… / 政策解读那22条都是用什么形式: the asker already has the count and asks about the items
 * behind it — which the form does not describe. The first content word nothing explained is what they ask.
 */
function aboutQuotedItems(slots: Slots, intent: IntentId, agency: AgencyEntry | undefined): string | null {
  if ((intent !== 'value' && intent !== 'breakdown') || !slots.quotedCounts.length || slots.quotedPercents.length) return null;
  // "the N items": the count said with 那/这 before it (a count given as an instruction or a guess is not this)
  // (or the N items "in" which: 公开的22条政策解读里，有几条是…)
  if (!/[那这](?:些)?\s*\d+(?:\.\d+)?\s*[件条个项宗起]|\d+(?:\.\d+)?\s*[件条个项宗起][^，,。？?；;\d]{1,12}(?:里|中|当中|之中)/.test(slots.text)) return null;
  if ([...slots.cues].some((c) => !ITEM_QUESTION_CUES.has(c))) return null;
  // (a token run together with the 中/里 before it — 中以, 中有 — is no word of the question)
  const word = slots.tokens.find((t) => unexplainedContent(slots, t, agency) && /^[\u4e00-\u9fff]+$/.test(t.text) && !/^(?:什么|哪些|多少|几件|几条|几个|别的|其他|这些|那些|超过|多于|少于|大于|小于|以上|以下|最多|最少|单独)$|^[中里]/.test(t.text));
  return word?.text ?? null;
}
/**
 * A category the report's breakdown does not list (法律法规类有多少条, when it counts by channel or by other kinds):
 * the word right before 类 that nothing explained. Told as a part the report does not count, never as the total.
 */
function unlistedCategory(slots: Slots, categories: number[], report: Report | undefined): string | null {
  if (categories.length || !report?.proactive.items.length) return null;
  const word = slots.tokens.find((t) => slots.leftovers.includes(t.text) && /^[\u4e00-\u9fff]{2,8}$/.test(t.text) && slots.text[t.end] === '类');
  return word?.text ?? null;
}

/** Which clause (counted by ？；。) of the question a position is in. */
const clauseIndex = (text: string, at: number) => (text.slice(0, at).match(/[？?；;。]/g) ?? []).length;

/**
 * Each row with the columns of its own clause, when the clauses ask different columns: "行政诉讼共几件？其中未经复议直接
 * 起诉且尚未审结的有几件？" is the lawsuits' total and the direct ones still pending — not pending for both.
 */
function clauseColumns(slots: Slots, rows: string[]): { columnsOf: Record<string, Concept[]> } | {} {
  const asked = askedColumnHits(slots);
  if (slots.rows.length < 2 || !asked.length) return {};
  const columnsOf: Record<string, Concept[]> = {};
  for (const h of slots.rows) {
    if (!rows.includes(h.value.id) || columnsOf[h.value.id]) continue;
    columnsOf[h.value.id] = asked.filter((c) => clauseIndex(slots.text, c.start) === clauseIndex(slots.text, h.start)).map((c) => c.value);
  }
  const sets = Object.values(columnsOf).map((cs) => cs.map((c) => c.id).join());
  return new Set(sets).size > 1 ? { columnsOf } : {};
}

/** How the requests were answered, kind by kind (not only how many were). */
const RESULTS_BY_KIND = /(?:怎么|如何|怎样)(?:答复|处理|办理|回复)|(?:答复|办理|处理)(?:结果|情况)?(?:如何|怎么样|怎样|是什么|有哪些|分别)|都是怎么/;
const RESULT_ROWS = ['applications.granted', 'applications.partiallyGranted', 'applications.withheld', 'applications.unavailable', 'applications.notProcessed', 'applications.otherHandling'];

/**
 * Which rows are the part and which the whole of a share: 予以公开加部分公开占办结申请的比例 (the rows after 占 are the
 * whole), 强制占处罚加强制总数的比例 (the whole adds two), 处罚跟强制这两类里头处罚占多少 (nothing after 占: the part
 * is the row just before it, the whole all the rows named).
 */
function partAndWhole(slots: Slots, rows: string[]): { part: string[]; whole: string[] } | undefined {
  // result rows beside 办理结果总计, however worded (what share of the requests handled were granted): the
  // total is the whole — a result can never hold all results
  if (rows.includes('applications.resultsTotal') && rows.length >= 2 && rows.every((r) => r === 'applications.resultsTotal' || RESULT_ROWS.includes(r))) {
    return { part: rows.filter((r) => r !== 'applications.resultsTotal'), whole: ['applications.resultsTotal'] };
  }
  // (强制相当于处罚的百分之几: what comes after 相当于 is the whole, as after 占)
  const at = slots.text.search(/占|相当于|as a share of|of all|out of/i);
  if (at < 0) return undefined;
  const hits = slots.allRows.filter((h) => rows.includes(h.value.id));
  const unique = (ids: string[]) => [...new Set(ids)];
  const whole = unique(hits.filter((h) => h.start > at).map((h) => h.value.id));
  const before = hits.filter((h) => h.start < at);
  if (whole.length) {
    const part = unique(before.map((h) => h.value.id));
    return part.length ? { part, whole } : undefined;
  }
  // 办结的申请中，予以公开与部分公开…占比: the row the others are "in" is the whole — with the rows joined to it
  // (处罚加强制总数里, 处罚和强制决定的合计中: the two together)
  const ci = hits.findIndex((h) => /^[^，,。？?；;]{0,4}?(?:中|里|当中|之中)|^[”"']?(?:这|那)?(?:两|二|三|四|五|几|\d)(?:个|项|类|者|种)(?:决定|数据|数字)?(?:的)?(?:合计|总数|总和|之和)?(?:中|里|当中|之中)/.test(slots.text.slice(h.end)));
  if (ci >= 0) {
    let first = ci;
    while (first > 0 && /^[“"']?(?:决定数?|数量)?[”"']?\s*(?:和|加|加上|与|跟|及|同|、|\+|＋)\s*[“"']?$/.test(slots.text.slice(hits[first - 1]!.end, hits[first]!.start))) first--;
    const group = hits.slice(first, ci + 1);
    const part = unique(hits.filter((h) => !group.includes(h)).map((h) => h.value.id));
    if (part.length) return { part, whole: unique(group.map((h) => h.value.id)) };
    if (group.length > 1) return undefined; // the whole is clear, the part is not: no share is guessed
  }
  // 处罚和强制，处罚占比多少: a row named again just before 占 is the part of all the rows named
  const last = before[before.length - 1];
  if (last && hits.filter((h) => h.value.id === last.value.id).length > 1) return { part: [last.value.id], whole: unique(hits.map((h) => h.value.id)) };
  // no whole named (予以公开加部分公开…占比多少): results are shares of all results; anything else is not guessed
  const part = unique(hits.map((h) => h.value.id));
  return part.length && part.every((id) => RESULT_ROWS.includes(id)) ? { part, whole: ['applications.resultsTotal'] } : undefined;
}

/** The one column (an applicant, an outcome) the conversation just asked of `row`, and the row's total beside it. */
function columnOfConversation(row: string, frame: Frame | undefined): Concept[] | undefined {
  if (!frame || frame.agencies || frame.rows.length !== 1 || frame.rows[0] !== row) return undefined;
  const asked = [...new Set(frame.columns)];
  if (asked.length !== 1 || asked[0] === 'total') return undefined;
  const column = CONCEPTS.find((c) => c.kind === 'column' && c.id === asked[0]);
  const total = column && CONCEPTS.find((c) => c.kind === 'column' && c.family === column.family && c.id === 'total');
  return column && total ? [column, total] : undefined;
}

/**
 * The whole of a share asked of one row after a question about several: 占这三个的 / 占这两项 names them, and a
 * follow-up (强制那部分占多少) means the rows just asked when the row is one of them.
 */
function shareWithConversation(slots: Slots, row: string, frame: Frame | undefined): { part: string[]; whole: string[] } | undefined {
  const asked = frame?.rows ?? [];
  if (!asked.length || frame?.agencies) return undefined;
  const at = slots.text.search(/占/);
  const these = /(?:这|那|上面|前面|以上)(?:两|二|三|四|五|几|些|\d)?(?:个|项|类|者|种)/;
  // 这两项合计占办结总数的百分比: the rows just asked over the row named after 占
  const named = slots.rows[0];
  const pointed = at >= 0 ? these.exec(slots.text.slice(0, at)) : null;
  if (pointed && named && named.start > at && !asked.includes(row)) {
    // (这两项 after 予以公开 → 部分公开: the row asked before and the one just asked)
    const said = pointed[0].replace(/^(?:这|那|上面|前面|以上)/, '')[0] ?? '';
    const spoken = '两二三四五'.indexOf(said);
    const wanted = /\d/.test(said) ? Number(said) : spoken >= 0 ? Math.max(2, spoken + 1) : 0;
    const both = [...new Set([...(frame?.priorRows ?? []), ...asked])];
    return { part: wanted > asked.length && both.length >= wanted ? both.slice(-wanted) : asked, whole: [row] };
  }
  // 占办结总数多少比例 with nothing before 占: the row just asked, over the row named
  if (at >= 0 && named && named.start > at && /^(?:那|这|它|其|那么|那它)?$/.test(slots.text.slice(0, at).trim()) && !asked.includes(row)) return { part: asked, whole: [row] };
  if (asked.length < 2) return undefined;
  const pointsBack = /占(?:了)?(?:这|那|上面|前面|以上)?(?:两|二|三|四|五|几|\d)(?:个|项|类|者|种)/.test(slots.text);
  if (pointsBack || (asked.includes(row) && !/占.*(?:总|全部|所有|合计)/.test(slots.text))) return { part: [row], whole: asked };
  return undefined;
}

/**
 * 行政处罚里对个人的: applicants or outcomes asked of rows that count neither (a single number) — the word, for the
 * refusal. (The regulation columns' words — 新, 出台, issued — are too common to tell.)
 */
function columnNoRowHas(slots: Slots, rows: string[]): string | null {
  // 总计 is every family's, and several families share column ids: a column is looked up by its own id
  const asked = slots.columns.filter((c) => (c.value.family === 'applicant' || c.value.family === 'outcome') && c.value.id !== 'total');
  if (!asked.length || asked.length !== slots.columns.length || !rows.length) return null;
  const hasColumn = (row: string, column: string) => METRICS.some((m) => (m.rowId === row || m.rowId.startsWith(`${row}.`)) && m.columnKey === column);
  const familyColumns = (family: string) => (family === 'applicant' ? APPLICANT_COLUMNS : OUTCOME_COLUMNS).filter((c) => c.key !== 'total');
  const rowHasFamily = (row: string, family: string) => familyColumns(family).some((c) => hasColumn(row, c.key));
  // a column word in another clause than every cell named (最近公司在整理…，…处罚决定有多少件) is the asker's story
  const clauseOf = (at: number) => slots.text.slice(0, at).split(/[，,。！!？?；;]/).length;
  const near = slots.allRows.length ? asked.filter((c) => slots.allRows.some((h) => clauseOf(h.start) === clauseOf(c.start))) : asked;
  if (!near.length) return null;
  return near.every((c) => !rows.some((r) => rowHasFamily(r, c.value.family!))) ? slots.text.slice(near[0]!.start, near[0]!.end) : null;
}

/** The balance of 表三 as its header states it (normalized numerals: 第1项加第2项…第3项加第4项). */
const BALANCE_FORMULA = /第[1一]项(?:加|\+|＋|和)第[2二]项[^？?。]{0,8}第[3三]项(?:加|\+|＋|和)第[4四]项/;

/** The four rows of 表三's balance named in one question with a word that checks them against each other. */
function asksBalanceByRows(slots: Slots): boolean {
  const rows = new Set(slots.allRows.map((h) => h.value.id));
  return rows.has('applications.newReceived') && rows.has('applications.carriedOver') && rows.has('applications.carriedForward')
    && (rows.has('applications.resultsTotal') || /办结|办理结果|处理结果|办完/.test(slots.text))
    && /等于|相等|对得上|对不上|对上|平衡|吻合|一致|相符|勾稽|持平|match|balance|equal/i.test(slots.text);
}

/** 统计期一共多少天: the days the period the report prints covers (both ends counted). */
function asksPeriodDays(slots: Slots): boolean {
  return slots.cues.has('period') && !slots.cues.has('publishDate') && /多少天|几天|how many days/i.test(slots.text);
}

/** 哪家的年报发布得更早 / which was published later: the publish dates set in order. */
function dateOrderAsked(slots: Slots): { dateOrder?: 'earlier' | 'later' } {
  if (!slots.cues.has('publishDate')) return {};
  if (/早|先(?:发|出|公布)|\bearl(?:y|ier|iest)\b|\bfirst\b/i.test(slots.text)) return { dateOrder: 'earlier' };
  if (/晚|迟|后(?:发|出|公布)|\blater?\b|\blatest\b/i.test(slots.text)) return { dateOrder: 'later' };
  return {};
}

/** 落款日期离统计期截止隔了多少天: the days between two dates the report prints. */
function asksDaysAfterPeriod(slots: Slots): boolean {
  return slots.cues.has('publishDate') && (slots.cues.has('period') || /统计期|截止/.test(slots.text)) && /多少天|几天|隔了|相差|间隔|过了|how many days/i.test(slots.text);
}

/** Whether every row asked sits inside 除了…(以外) — the rows left out, not the ones asked. */
function onlyExcluded(slots: Slots, rows: string[]): boolean {
  const spans = [...slots.text.matchAll(/(?:除了|除去|除开|刨去|刨除|except|other than|besides|apart from|excluding)([^，,。？?；;]*?)(?:以外|之外|外|[，,。？?；;]|$)/gi)].map((m) => [m.index!, m.index! + m[0].length]);
  const hits = slots.rows.filter((h) => rows.includes(h.value.id));
  return hits.length > 0 && hits.every((h) => spans.some(([a, b]) => h.start >= a! && h.end <= b!));
}

/** 一共收到多少件申请，其中个人提的几件 (…, and how many of those came from …): the row asked before 其中, its columns after — the whole and the part. */
function wholeBeforeQiZhong(slots: Slots): boolean {
  const at = slots.text.search(/其中|\b(?:of|among) (?:those|them|which|these)\b/i);
  if (at > 0 && slots.columns.every((c) => c.start > at) && slots.rows.some((h) => h.start < at)) return true;
  // 一共收到多少件申请？自然人提的有几件？ — a first sentence that asks the row's whole, before any column is named
  const end = slots.text.search(/[？?。；;]/);
  return end > 0 && end < slots.text.length - 2 && /一共|总共|共计|总计|合计|总数|共收到|共有/.test(slots.text.slice(0, end))
    && slots.rows.some((h) => h.end <= end) && slots.columns.length > 0 && slots.columns.every((c) => c.start > end);
}

/** A closing clause that asks only for the whole: ？总共多少件？ */
const WHOLE_ASKED_LAST = /[？?；;，,。]\s*(?:那)?(?:总共|一共|总计|合计|共)(?:有|是)?(?:多少|几)(?:件|个)?[？?。]?\s*$/;

/** 几次 / 多少人 / 几场: counting what the prose talks about (the list's own 几条/几项/几点 count its items). */
const COUNT_OF_OTHER_THINGS = /(?:几|多少)\s*(?:次|人|场|期|篇|天|名|家|批|回|元|万元)/;

/** Cues a question about the items behind a count may carry (其中几件, 都是什么, 是不是); any other shapes an answer. */
const ITEM_QUESTION_CUES = new Set<CueId>(['quantity', 'followUp', 'which', 'yesno', 'narrative', 'category', 'respectively', 'documents']);

/** The printed labels of a row (and its sub-rows), joined: their words explain themselves. Built once per row. */
const labelCache = new Map<string, string>();
function rowLabels(rowId: string): string {
  let text = labelCache.get(rowId);
  if (text === undefined) {
    text = METRICS.filter((m) => m.rowId === rowId || m.rowId.startsWith(`${rowId}.`)).map((m) => m.rowLabel + m.name).join('');
    labelCache.set(rowId, text);
  }
  return text;
}

/** Nouns that name a cell's own count or kind (行政处罚案件, 申请数量, 复议结果), not something else it modifies. */
const CELL_NOUNS = /^(?:案件|案子|决定|数量|数目|数字|数据|总数|件数|次数|个数|条数|情况|信息|事项|结果|工作|方面|类别|项目|统计|记录|总计|合计|比例|占比|人数|部分|内容|栏|一栏|格|表格|数值)$/;

/** A content word of the question (two characters or more, not a particle or pronoun) no reader explained, and not a part of the agency's name. */
function unexplainedContent(slots: Slots, t: Slots['tokens'][number], agency: AgencyEntry | undefined): boolean {
  return t.text.length >= 2 && !NOT_CONTENT_TAG.test(t.tag) && slots.coverage.isFree(t.start, t.end) && !FUNCTION_WORDS.has(t.text) && !agency?.agency.includes(t.text);
}

/** Only nouns narrow a cell (出租车, 道路运输); verbs before 的 are relative clauses (提出的申请, 引起的复议). */
const QUALIFIER_TAG = /^(?:n|nz|vn|ns|nt|nr|nrt|nrfg|ng|l|j|an)$/;
/** Numerals, pronouns, conjunctions, prepositions, adverbs, particles: never content. */
const NOT_CONTENT_TAG = /^(?:m|mq|q|r|rr|rz|c|p|d|u|uj|ul|uz|y|f|e|o|zg)$/;


function asksGroupReasons(slots: Slots, rows: readonly string[], english: boolean): boolean {
  if (!rows.some((r) => APPLICATION_GROUPS.some((g) => r === `applications.${g.key}`))) return false;
  return english ? GROUP_REASON_WORDS.en.some((w) => new RegExp(`\\b${w}`, 'i').test(slots.text)) : GROUP_REASON_WORDS.zh.some((w) => slots.text.includes(w));
}

const subsetAttribute = (word: string): UnheldAttribute => ({ id: 'subset', what: 'subset', zh: [word], en: [word] });

/** Whether the question quotes (“…”) words of three characters or more that the prose prints. */
function quotedInProse(text: string, prose: string): boolean {
  return [...text.matchAll(/[“"'‘「]([^”"'’」]{3,40})[”"'’」]/g)].some((m) => prose.includes(m[1]!));
}

/** Details a report's prose may state although the form has no cell for them. */
const PROSE_DETAILS = new Set(['contactChannel', 'traffic', 'satisfaction', 'duration', 'hotline']);

/** A report's prose in one string, built once per report (asked of every question about it). */
const proseCache = new WeakMap<Report, string>();
function proseText(report: Report): string {
  let text = proseCache.get(report);
  if (text === undefined) {
    text = [...report.sections.filter((s) => !['proactive', 'applications', 'review'].includes(s.key)).map((s) => s.text), ...contactLines(report)].join('\n');
    proseCache.set(report, text);
  }
  return text;
}

/** The sentences a report gives its contact in (often in the preamble, which is no section). */
export const contactLines = (r: Report): string[] => [...new Set([r.contact.address, r.contact.phone, r.contact.department, r.contact.email, r.website].map((c) => c?.source.line).filter((l): l is string => !!l))];

/** How many of the question's unexplained words the report's prose contains. */
function proseHits(report: Report, words: string[]): number {
  if (!words.length) return 0;
  const prose = proseText(report);
  return words.filter((w) => w.length >= 2 && prose.includes(w)).length;
}

/** Words of the question the report's contact details contain (an address or number asked about). */
function contactHits(report: Report, slots: Slots): number {
  const c = report.contact;
  const text = [c.address?.value, c.phone?.value, c.department?.value, c.email?.value].filter(Boolean).join(' ').replace(/\s+/g, '');
  if (!text) return 0;
  const digits = (slots.text.match(/\d{3,}/g) ?? []).filter((d) => !slots.years.includes(Number(d)));
  return slots.leftovers.filter((w) => w.length >= 3 && text.includes(w)).length + digits.filter((d) => text.includes(d)).length;
}

/** A column named alone (自然人, 维持, 废止) means its usual row. */
function defaultRowsFor(columns: Concept[]): string[] {
  const family = columns[0]!.family;
  return family === 'applicant' ? ['applications.newReceived'] : family === 'regulation' ? ['regulations.rules', 'regulations.normativeDocs'] : ['review', 'litigation'];
}

function valueOp(cue: (id: CueId) => boolean, rows: number): 'list' | 'sum' | 'difference' | 'ratio' | 'perMonth' | 'perQuarter' | 'share' {
  if (cue('share')) return 'share';
  if (rows === 2 && cue('times')) return 'ratio';
  if (rows >= 1 && cue('perMonth') && cue('average')) return 'perMonth';
  if (rows === 1 && cue('perQuarter')) return 'perQuarter';
  if (rows > 1 && cue('sum') && !cue('share')) return 'sum';
  if (cue('compare') || (rows === 2 && cue('which'))) return 'difference';
  return 'list';
}

function breakdownOp(cue: (id: CueId) => boolean, categories: number, slots: Slots): BreakdownOp {
  // (how many items were NOT policy interpretations: the categories named, left out)
  if (cue('except') || (categories > 0 && slots.english && /\b(?:were|are|was|is)\s+not\b|\bnon-(?=[a-z])/i.test(slots.text))) return 'except';
  if (cue('audit') || (slots.quotedPercents.length && cue('yesno'))) return 'check';
  // (几倍 asked now outranks a 一共 the conversation carries)
  if (categories === 2 && slots.cues.has('times')) return 'ratio';
  if (categories >= 2 && (cue('most') || cue('least')) && !cue('sum')) return cue('most') ? 'most' : 'least';
  if (categories >= 2 && (cue('sum') || cue('share'))) return 'sum';
  // 各类占比加起来: the printed shares added up, which is a check of the breakdown
  if (!categories && cue('share') && cue('sum')) return 'check';
  // 各类条数加起来等于总数吗: the counts added up against the printed total
  if (!categories && cue('sum') && /等于|对得上|对不上|一致|相符|吻合/.test(slots.text)) return 'check';
  if (categories === 2 && cue('compare')) return 'difference';
  if (!categories && cue('perMonth')) return 'perMonth';
  if (categories) return 'items';
  if (cue('most')) return 'most';
  if (cue('least')) return 'least';
  return 'all';
}

/** Report facts asked beside cells (…分别是多少？报告是哪天发布的？). */
function alsoAsked(cue: (id: CueId) => boolean): ReportFact[] {
  return (['publishDate', 'period'] as const).filter((k) => cue(k));
}

function contactParts(cue: (id: CueId) => boolean): ContactPart[] {
  const parts = (['phone', 'address', 'email', 'department'] as const).filter((p) => cue(p));
  return parts.length ? parts : ['department', 'phone', 'address', 'email'];
}

function reportFactsAsked(cue: (id: CueId) => boolean): ReportFact[] {
  const out: ReportFact[] = [];
  if (cue('publishDate')) out.push('publishDate');
  if (cue('period')) out.push('period');
  if (cue('documents')) out.push('documents');
  if (cue('agencyMeta')) out.push('agency');
  if (cue('title')) out.push('title');
  if (cue('reportYear')) out.push('year');
  if (cue('sections')) out.push('sections');
  return out.length ? out : ['sections'];
}

function problemParts(cue: (id: CueId) => boolean): Array<'problems' | 'improvements'> {
  const out: Array<'problems' | 'improvements'> = [];
  if (cue('problems')) out.push('problems');
  if (cue('improvements')) out.push('improvements');
  return out;
}

const range = ([a, b]: [number, number]) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** Does the question speak of reports, disclosure, cells at all (else: off topic)? */
function onTopic(slots: Slots): boolean {
  return slots.rows.length > 0 || slots.topics.size > 0 || slots.agencies.named || slots.cues.has('report') || /公开|申请|复议|诉讼|政府|信息|disclos|report|request/i.test(slots.text);
}

/** Agencies near a name the dataset lacks: same region first, then same department. */
function nearby(name: string, directory: AgencyDirectory): AgencyEntry[] {
  const regions = directory.regionHits(name).flatMap((h) => directory.underRegion.get(h.region.name) ?? []);
  const bodies = [...directory.byBody.keys()].filter((b) => b.length >= 2 && name.includes(b)).flatMap((b) => directory.byBody.get(b) ?? []);
  return [...new Set([...regions, ...bodies])].slice(0, 5);
}

