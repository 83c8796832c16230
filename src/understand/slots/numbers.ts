/**
 * Slot reader for the numbers a question carries besides years: a ranking's length (前5名), a section or an
 * article item (第三部分, 第二十条第（六）项), and figures the asker quotes to be checked (22条占55%).
 */
import type { CueId } from '../../catalog/cues.js';
import type { Coverage } from '../match.js';

export interface NumberSlots {
  /** 前5名 / top 5. */
  topN?: number;
  /** 第三部分 → 3. */
  sectionN?: number;
  /** 第二十条第（六）项 → 6. */
  itemN?: number;
  /** 表二/表三/表四 named. */
  tableN?: number;
  /** 第一条 / 第2项 (not 第二十条): which item of a list. */
  ordinal?: number;
  /** Every 第N条 said (第三条和第四条整改措施), in order. */
  ordinals?: number[];
  /** Counts the asker quotes (22条), in order. */
  quotedCounts: number[];
  /** Percentages the asker quotes (55%). */
  quotedPercents: number[];
  /** Cues only a pattern can see (比2022年多 is a comparison). */
  patternCues: CueId[];
}

/** 六 → 6, 十二 → 12, 6 → 6. */
function ordinalNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const d = '一二三四五六七八九';
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + d.indexOf(s[1]!) + 1;
  if (s.endsWith('十')) return (d.indexOf(s[0]!) + 1) * 10;
  return d.indexOf(s[0]!) + 1;
}

const TAKE = (coverage: Coverage, m: RegExpMatchArray) => coverage.take(m.index!, m.index! + m[0].length);

export function readNumbers(text: string, coverage: Coverage): NumberSlots {
  const out: NumberSlots = { quotedCounts: [], quotedPercents: [], patternCues: [] };
  for (const m of text.matchAll(/第\s*(?:二十|20)\s*条\s*(?:第\s*)?[（(]?\s*([\d一二三四五六七八九十]{1,3})\s*[)）]?\s*项?|article\s*20\s*\(?(\d{1,2})\)?/gi)) {
    out.itemN = ordinalNumber(m[1] ?? m[2]!);
    TAKE(coverage, m);
  }
  for (const m of text.matchAll(/第\s*([\d一二三四五六七八九])\s*(?:部分|节|章|个部分|大部分|块|大块|板块)|part\s*(\d)|section\s*(\d)/gi)) {
    const n = m[1] ?? m[2] ?? m[3]!;
    out.sectionN = /\d/.test(n) ? Number(n) : '一二三四五六七八九'.indexOf(n) + 1;
    TAKE(coverage, m);
  }
  // 前五 / 前5名 / top 5 — but 前一年, 前两天 are times, not a ranking's length
  for (const m of text.matchAll(/前\s*(\d{1,3}|[一二两三四五六七八九十]{1,3})(?!\s*(?:年|天|月|日|季|期|周|届|次))\s*(?:名|位|个|家)?|top\s*(\d{1,3})/gi)) {
    out.topN = ordinalNumber((m[1] ?? m[2]!).replace('两', '二'));
    out.patternCues.push('rankList');
    TAKE(coverage, m);
  }
  // 最后一条 / 倒数第二条: an item counted from the end of its list (a negative ordinal)
  for (const m of text.matchAll(/最后\s*[一1]\s*(?:条|项|点|个)|倒数第\s*(\d|[一二两三四五])\s*(?:条|项|点|个)/g)) {
    if (!coverage.isFree(m.index, m.index + m[0].length)) continue;
    out.ordinal = m[1] ? -ordinalNumber(m[1].replace('两', '二')) : -1;
    TAKE(coverage, m);
  }
  for (const m of text.matchAll(/第\s*(\d{1,2})\s*(?:条|项|点|个)(?![（(])/g)) {
    if (!coverage.isFree(m.index, m.index + m[0].length)) continue;
    out.ordinal = Number(m[1]);
    (out.ordinals ??= []).push(Number(m[1]));
    TAKE(coverage, m);
  }
  for (const m of text.matchAll(/表\s*([二三四234])/g)) {
    out.tableN = ordinalNumber(m[1]!);
    TAKE(coverage, m);
  }
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)\s*%/g)) {
    out.quotedPercents.push(Number(m[1]));
    TAKE(coverage, m);
  }
  for (const m of text.matchAll(/(?<![\d.])(\d{1,6})\s*(?:条|件|项|个|次)/g)) {
    if (coverage.isFree(m.index, m.index + m[0].length)) out.quotedCounts.push(Number(m[1]));
  }
  // 结转…前后一致 / 没有2024年的年报: cues with words between their parts
  if (/结转.{0,8}(?:一致|衔接|对得上|对不上|连续|吻合|相符|接上)/.test(text)) out.patternCues.push('continuity');
  if (/(?:没有|缺少?|未发布|没发).{0,10}(?:年报|报告)/.test(text)) out.patternCues.push('missingReports');
  // 比2022年多, 比上一年少, 比B多: a comparison whatever words surround it
  if (/比\s*(?:\d{4}|上|前|去|那|他|它)|比.{1,14}(?:多|少|高|低|增|减|大|小)/.test(text)) out.patternCues.push('compare');
  return out;
}
