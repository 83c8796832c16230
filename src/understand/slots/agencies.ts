/**
 * Slot reader: which agencies a question is about — one (by name, abbreviation, region + department, sound),
 * several side by side (A和B谁多), or a scope (晋城市各部门, 各交通运输局) — and which it names that the dataset
 * lacks. A department the question names is never answered from another department's report.
 */
import { AgencyDirectory, resolveAgency, type AgencyEntry } from '../agency-directory.js';
import type { Coverage } from '../match.js';
import type { Token } from '../tokenize.js';

export interface Scope {
  entries: AgencyEntry[];
  /** 晋城市各部门 / 各交通运输局 / 全部单位 */
  label: string;
  labelEn: string;
  /** A region or department type narrowed it (not the whole dataset). */
  regional: boolean;
}

export interface AgencySlots {
  /** Agencies that fit, best first (several: the question is ambiguous, or names none). */
  matches: AgencyEntry[];
  /** Named in the question but not in the dataset. */
  unknown: string | null;
  /** The question names an agency or a place. */
  named: boolean;
  /** Two or more agencies named side by side, each resolved on its own. */
  compared: AgencyEntry[];
  /** The year written beside each compared agency (沭阳发改局2023年和上海市科委2024年), when one was. */
  comparedYears: Array<number | undefined>;
  scope: Scope;
}

/** Words that end a department's name (as jieba cuts them: 公安局, 卫健委, 人民政府办公室). */
const DEPARTMENT_END = /(?:局|委员会|委|办公室|厅|署|中心|人民政府|管委会)$/;
/** A department suffix alone names no department (委员会 is in 科学技术委员会 and 教育委员会 alike). */
const GENERIC_DEPARTMENT = /^(?:委员会|办公室|人民政府|管委会|中心)$/;
/** Two-character words ending like a department that are not one (全局, 格局). */
const NOT_A_DEPARTMENT = /^(?:[全大格布结当开出骗僵时政残饭赌邮棋书本该我贵此咱这那各哪]局|[主常编党市县区省]委)$/;
/** Not a department: the agency speaking of itself, or a generic mention. */
const SELF_REFERENCE = /^(?:本|我|该|贵|这个|那个|这|那|此|咱|他们|你们|哪个|哪些|各|每个|所有|全部|其他|上级|下级|相关|有关|市直|县直|政府信息公开|信息公开|工作|领导|办公|邮政|服务|政务服务|数据|大数据)/;

export function readAgencies(text: string, coverage: Coverage, directory: AgencyDirectory): AgencySlots {
  const resolved = resolveAgency(text, directory);
  for (const [s, e] of resolved.spans) coverage.take(s, e);
  // several agencies named side by side are each resolved on their own, whatever the whole question reads as
  const { found: compared, years: comparedYears } = agenciesCompared(text, directory);
  const unknown = compared.length >= 2 ? null : resolved.unknown;
  // (the words an unknown reading spanned are the question's own when that reading is dropped: 平潭…行政强制比…)
  if (unknown && resolved.unknownSpan) coverage.take(...resolved.unknownSpan);
  const matches = resolved.matches;
  return { matches, unknown, named: resolved.named || unknown !== null, compared, comparedYears, scope: readScope(text, compared.length ? compared : matches, directory, coverage) };
}

/**
 * A department the question names that the matched agency is not (泽州县公安局 when only 泽州县交通运输局 is
 * held). Runs after every other reader, so words they explained (告上法院, 政府信息公开) are not departments.
 */
export function unheldDepartment(text: string, coverage: Coverage, matches: AgencyEntry[], directory: AgencyDirectory, tokens: readonly Token[]): string | null {
  for (const t of tokens) {
    // jieba may cut a department it does not know into 住 + 建局: a two-character word ending in 局/委 counts too
    const government = t.text === '政府';
    if (!government && (!DEPARTMENT_END.test(t.text) || t.text.length <= 2 && (!/[局委厅署]$/.test(t.text) || NOT_A_DEPARTMENT.test(t.text)))) continue;
    // the department's own name: the unexplained characters that end with this word (教育 + 委员会; 公安局 of
    // 泽州县公安局 read as one word once 泽州县 is a place)
    if (!coverage.isFree(t.end - 1, t.end)) continue;
    let s = t.end;
    while (s > 0 && t.end - s < 10 && coverage.isFree(s - 1, s) && /[\u4e00-\u9fff]/.test(text[s - 1]!) && !/[的了是和与及在对向从把被给为请问我你他她它这那哪个]/.test(text[s - 1]!)) s--;
    // a department whose name holds 和 (发展和改革局) is one name
    const known = directory.departmentSpans(text).find(([from, to]) => to === t.end && from < s && coverage.isFree(from, to));
    if (known) s = known[0];
    const rest = text.slice(s, t.end);
    // …称本局, 我们局: the report speaking of itself, however the words before it run on
    if (/(?:本|我|我们|们|该|贵|此|咱|咱们)(?:局|委|厅|署|办|中心|办公室|科室|科)$/.test(rest)) { coverage.take(s, t.end); continue; }
    // a short word (建局 of 住建局) names a department only with the characters before it
    if (t.text.length <= 2 && rest.length < 3 && !known && !government) continue;
    if (rest.length < 2 || !coverage.isFree(s, t.end) || !DEPARTMENT_END.test(rest) && rest !== '政府' || SELF_REFERENCE.test(rest) || /^(?:局|委|厅|署|中心|办公室)$/.test(rest) || rest === '政府' && !placeBefore(text, s, coverage)) continue;
    // a portal named after a government (泽州县人民政府门户网站) is a website, not an agency asked about
    if (/^\s*(?:门户|官方|政府)?(?:网站|官网|网)|^信息|^工作/.test(text.slice(t.end))) continue;
    // a region's government by its office's name (平潭管委会办公室, 县政府办) is the report the region publishes itself
    if (/^(?:党工委)?(?:管委会|管理委员会|人民政府|政府)(?:办公室|办)?$/.test(rest)) {
      if (matches.some(isRegionGovernment)) {
        coverage.take(s, t.end + (/^(?:办公室|办)/.exec(text.slice(t.end))?.[0].length ?? 0));
        continue;
      }
      // a region's government asked of when only its departments are held (宁川县人民政府 beside 宁川县市场监管局),
      // unless it is named as the owner of a department (泽州县政府的交通局)
      const place = placeBefore(text, s, coverage);
      if (matches.length && place && !/^(?:的|下属的?|所属的?)?[\u4e00-\u9fff]{1,8}?(?:局|委|办)/.test(text.slice(t.end))) return `${place}${rest}`;
    }
    // the matched agency said another way (交通运输局 for 交通局) is the same department
    if (!GENERIC_DEPARTMENT.test(rest) && (matches.some((e) => e.agency.includes(rest) || e.bodyShorts.some((b) => b.includes(rest))) || directory.byBody.has(rest) || directory.bodySoundingLike(rest))) { coverage.take(s, t.end); continue; }
    coverage.take(s, t.end);
    // with the place written before it (泽州县公安局), when that place was read
    return `${placeBefore(text, s, coverage)}${rest}`;
  }
  return null;
}

/** The region publishes as itself: its government or its zone's committee (平潭综合实验区, XX市YY区人民政府). */
function isRegionGovernment(e: AgencyEntry): boolean {
  return !!e.region && (e.agency === e.region.name || /^(?:人民政府|政府|管委会|管理委员会)$/.test(e.body));
}

/** The place read just before a word (泽州县 of 泽州县人民政府), or '' when none was. */
function placeBefore(text: string, at: number, coverage: Coverage): string {
  let from = at;
  while (from > 0 && at - from < 8 && !coverage.isFree(from - 1, from) && /[\u4e00-\u9fff]/.test(text[from - 1]!)) from--;
  return text.slice(from, at);
}

/** Two or more agencies named side by side (A和B谁…), each resolved on its own; [] when fewer than two resolve to one. */
function agenciesCompared(text: string, directory: AgencyDirectory): { found: AgencyEntry[]; years: Array<number | undefined> } {
  // split at connectors, but not inside a department name (人力资源和社会保障局, 发展和改革局)
  const spans = directory.departmentSpans(text);
  const parts: string[] = [];
  let from = 0;
  for (const m of text.matchAll(/和|与|跟|同|及|以及|、|还是|对比|相比|比较|比|加上|占|相当于|是(?=[^，,。？?]{2,30}的(?:几|多少)倍)|[？?；;。,，:：]|\bvs\.?|\band\b|\bor\b|\bplus\b|\bversus\b/gi)) {
    if (spans.some(([s, e]) => m.index > s && m.index < e)) continue;
    parts.push(text.slice(from, m.index));
    from = m.index + m[0].length;
  }
  parts.push(text.slice(from));
  const named = parts.filter((p) => p.trim().length >= 2);
  // one part is the whole question, already resolved: nothing side by side
  if (named.length < 2) return { found: [], years: [] };
  const found: AgencyEntry[] = [];
  const years: Array<number | undefined> = [];
  for (const part of named) {
    const r = resolveAgency(part, directory);
    if (r.unknown || r.matches.length !== 1 || !r.named) continue;
    const e = r.matches[0]!;
    if (found.includes(e)) continue;
    found.push(e);
    const y = /(?<!\d)(20[0-4]\d|199\d)(?!\d)/.exec(part);
    years.push(y ? Number(y[1]) : undefined);
  }
  return found.length >= 2 ? { found, years } : { found: [], years: [] };
}

/** The agencies a question ranges over: a region (晋城市各部门), a department type (各交通运输局), or all. */
function readScope(text: string, named: AgencyEntry[], directory: AgencyDirectory, coverage: Coverage): Scope {
  const hits = directory.regionHits(text);
  let entries = directory.entries;
  const labels: string[] = [];
  if (hits.length) {
    const inRegion = new Set<AgencyEntry>();
    for (const h of hits) {
      for (const e of directory.underRegion.get(h.region.name) ?? []) inRegion.add(e);
      for (const e of directory.regionless) if (e.agency.startsWith(h.word) || e.places.some((p) => p.includes(h.word))) inRegion.add(e);
    }
    // in the directory's order, without a pass over every agency
    entries = directory.inOrder(inRegion);
    labels.push(...hits.map((h) => `${h.region.name}各部门`));
    for (const h of hits) coverage.take(h.index, h.index + h.word.length);
  }
  // learned places (平潭综合实验区 …) scope like regions
  for (const word of directory.learnedPlaces.keys()) {
    const list = directory.learnedPlaces.get(word)!;
    const at = text.indexOf(word);
    if (at < 0 || named.length === 1 && named[0]!.agency.length > word.length && text.includes(named[0]!.agency)) continue;
    const set = new Set(list);
    entries = entries.filter((e) => set.has(e));
    labels.push(`${list[0]!.region!.name}各部门`);
    break;
  }
  // 各交通运输局 / 交通局排名: a department type named without a region narrows to that type
  const bodies: string[] = [];
  for (const b of directory.byBody.keys()) if (b.length >= 3 && text.includes(b)) bodies.push(b);
  if (bodies.length && named.length !== 1) {
    const ofBody = new Set(bodies.flatMap((b) => directory.byBody.get(b) ?? []));
    entries = entries === directory.entries ? directory.inOrder(ofBody) : entries.filter((e) => ofBody.has(e));
    if (labels.length) labels[labels.length - 1] = labels[labels.length - 1]!.replace(/各部门$/, '');
    labels.push(bodies.map((b) => `各${b}`).join('、'));
  }
  const english = [...hits.map((h) => h.region.name), ...bodies].join(' ');
  return { entries, label: labels.join('') || '全部单位', labelEn: english ? `agencies of ${english}` : 'all agencies', regional: labels.length > 0 };
}
