/**
 * The report's title and the agency that publishes it, as real reports print them: a title on one line or broken over
 * two or three (`泽州县交通运输局` / `2023 年政府信息公开工作年度报告`), the agency signing before the date at the end,
 * or naming itself in the preamble (`XX局（以下简称“本局”）`, `现将XX局2023年…公布`).
 */

/** Markup and punctuation that never belong to a name (OCR markdown `#`, `**`, table pipes, quotes, brackets). */
const NAME_NOISE = /[#*|｜_>《》“”"'‘’【】\[\]\s\u3000]/g;

/** Endings of Chinese government bodies (and the regions that publish as themselves). */
const AGENCY_END = /(?:局|委|委员会|办|办公室|厅|部|署|院|政府|区|县|市|镇|乡|街道|办事处|中心|所|站|队|会|处|馆|社|园|公司|集团|旗|州|盟|科|室)$/;

/** A line that can stand alone as an agency name: short, no sentence punctuation, no digits, an agency ending. */
export function isAgencyName(text: string): boolean {
  const t = text.replace(NAME_NOISE, '');
  return t.length >= 3 && t.length <= 40 && /^[\u4e00-\u9fff（）()]+$/.test(t) && AGENCY_END.test(t)
    && !/^(?:关于|根据|依据|按照|本|我|各|年度|政府信息公开)/.test(t) && !/报告|情况|方面/.test(t);
}

/** Strips markup and the words around a name in a title (`关于…的`). */
export function cleanName(name: string): string {
  return name.replace(NAME_NOISE, '').replace(/^关于/, '').replace(/的$/, '');
}

const YEAR_IN_TITLE = /(?:\d{4}|[二〇零一三四五六七八九]{4})\s*年/;

/** `2023 年`, `二〇二三年` → 2023. */
export function titleYear(title: string): number | null {
  const m = YEAR_IN_TITLE.exec(title.replace(/\s+/g, ''));
  if (!m) return null;
  const digits = m[0].replace(/年$/, '').replace(/[二〇零一三四五六七八九]/g, (c) => String('〇一二三四五六七八九'.indexOf(c === '零' ? '〇' : c)));
  const year = Number(digits);
  return year >= 1990 && year <= 2100 ? year : null;
}

const TITLE_LINE = /(?:信息公开|政务公开).{0,8}(?:年度?报告|年报|工作报告)|年度(?:工作)?报告$|^年度?报告$/;
const SENTENCE = /[。；;，,：:！？]/;
/** The label of a page's metadata row that holds the title. */
const METADATA_LABEL = /^(?:名\s*称|标\s*题|题\s*名|文章标题)[\s:：]*/;

/** The title as one string: the line naming the report, joined with the lines it was broken from. */
export function findTitle(lines: string[], htmlTitle: string | null): string {
  const crawler = lines.find((l) => /^标题\s*[:：]/.test(l));
  if (crawler) return crawler.replace(/^标题\s*[:：]\s*/, '').trim();
  const head = lines.slice(0, 200).map((l) => l.trim()).filter(Boolean);
  let fallback = '';
  for (let i = 0; i < head.length; i++) {
    // crawler text may run the title straight into the preamble: "XX2019年政府信息公开工作年度报告 根据《条例》…"
    // and a page's metadata table labels it ("名称	XX区人民政府2024年…报告")
    const cell = head[i]!.replace(METADATA_LABEL, '');
    const line = /^(.{4,60}?年度?(?:工作)?报告)\s*(?:根据|依据|按照|本报告)/.exec(cell)?.[1] ?? cell;
    if (line.length >= 80 || !TITLE_LINE.test(line.replace(/\s+/g, '')) || SENTENCE.test(line)) continue;
    const title = joinBrokenTitle([...head.slice(0, i), line], i);
    if (agencyFromTitle(title)) return title;
    fallback ||= title;
  }
  return fallback || htmlTitle?.trim() || '';
}

/** A title line plus up to two short lines above it that carry the agency or the year (`XX局` / `2023年度` / `…年度报告`). */
function joinBrokenTitle(head: string[], i: number): string {
  let title = head[i]!;
  // "…政府信息公开工作" / "年度报告": the line above is the first half
  for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
    const above = head[k]!;
    if (agencyFromTitle(title) || above.length > 40 || SENTENCE.test(above) || /^[一二三四五六七八九十]+[、.．]/.test(above)) break;
    const joined = above + title;
    if (!(isAgencyName(above) || /^(?:\d{4}|[二〇零一三四五六七八九]{4})\s*年度?$/.test(above.replace(/\s+/g, '')) || /(?:信息公开|政务公开)(?:工作)?$/.test(above))) break;
    title = joined;
  }
  // spaces in a Chinese title are layout ("2023 年"), not part of it
  return title.replace(/^正文\s*/, '').replace(/\s+/g, '');
}

/** The agency a title names: before the year (`XX局2023年…`), after it (`2024年XX委政府信息公开…`), or before 信息公开. */
export function agencyFromTitle(title: string): string | null {
  const t = cleanName(title.replace(/\s+/g, '')).replace(/[-—–_].*$/, '');
  const before = /^(.+?)(?:\d{4}|[二〇零一三四五六七八九]{4})年度?(?:政府|政务)?信息公开/.exec(t);
  if (before?.[1]) return acceptTitleName(before[1]);
  const after = /^(?:\d{4}|[二〇零一三四五六七八九]{4})年度?(.+?)(?:政府|政务)信息公开/.exec(t);
  if (after?.[1]) return acceptTitleName(after[1]);
  const bare = /^(.{2,40}?)(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)/.exec(t);
  // "XX市人民政府信息公开…": the lazy match stops at 人民; the body is the 人民政府
  if (bare?.[1] && !/\d/.test(bare[1])) {
    const name = bare[1].replace(/人民$/, '人民政府');
    return AGENCY_END.test(name) && !/^(?:政府|政务)$/.test(name) ? acceptTitleName(name) : null;
  }
  return null;
}

function acceptTitleName(name: string): string | null {
  const n = cleanName(name);
  return n.length >= 2 && !/\d/.test(n) && !SENTENCE.test(n) ? n : null;
}

const DATE_LINE = /^(.*?)(?:\d{4}|[二〇零一三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?\s*$/;

/** The agency signing the report: the name on the line before the closing date (or before it on the same line). */
export function agencyFromSignature(bodyLines: string[]): string | null {
  const tail = bodyLines.map((l) => l.trim()).filter(Boolean).slice(-6);
  for (let i = tail.length - 1; i >= 0; i--) {
    const m = DATE_LINE.exec(tail[i]!);
    if (!m) continue;
    const sameLine = cleanName(m[1]!);
    if (isAgencyName(sameLine)) return sameLine;
    const above = cleanName(tail[i - 1] ?? '');
    return isAgencyName(above) ? above : null;
  }
  return null;
}

/**
 * The agency naming itself in the text: `XX局（以下简称“本局”）`, `现将XX局2023年政府信息公开工作年度报告公布如下`,
 * `XX局编制2023年政府信息公开工作年度报告`.
 */
export function agencyFromText(text: string): string | null {
  const flat = text.replace(/\s+/g, '');
  for (const m of flat.matchAll(/([^，。；;：:、（）()《》“”]{2,40})[（(]以下(?:简称|称)[“"]?([^”"）)]{1,12})[”"]?[）)]/g)) {
    // the report's own name is given in its preamble, or as 本机关/本局; elsewhere 以下简称 names other bodies
    if (m.index! > 800 && !/^(?:本|我)(?:机关|局|委|办|单位|部门|院|厅|署|中心)$/.test(m[2]!)) continue;
    // the words before the name in its clause ("由XX局", "现将XX局") are cut at the last verb-like character
    const name = cleanName(m[1]!.replace(/^.*(?:[将由是在了])(?=[\u4e00-\u9fff]{3,}$)/, ''));
    if (isAgencyName(name)) return name;
  }
  const published = /现(?:将|向社会)?公布(.{2,30}?)(?:\d{4})年度?政府信息公开/.exec(flat);
  if (published?.[1]) return cleanName(published[1]);
  // "…要求，XX局编制2023年政府信息公开工作年度报告"
  const compiled = /(?:^|[，,。；;])(?:由)?([^，,。；;、（）()《》“”]{3,30}?)(?:编制|制作|编写)(?:了|完成)?(?:\d{4})年度?(?:政府|政务)信息公开/.exec(flat);
  return compiled?.[1] && isAgencyName(compiled[1]) ? cleanName(compiled[1]) : null;
}
