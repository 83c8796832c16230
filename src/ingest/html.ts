/**
 * HTML report pages → plain lines. Tables become one tab-separated line per <tr> on a full grid
 * (colspan/rowspan expanded), so the table parsers see the same shape as the tab-separated layout.
 */
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';

const BLOCK = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer',
  'tr', 'table', 'tbody', 'thead', 'title', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'center', 'ucapcontent',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'iframe', 'svg', 'select', 'option', 'button', 'textarea', 'object']);

/** Marker for grid positions covered by a colspan; the row splitter drops them. */
export const SPAN_FILLER = '\u0001';

const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/**
 * Visits `root`'s descendants in document order with an explicit stack, never recursion: real pages nest
 * thousands of wrappers deep and must not overflow the call stack. `enter` returns false to skip a node's children;
 * `leave` runs after a node's children.
 */
function walkTree(root: AnyNode, enter: (n: AnyNode) => boolean | void, leave?: (n: Element) => void): void {
  const stack: Array<{ node: AnyNode; leaving: boolean }> = [{ node: root, leaving: false }];
  while (stack.length) {
    const { node, leaving } = stack.pop()!;
    if (leaving) { leave?.(node as Element); continue; }
    if (enter(node) === false || !('children' in node)) continue;
    if (leave) stack.push({ node, leaving: true });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, leaving: false });
  }
}

/** All text under a node (like domutils' textContent, without its recursion). */
function textContent(root: AnyNode): string {
  let text = '';
  walkTree(root, (n) => { if (n.type === 'text' || n.type === 'cdata') text += (n as unknown as { data?: string }).data ?? ''; });
  return text;
}

function cellText(el: Element): string {
  // Cells are Chinese labels or numbers: all whitespace (incl. &nbsp;) inside a cell is layout noise.
  return textContent(el).replace(/[\s\u00a0\u3000]+/g, '');
}

function tableToLines(table: Element): string[] {
  const rows: Element[] = [];
  walkTree(table, (n) => {
    if (n === table) return;
    if (!isElement(n)) return false;
    if (n.name === 'table') return false; // nested tables are rendered separately
    if (n.name === 'tr') rows.push(n);
  });

  const grid: string[][] = [];
  rows.forEach((tr, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const td of tr.children) {
      if (!isElement(td) || (td.name !== 'td' && td.name !== 'th')) continue;
      while (grid[r]![col] !== undefined) col++;
      const text = cellText(td);
      const colspan = Math.max(1, Math.min(50, Number(td.attribs.colspan) || 1));
      const rowspan = Math.max(1, Math.min(500, Number(td.attribs.rowspan) || 1));
      for (let dr = 0; dr < rowspan; dr++) {
        const row = (grid[r + dr] ??= []);
        for (let dc = 0; dc < colspan; dc++) {
          // A label spanning rows is repeated (it labels each of them); spanned numbers are not.
          const first = dr === 0 && dc === 0;
          row[col + dc] = first ? text : dc === 0 && !/\d/.test(text) ? text : SPAN_FILLER;
        }
      }
      col += colspan;
    }
  });
  return grid.map((row) => Array.from(row, (c) => c ?? '').join('\t')).filter((l) => l.replace(/[\t\u0001]/g, '') !== '');
}

/** Class names that mark an element as a table row or cell in pages that lay tables out without <table>. */
const GRID_ROW_CLASS = /(?:^|[\s_-])(?:row|tr)(?:$|[\s_-])/i;
const GRID_CELL_CLASS = /(?:^|[\s_-])(?:cell|td|th|col)(?:$|[\s_-]|\d)/i;

/**
 * A row of a table drawn with <div>s (`<div class="row"><div class="cell">…`): two or more cell children holding
 * no blocks of their own. Read as one tab-separated line like a <tr>, so an empty cell stays a blank cell instead of
 * vanishing into the spaces around it.
 */
function gridRowCells(n: Element): string[] | null {
  if (n.name !== 'div' && n.name !== 'li') return null;
  const cells = n.children.filter(isElement);
  if (cells.length < 2 || n.children.some((c) => c.type === 'text' && (c as unknown as { data: string }).data.trim())) return null;
  const marked = GRID_ROW_CLASS.test(n.attribs.class ?? '') || cells.every((c) => GRID_CELL_CLASS.test(c.attribs.class ?? ''));
  if (!marked || !cells.every((c) => (c.name === 'div' || c.name === 'span' || c.name === 'p') && !hasBlock(c))) return null;
  return cells.map(cellText);
}

function hasBlock(el: Element): boolean {
  let found = false;
  walkTree(el, (n) => { if (n !== el && isElement(n) && n.name !== 'br' && BLOCK.has(n.name)) found = true; return !found; });
  return found;
}

/** Converts an HTML page to lines of text; each table row becomes one tab-separated line. */
export function htmlToLines(html: string): { lines: string[]; title: string | null; meta: Record<string, string> } {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const lines: string[] = [];
  let current = '';
  let title: string | null = null;
  const meta: Record<string, string> = {};
  const flush = () => {
    const t = current.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
    if (t) lines.push(t);
    current = '';
  };
  walkTree(doc, (n) => {
    if (n === doc) return;
    if (n.type === 'text') { current += (n as unknown as { data: string }).data; return; }
    if (!isElement(n)) return false;
    if (SKIP.has(n.name)) return false;
    if (n.name === 'meta') {
      const key = n.attribs.name ?? n.attribs.property;
      if (key && n.attribs.content) meta[key.toLowerCase()] = n.attribs.content;
      return false;
    }
    if (n.name === 'title') { title = textContent(n).trim() || null; return false; }
    if (n.name === 'table') { flush(); lines.push(...tableToLines(n)); return false; }
    const grid = gridRowCells(n);
    if (grid) { flush(); if (grid.some((c) => c !== '')) lines.push(grid.join('\t')); return false; }
    if (BLOCK.has(n.name)) flush();
  }, (n) => { if (BLOCK.has(n.name)) flush(); });
  flush();
  return { lines, title, meta };
}

export function looksLikeHtml(text: string): boolean {
  return /<(html|body|table|div|p)[\s>]/i.test(text.slice(0, 20000));
}
