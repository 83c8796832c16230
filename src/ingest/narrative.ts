/** The report's prose: top-level sections, overview sub-sections, problems/improvements, fees. */
import type { Report, Section } from '../model/schema.js';

const NUMERAL = '[一二三四五六七八九]';
/** Each section's keyword, and its numbered heading (built once: splitSections runs for every report an ingest reads). */
const HEADINGS: Array<{ key: string; re: RegExp; heading: RegExp }> = [
  { key: 'overview', re: /总体情况/ },
  { key: 'proactive', re: /主动公开政府信息情况/ },
  { key: 'applications', re: /收到和处理政府信息公开申请情况/ },
  { key: 'review', re: /政府信息公开行政复议|行政复议[、和及]行政诉讼情况/ },
  { key: 'problems', re: /存在的主要问题|主要问题及/ },
  { key: 'other', re: /其他需要报告的事项/ },
].map((h) => ({ ...h, heading: new RegExp(`${NUMERAL}\\s*[、.．]\\s*([^\\n。]{0,12}?(?:${h.re.source})[^\\n。0-9]{0,16})`) }));

/** Splits the body into the standard top-level sections by their numbered headings. */
export function splitSections(body: string): Section[] {
  const found: Array<{ key: string; index: number; heading: string; textStart: number }> = [];
  for (const h of HEADINGS) {
    // (the first heading of each kind: the body is not searched further for another)
    const m = h.heading.exec(body);
    if (m) {
      const kw = h.re.exec(m[1]!)!;
      const afterKw = m[1]!.slice(kw.index + kw[0].length);
      const ending = /^[^\n\t。（(]{0,12}?(?:情况|措施|事项)/.exec(afterKw);
      const heading = m[1]!.slice(0, kw.index + kw[0].length) + (ending ? ending[0] : '');
      found.push({ key: h.key, index: m.index, heading: m[0].slice(0, m[0].indexOf(m[1]!)) + heading, textStart: m.index + m[0].indexOf(m[1]!) + heading.length });
    }
  }
  found.sort((a, b) => a.index - b.index);
  return found.map((f, i) => ({
    key: f.key,
    heading: f.heading.replace(/\s+/g, ''),
    text: body.slice(f.textStart, i + 1 < found.length ? found[i + 1]!.index : body.length).trim(),
  }));
}

/** 总体情况 sub-sections: （一）主动公开情况 … */
export function overviewSubsections(overview: string): Section[] {
  const re = new RegExp(`[（(](${NUMERAL})[）)]\\s*([^\\n。，,：:；;]{2,20}?)(?=[。\\n：:]|\\s|$|[^\\n]{0,0}\\d{4}年|[，,]?(?:我|本|全|县|市|区|局|坚持|进一步|切实|持续|认真|严格))`, 'g');
  const marks = [...overview.matchAll(re)];
  return marks.map((m, i) => ({
    key: `overview.${i + 1}`,
    heading: `（${m[1]}）${m[2]!.trim().replace(/[。.]$/, '')}`,
    text: overview.slice(m.index! + m[0].length, i + 1 < marks.length ? marks[i + 1]!.index : overview.length).replace(/^[。.：:\s]+/, '').trim(),
  }));
}

// "…工作力度，一是完善…": 一是 also opens an item after a comma
const ITEM_MARK = new RegExp(`(?:^|[\\n。；;：:])\\s*(?:[（(]${NUMERAL}[）)]|${NUMERAL}是|${NUMERAL}[、]|\\d{1,2}\\s*[.、．](?!\\d))|[，,]\\s*${NUMERAL}是`, 'g');

/** Numbered items of a passage ("一是…", "（一）…", "1.…"); a passage without numbering is one item. */
export function listItems(text: string): string[] {
  const marks = [...text.matchAll(ITEM_MARK)];
  if (!marks.length) {
    // hard line wraps from PDF text between Chinese characters are not spaces
    const t = text.replace(/(?<=[^\x00-\xff])\s+(?=[^\x00-\xff])/g, '').trim();
    return t ? [t] : [];
  }
  const items: string[] = [];
  marks.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index! + 1 : text.length;
    const item = text.slice(start, end).replace(/\s+/g, '').replace(/^[。；;：:]/, '').trim();
    if (item.length >= 4) items.push(item);
  });
  return items;
}

/**
 * Some reports print 五 without its heading: "（一）主要问题 … （二）改进情况" straight after 表四. Finds that block in
 * the section it fell into, moves it to a 'problems' section of its own and returns the new section list.
 */
export function recoverProblemsSection(sections: Section[]): Section[] {
  if (sections.some((s) => s.key === 'problems')) return sections;
  const mark = /[（(][一1][）)]\s*(?:存在的?)?主要问题|[（(][一1][）)]\s*存在的?问题/;
  for (const [i, s] of sections.entries()) {
    if (!['review', 'applications'].includes(s.key)) continue;
    const m = mark.exec(s.text);
    if (!m) continue;
    const problems: Section = { key: 'problems', heading: '存在的主要问题及改进情况', text: s.text.slice(m.index).trim() };
    return [...sections.slice(0, i), { ...s, text: s.text.slice(0, m.index).trim() }, problems, ...sections.slice(i + 1)];
  }
  return sections;
}

/** 五: problems first, then the improvements (改进/整改 措施). */
export function problemsAndImprovements(fullSection: string): { problems: string[]; improvements: string[] } {
  // a closing paragraph with the contact ("如对本报告有疑问…请联系…") is not an improvement
  const section = fullSection.replace(/\n\s*(?:如对本?(?:年度)?报告有|如有疑问|联系人[:：]|联系电话[:：]|咨询电话[:：])[\s\S]*$/, '');
  const split = /(?:[（(][一二三][）)]\s*)?(?:改进情况|整改措施|改进措施|下一步|将采取以下措施|采取以下措施|拟采取|将从以下|\d{4}年[，,]?[\u4e00-\u9fff]{0,6}?将(?=[\u4e00-\u9fff]))/.exec(section);
  const problemsText = split ? section.slice(0, split.index) : section;
  const improvementsText = split ? section.slice(split.index + split[0].length) : '';
  const strip = (s: string) => s.replace(/^[^。：:\n]{0,30}(?:问题|不足)[^。：:\n]{0,12}[：:。\n]/, '');
  return { problems: listItems(strip(problemsText)).filter((p) => !/^存在的?主要问题$/.test(p)), improvements: listItems(improvementsText.replace(/^[^：:\n。]{0,20}[：:。\n]/, '')) };
}

/** 信息处理费: 0 when the report says none was charged, the amount when it states one. */
export function processingFees(text: string): Report['processingFees'] {
  const flat = text.replace(/\s+/g, '');
  const idx = flat.search(/信息(?:公开)?处理费|收费事项|收费情况|收取.{0,6}费/);
  if (idx < 0) return null;
  const sentenceStart = flat.lastIndexOf('。', idx) + 1;
  const end = flat.indexOf('。', idx);
  let sentence = flat.slice(sentenceStart, end < 0 ? idx + 120 : end + 1);
  // "（一）信息处理费收取情况。本年度…收取信息处理费0元。": a sub-heading, the next sentence says it
  if (end >= 0 && sentence.length <= 24 && !/\d|未|没有|无|不/.test(sentence.replace(/^[（(][一二三四五六七八九十\d]+[）)]/, ''))) {
    const next = flat.indexOf('。', end + 1);
    sentence = flat.slice(sentenceStart, next < 0 ? end + 120 : next + 1);
  }
  const amount = /(?:收取|收费|费用)[^。]{0,20}?(\d+(?:\.\d+)?)元/.exec(sentence);
  if (amount && Number(amount[1]) > 0) return { yuan: Number(amount[1]), text: sentence, source: { section: '六、其他需要报告的事项', line: sentence } };
  if (/未|没有|无|不存在|均不|0元|零/.test(sentence)) return { yuan: 0, text: sentence, source: { section: '六、其他需要报告的事项', line: sentence } };
  return { yuan: null, text: sentence, source: { section: '六、其他需要报告的事项', line: sentence } };
}
