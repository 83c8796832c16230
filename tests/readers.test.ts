/**
 * The files people download: PDF and Word round trips (fixtures built here from report text with pdfkit and
 * docx), text in GBK/UTF-16/BOM encodings, clear errors for broken files, and folder ingest.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import iconv from 'iconv-lite';
import { parseReport } from '../src/ingest/parse.js';
import { ingestFile, parseSource, readReportBytes } from '../src/ingest/readers/index.js';
import { decodeReportText } from '../src/ingest/readers/text-encoding.js';
import { dropPageFurniture, linesOfPage, whyUnreadable, type PdfLine } from '../src/ingest/readers/pdf.js';
import { tableLines } from '../src/ingest/readers/pdf-tables.js';
import { BUNDLED_DATA, loadDataset } from '../src/store/dataset.js';
import { main } from '../src/cli/main.js';
import { progressReporter } from '../src/cli/ingest.js';
import type { Report } from '../src/model/schema.js';
import { buildReport, consistentTables } from './helpers/reports.js';
import { reportDocx, reportPdf } from './helpers/report-files.js';

const SEED_TEXT = readFileSync(join(BUNDLED_DATA, 'raw/zezhou-transport-2023.txt'), 'utf8');
const GENERATED = buildReport('tsv', consistentTables(3), '陵川县自然资源局', 2022);
const fromText = (text: string) => parseReport(text, { sourceFile: 'r.txt' });
/** Building and reading a PDF takes a second or two, several on a busy machine (pdf.js and fontkit warming up). */
const PDF_TIMEOUT = 60_000;
const values = (r: Report) => Object.fromEntries(Object.entries(r.cells).map(([id, c]) => [id, c.value]));

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'readers-')); });

/** Ingests bytes as a file of that name, as the CLI would. */
async function ingestBytes(bytes: Uint8Array | string, name: string): Promise<Report> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return ingestFile(file);
}

function expectSameReport(got: Report, want: Report) {
  expect(got.agency).toBe(want.agency);
  expect(got.year).toBe(want.year);
  expect(values(got)).toEqual(values(want));
}

describe('PDF reports', () => {
  let seedPdf: Buffer;
  let seedSource: Awaited<ReturnType<typeof readReportBytes>>;
  beforeAll(async () => {
    seedPdf = await reportPdf(SEED_TEXT, { header: '泽州县人民政府门户网站', pageNumbers: true });
    seedSource = await readReportBytes(seedPdf, 'seed.pdf');
  }, PDF_TIMEOUT);

  it('the seed report as a PDF gives the same cells, agency and year as its text', () => {
    expect(seedSource.kind).toBe('pdf');
    expectSameReport(parseSource(seedSource, 'seed.pdf'), fromText(SEED_TEXT));
  });

  it('reads table rows whose labels wrap inside their cells, and drops running headers and page numbers', () => {
    const raw = seedSource.raw;
    expect(raw).toMatch(/^一、本年新收政府信息公开申请数量(\t[^\t\n]*)*\t0\t0\t0\t0\t0\t0\t0\t*$/m);
    expect(raw).not.toContain('门户网站\n');
    expect(raw).not.toMatch(/^— \d+ —$/m);
    // a paragraph wrapped over several lines comes back as one line
    expect(raw).toContain('在主动公开的信息中，法律、法规、规章和部门文件类信息4条，占10%；政策解读类信息22条');
  });

  it('a generated report, with a blank cell and Word-style filled borders, round-trips through a PDF, whatever its file is called', async () => {
    const text = GENERATED.replace(/^(一、本年新收政府信息公开申请数量\t\d+\t\d+)\t\d+/m, '$1\t');
    const want = fromText(text);
    expect(want.cells['applications.newReceived.research']!.value).toBeNull();
    expectSameReport(await ingestBytes(await reportPdf(text, { borders: 'filled' }), 'gen.txt'), want);
  }, PDF_TIMEOUT);

  it('names what is wrong with a broken, encrypted or image-only PDF', async () => {
    await expect(ingestBytes(seedPdf.subarray(0, 2000), 'cut.pdf')).rejects.toThrow(/not a readable PDF/);
    await expect(ingestBytes(await reportPdf('第一页', { password: 'secret' }), 'locked.pdf')).rejects.toThrow(/encrypted/);
    await expect(ingestBytes(await reportPdf(''), 'scan.pdf')).rejects.toThrow(/no text layer/);
    await expect(ingestBytes('<html><body>404</body></html>', 'page.pdf')).rejects.toThrow(/not a PDF/);
  }, PDF_TIMEOUT);
});

describe('page layout', () => {
  const line = (text: string, y: number): PdfLine => ({ text, x: 60, y, end: 200, size: 10, tabbed: false });
  it('drops a running header and lone page numbers, keeps body lines that only look alike once', () => {
    const pages = [1, 2, 3].map((n) => [line('某某县人民政府信息公开', 800), line(`正文第${n}页内容`, 700), line(`— ${n} —`, 40)]);
    pages[1]!.splice(2, 0, line('2', 60));
    expect(dropPageFurniture(pages).map((p) => p.map((l) => l.text))).toEqual([['正文第1页内容'], ['正文第2页内容'], ['正文第3页内容']]);
  });
  it('a ruled table: wrapped labels stay in their cell, blank cells stay blank, a run over two cells is split', () => {
    // three columns (x 0|100|150|200), two rows (y 100|60|40)
    const rules = {
      horizontal: [100, 60, 40].map((at) => ({ at, from: 0, to: 200 })),
      vertical: [0, 100, 150, 200].map((at) => ({ at, from: 40, to: 100 })),
    };
    const run = (str: string, x: number, y: number, width: number) => ({ str, x, y, width, size: 10 });
    const { lines, rest } = tableLines([
      run('一、本年新收政府', 2, 88, 80), run('信息公开申请数量', 2, 76, 80), run('12 5', 120, 80, 70),
      run('二、上年结转', 2, 48, 60), run('3', 170, 48, 6), run('表格下方的正文', 0, 20, 70),
    ], rules);
    expect(lines.map((l) => l.text)).toEqual(['一、本年新收政府信息公开申请数量\t12\t5', '二、上年结转\t\t3']);
    expect(rest.map((r) => r.str)).toEqual(['表格下方的正文']);
  });
  it('refuses text that is only private-use glyph codes (fonts without a character map)', () => {
    expect(whyUnreadable('\ue001\ue002\ue003 \ue004 2023')).toMatch(/no text mapping/);
    expect(whyUnreadable('泽州县交通运输局2023年政府信息公开工作年度报告\ue001')).toBeNull();
  });
  it('groups runs by baseline and separates distant runs with a tab', () => {
    const lines = linesOfPage([
      { str: '195', x: 300, y: 600.4, width: 16, size: 10 },
      { str: '行政处罚', x: 50, y: 600, width: 40, size: 10 },
      { str: '标题', x: 50, y: 700, width: 20, size: 10 },
    ]);
    expect(lines.map((l) => l.text)).toEqual(['标题', '行政处罚\t195']);
  });
});

describe('Word reports', () => {
  it('the seed report as a .docx gives the same cells, agency and year as its text', async () => {
    expectSameReport(await ingestBytes(await reportDocx(SEED_TEXT, { header: '泽州县交通运输局' }), 'seed.docx'), fromText(SEED_TEXT));
  });
  it('a generated report round-trips through a .docx', async () => {
    expectSameReport(await ingestBytes(await reportDocx(GENERATED), 'gen.docx'), fromText(GENERATED));
  });
  it('names a .docx that is not one', async () => {
    await expect(ingestBytes('plain text', 'fake.docx')).rejects.toThrow(/not a Word \.docx file \(not a zip archive\)/);
    await expect(ingestBytes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'old.docx')).rejects.toThrow(/old binary Word \.doc/);
    await expect(ingestBytes(Buffer.from('PK\x03\x04broken zip'), 'broken.docx')).rejects.toThrow(/not a readable Word \.docx/);
  });
});

describe('text encodings', () => {
  it('GBK text without any declaration', async () => {
    expectSameReport(await ingestBytes(iconv.encode(SEED_TEXT, 'gbk'), 'seed-gbk.txt'), fromText(SEED_TEXT));
  });
  it('GBK HTML declaring <meta charset=gb2312>', async () => {
    const html = buildReport('html', consistentTables(2)).replace('<head>', '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
    const bytes = iconv.encode(html, 'gbk');
    expect(decodeReportText(bytes).encoding).toBe('gb18030');
    expectSameReport(await ingestBytes(bytes, 'page.htm'), fromText(html));
  });
  it('a few damaged bytes do not flip the guess between UTF-8 and GBK', () => {
    const damage = (b: Buffer) => { const out = Buffer.from(b); for (let k = 1; k <= 20; k++) out[Math.floor((out.length * k) / 21)] = 0xff; return out; };
    expect(decodeReportText(damage(Buffer.from(SEED_TEXT))).encoding).toBe('utf-8');
    expect(decodeReportText(damage(iconv.encode(SEED_TEXT, 'gbk'))).encoding).toBe('gb18030');
  });
  it('UTF-8 wins over a stale gb2312 declaration when the bytes are UTF-8', () => {
    const html = '<html><head><meta charset="gb2312"></head><body><p>泽州县交通运输局</p></body></html>';
    expect(decodeReportText(Buffer.from(html))).toEqual({ text: html, encoding: 'utf-8' });
  });
  it('UTF-8 with a BOM and UTF-16 with a BOM (either byte order)', async () => {
    const want = fromText(SEED_TEXT);
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SEED_TEXT)]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEED_TEXT, 'utf16le')]);
    const be = iconv.encode(SEED_TEXT, 'utf-16be', { addBOM: true });
    for (const [bytes, name] of [[bom8, 'bom8.txt'], [le, 'le.txt'], [be, 'be.txt']] as const) expectSameReport(await ingestBytes(bytes, name), want);
  });
  it('names an empty or binary file', async () => {
    await expect(ingestBytes('', 'empty.txt')).rejects.toThrow(/empty/);
    await expect(ingestBytes(' \n\n', 'blank.txt')).rejects.toThrow(/empty/);
    const binary = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256));
    await expect(ingestBytes(binary, 'data.txt')).rejects.toThrow(/binary content/);
  });
});

describe('ingest FILE|DIR', () => {
  let errors: string[];
  beforeEach(() => {
    errors = [];
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
  });
  afterEach(() => { vi.restoreAllMocks(); });

  let wordReport: Buffer;
  beforeAll(async () => { wordReport = await reportDocx(buildReport('tsv', consistentTables(1), '高平市交通运输局', 2023)); });
  const folder = async () => {
    const reports = join(dir, 'downloads');
    mkdirSync(reports);
    writeFileSync(join(reports, 'a.txt'), GENERATED);
    writeFileSync(join(reports, 'b.docx'), wordReport);
    writeFileSync(join(reports, 'c.htm'), iconv.encode(buildReport('html', consistentTables(2), '阳城县民政局', 2023), 'gbk'));
    writeFileSync(join(reports, 'notes.xlsx'), 'not a report');
    return reports;
  };

  it('a folder ingests every report file in it and notes the files it skips', async () => {
    const data = join(dir, 'data');
    expect(await main(['ingest', await folder(), '--data', data])).toBe(0);
    expect(loadDataset(data).map((r) => `${r.agency}${r.year}`).sort()).toEqual(['阳城县民政局2023', '陵川县自然资源局2022', '高平市交通运输局2023']);
    expect(errors.join('\n')).toMatch(/skipped 1 file.*notes\.xlsx/);
    expect(errors.join('\n')).toContain('3 ingested, 0 failed');
  });

  it('writes nothing when one file fails, and names it with its reason', async () => {
    const reports = await folder();
    writeFileSync(join(reports, 'd.pdf'), '%PDF-1.7\nthis is not really a PDF');
    const data = join(dir, 'data');
    expect(await main(['ingest', reports, '--data', data])).toBe(1);
    expect(existsSync(join(data, 'index.json'))).toBe(false);
    expect(errors.join('\n')).toMatch(/d\.pdf: not a readable PDF/);
    expect(errors.join('\n')).toMatch(/1 of 4 files failed; nothing written \(--keep-going writes the 3 that parsed\)/);
  });

  it('--keep-going writes the good ones and still exits 1', async () => {
    const reports = await folder();
    writeFileSync(join(reports, 'e.txt'), '');
    const data = join(dir, 'data');
    expect(await main(['ingest', reports, '--data', data, '--keep-going'])).toBe(1);
    expect(loadDataset(data)).toHaveLength(3);
    expect(errors.join('\n')).toMatch(/e\.txt: file is empty/);
    expect(errors.join('\n')).toContain('3 ingested, 1 failed');
  });

  it('an empty folder, or --agency with several files, is refused', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(await main(['ingest', empty, '--data', join(dir, 'data')])).toBe(1);
    expect(errors.join('\n')).toMatch(/no report files in it/);
    expect(await main(['ingest', await folder(), '--agency', '某局', '--data', join(dir, 'data')])).toBe(2);
  });

  it('shows progress on a terminal, and on a pipe only for a large batch', () => {
    const written: string[] = [];
    const tty = progressReporter(3, { isTTY: true, write: (t: string) => written.push(t) });
    ['a.pdf', 'b.pdf', 'c.pdf'].forEach((f, i) => tty.tick(i + 1, f));
    tty.done();
    expect(written).toEqual(['\r\x1b[Kingest: 1/3 a.pdf', '\r\x1b[Kingest: 2/3 b.pdf', '\r\x1b[Kingest: 3/3 c.pdf', '\r\x1b[K']);
    written.length = 0;
    progressReporter(3, { isTTY: false, write: (t: string) => written.push(t) }).tick(3, 'c.pdf');
    expect(written).toEqual([]);
    const pipe = progressReporter(400, { isTTY: false, write: (t: string) => written.push(t) });
    for (let i = 1; i <= 400; i++) pipe.tick(i, `${i}.txt`);
    expect(written).toHaveLength(20);
    expect(written[19]).toBe('ingest: 400/400 files read\n');
  });
});
