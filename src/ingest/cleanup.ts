/**
 * Text that is not the report: markdown/OCR markup (`# 标题`, `**粗体**`) and PDF page furniture (page numbers,
 * the running header repeated at the top of every page). Removed line by line before any parser sees the text,
 * so a heading marker never becomes part of an agency name and a page number never becomes a table cell.
 */

/** A line opening with an emoji. */
const DECORATED = /^\s*\p{Extended_Pictographic}/u;
/** A character every markup stripMarkup removes starts with. */
const MARKUP_CHAR = /[#>*_~]/;

/** `# 标题`, `> 引文`, `**粗体**`, `__粗体__`, `~~删除~~`: markup an OCR-to-markdown step adds around real text. */
export function stripMarkup(line: string): string {
  // (most lines hold none of the markup characters: one test instead of three replacements, for every line of every report)
  // a post's decoration (📌 ✅) before a heading or item
  if (DECORATED.test(line)) line = line.replace(/^[\s\p{Extended_Pictographic}\uFE0F\u200D]+(?=\S)/u, '');
  if (!MARKUP_CHAR.test(line)) return line;
  return line
    .replace(/^\s{0,3}(?:#{1,6}|>)\s*/, '')
    .replace(/\*\*|__|~~/g, '')
    .replace(/^(\s*)\*(?=\S)(.*\S)\*(\s*)$/, '$1$2$3');
}

/**
 * A page number standing alone on its line, with its usual decoration: `— 4 —`, `- 4 -`, `第 4 页`, `第4页 共9页`,
 * `4 / 9`, `Page 4`. A bare number (`4`) is not removed here: in one-cell-per-line tables it is a value.
 */
export function isPageNumberLine(line: string): boolean {
  const t = line.trim();
  return /^[—–\-－]+\s*\d{1,3}\s*[—–\-－]+$/.test(t)
    || /^第\s*\d{1,3}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,3}\s*页)?$/.test(t)
    || /^(?:共\s*\d{1,3}\s*页\s*)?第\s*\d{1,3}\s*页$/.test(t)
    || /^\d{1,3}\s*[/／]\s*\d{1,3}$/.test(t)
    || /^(?:page|p\.)\s*\d{1,3}(?:\s*(?:of|\/)\s*\d{1,3})?$/i.test(t);
}

/** A line that can be a running page header: the report's title or the agency's name, repeated page after page. */
const HEADER_LIKE = /年度报告|信息公开|人民政府|局|委员会|办公室/;

/**
 * Drops page numbers and running headers. A running header is a short title-like line printed on page after page
 * (three times or more: the title and the signature alone repeat the agency's name twice); its first occurrence stays
 * (it is the title), later ones go, except in the closing lines (the signature). Table rows are never headers.
 */
export function dropPageFurniture(lines: string[]): string[] {
  const seen = new Map<string, number>();
  for (const l of lines) {
    const t = l.trim();
    if (t) seen.set(t, (seen.get(t) ?? 0) + 1);
  }
  let closing = lines.length;
  for (let n = 0; closing > 0 && n < 4; ) if (lines[--closing]!.trim()) n++;
  const repeated = (t: string) => (seen.get(t) ?? 0) >= 3 && t.length >= 6 && t.length <= 60 && HEADER_LIKE.test(t)
    && !/[\t|]|\d{1,3}(?!\d*\s*年)|[。；;，,：:]/.test(t);
  const kept = new Set<string>();
  return lines.filter((l, i) => {
    const t = l.trim();
    if (isPageNumberLine(t)) return false;
    if (!repeated(t) || i >= closing) return true;
    if (kept.has(t)) return false;
    kept.add(t);
    return true;
  });
}

const CHINESE_NUMERALS = '一二三四五六七八九';

/**
 * A heading numbered the way articles number them (`01 | 总体情况`, `05丨存在的主要问题`, `第二部分 主动公开…`) is
 * written as the format numbers it (`一、总体情况`), so every section parser sees the one form.
 */
export function standardHeading(line: string): string {
  const m = /^\s*(?:0?([1-9])\s*[|｜丨/／]|第([一二三四五六七八九])部分)\s*([\u4e00-\u9fff][^。，,；;]{1,30})$/.exec(line);
  if (!m) return line;
  const numeral = m[2] ?? CHINESE_NUMERALS[Number(m[1]) - 1]!;
  return `${numeral}、${m[3]!.trim()}`;
}

/** The cleanups, on the lines of a report. */
export function cleanLines(lines: string[]): string[] {
  return dropPageFurniture(lines.map((l) => standardHeading(stripMarkup(l))));
}
