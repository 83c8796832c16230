/**
 * Which report a question is about: agency (full names, abbreviations, region + type, homophones)
 * and year, with the conversation's context filling what the question leaves out.
 */
import { AGENCY_ABBREVIATIONS, DEPARTMENT_ALSO_CALLED, ENGLISH_DEPARTMENTS, ENGLISH_ZONES, TOWNSHIP_OFFICES } from '../catalog/agencies.js';
import { regionOfAgency, regionsMentioned, type Region } from '../catalog/regions.js';
import { spoken, toPinyin, type Spoken } from './pinyin.js';
import { tokenize } from './tokenize.js';

export interface AgencyEntry {
  agency: string;
  region: Region | null;
  /** The name without its region (交通运输局). */
  body: string;
  /** Short forms of the body (交通局, 交运局). */
  bodyShorts: string[];
  /** Words from the report that place it (region chain, address), for accepting parent-region mentions. */
  places: string[];
  years: number[];
  /** The dataset index of each year's report, aligned with `years`. */
  reports: number[];
}

/** The dataset index of an agency's report for a year, without a lookup by name. */
export function reportOf(e: AgencyEntry, year: number): number | undefined {
  const j = e.years.indexOf(year);
  return j < 0 ? undefined : e.reports[j];
}

/**
 * The year an agency named beside another is answered in: the one written beside it, else the first agency's year
 * when it has a report for it, else its latest.
 */
export function yearBeside(e: AgencyEntry, written: number | undefined, firstYear: number): number {
  return written ?? (e.years.includes(firstYear) ? firstYear : e.years[e.years.length - 1]!);
}

/** What agency resolution needs to know of a report (an index entry or a full report). */
export interface ReportKey { agency: string; year: number; address: string | null }

/** Reports as columns (a dataset view): agency, year and address of report i. */
export interface ReportKeys { readonly size: number; agencyOf(i: number): string; yearOf(i: number): number; addressOf(i: number): string | null }

const keysOfList = (reports: ReportKey[]): ReportKeys => ({
  size: reports.length, agencyOf: (i) => reports[i]!.agency, yearOf: (i) => reports[i]!.year, addressOf: (i) => reports[i]!.address,
});

/** Agencies of the reports, each with its years; `reports` must be in dataset order (their positions are the indices). */
export function agencyEntries(list: ReportKey[] | ReportKeys): AgencyEntry[] {
  const reports = Array.isArray(list) ? keysOfList(list) : list;
  const by = new Map<string, AgencyEntry>();
  // thousands of agencies share a few dozen department names: their short forms are worked out once per name
  const shortsOf = new Map<string, string[]>();
  for (let index = 0; index < reports.size; index++) {
    const agency = reports.agencyOf(index);
    let e = by.get(agency);
    if (!e) {
      const region = regionOfAgency(agency) ?? learnedRegion(agency);
      // after the region, which may follow its city (晋城市城区住房和城乡建设局 → 住房和城乡建设局)
      const body = region ? agency.slice(agency.indexOf(region.name) + region.name.length) : agency;
      let shorts = shortsOf.get(body);
      if (!shorts) shortsOf.set(body, (shorts = bodyShortsOf(body)));
      e = { agency, region, body, bodyShorts: [...shorts], places: [...(region?.chain ?? [])], years: [], reports: [] };
      by.set(agency, e);
    }
    const address = reports.addressOf(index);
    if (address && !e.places.includes(address)) e.places.push(address);
    e.years.push(reports.yearOf(index));
    e.reports.push(index);
  }
  for (const e of by.values()) {
    // reports in dataset order are already by year for each agency: sorting is then only a check
    if (e.years.every((y, j) => j === 0 || e.years[j - 1]! <= y)) continue;
    const order = e.years.map((_, j) => j).sort((a, b) => e.years[a]! - e.years[b]!);
    e.years = order.map((j) => e.years[j]!);
    e.reports = order.map((j) => e.reports[j]!);
  }
  return [...by.values()];
}

/** Short forms of a full name (交通运输局 → 交通局), and the full form of a name written short (上海市科委 → 科学技术委员会). */
function bodyShortsOf(body: string): string[] {
  return [
    ...AGENCY_ABBREVIATIONS.filter(([short, full]) => body.endsWith(full) && short !== full).map(([short, full]) => body.slice(0, -full.length) + short),
    ...AGENCY_ABBREVIATIONS.filter(([short, full]) => body.endsWith(short) && !body.endsWith(full)).map(([short, full]) => body.slice(0, -short.length) + full),
    ...DEPARTMENT_ALSO_CALLED.filter(([full]) => body.endsWith(full)).flatMap(([full, others]) => others.map((o) => body.slice(0, -full.length) + o)),
    ...townshipShorts(body),
  ];
}

/** 望澜街道办事处 → 望澜街道, 望澜街道办, 望澜办事处: the place's own name (two characters at least) keeps it apart. */
function townshipShorts(body: string): string[] {
  for (const [full, others] of TOWNSHIP_OFFICES) {
    const place = body.slice(0, -full.length);
    if (body.endsWith(full) && place.length >= 2 && /^[\u4e00-\u9fff]+$/.test(place)) return others.map((o) => place + o);
  }
  return [];
}

/**
 * Places the national gazetteer lacks (综合实验区, 新区, 开发区, 高新区 …) are regions all the same: learned from the
 * dataset's own agency names, with the short forms people use (平潭综合实验区 → 平潭, 平潭区, 平潭实验区).
 */
const LEARNED_REGION = /^([\u4e00-\u9fff]{2,6}?)(综合实验区|经济技术开发区|高新技术产业开发区|经济开发区|高新区|开发区|新区|实验区|示范区|管理区|工业园区)/;

/**
 * A county or district the gazetteer does not list (a new or renamed one), written before a department: the
 * place is the name up to its level suffix, under the city written before it (XX市YY区人民政府 → YY区 in XX市).
 */
const UNLISTED_PLACE = /^(?:([\u4e00-\u9fff]{2,4}?(?:市|州|盟)))?([\u4e00-\u9fff]{2,3}?(?:县|区|旗|市))(?=[\u4e00-\u9fff]{2,}(?:局|委员会|委|办公室|办事处|厅|署|中心|政府|管委会)$)/;

export function learnedRegion(agency: string): Region | null {
  const m = LEARNED_REGION.exec(agency);
  if (!m) return unlistedPlace(agency);
  const [name, place, kind] = [m[0], m[1]!, m[2]!];
  const shorts = [place, `${place}区`, ...(kind.length > 3 ? [`${place}${kind.slice(-3)}`] : [])].filter((s) => s !== name);
  return { name, short: place, level: 'county', chain: [name], aliases: shorts };
}

function unlistedPlace(agency: string): Region | null {
  const m = UNLISTED_PLACE.exec(agency);
  if (!m) return null;
  const [city, name] = [m[1], m[2]!];
  const short = name.slice(0, -1);
  return { name, short, level: 'county', chain: city ? [name, city] : [name], aliases: [short] };
}

/** Agencies a mention of the question reached: a department's (`body`: every one bears that department's name) or a place's. */
export interface CandidateList { list: AgencyEntry[]; body: boolean }

export interface AgencyResolution {
  /** Agencies that fit what the question says, best first. */
  matches: AgencyEntry[];
  /** The question names an agency or region the dataset does not hold. */
  unknown: string | null;
  /** The question named an agency at all. */
  named: boolean;
  /** Where the question names agencies, places and departments (explained words). */
  spans: Array<[number, number]>;
  /** Where the unknown agency is named (explained only when that reading is kept). */
  unknownSpan?: [number, number];
}

/** What follows a place's short name when it names an agency or a place (陵川交通局, 阳城的公安局, 比如县). */
const SHORT_PLACE_BEFORE_AGENCY = /^[\u4e00-\u9fa5]{0,8}?(?:局|委员会|委|办公室|厅|署|中心|政府|县|市|区|州|盟|旗)/;
/** A department's website (泽州县人民政府门户网站) is where a report is found, not the agency asked about. */
const NAMES_A_WEBSITE = /(?:政府|局|委|办)(?:门户)?(?:网站|官网)/;
const AGENCY_WORD = /([\u4e00-\u9fa5]{1,10}?(?:运输局|交通局|交运局|公安局|财政局|[^\s，,。？?的了在]{1,6}(?:局|委员会|委|办公室|厅|署|中心|政府)))/;

/**
 * Agencies indexed by what people type: the body (交通运输局, 交通局), the region (泽州县, 泽州) and the parent
 * regions. Resolution scores only the agencies whose body or region the question mentions, so it costs the
 * number of distinct bodies and regions, not the number of agencies.
 */
export class AgencyDirectory {
  readonly byBody = new Map<string, AgencyEntry[]>();
  readonly byRegion = new Map<string, AgencyEntry[]>();
  /** Agencies under a region at any level (晋城市 → every department of the city and its counties). */
  readonly underRegion = new Map<string, AgencyEntry[]>();
  /** Agencies whose name starts with no known region (平潭综合实验区…): matched by their leading characters. */
  readonly regionless: AgencyEntry[] = [];
  /** Places learned from agency names (平潭综合实验区, 平潭区 …), which the gazetteer scan cannot see. */
  readonly learnedPlaces = new Map<string, AgencyEntry[]>();

  /** Each entry's position in `entries`. */
  private readonly position = new Map<AgencyEntry, number>();

  constructor(readonly entries: AgencyEntry[]) {
    entries.forEach((e, i) => {
      this.position.set(e, i);
      this.byName.set(e.agency, e);
      const first = e.agency[0] ?? '';
      const lengths = this.nameLengths.get(first);
      if (!lengths) this.nameLengths.set(first, [e.agency.length]);
      else if (!lengths.includes(e.agency.length)) lengths.push(e.agency.length);
    });
    // shortest first, so names are found in the order a scan by growing length finds them
    for (const lengths of this.nameLengths.values()) lengths.sort((a, b) => a - b);
    const add = (map: Map<string, AgencyEntry[]>, key: string | null | undefined, e: AgencyEntry) => {
      if (!key || key.length < 2) return;
      const list = map.get(key);
      if (!list) map.set(key, [e]);
      else if (list[list.length - 1] !== e) list.push(e);
    };
    for (const e of entries) {
      for (const b of [e.body, ...e.bodyShorts]) add(this.byBody, b, e);
      if (!e.region) { this.regionless.push(e); continue; }
      add(this.byRegion, e.region.name, e);
      add(this.byRegion, e.region.short, e);
      for (const alias of e.region.aliases ?? []) add(this.byRegion, alias, e);
      if (e.region.aliases) for (const w of [e.region.name, e.region.short, ...e.region.aliases]) if (w) add(this.learnedPlaces, w, e);
      for (const name of e.region.chain) add(this.underRegion, name, e);
    }
  }

  /** Each agency by its full name. */
  private readonly byName = new Map<string, AgencyEntry>();
  /** The lengths of the agencies' names by their first character (a few per character). */
  private readonly nameLengths = new Map<string, number[]>();

  /**
   * The agencies' full names a text contains — each text's substrings looked up, instead of searching the text for
   * each of the thousands of agencies that share a department's name.
   */
  namesIn(text: string): Set<string> {
    // (only the lengths some name starting with the character has: every length up to the longest name made
    // hundreds of throwaway substrings per question)
    const found = new Set<string>();
    for (let i = 0; i < text.length; i++) {
      for (const n of this.nameLengths.get(text[i]!) ?? []) {
        if (i + n > text.length) continue;
        const name = text.slice(i, i + n);
        if (this.byName.has(name)) found.add(name);
      }
    }
    return found;
  }

  /** The agency of exactly this name (what a search of `entries` by name finds). */
  named(name: string): AgencyEntry | undefined { return this.byName.get(name); }

  /** The agencies of these names, in the order of `entries` (what filtering `entries` by name gives). */
  allNamed(...names: string[]): AgencyEntry[] {
    return this.inOrder(new Set(names.map((n) => this.byName.get(n)).filter((e): e is AgencyEntry => e !== undefined)));
  }

  /** Some of the entries, in the order of `entries` (what filtering `entries` by membership gives). */
  inOrder(some: Set<AgencyEntry>): AgencyEntry[] {
    // positions sorted as numbers (a region of a large dataset holds thousands of agencies: a comparator that
    // looks both up in a map was most of a scoped question's time)
    const at = new Int32Array(some.size);
    let k = 0;
    for (const e of some) {
      const i = this.position.get(e);
      if (i === undefined) return [...some].sort((a, b) => this.position.get(a)! - this.position.get(b)!);
      at[k++] = i;
    }
    at.sort();
    return Array.from(at, (i) => this.entries[i]!);
  }

  /**
   * Regions a text mentions, minus those that are really part of a department name: 资源县's short 资源 in
   * 人力资源和社会保障局, 公安县's 公安 in 公安局.
   */
  regionHits(text: string): ReturnType<typeof regionsMentioned> {
    // asked of one question's text by resolution and again by its scope (and of the parts it compares between)
    const recent = this.recentRegionHits.get(text);
    if (recent) return recent;
    const hits = this.findRegionHits(text);
    if (this.recentRegionHits.size >= 4) this.recentRegionHits.delete(this.recentRegionHits.keys().next().value as string);
    this.recentRegionHits.set(text, hits);
    return hits;
  }

  private readonly recentRegionHits = new Map<string, ReturnType<typeof regionsMentioned>>();

  private findRegionHits(text: string): ReturnType<typeof regionsMentioned> {
    const spans = this.departmentSpans(text);
    const hits = regionsMentioned(text).filter((h) => !spans.some(([s, e]) => h.index >= s && h.index + h.word.length <= e && !(h.word === h.region.name && h.index === s)) && !this.joinedByConnector(text, h));
    if (!hits.length) return hits;
    // a place name never starts inside a word: 道县 in 想知道县交通局 is 知道 + 县
    const words = tokenize(text);
    // nor ends inside one: 和政 in 和政协提案 is 和 + 政协
    const end = (h: { index: number; word: string }) => h.index + h.word.length;
    return hits.filter((h) => !words.some((t) => (t.start < h.index && t.end > h.index && t.end < end(h)) || (t.start > h.index && t.start < end(h) && t.end > end(h))));
  }

  /** The first learned place a text names (平潭, 平潭综合实验区 …), longest at a position first. */
  learnedPlaceIn(text: string): { index: number; word: string } | undefined {
    let found: { index: number; word: string } | undefined;
    for (const word of this.learnedPlaces.keys()) {
      const index = text.indexOf(word);
      if (index >= 0 && (!found || index < found.index || index === found.index && word.length > found.word.length)) found = { index, word };
    }
    return found;
  }

  /** 和平 in "平潭综合实验区和平潭审批局" is 和 + 平潭: a connector before a place the dataset knows. */
  private joinedByConnector(text: string, h: { word: string; index: number }): boolean {
    if (!'和与及跟同'.includes(h.word[0]!)) return false;
    const rest = text.slice(h.index + 1);
    return [...this.byRegion.keys(), ...this.learnedPlaces.keys(), ...this.byBody.keys()].some((w) => w.length >= 2 && rest.startsWith(w));
  }

  /** Where department names (交通运输局, 人力资源和社会保障局 …) stand in a text. */
  departmentSpans(text: string): Array<[number, number]> {
    // asked several times of one question (resolution, regions, scope): the last answer is kept
    if (text === this.lastSpans?.text) return this.lastSpans.spans;
    const spans = this.findDepartmentSpans(text);
    this.lastSpans = { text, spans };
    return spans;
  }

  private lastSpans?: { text: string; spans: Array<[number, number]> };

  private findDepartmentSpans(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    const mark = (word: string) => {
      for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) spans.push([i, i + word.length]);
    };
    for (const b of this.byBody.keys()) if (b.length >= 3) mark(b);
    for (const [short, full] of AGENCY_ABBREVIATIONS) { mark(short); mark(full); }
    return spans;
  }

  /**
   * Agencies the question could be about — its body or region is mentioned (also by sound), or it has no
   * region — as the lists the mentions hit, in the order they were hit (the first is the agencies without a region),
   * and the names it mentions, so scoring needs no second pass over the question. A department's list holds
   * thousands of agencies: it is handed over as it is, not copied into a set.
   */
  candidates(said: Spoken): { hits: CandidateList[]; words: Set<string>; spans: Array<[number, number]>; heard: string } {
    const hits: CandidateList[] = [{ list: this.regionless, body: false }];
    const words = new Set<string>();
    const spans: Array<[number, number]> = [];
    const hit = (word: string, list: AgencyEntry[], at: number, body: boolean) => {
      words.add(word);
      spans.push([at, at + word.length]);
      // a list hit again adds no agency: once is enough
      if (hits[hits.length - 1]!.list !== list) hits.push({ list, body });
    };
    const hitAll = (word: string, list: AgencyEntry[], body: boolean) => { for (let i = said.text.indexOf(word); i >= 0; i = said.text.indexOf(word, i + 1)) hit(word, list, i, body); };
    // a place heard inside a department name is not a place (公安 of 公安县 in 公安局, 安居 ≈ 安局)
    const departments = this.departmentSpans(said.text);
    const insideDepartment = (at: number, length: number) => departments.some(([s, e]) => at >= s && at + length <= e);
    for (const word of this.byBody.keys()) if (said.text.includes(word)) hitAll(word, this.byBody.get(word)!, true);
    for (const word of this.learnedPlaces.keys()) if (said.text.includes(word)) hitAll(word, this.learnedPlaces.get(word)!, false);
    for (const h of this.regionHits(said.text)) for (const w of [h.region.name, h.region.short]) if (w && this.byRegion.has(w) && said.text.includes(w)) hitAll(w, this.byRegion.get(w)!, false);
    // no reliable pinyin (mixed scripts): exact mentions only
    if (said.pinyin.length !== said.text.length) return { hits, words, spans, heard: said.text };
    // the question as heard: names said by sound written as the dataset writes them (行政申批局 → 行政审批局)
    let heard = said.text;
    // names indexed by their first syllable: the cost follows the question's length, not the number of names
    const sounds = this.soundIndex();
    for (let i = 0; i < said.pinyin.length; i++) {
      for (const w of sounds.get(said.pinyin[i]!) ?? []) {
        if (i + w.pinyin.length > said.pinyin.length) continue;
        let k = 1;
        while (k < w.pinyin.length && said.pinyin[i + k] === w.pinyin[k]) k++;
        if (k < w.pinyin.length || !enoughSameCharacters(said.text, i, w.word)) continue;
        if (w.place && insideDepartment(i, w.word.length)) continue;
        hit(w.word, w.list, i, !w.place);
        if (!w.place && heard.slice(i, i + w.word.length) !== w.word) heard = heard.slice(0, i) + w.word + heard.slice(i + w.word.length);
      }
    }
    return { hits, words, spans, heard };
  }

  private sounds?: Map<string, Array<{ word: string; pinyin: string[]; list: AgencyEntry[]; place: boolean }>>;

  /** Built once (at start-up via warm()), so no question pays for it. */
  private soundIndex(): Map<string, Array<{ word: string; pinyin: string[]; list: AgencyEntry[]; place: boolean }>> {
    if (this.sounds) return this.sounds;
    this.sounds = new Map();
    for (const map of [this.byBody, this.byRegion]) {
      for (const [word, list] of map) {
        const pinyin = toPinyin(word);
        if (pinyin.length !== word.length || !pinyin.length) continue;
        const bucket = this.sounds.get(pinyin[0]!) ?? [];
        bucket.push({ word, pinyin, list, place: map === this.byRegion });
        this.sounds.set(pinyin[0]!, bucket);
      }
    }
    return this.sounds;
  }

  /** A department name of the dataset that sounds like this one (行政申批局 ≈ 行政审批局), if any. */
  bodySoundingLike(name: string): string | undefined {
    const p = toPinyin(name);
    if (p.length !== name.length || !p.length) return undefined;
    return this.soundIndex().get(p[0]!)?.find((w) => !w.place && w.word.length === name.length && w.pinyin.every((s, k) => s === p[k]) && enoughSameCharacters(name, 0, w.word))?.word;
  }

  /** Builds the sound and English-name indexes now (part of start-up, not of the first answer). */
  warm(): this { this.soundIndex(); this.placesInPinyin(); return this; }

  private pinyinPlaces?: Map<string, string[]>;

  /** The dataset's places by their pinyin without tones or spaces (zezhou → 泽州), as English questions spell them. */
  private placesInPinyin(): Map<string, string[]> {
    if (this.pinyinPlaces) return this.pinyinPlaces;
    this.pinyinPlaces = new Map();
    for (const [word, agencies] of this.byRegion) {
      const place = agencies[0]!.region!.name;
      const key = toPinyin(word.replace(/(?:特别行政区|自治区|自治州|自治县|地区|省|市|县|区|盟|旗)$/, '')).join('');
      if (key.length < 4) continue;
      const list = this.pinyinPlaces.get(key) ?? [];
      if (!list.includes(place)) list.push(place);
      this.pinyinPlaces.set(key, list);
    }
    return this.pinyinPlaces;
  }

  /**
   * Writes agency names given in English in Chinese ("Zezhou County Transport Bureau" → 泽州县交通运输局), using the
   * dataset's own places (so Taizhou means the one the dataset has) and the English department names.
   */
  chineseAgencyNames(text: string): string {
    if (!/[A-Za-z]{4}/.test(text)) return text;
    let out = text;
    for (const [re, body] of ENGLISH_DEPARTMENTS) {
      const name = typeof body === 'string' ? body : body.find((b) => this.byBody.has(b)) ?? body[0]!;
      out = out.replace(new RegExp(re.source, 'gi'), name);
    }
    out = out.replace(/\b([A-Za-z]{4,}?)(?:\s+(county|city|district|province|prefecture))?\b(?:'s)?/gi, (whole, name: string, level: string | undefined) => {
      const places = this.placesInPinyin().get(name.toLowerCase());
      if (!places || places.length !== 1) return whole;
      const place = places[0]!;
      const suffix = !level || /[省市县区盟旗州]$/.test(place) ? '' : { county: '县', city: '市', district: '区', province: '省', prefecture: '州' }[level.toLowerCase()] ?? '';
      return place + suffix;
    });
    // Pingtan → 平潭综合实验区 already says the zone; otherwise the zone's English becomes its Chinese
    for (const [re, zone] of ENGLISH_ZONES) out = out.replace(new RegExp(`(${zone})?\\s*${re.source}`, 'gi'), (_m, said: string | undefined) => said ?? zone);
    // "泽州县 交通运输局" → "泽州县交通运输局"
    return out.replace(/([\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/g, '$1');
  }
}

/**
 * A homophone counts only with some characters right (泽洲 for 泽州), as for the catalog's words: a two-character
 * name needs one, a longer one all but two. Otherwise everyday words sound like places (的行 ≈ 德兴).
 */
function enoughSameCharacters(text: string, at: number, word: string): boolean {
  let same = 0;
  for (let k = 0; k < word.length; k++) if (text[at + k] === word[k]) same++;
  return same === word.length || (word.length === 2 ? same >= 1 : same >= word.length - 2 && same >= 1);
}

/**
 * How well an agency fits the question: its full name said (the longest wins: 平潭综合实验区行政审批局 over
 * 平潭综合实验区), its department said (+3), its place said (+4).
 */
function scoreOf(e: AgencyEntry, text: string, words: Set<string>, fullNames: Set<string>): { score: number; body: boolean } {
  let score = 0;
  if (fullNames.has(e.agency)) score += 10 + e.agency.length;
  const body = words.has(e.body) || e.bodyShorts.some((b) => words.has(b));
  if (body) score += 3;
  const region = e.region;
  const regionHit = region && (words.has(region.name) || (region.short !== null && words.has(region.short)) || region.aliases?.some((a) => words.has(a)));
  if (regionHit) score += 4;
  // places outside the division list (平潭综合实验区): the name's leading characters stand for the place
  else if (!region && [4, 3, 2].some((k) => e.agency.length > k && text.includes(e.agency.slice(0, k)))) score += 4;
  return { score, body };
}

/** The candidates in the order the mentions reached them (the order resolution ranks equal scores in). */
function reachedOrder(hits: CandidateList[], some: Set<AgencyEntry>): AgencyEntry[] {
  const seen = new Set<AgencyEntry>();
  const out: AgencyEntry[] = [];
  for (const { list } of hits) {
    for (const e of list) {
      if (!some.has(e) || seen.has(e)) continue;
      seen.add(e);
      out.push(e);
      if (out.length === some.size) return out;
    }
  }
  return out;
}

/**
 * The agencies of the best score, and whether any candidate bears a department's name the question says. An agency
 * reached only through a department's list (thousands of them share a name) scores exactly 3 — the department —
 * unless its full name or its place is said, and those agencies are found by name and by place: so when some
 * agency scores more than 3, the department's lists need not be scored one agency at a time.
 */
function bestScored(text: string, hits: CandidateList[], words: Set<string>, fullNames: Set<string>, directory: AgencyDirectory): { best: AgencyEntry[]; withBody: (e: AgencyEntry) => boolean; anyBody: boolean; named: boolean } | undefined {
  // every candidate that can score other than 3: reached through a place, or a place the question says, or named in full
  const reached = new Set<AgencyEntry>();
  for (const h of hits) if (!h.body) for (const e of h.list) reached.add(e);
  const inBodyList = (e: AgencyEntry) => hits.some((h) => h.body && h.list.includes(e));
  for (const w of words) for (const e of directory.byRegion.get(w) ?? []) if (!reached.has(e) && inBodyList(e)) reached.add(e);
  for (const name of fullNames) { const e = directory.named(name); if (e && !reached.has(e) && inBodyList(e)) reached.add(e); }
  let top = 0;
  const scores = new Map<AgencyEntry, { score: number; body: boolean }>();
  for (const e of reached) { const s = scoreOf(e, text, words, fullNames); scores.set(e, s); if (s.score > top) top = s.score; }
  if (top <= 3) return undefined; // the department alone may be the best: every candidate is scored
  const tops = new Set<AgencyEntry>();
  for (const [e, s] of scores) if (s.score === top) tops.add(e);
  const anyBody = hits.some((h) => h.body && h.list.length > 0) || [...scores.values()].some((s) => s.body);
  const named = anyBody || [...scores.values()].some((s) => s.score > 0);
  return { best: reachedOrder(hits, tops), withBody: (e) => scores.get(e)?.body ?? false, anyBody, named };
}

/** The same by scoring every candidate (when a department's name alone may be the best fit). */
function allScored(text: string, hits: CandidateList[], words: Set<string>, fullNames: Set<string>): { best: AgencyEntry[]; withBody: (e: AgencyEntry) => boolean; anyBody: boolean; named: boolean } {
  const scored: Array<{ e: AgencyEntry; score: number }> = [];
  const withBody = new Set<AgencyEntry>();
  const seen = new Set<AgencyEntry>();
  for (const { list } of hits) {
    for (const e of list) {
      if (seen.has(e)) continue;
      seen.add(e);
      const { score, body } = scoreOf(e, text, words, fullNames);
      if (body) withBody.add(e);
      if (score > 0) scored.push({ e, score });
    }
  }
  let top = 0;
  for (const s of scored) if (s.score > top) top = s.score;
  return { best: scored.filter((s) => s.score === top).map((s) => s.e), withBody: (e) => withBody.has(e), anyBody: withBody.size > 0, named: scored.length > 0 };
}

export function resolveAgency(text: string, directory: AgencyDirectory): AgencyResolution {
  const regionHits = directory.regionHits(text);
  const { hits, words, spans, heard } = directory.candidates(spoken(text));
  // full names as written, or as heard (行政申批局 said for 行政审批局)
  const fullNames = directory.namesIn(heard);
  const scored = bestScored(text, hits, words, fullNames, directory) ?? allScored(text, hits, words, fullNames);
  const { withBody } = scored;
  // equal scores: the agency with more reports first (the likelier one to be asked about); a stable sort keeps the
  // order the mentions reached them in
  let best = scored.best.sort((a, b) => b.years.length - a.years.length);
  // a place named without a department means the place's own government (平潭实验区 → 平潭综合实验区, not its 审批局)
  if (best.length > 1 && !best.some((e) => withBody(e))) {
    const own = best.filter((e) => e.region && e.agency === e.region.name);
    if (own.length === 1) best = own;
  }

  // A department and a region both named, but no agency of that department there (长治市交通局 when only
  // 长治市公安局 and 泽州县交通运输局 exist): that agency is not in the dataset.
  const unknownAt = (index: number, word: string) => {
    const named = AGENCY_WORD.exec(text.slice(index))?.[1] ?? word;
    const unknown = named.startsWith(word) ? named : `${word}${named}`;
    return { matches: [], unknown, named: true, spans, unknownSpan: [index, index + unknown.length] as [number, number] };
  };
  const placeSaid = regionHits[0] ?? directory.learnedPlaceIn(text);
  if (scored.anyBody && placeSaid && best.length && !best.some((e) => withBody(e)) && !/本级/.test(text) && !NAMES_A_WEBSITE.test(text)) {
    return unknownAt(placeSaid.index, placeSaid.word);
  }

  // A region the question names must fit the agency: its own region or a parent (unless 本级 is said).
  const ownLevel = /本级/.test(text);
  for (const hit of regionHits) {
    // a short name the dataset has no agency under, with no department after it, is a word (比如县's 比如)
    if (hit.word !== hit.region.name && !directory.underRegion.has(hit.region.name) && !SHORT_PLACE_BEFORE_AGENCY.test(text.slice(hit.index + hit.word.length))) continue;
    const fits = (e: AgencyEntry) => {
      if (!e.region) return e.agency.includes(hit.word);
      if (ownLevel) return e.region.name === hit.region.name;
      return e.region.chain.includes(hit.region.name) || e.places.some((p) => p.includes(hit.word));
    };
    // the agencies the region could be about: the best matches, else any under it (addresses last: a full scan)
    const fitting = best.length
      ? best.some(fits)
      : (directory.underRegion.get(hit.region.name) ?? []).some(fits) || directory.regionless.some(fits) || directory.entries.some((e) => e.places.some((p) => p.includes(hit.word)) && fits(e));
    if (!fitting) return unknownAt(hit.index, hit.word);
    // a parent region written straight before the department (晋城市交通运输局) names that region's own
    // department, not one of a county under it — unless the county is named too (晋城市泽州县交通局)
    const after = text.slice(hit.index + hit.word.length);
    const parentsOwn = (e: AgencyEntry) => !!e.region && e.region.name !== hit.region.name && e.region.chain.includes(hit.region.name)
      && [e.body, ...e.bodyShorts].some((b) => after.startsWith(b))
      && ![e.region.name, e.region.name.replace(/(?:县|市|区|旗)$/, '')].some((n) => n.length >= 2 && text.includes(n));
    if (!ownLevel && best.length && best.every(parentsOwn)) return unknownAt(hit.index, hit.word);
  }
  return { matches: best, unknown: null, named: scored.named, spans };
}
