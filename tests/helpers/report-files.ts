/**
 * Builds the files agencies publish — PDF and Word — from a report's text at test time, with real libraries
 * (pdfkit with an embedded CJK font, docx), so no binary fixture is committed. Lines holding tabs are table
 * rows: consecutive ones become one ruled table, as in the published reports.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';

const require = createRequire(import.meta.url);
/** Noto Sans Hans (GB2312 subset, OFL) from the @embedpdf/fonts-sc package. */
// the package exports only its JS entry (dist/): the fonts folder sits beside it
export const CJK_FONT = join(dirname(require.resolve('@embedpdf/fonts-sc')), '../fonts/NotoSansHans-Regular.otf');
let fontBytes: Buffer | undefined;
const cjkFont = () => (fontBytes ??= readFileSync(CJK_FONT));

type Block = { kind: 'text'; line: string } | { kind: 'table'; rows: string[][] };

/** Splits report text into prose lines and tables (runs of tab-separated lines). */
export function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      const last = blocks[blocks.length - 1];
      const cells = line.split('\t');
      if (last?.kind === 'table') last.rows.push(cells); else blocks.push({ kind: 'table', rows: [cells] });
    } else if (line.trim()) blocks.push({ kind: 'text', line });
  }
  return blocks;
}

const isNumber = (s: string) => /^[-\d.]+$/.test(s.trim());

/** Column widths for a table: text columns share what number columns leave. */
function columnWidths(rows: string[][], total: number): number[] {
  const n = Math.max(...rows.map((r) => r.length));
  const textual = Array.from({ length: n }, (_, c) => rows.some((r) => r[c] && !isNumber(r[c]!)) && rows.filter((r) => r[c] && !isNumber(r[c]!)).some((r) => r[c]!.length > 4));
  const numberWidth = Math.min(44, total / n);
  const textCount = textual.filter(Boolean).length;
  const textWidth = textCount ? (total - numberWidth * (n - textCount)) / textCount : 0;
  return textual.map((t) => (t ? textWidth : textCount ? numberWidth : total / n));
}

export interface PdfOptions {
  /** running header printed at the top of every page */
  header?: string;
  /** "— N —" at the foot of every page */
  pageNumbers?: boolean;
  /** encrypt with this user password */
  password?: string;
  fontSize?: number;
  /** cell borders: stroked rectangles (default), thin filled rectangles as Word exports them, or none */
  borders?: 'stroked' | 'filled' | 'none';
}

/** A4 PDF of the report: wrapped paragraphs, ruled tables with wrapping label cells, optional header/footer. */
export async function reportPdf(text: string, options: PdfOptions = {}): Promise<Buffer> {
  const size = options.fontSize ?? 10.5;
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 60, right: 60 }, bufferPages: true, ...(options.password ? { userPassword: options.password, ownerPassword: `${options.password}-owner` } : {}) });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk').fontSize(size);
  const left = 60, width = doc.page.width - 120, bottom = () => doc.page.height - 72;

  for (const block of blocksOf(text)) {
    if (block.kind === 'text') {
      const h = doc.heightOfString(block.line, { width });
      if (doc.y + h > bottom()) doc.addPage();
      doc.text(block.line, left, doc.y, { width, lineGap: 3 });
      doc.moveDown(0.3);
      continue;
    }
    const widths = columnWidths(block.rows, width);
    const pad = 3;
    doc.moveDown(0.2);
    for (const row of block.rows) {
      const cellHeight = (cell: string, c: number) => doc.heightOfString(cell || ' ', { width: widths[c]! - 2 * pad, lineGap: 1 });
      const height = Math.max(...widths.map((_, c) => cellHeight(row[c] ?? '', c))) + 2 * pad;
      if (doc.y + height > bottom()) doc.addPage();
      const top = doc.y;
      let x = left;
      widths.forEach((w, c) => {
        const cell = row[c] ?? '';
        if (options.borders === 'filled') {
          // Word draws each border as a thin filled rectangle
          doc.rect(x, top, w, 0.5).fill('black').rect(x, top, 0.5, height).fill('black');
          if (c === widths.length - 1) doc.rect(x + w - 0.5, top, 0.5, height).fill('black');
          if (row === block.rows[block.rows.length - 1]) doc.rect(x, top + height - 0.5, w, 0.5).fill('black');
        } else if (options.borders !== 'none') doc.rect(x, top, w, height).lineWidth(0.5).stroke();
        // numbers sit in the vertical middle of their cell, as Word tables usually print them
        const h = cellHeight(cell, c);
        if (cell) doc.text(cell, x + pad, top + (height - h) / 2, { width: w - 2 * pad, lineGap: 1, align: isNumber(cell) ? 'center' : 'left' });
        x += w;
      });
      doc.y = top + height;
      doc.x = left;
    }
    doc.moveDown(0.5);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // drawing in the margins must not trigger pdfkit's automatic page break
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    if (options.header) doc.fontSize(9).text(options.header, left, 36, { width, align: 'center', lineBreak: false });
    if (options.pageNumbers) doc.fontSize(9).text(`— ${i + 1} —`, left, doc.page.height - 48, { width, align: 'center', lineBreak: false });
    doc.page.margins = margins;
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A .docx of the report: paragraphs and real Word tables, a label followed by empty cells merged across them. */
export async function reportDocx(text: string, options: { header?: string } = {}): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  const run = (t: string) => new TextRun({ text: t, font: { eastAsia: '宋体', ascii: 'Times New Roman' } });
  for (const block of blocksOf(text)) {
    if (block.kind === 'text') { children.push(new Paragraph({ children: [run(block.line)] })); continue; }
    const columns = Math.max(...block.rows.map((r) => r.length));
    const rows = block.rows.map((cells) => {
      const padded = [...cells, ...Array(columns - cells.length).fill('')];
      const out: TableCell[] = [];
      for (let c = 0; c < padded.length; c++) {
        let span = 1;
        // a label followed by blank cells before the numbers is one merged cell in the published tables
        if (padded[c] && !isNumber(padded[c]!)) while (c + span < padded.length && padded[c + span] === '' && padded.slice(c + span).some((v) => v !== '')) span++;
        out.push(new TableCell({ children: [new Paragraph({ children: [run(padded[c]!)] })], columnSpan: span > 1 ? span : undefined, verticalAlign: VerticalAlign.CENTER }));
        c += span - 1;
      }
      return new TableRow({ children: out });
    });
    children.push(new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }));
  }
  const doc = new Document({
    sections: [{
      headers: options.header ? { default: new Header({ children: [new Paragraph({ children: [run(options.header)] })] }) } : undefined,
      footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })] })] }) },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
