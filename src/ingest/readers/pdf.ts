/**
 * PDF report → plain lines in reading order, for the same layout parsers as text reports.
 * pdf.js gives positioned text runs; they are grouped into lines by baseline and ordered by x. A wide gap
 * between runs becomes a tab, so a table row reads like the tab-separated layout (label, then its cells).
 * Paragraph lines that run to the right margin are joined again, and page headers, footers and page
 * numbers are dropped where they repeat or stand alone at a page's edge.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IngestError } from '../tables.js';
import { rulesOf, tableLines } from './pdf-tables.js';

export interface PositionedText {
  str: string;
  x: number;
  /** baseline, growing upwards (PDF user space) */
  y: number;
  width: number;
  /** font size */
  size: number;
}

export interface PdfLine {
  text: string;
  x: number;
  y: number;
  end: number;
  size: number;
  tabbed: boolean;
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
// pdf.js reads these from disk in Node: CJK PDFs that use Adobe's predefined CMaps (UniGB-UCS2-H …)
// without embedded fonts need them to map glyphs back to text.
const CMAP_DIR = join(pdfjsRoot, 'cmaps') + '/';
const STANDARD_FONTS_DIR = join(pdfjsRoot, 'standard_fonts') + '/';

/** A gap wider than this many font sizes separates two table cells. */
const CELL_GAP = 0.9;

/** Groups positioned runs into lines (top to bottom), each with its runs ordered left to right. */
export function linesOfPage(items: PositionedText[]): PdfLine[] {
  const runs = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PositionedText[][] = [];
  for (const run of runs) {
    const last = groups[groups.length - 1];
    // runs share a line when their baselines are within half a character height
    if (last && Math.abs(last[0]!.y - run.y) <= Math.max(1, Math.min(last[0]!.size, run.size) * 0.5)) last.push(run);
    else groups.push([run]);
  }
  return groups.map((group) => {
    group.sort((a, b) => a.x - b.x);
    let text = '';
    let tabbed = false;
    let prevEnd = -Infinity;
    for (const run of group) {
      const size = run.size || 10;
      const gap = run.x - prevEnd;
      if (text && gap > size * CELL_GAP) { text += '\t'; tabbed = true; }
      else if (text && gap > size * 0.2 && /[\w.%]$/.test(text) && /^[\w(]/.test(run.str)) text += ' ';
      // a single run holding several numbers ("0 0 0") is several cells when its line is a table row
      text += run.str.replace(/\s+/g, ' ').replace(/(?<=\d) (?=\d)/g, '\u0000');
      prevEnd = Math.max(prevEnd, run.x + run.width);
    }
    const size = Math.max(...group.map((r) => r.size || 10));
    text = text.replace(/\u0000/g, tabbed ? '\t' : ' ');
    return { text: text.trim(), x: group[0]!.x, y: group[0]!.y, end: prevEnd, size, tabbed };
  });
}

const PAGE_NUMBER = /^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;

/** Text of a header/footer line with its page number masked, so "— 3 —" and "— 4 —" compare equal. */
const edgeKey = (text: string) => text.replace(/\s+/g, '').replace(/\d+/g, '#');

/**
 * Drops running headers/footers (the same first or last line on most pages) and page numbers standing
 * alone as a page's first or last line.
 */
export function dropPageFurniture(pages: PdfLine[][]): PdfLine[][] {
  const count = (pick: (p: PdfLine[]) => PdfLine | undefined) => {
    const seen = new Map<string, number>();
    for (const p of pages) { const l = pick(p); if (l) seen.set(edgeKey(l.text), (seen.get(edgeKey(l.text)) ?? 0) + 1); }
    return seen;
  };
  const repeated = (seen: Map<string, number>, line: PdfLine | undefined) =>
    line !== undefined && pages.length >= 3 && (seen.get(edgeKey(line.text)) ?? 0) >= Math.max(2, pages.length * 0.5);
  const heads = count((p) => p[0]);
  const feet = count((p) => p[p.length - 1]);
  return pages.map((page) => {
    const lines = [...page];
    // up to two layers each: a running title above a page number, or a footer line above one
    for (let k = 0; k < 2 && lines.length; k++) {
      const first = lines[0]!;
      if (PAGE_NUMBER.test(first.text.trim()) && !first.tabbed || repeated(heads, first)) lines.shift(); else break;
    }
    for (let k = 0; k < 2 && lines.length; k++) {
      const last = lines[lines.length - 1]!;
      if (PAGE_NUMBER.test(last.text.trim()) && !last.tabbed || repeated(feet, last)) lines.pop(); else break;
    }
    return lines;
  });
}

/**
 * Joins a paragraph's wrapped lines: a line that reaches the right margin continues on the next one,
 * unless either is a table row, or the next one starts a new block (an indented first line, a numbered
 * heading, a markdown table row).
 */
export function joinWrappedLines(page: PdfLine[]): string[] {
  const prose = page.filter((l) => !l.tabbed);
  const right = prose.length ? Math.max(...prose.map((l) => l.end)) : 0;
  const left = prose.length ? Math.min(...prose.map((l) => l.x)) : 0;
  const startsBlock = (l: PdfLine) => l.x > left + l.size * 1.5 || /^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|^\|/.test(l.text);
  const out: string[] = [];
  let carry = false;
  for (const line of page) {
    if (carry && !line.tabbed && !startsBlock(line)) out[out.length - 1] += line.text;
    else out.push(line.text);
    carry = !line.tabbed && line.end >= right - line.size * 1.5 && line.text.length >= 15 && !/\|$/.test(line.text);
  }
  return out;
}

/** Why extracted text cannot be a report's text, if it cannot: no text layer, or glyphs without characters. */
export function whyUnreadable(text: string): string | null {
  const visible = text.replace(/\s/g, '');
  if (!visible) return 'the PDF has no text layer (a scanned image?); run OCR on it first';
  // fonts embedded without a character map come out as private-use code points
  const unmapped = visible.match(/[\ue000-\uf8ff\ufffd]/g)?.length ?? 0;
  if (unmapped > visible.length * 0.2) return 'the PDF\'s fonts carry no text mapping (the extracted text is garbled); run OCR on it first';
  return null;
}

function pdfError(e: unknown): IngestError {
  const name = (e as { name?: string })?.name;
  if (name === 'PasswordException') return new IngestError('the PDF is encrypted (password-protected); save an unprotected copy first');
  if (name === 'InvalidPDFException') return new IngestError('not a readable PDF (damaged or not a PDF)');
  return new IngestError(`not a readable PDF (${(e as Error)?.message ?? String(e)})`);
}

/** Extracts a PDF report's text as lines in reading order. */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy
    data: new Uint8Array(bytes),
    cMapUrl: CMAP_DIR,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS_DIR,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    let doc;
    try { doc = await task.promise; } catch (e) { throw pdfError(e); }
    const pages: PdfLine[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let items: PositionedText[];
      let lines: PdfLine[];
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        items = [];
        for (const item of content.items) {
          if (!('str' in item)) continue;
          const [a, b, , , x, y] = item.transform as number[];
          items.push({ str: item.str, x: x!, y: y!, width: item.width, size: Math.hypot(a!, b!) || item.height });
        }
        // ruled tables are read cell by cell, everything else line by line; the drawing operators are
        // only walked on pages that hold table-like numbers (it costs about as much as the text)
        if (items.filter((i) => /^\s*[\d.]+\s*$/.test(i.str)).length >= 3) {
          const ops = await page.getOperatorList();
          const tables = tableLines(items, rulesOf(ops.fnArray, ops.argsArray, pdfjs.OPS));
          lines = [...tables.lines, ...linesOfPage(tables.rest)].sort((a, b) => b.y - a.y || a.x - b.x);
        } else lines = linesOfPage(items);
        page.cleanup();
      } catch (e) { throw e instanceof IngestError ? e : pdfError(e); }
      pages.push(lines);
    }
    const lines = dropPageFurniture(pages).flatMap(joinWrappedLines);
    const unreadable = whyUnreadable(lines.join(''));
    if (unreadable) throw new IngestError(unreadable);
    return lines.join('\n');
  } finally {
    await task.destroy();
  }
}
