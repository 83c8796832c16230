/**
 * The files people download → the raw text or HTML that parseReport reads. The content decides the reader
 * (a PDF saved as .txt is still a PDF); the extension only says what the file claimed to be.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Report } from '../../model/schema.js';
import { IngestError, parseReport, type ParseOptions } from '../parse.js';
import { docxToHtml } from './docx.js';
import { pdfToText } from './pdf.js';
import { decodeReportText } from './text-encoding.js';

export const REPORT_EXTENSIONS = ['.txt', '.htm', '.html', '.pdf', '.docx'] as const;

export type ReportFileKind = 'text' | 'pdf' | 'docx';

export interface ReportSource {
  raw: string;
  kind: ReportFileKind;
  /** the text encoding found, for text and HTML files */
  encoding?: string;
}

export function isReportFile(name: string): boolean {
  return (REPORT_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

const startsWithPdf = (b: Uint8Array) => Buffer.from(b.subarray(0, 1024)).includes('%PDF-');
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b;

/** Reads a report's bytes; throws IngestError saying what is wrong with the file (not which file it is). */
export async function readReportBytes(bytes: Uint8Array, name: string): Promise<ReportSource> {
  if (bytes.length === 0) throw new IngestError('file is empty');
  const ext = extname(name).toLowerCase();
  if (startsWithPdf(bytes)) return { raw: await pdfToText(bytes), kind: 'pdf' };
  if (ext === '.pdf') throw new IngestError('not a PDF (no %PDF header; a web page saved under a .pdf name?)');
  if (ext === '.docx' || isZip(bytes)) return { raw: await docxToHtml(bytes), kind: 'docx' };
  const { text, encoding } = decodeReportText(bytes);
  return { raw: text, kind: 'text', encoding };
}

const unreadable = (e: unknown) => new IngestError(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);

export async function readReportFile(path: string): Promise<ReportSource> {
  let bytes: Buffer;
  try { bytes = await readFile(path); } catch (e) { throw unreadable(e); }
  return readReportBytes(bytes, path);
}

/** readReportFile with the file read at once: for ingest workers, where blocking costs nothing and each async read costs a thread-pool round trip. */
export async function readReportFileNow(path: string): Promise<ReportSource> {
  let bytes: Buffer;
  try { bytes = readFileSync(path); } catch (e) { throw unreadable(e); }
  return readReportBytes(bytes, path);
}

/** Reads and parses one report file; IngestError messages do not repeat the file name. */
export async function ingestFile(path: string, options: Omit<ParseOptions, 'sourceFile'> = {}): Promise<Report> {
  const source = await readReportFile(path);
  return parseSource(source, path, options);
}

export function parseSource(source: ReportSource, path: string, options: Omit<ParseOptions, 'sourceFile'> = {}): Report {
  const sourceFile = basename(path);
  try {
    return parseReport(source.raw, { ...options, sourceFile });
  } catch (e) {
    if (e instanceof IngestError) throw new IngestError(e.message.replace(`${sourceFile}: `, ''));
    throw e;
  }
}
