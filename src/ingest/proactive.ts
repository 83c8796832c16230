/**
 * 主动公开 in 总体情况: the total and its breakdown by category, in the wordings reports use —
 *   `共主动公开政府信息40条，其中政策解读类信息22条，占55%；…`            (same sentence, 类信息, 占 N%)
 *   `共主动公开政府信息40条。在主动公开的信息中，法律、法规…类信息4条，占10%；机构设置以及工作职责4条，占10%`
 *   `其中工作动态567条、通知公告123条、政策文件45条`                       (、-separated, no 类信息)
 *   a table 类别 | 条数 | 占比 instead of prose.
 * When the total is stated and numbers follow it but no category can be read, the breakdown is `notParsed`
 * (the audit says so) rather than an empty list that looks like "no breakdown".
 */
import type { ProactiveItem, Report } from '../model/schema.js';

const SECTION = '一、总体情况';
const UNIT = '(条|件|篇|个|项)';
const TOTAL = [
  // not "其他应主动公开政府信息856条": that is a category of the breakdown, not its total
  new RegExp(`(?<!应)主动公开(?:各类|各项)?(?:政府)?(?:信息)?(?:数量)?(?:共计|共|合计|总计|总数|达)?(?:为)?(\\d+)${UNIT}`),
  // "全年共审核发布各类公开政府信息249条"
  new RegExp(`(?:共|累计|全年)[^，,。；;\\d]{0,12}?(?:发布|公开|公布)(?:各类|各项)?[^，,。；;\\d]{0,8}?信息(?:共计|共|合计|总计)?(?:为)?(\\d+)${UNIT}`),
];
const PERCENT = '(?:[，,]?\\s*(?:占(?:比|总数|总量|全部|信息总数)?的?(?:为)?\\s*(\\d+(?:\\.\\d+)?)\\s*[%％]|[（(]\\s*(?:占(?:比)?)?\\s*(\\d+(?:\\.\\d+)?)\\s*[%％]\\s*[）)]))?';
const ITEM = new RegExp(`([^，,；;。：:]+?)(?:共|有|计|为)?(\\d+)${UNIT}${PERCENT}`, 'g');
/** `其中10条为政策解读，40条为工作动态`: the count before its category. */
const ITEM_COUNT_FIRST = new RegExp(`(?:^|[，,；;、])(?:其中)?(\\d+)${UNIT}(?:为|是|属于)([^，,；;。：:（(]+)`, 'g');
const LEAD = /^(?:[、，,\s]|其中|包括|含|主要有|主要包括|分别为|分别是|具体为|具体如下|在主动公开的(?:政府)?信息中|按(?:信息)?类别(?:分|划分)?|从类别看|按发布渠道统计|按渠道(?:统计|分)?|从渠道看|主动公开|发布|公开|通过|依托|在|@)+/;
/** Clauses that count something other than a category of disclosed information. */
const NOT_A_CATEGORY = /\d|全年|本年|上年|年内|申请|答复|办理|^受理|受理(?:了|政府信息|依申请)|复议|诉讼|收到|同比|增长|减少|累计|合计|总计/;

type Breakdown = Report['proactive'];

/** Reads the breakdown from 总体情况 (or its 主动公开 sub-section). */
export function proactiveBreakdown(text: string): Breakdown {
  const flat = text.replace(/\s+/g, '');
  // the first total the text states, whichever wording states it
  const total = TOTAL.map((re) => re.exec(flat)).filter((m): m is RegExpExecArray => m !== null).sort((a, b) => a.index - b.index)[0];
  const table = tableBreakdown(text);
  if (!total) {
    if (!table.items.length) return { total: null, items: [], breakdown: 'absent' };
    return { total: table.total, items: table.items, breakdown: 'parsed' };
  }
  const sentences = sentencesAfter(flat, total.index! + total[0].length);
  const source = { section: SECTION, line: (flat.slice(total.index!, total.index! + total[0].length) + sentences.rest + '。' + sentences.next).slice(0, 300) };
  const totalValue = { value: Number(total[1]), unit: total[2]!, source: { section: SECTION, line: sentenceAround(flat, total.index!) } };
  let items = itemsIn(sentences.rest, source);
  // "…312条，重大建设项目类信息280条，…3条。其他应主动公开的政府信息24条。": the next sentence completes the sum
  const sum = (list: ProactiveItem[]) => list.reduce((a, i) => a + i.count, 0);
  if (items.length && sum(items) < totalValue.value) {
    const more = itemsIn(sentences.next, source);
    if (more.length && sum(items) + sum(more) === totalValue.value) items = [...items, ...more];
  }
  // "…9836条，其中区政府门户网站公开6412条": one part of the whole is a sub-count, not a breakdown by category
  if (items.length === 1 && sum(items) < totalValue.value) items = [];
  // "…40条。在主动公开的信息中，…4条，占10%；…": the breakdown is the next sentence, if it is made of categories
  if (!items.length) {
    const next = itemsIn(sentences.next, source);
    if (next.length >= 2 && sum(next) <= totalValue.value) items = next;
  }
  if (!items.length && table.items.length) items = table.items;
  if (items.length) return { total: totalValue, items, breakdown: 'parsed' };
  return { total: totalValue, items: [], breakdown: looksLikeBreakdown(sentences.rest) || looksLikeBreakdown(sentences.next) ? 'notParsed' : 'absent' };
}

/**
 * Whether a sentence after the total lists counts by category that could not be read: a lead word (其中, 分别,
 * 包括, 类) with two numbers or more, or shares in percent — but not a comparison with last year (同比增长12%).
 */
function looksLikeBreakdown(sentence: string): boolean {
  const s = sentence.replace(/[^，,；;。]*(?:同比|较上年|比上年|增长|下降|减少)[^，,；;。]*/g, '');
  const numbers = s.match(/\d+(?:\.\d+)?/g)?.length ?? 0;
  return (numbers >= 2 && /其中|分别|包括|类|涉及/.test(s)) || /\d\s*[%％]/.test(s);
}

/** The rest of the total's sentence and the sentence after it (sub-counts in parentheses removed). */
function sentencesAfter(flat: string, from: number): { rest: string; next: string } {
  const end = flat.indexOf('。', from);
  const rest = flat.slice(from, end < 0 ? from + 400 : end);
  const nextEnd = end < 0 ? -1 : flat.indexOf('。', end + 1);
  const next = end < 0 ? '' : flat.slice(end + 1, nextEnd < 0 ? end + 400 : nextEnd);
  // (a parenthesis that opens with 其中 and counts two things or more is the breakdown itself, not a sub-count:
  // 共公布政府信息2599条，(其中机构职能类信息25条，政策、规范性文件类信息68条，…))
  const dropSubCounts = (s: string) => s.replace(/[（(]([^（）()]*?\d+\s*(?:条|件|篇|个|项)[^（）()]*?)[）)]/g, (_m, inner: string) => (/^其中/.test(inner) && (inner.match(/\d+\s*(?:条|件|篇|个|项)/g) ?? []).length >= 2 ? `，${inner}，` : ''));
  return { rest: dropSubCounts(rest), next: dropSubCounts(next) };
}

function sentenceAround(flat: string, index: number): string {
  const start = flat.lastIndexOf('。', index) + 1;
  const end = flat.indexOf('。', index);
  // the sub-heading the sentence follows ("（一）主动公开方面2023年，…") is not part of it
  return flat.slice(start, end < 0 ? start + 300 : end + 1).replace(/^[（(][一二三四五六七八九十]+[）)][^，,。；;\d]{2,16}?(?:方面|情况)/, '').slice(0, 300);
}

function itemsIn(clauses: string, source: ProactiveItem['source']): ProactiveItem[] {
  const items: ProactiveItem[] = [];
  for (const m of clauses.matchAll(ITEM_COUNT_FIRST)) {
    const category = categoryName(m[3]!);
    if (category) items.push({ category, count: Number(m[1]), unit: m[2]!, percent: null, source });
  }
  if (items.length) return items;
  for (const m of clauses.matchAll(ITEM)) {
    const category = categoryName(m[1]!);
    if (!category) continue;
    const pct = m[4] ?? m[5];
    items.push({ category, count: Number(m[2]), unit: m[3]!, percent: pct ? Number(pct) : null, source });
  }
  return items;
}

/** `其中政策解读类信息` → `政策解读`; `、通知公告` → `通知公告`; a clause that is not a category → null. */
function categoryName(raw: string): string | null {
  // (环境质量信息（空气质量日报月报、…等）: what the parentheses list is an example, not the name)
  const c = raw.replace(/[（(][^（）()]*[）)]/g, '').replace(LEAD, '').replace(/[“”"‘’@]/g, '').replace(/(?:发布|公开)$/, '').replace(/(?:类)?(?:政府)?(?:信息)?$/, '').replace(/的$/, '').replace(/^[、，,]+|[、，,]+$/g, '').trim();
  return c.length >= 2 && c.length <= 30 && !NOT_A_CATEGORY.test(c) ? c : null;
}

/**
 * A breakdown printed as a table: a header row naming the category and count columns (类别/类型/栏目 ·
 * 条数/数量/信息数 · 占比/比例), then one row per category; a 合计/总计 row gives the total.
 */
function tableBreakdown(text: string): { total: Breakdown['total']; items: ProactiveItem[] } {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /[\t|]/.test(l) && /类别|类型|栏目|分类|信息内容|公开内容/.test(l) && /条数|数量|信息数|件数|篇数/.test(l));
  if (header < 0) return { total: null, items: [] };
  const headerCells = cellsOf(lines[header]!);
  const percentColumn = headerCells.findIndex((c) => /占比|比例|百分比/.test(c));
  const items: ProactiveItem[] = [];
  let total: Breakdown['total'] = null;
  for (const line of lines.slice(header + 1)) {
    if (!line.trim()) continue;
    if (!/[\t|]/.test(line)) break;
    const cells = cellsOf(line);
    const category = cells[0]?.replace(/[“”"]/g, '') ?? '';
    const count = cells.slice(1).map((c) => /^(\d+)(?:条|件|篇|个)?$/.exec(c)?.[1]).find((c) => c !== undefined);
    if (!category || count === undefined) continue;
    const pct = percentColumn > 0 ? /^(\d+(?:\.\d+)?)[%％]?$/.exec(cells[percentColumn] ?? '') : cells.slice(1).map((c) => /^(\d+(?:\.\d+)?)[%％]$/.exec(c)).find((m) => m);
    const source = { section: SECTION, line: line.trim().slice(0, 300) };
    if (/^(?:合计|总计|共计|总数)$/.test(category)) { total = { value: Number(count), unit: '条', source }; continue; }
    if (NOT_A_CATEGORY.test(category)) continue;
    items.push({ category: category.replace(/(?:类)?(?:信息)?$/, '') || category, count: Number(count), unit: '条', percent: pct ? Number(pct[1]) : null, source });
  }
  return { total, items };
}

function cellsOf(line: string): string[] {
  const raw = line.includes('\t') ? line.split('\t') : line.trim().replace(/^\||\|$/g, '').split('|');
  return raw.map((c) => c.replace(/\s+/g, '')).filter(Boolean);
}
