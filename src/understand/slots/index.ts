/**
 * Stage 3: read slots. Each reader takes the normalized question and the coverage of what earlier readers
 * explained, and returns typed slots: agencies and scope, years, cells (rows and columns), topics, cue words,
 * attributes the form never holds, numbers and ordinals. What no reader explains is kept as leftovers.
 */
import type { Concept } from '../../catalog/vocabulary.js';
import type { CueId } from '../../catalog/cues.js';
import type { UnheldAttribute } from '../../catalog/unheld.js';
import type { AgencyDirectory } from '../agency-directory.js';
import { Coverage, type Hit } from '../match.js';
import type { Normalized } from '../normalize.js';
import { toPinyin } from '../pinyin.js';
import { FUNCTION_WORDS, tagged, type Token } from '../tokenize.js';
import { readAgencies, unheldDepartment, type AgencySlots } from './agencies.js';
import { readNumbers, type NumberSlots } from './numbers.js';
import { QUESTION_WORDS, type WordValue } from './words.js';

export type { Scope, AgencySlots } from './agencies.js';

export interface Slots extends NumberSlots {
  text: string;
  english: boolean;
  agencies: AgencySlots;
  years: number[];
  yearRange?: [number, number];
  /** Row concepts (a cell row, a group of rows, 诉讼), one hit each, in the question's order. */
  rows: Hit<Concept>[];
  /** Every hit of a row concept (a row named twice is here twice). */
  allRows: Hit<Concept>[];
  /** Column concepts (applicant type, regulation column, review outcome). */
  columns: Hit<Concept>[];
  /** Topics that are not cells: 主动公开, 信息处理费. */
  topics: Set<string>;
  cues: Set<CueId>;
  /** Where each cue word stands (a category name read later may hold one: 政府网站信息 is no website question). */
  cueHits: Array<{ cue: CueId; start: number; end: number }>;
  /** Attributes the form never holds (金额 of a count, 人数, 名单 …). */
  unheld: UnheldAttribute[];
  /** Content words nothing explained. */
  leftovers: string[];
  /** The coverage after every reader, for report-specific readers (breakdown categories) to continue. */
  coverage: Coverage;
  /** The question's words (jieba), with their parts of speech. */
  tokens: Array<Token & { tag: string }>;
}

export function readSlots(q: Normalized, directory: AgencyDirectory): Slots {
  const text = q.text;
  const coverage = new Coverage(text);
  const agencies = readAgencies(text, coverage, directory);
  const numbers = readNumbers(text, coverage);
  const pinyin = text.length <= 200 ? toPinyin(text) : null;
  // one segmentation per question, read by every reader after this
  const tokens = tagged(text);
  const boundaries = new Set(tokens.map((t) => t.end));
  // (a cell's word strictly inside one longer word is not said: 法人 in 执法人员; across two words it is: 加强/制总)
  const insideOneWord = (h: { start: number; end: number }) => tokens.some((t) => t.start < h.start && h.end < t.end);
  const hits = QUESTION_WORDS.find(coverage, pinyin, boundaries).filter((h) => h.value.kind !== 'concept' || !insideOneWord(h));
  if (!agencies.unknown) {
    const other = unheldDepartment(text, coverage, [...agencies.matches, ...agencies.compared], directory, tokens);
    if (other) Object.assign(agencies, { unknown: other, named: true, compared: [] });
  }
  const of = <K extends WordValue['kind']>(kind: K) => hits.filter((h): h is Hit<Extract<WordValue, { kind: K }>> => h.value.kind === kind);
  const concepts = of('concept').map((h) => ({ ...h, value: h.value.concept }));
  const strongRows = concepts.filter((h) => h.value.kind === 'row' && h.quality > 0.5);
  // (the processing fee named outright explains the question better than a weak word on the way: 向申请人收的信息处理费)
  const feeNamed = concepts.some((h) => h.value.kind === 'topic' && h.value.id === 'processingFees' && h.quality > 0.5);
  const rows = strongRows.length ? strongRows : feeNamed ? [] : concepts.filter((h) => h.value.kind === 'row');
  const cues = new Set<CueId>([...of('cue').map((h) => h.value.cue), ...numbers.patternCues]);
  if (cues.has('printedCell')) cues.add('quantity'); // what a cell holds is its number
  // 网站上的专栏: something on the website, not its address
  // (哪个网站上公开: which website is asked, not something on it)
  if (/(?:网站|门户|网页)(?:上|里|中)/.test(text) && !/(?:哪个|什么|哪些|哪一个)(?:网站|门户)/.test(text) && !cues.has('websiteAddress')) { cues.delete('website'); cues.add('platform'); }
  return {
    text, english: q.english, agencies, years: q.years, ...(q.yearRange ? { yearRange: q.yearRange } : {}), ...numbers,
    rows: dedupe(rows),
    allRows: rows,
    columns: concepts.filter((h) => h.value.kind === 'column'),
    topics: new Set(concepts.filter((h) => h.value.kind === 'topic').map((h) => h.value.id)),
    cues,
    cueHits: of('cue').map((h) => ({ cue: h.value.cue, start: h.start, end: h.end })),
    unheld: [...new Set(of('unheld').map((h) => h.value.attribute))],
    leftovers: leftovers(tokens, coverage),
    coverage,
    tokens,
  };
}

/** One hit per row concept (the first), keeping the question's order. */
function dedupe(rows: Hit<Concept>[]): Hit<Concept>[] {
  const seen = new Set<string>();
  return rows.filter((h) => (seen.has(h.value.id) ? false : (seen.add(h.value.id), true)));
}

/** Content tokens nothing explained: not covered, not a function word, not punctuation or a number. */
export function leftovers(tokens: readonly Token[], coverage: Coverage): string[] {
  return tokens
    .filter((t) => coverage.isFree(t.start, t.end) && !FUNCTION_WORDS.has(t.text.toLowerCase()) && /[\u4e00-\u9fffA-Za-z]/.test(t.text))
    .filter((t) => !/^[\u4e00-\u9fff]$/.test(t.text) || !'年月日号的了吗呢啊吧呀么个些这那和与及或是在有都也就还把被给从到向中里上下内对为其该本我你他她它们请问查看说写讲提多少几'.includes(t.text))
    .map((t) => t.text);
}

/**
 * The question without the agencies and years it names (平潭2023年存在哪些问题 → 存在哪些问题): what a follow-up that
 * only names another agency or year (沭阳发改呢, 2023年呢) asks again.
 */
export function withoutAgencyAndYears(text: string, directory: AgencyDirectory): string {
  const coverage = new Coverage(text);
  readAgencies(text, coverage, directory);
  let out = '';
  for (let k = 0; k < text.length; k++) if (coverage.isFree(k, k + 1)) out += text[k];
  return out.replace(/(?:19|20)\d{2}\s*(?:年度|年)?/g, '').replace(/^[\s的,，、]+/, '').trim();
}
