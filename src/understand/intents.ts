/**
 * The declared intent table: for each intent, what it needs from the question and which cues point to it, as a
 * score. The understanding stage scores every intent on the question's features and takes the best; adding an
 * intent is one row here, one module in src/answer/ and its sentences in src/words/.
 */
import type { CueId } from '../catalog/cues.js';

export const INTENT_IDS = [
  'help', 'smalltalk', 'value', 'breakdown', 'contact', 'website', 'reportFacts', 'form', 'narrative', 'problems',
  'processingFees', 'audit', 'source', 'card', 'compareYears', 'trend', 'compareAgencies', 'rank', 'scopeSum', 'zeroes',
  'inventory', 'yearsOf', 'countReports', 'missingReports', 'continuity', 'errorsAcross', 'unheld', 'clarify', 'refuse',
  'notUnderstood',
] as const;
export type IntentId = (typeof INTENT_IDS)[number];

/** What the intent table reads of a question (after a follow-up has borrowed from the conversation). */
export interface Features {
  cue: (id: CueId) => boolean;
  /** Row concepts named (cells). */
  rows: number;
  /** Column concepts named without a row. */
  columns: number;
  proactive: boolean;
  processingFees: boolean;
  /** A 主动公开 category of the report is named (政策解读类). */
  categories: number;
  /** Agencies named side by side. */
  compared: number;
  /** One agency is meant (named, or the only one). */
  single: boolean;
  /** The question names an agency or place (or the conversation's agency stands in). */
  named: boolean;
  /** This question itself names an agency or place. */
  namedHere: boolean;
  /** A region or department type scopes it, or 各部门/全市 is said. */
  across: boolean;
  /** The dataset holds more than one agency. */
  manyAgencies: boolean;
  years: number;
  yearRange: boolean;
  itemN: boolean;
  sectionN: boolean;
  quotedPercents: number;
  /** The report has a sub-section of 总体情况 named in the question (依申请公开, 平台建设 …). */
  subsection: boolean;
  /** Content words nothing explained. */
  leftovers: number;
  /** Of those, how many the report's prose contains (a question about its text). */
  proseHits: number;
  /** Of those, how many the report's contact details contain (新市西街455号是哪个单位). */
  contactHits: number;
  /** Words for something the form never holds (金额, 编制人数, 计划公开多少): content, though no cell answers it. */
  unheld: number;
  english: boolean;
  /** 表二/表三/表四 named. */
  tableN: boolean;
  /** A follow-up after the conversation moved from one year to another. */
  priorYear: boolean;
  /** The conversation's intent, when this question follows up on it. */
  previous: IntentId | undefined;
  /** 第N条 said (an item of a list). */
  ordinal: boolean;
  /** Cue words other than 报告/年报 and follow-up words. */
  cueCount: number;
  /** The conversation's last answer was about cells (for "这个数出自哪里"). */
  frameHasCells: boolean;
}

type Score = (f: Features) => number;

/** Cues that carry no question of their own (politeness, 报告, 那…呢, a call for help): left out of `cueCount`. */
export const QUIET_CUES: readonly CueId[] = ['report', 'followUp', 'greeting', 'thanks', 'help', 'printedCell'];

const any = (f: Features, ...cues: CueId[]) => cues.some((c) => f.cue(c));
const measure = (f: Features) => f.rows > 0;
/** 问题/整改 asked of the report, not a number (主动公开方面的不足 is a problem, not the breakdown). */
const asksProblems = (f: Features) => any(f, 'problems', 'improvements');
const hasContent = (f: Features) => f.rows > 0 || f.unheld > 0 || f.proactive || f.processingFees || f.categories > 0 || f.leftovers > 0 || f.cueCount > 0 || f.itemN || f.tableN || f.sectionN;
const reportFacts: CueId[] = ['publishDate', 'period', 'documents', 'agencyMeta', 'title', 'reportYear', 'sections'];
const contactCues: CueId[] = ['contact', 'phone', 'address', 'email', 'department'];

/** Each intent's score; 0 means it does not apply. Ties go to the intent listed first. */
export const INTENT_TABLE: ReadonlyArray<{ id: IntentId; score: Score }> = [
  // a greeting or thanks alone; wrapped around a question ("您好…麻烦查一下，谢谢") it is only politeness
  { id: 'help', score: (f) => (f.cue('help') && !hasContent(f) ? 10 : f.cue('greeting') && !hasContent(f) && !f.named ? 9 : 0) },
  { id: 'notUnderstood', score: (f) => (f.cue('offTopic') && !f.rows ? 9 : 0) },
  { id: 'smalltalk', score: (f) => (f.cue('thanks') && !hasContent(f) ? 9 : 0) },
  // across reports
  { id: 'continuity', score: (f) => (f.cue('continuity') ? 9 : 0) },
  { id: 'errorsAcross', score: (f) => (f.cue('audit') && f.cue('which') && f.cue('report') && f.manyAgencies && !f.single ? 8.5 : 0) },
  { id: 'inventory', score: (f) => (f.cue('inventory') && !f.rows ? 8 : 0) },
  { id: 'yearsOf', score: (f) => ((f.cue('yearsOf') || f.cue('countReports')) && f.single && f.named && !f.rows ? 8 : 0) },
  { id: 'countReports', score: (f) => (f.cue('yearsOf') && !f.single && !f.rows ? 8.3 : f.cue('countReports') && !f.rows && !f.cue('documents') ? 7.5 : 0) },
  { id: 'missingReports', score: (f) => (f.cue('missingReports') && !f.rows && f.manyAgencies && !(f.single && f.named) ? 8.2 : 0) },
  { id: 'compareAgencies', score: (f) => (measure(f) && f.compared >= 2 ? 8 : 0) },
  { id: 'zeroes', score: (f) => (measure(f) && f.cue('zero') && (f.cue('which') || f.cue('rank')) && f.manyAgencies && (f.across || !f.single) ? 7.8 : 0) },
  { id: 'rank', score: (f) => (measure(f) && f.manyAgencies && (f.across || !f.named) && (f.cue('rank') || f.cue('rankList') || ((f.cue('most') || f.cue('least')) && (f.cue('which') || f.across))) && !f.single ? 7.5 : 0) },
  { id: 'scopeSum', score: (f) => (measure(f) && f.manyAgencies && (f.across || (!f.named && f.cue('scopeAll'))) && (f.cue('sum') || f.cue('average')) && !f.single ? 7.4 : 0) },
  // one agency over years
  { id: 'trend', score: (f) => (measure(f) && f.single && (f.yearRange || f.years >= 3 || (f.cue('trend') && f.years !== 1) || (f.years !== 1 && (f.cue('most') || f.cue('least')) && f.cue('which')) || (f.years === 2 && f.cue('respectively') && !f.cue('compare'))) ? 7 : 0) },
  { id: 'compareYears', score: (f) => (measure(f) && f.single && f.cue('compare') && (f.years >= 2 || f.cue('previousYear') || f.priorYear) ? 7.2 : 0) },
  // one report
  // 电话出现了几次、是否一致 checks the contact lines, not the tables
  { id: 'audit', score: (f) => (f.cue('audit') && !(any(f, 'phone', 'address', 'email') && !f.rows) ? 6.5 : 0) },
  { id: 'processingFees', score: (f) => (f.processingFees ? 6.8 : 0) },
  // where the last answer's numbers stand (an answer about cells cites them itself)
  { id: 'source', score: (f) => (f.cue('source') && !f.rows && f.frameHasCells && !f.cue('documents') ? 6.6 : 0) },
  { id: 'form', score: (f) => ((f.cue('articleItem') || f.cue('cellCount')) && (f.rows || f.tableN) ? 6.9 : f.cue('form') && !any(f, 'quantity', 'sum', 'yesno') && !(f.cue('verbatim') && (f.subsection || f.english)) && (f.itemN || f.tableN || f.rows > 0 || f.columns > 0 || f.cue('category') || f.cue('audit')) ? 6.7 : (f.itemN || f.tableN) && !f.rows && !any(f, 'quantity', 'audit', 'yesno') ? 6 : 0) },
  // a phone, address or e-mail asked outright outweighs a row named on the way (给申请人发信息用的邮箱是什么)
  { id: 'contact', score: (f) => ((any(f, ...contactCues) || f.contactHits > 0) && !f.rows && !f.proactive ? 6.2 : any(f, 'phone', 'address', 'email') && !f.proactive && !any(f, 'quantity', 'sum', 'share') ? 5.8 : 0) },
  { id: 'website', score: (f) => (f.cue('websiteAddress') && !f.rows ? 6.3 : f.cue('quantity') || (f.proactive && f.cue('sum')) ? 0 : f.cue('download') && !f.rows ? 6.5 : f.cue('website') && !f.rows ? 6.1 : f.cue('platform') && f.english && !f.rows ? 6 : 0) },
  // the documents a report cites are asked for by name (《方案》指什么); that outweighs where to read them
  // (整改措施…每条的标题: the titles of the list's items, not the report's)
  { id: 'reportFacts', score: (f) => (any(f, ...reportFacts) && !f.rows && !f.proactive && !f.categories && !(asksProblems(f) && reportFacts.every((c) => !f.cue(c) || c === 'title')) ? (f.cue('documents') ? 6.6 : 6) : f.sectionN && !f.rows && !asksProblems(f) ? 6 : 0) },
  { id: 'value', score: (f) => (measure(f) ? 5 + (any(f, 'quantity') ? 0.5 : 0) : 0) },
  // a table named with one of its rows (表二里行政规范性文件) asks the table, whatever the prose's breakdown quoted beside it
  { id: 'breakdown', score: (f) => (f.tableN && f.rows ? 0 : f.previous === 'breakdown' && !f.rows && any(f, 'except', 'sum', 'share', 'most', 'least', 'compare') ? 5.5 : asksProblems(f) && !any(f, 'quantity', 'share', 'category', 'sum') ? 0 : f.categories ? 5.6 : f.proactive ? (f.proseHits && f.cue('narrative') && !any(f, 'quantity', 'share', 'category', 'sum', 'most', 'least') ? 3.5 : 5.4 + (any(f, 'share', 'category') ? 0.5 : 0)) : (f.cue('category') || (f.cue('share') && f.leftovers < 3)) && !f.rows ? 5.2 : 0) },
  // 第二条 of a list outweighs the words around it (整改措施第二条的标题)
  // …是第几个问题: where an item stands in the problems or measures list, whatever else it names
  { id: 'problems', score: (f) => (f.cue('position') && asksProblems(f) ? 7.5 : (asksProblems(f) || (f.ordinal && !f.tableN)) && !f.rows && !(f.proactive && any(f, 'quantity', 'share', 'category')) ? 6 + Math.min(f.proseHits, 2) * 0.3 + (f.ordinal && asksProblems(f) ? 1 : 0) : 0) },
  // the report's prose: a named sub-section, or words of the question that the prose contains
  { id: 'narrative', score: (f) => (f.subsection && !any(f, 'quantity', 'share') ? 6.3 : f.rows && !f.cue('verbatim') ? 0 : (f.cue('narrative') || f.cue('verbatim') || f.cue('yesno') || f.cue('which') || f.proseHits ? 3 : 0) + Math.min(f.proseHits, 3) * 1.1) },
  // a bare agency name: nothing asked but the agency
  { id: 'card', score: (f) => (f.namedHere && f.single && !f.rows && !f.proactive && !f.leftovers && f.cueCount === 0 ? 2.5 : 0) },
];
