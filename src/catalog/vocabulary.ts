/**
 * The question vocabulary: every word people use for a cell of the form, as concepts the question reader
 * looks for. Rows and columns start from the metric catalog's own labels and aliases (metrics.ts); the words
 * below add what people say instead — colloquial verbs, groups of rows, English. Adding a word is one entry.
 */
import {
  APPLICANT_COLUMNS, APPLICATION_GROUPS, APPLICATION_ROWS, DECISION_ROWS, OTHER_HANDLING_ROW, OUTCOME_COLUMNS,
  REGULATION_COLUMNS, REGULATION_ROWS, REVIEW_BLOCKS,
} from './metrics.js';

export type ConceptKind = 'row' | 'column' | 'topic';
export type ColumnFamily = 'applicant' | 'regulation' | 'outcome';

export interface Concept {
  kind: ConceptKind;
  /** Row: a metric row id (`penalty.decisions`, `applications.newReceived`, `review`) or a group; column: a column key; topic: a named topic. */
  id: string;
  family?: ColumnFamily;
  /** Applicant column keys a column concept stands for (法人或其他组织 = five columns). */
  columns?: readonly string[];
  zh: readonly string[];
  en: readonly string[];
  /** Generic words that count only when nothing more specific matched (申请 alone → new applications). */
  weak?: readonly string[];
}

/**
 * Words people use beyond the printed labels, per row id. Colloquial forms come with their verb (罚了, 批了)
 * so that a bare character never matches inside unrelated words.
 */
const SPOKEN_ROWS: Record<string, { zh: readonly string[]; en?: readonly string[]; weak?: readonly string[] }> = {
  'penalty.decisions': { zh: ['处罚决定', '处罚', '罚了', '罚过', '罚的', '被罚', '罚单', '开罚单', '罚款决定', '罚款'], en: ['penalty decisions', 'punishments', 'fined', 'penalised', 'penalized', 'penalties'] },
  'coercion.decisions': { zh: ['强制了', '强制过', '查封', '扣押', '强制措施', '强制执行'], en: ['coercive', 'compulsory measures'] },
  'licensing.decisions': { zh: ['许可', '批了', '批准', '审批决定', '发证', '发了证', '行政审批'], en: ['licences', 'licence', 'approvals', 'permit'] },
  'fees.amountWan': { zh: ['收费', '收了多少费', '收的费', '收了费', '收费金额', '事业性收费', '行政事业收费'], en: ['fees', 'fee income', 'charges collected'] },
  'regulations.rules': { zh: ['规章'], en: [] },
  'regulations.normativeDocs': { zh: ['规范性文件', '规范文件', '红头文件'], en: ['normative'] },
  'applications.newReceived': { zh: ['新收申请', '收到申请', '收到的申请', '来要信息', '要信息', '申请公开', '依申请公开', '信息公开申请', '公开申请'], en: [], weak: ['申请', '申请数', '收到', 'applications', 'requests', 'application', 'request', 'foi requests', 'information requests', 'disclosure requests'] },
  'applications.resultsTotal': { zh: ['办理结果', '办结', '答复'], en: [], weak: [] },
  'applications.carriedOver': { zh: ['上年结转', '上年度结转', '去年结转'], en: [] },
  'applications.carriedForward': { zh: ['结转下年', '结转到下一年', '转到明年', '还没办完'], en: [] },
  'applications.granted': { zh: ['全部公开', '同意公开', '予以公开'], en: ['granted'] },
};

const GROUP_WORDS: Record<string, { zh: readonly string[]; en?: readonly string[] }> = {
  withheld: { zh: ['不公开', '不予公开', '拒绝公开', '没公开', '不给公开'] },
  unavailable: { zh: ['无法提供', '提供不了', '没法提供'] },
  notProcessed: { zh: ['不予处理', '不处理'] },
  otherHandling: { zh: ['其他处理'] },
};

/** 行政诉讼 as a whole: both kinds of lawsuit. */
const LITIGATION: Concept = {
  kind: 'row', id: 'litigation',
  zh: ['行政诉讼', '诉讼', '起诉', '官司', '打官司', '吃官司', '告上法院', '告到法院', '被告', '被人告', '被人起诉', '被起诉', '上法院', '法院'],
  en: ['lawsuits', 'lawsuit', 'litigation', 'sue', 'sued', 'sues', 'suing', 'court cases', 'court', 'took them to court', 'taken to court'],
};

const REVIEW_WORDS = { zh: ['行政复议', '复议', '被复议', '申请复议'], en: ['reconsideration', 'administrative reconsideration'] };

const ORGANISATIONS: Concept = {
  kind: 'column', family: 'applicant', id: 'organisations', columns: ['commercial', 'research', 'socialOrg', 'legalService', 'otherOrg'],
  zh: ['法人或其他组织', '法人和其他组织', '法人', '单位申请'], en: ['legal persons', 'organizations', 'organisations'],
};

/** Every applicant column at once: 都是哪类申请人的 / by applicant type. */
const EVERY_APPLICANT: Concept = {
  kind: 'column', family: 'applicant', id: 'everyApplicant', columns: APPLICANT_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key),
  zh: ['哪类申请人', '哪些申请人', '什么申请人', '哪种申请人', '申请人类型', '各类申请人', '按申请人', '申请人分类', '申请人构成'], en: ['by applicant type', 'which applicants', 'applicant types', 'types of applicant'],
};

/** Topics that are not cells: they route to their own answers. */
const TOPICS: Concept[] = [
  { kind: 'topic', id: 'processingFees', zh: ['信息处理费', '信息公开处理费', '处理费', '要不要钱', '收不收钱', '收不收费', '掏钱', '信息公开的费用', '公开的费用', '信息公开收费', '公开收费', '信息公开费用', '管我要钱', '要钱吗', '收钱吗', '要不要交钱', '交不交钱', '要不要钱', '要交钱', '交钱吗', '需要交钱', '需要付费', '要付费', '收费吗', '收过费', '收过钱'], en: ['processing fee', 'processing fees'] },
  { kind: 'topic', id: 'proactive', zh: ['主动公开', '主动发布', '主动发', '公开了多少条', '公开了几条', '公开多少条', '公开了多少信息', '发布了多少条', '发了多少条', '发布了多少信息', '政务信息', '公布了多少条', '公布了几条', '公布政府信息', '公布了多少信息', '公布的政府信息', '公布信息'], en: ['proactive', 'proactively', 'proactive disclosures', 'published items'] },
];

/**
 * English words for the 主动公开 categories reports print (each report names its own; these are the usual ones),
 * so an English question can name a category: policy interpretations → 政策解读.
 */
export const CATEGORY_ENGLISH: ReadonlyArray<readonly [RegExp, string]> = [
  [/policy[- ]interpretations?|policy[- ]explanations?/i, '政策解读'],
  [/budgets?(?: and final accounts)?|final accounts/i, '预决算'],
  [/(?:institutional|organi[sz]ational) (?:set-?up|structure)|functions and responsibilities|responsibilities/i, '机构设置'],
  [/laws?(?:,| and) regulations|legal documents|rules and (?:normative )?documents/i, '法律'],
  [/notices|announcements/i, '公告'],
  [/work (?:updates|news)|news/i, '工作动态'],
  [/plans? and (?:programs|programmes)|planning/i, '规划'],
  [/personnel/i, '人事'],
];

/**
 * Channels a report may count its 主动公开 by instead of categories (通过门户网站发布1,284条；微信公众号2,156条):
 * the channel's word in a breakdown item's name, and the shorter words people use for it.
 */
export const PUBLISHING_CHANNELS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['微信公众号', ['公众号', '微信']],
  ['官方微博', ['微博']],
  ['微博', []],
  ['门户网站', ['网站', '官网']],
  ['网站', ['官网']],
  ['政务新媒体', ['新媒体']],
  ['抖音', ['短视频']],
  ['客户端', ['APP', 'app']],
];

const merge = (...lists: Array<readonly string[] | undefined>): string[] => [...new Set(lists.flatMap((l) => l ?? []))];

function buildConcepts(): Concept[] {
  const c: Concept[] = [];
  const row = (id: string, zh: readonly string[], en: readonly string[]) => {
    const spoken = SPOKEN_ROWS[id];
    const weak = spoken?.weak ?? [];
    c.push({ kind: 'row', id, zh: merge(zh, spoken?.zh).filter((w) => !weak.includes(w)), en: merge(en, spoken?.en).filter((w) => !weak.includes(w)), ...(weak.length ? { weak } : {}) });
  };
  for (const r of REGULATION_ROWS) row(`regulations.${r.key}`, r.aliases, r.englishAliases);
  for (const d of DECISION_ROWS) row(d.id, d.aliases, d.englishAliases);
  for (const r of [...APPLICATION_ROWS, OTHER_HANDLING_ROW]) if (r.key !== 'otherHandling') row(`applications.${r.key}`, r.aliases, r.englishAliases);
  for (const g of APPLICATION_GROUPS) c.push({ kind: 'row', id: `applications.${g.key}`, zh: merge(g.aliases, GROUP_WORDS[g.key]?.zh), en: merge(g.englishAliases, GROUP_WORDS[g.key]?.en) });
  for (const b of REVIEW_BLOCKS) c.push({ kind: 'row', id: b.key, zh: b.key === 'review' ? merge(b.aliases, REVIEW_WORDS.zh) : b.aliases, en: b.key === 'review' ? merge(b.englishAliases, REVIEW_WORDS.en) : b.englishAliases });
  c.push(LITIGATION);
  for (const col of APPLICANT_COLUMNS) c.push({ kind: 'column', family: 'applicant', id: col.key, columns: [col.key], zh: col.aliases, en: col.english });
  c.push(ORGANISATIONS, EVERY_APPLICANT);
  for (const col of REGULATION_COLUMNS) c.push({ kind: 'column', family: 'regulation', id: col.key, zh: col.aliases, en: col.english });
  for (const col of OUTCOME_COLUMNS) c.push({ kind: 'column', family: 'outcome', id: col.key, zh: col.aliases, en: col.english });
  c.push(...TOPICS);
  return c;
}

export const CONCEPTS: readonly Concept[] = buildConcepts();

/** Every Chinese word of the vocabulary, for the tokenizer's user dictionary. */
export function vocabularyWords(): string[] {
  return merge(...CONCEPTS.map((c) => c.zh), ...CONCEPTS.map((c) => c.weak)).filter((w) => w.length >= 2);
}
