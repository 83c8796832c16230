/**
 * One report file → the rows the dataset writer stores and the line `ingest` prints for it, or why it failed.
 * The same function runs on the main thread (small batches) and on the ingest pool's workers (large ones), so
 * both paths read, parse, check and word a report identically.
 */
import { METRIC_IDS } from '../catalog/metrics.js';
import { IngestError } from '../ingest/parse.js';
import { parseSource, readReportFile, readReportFileNow, type ReportSource } from '../ingest/readers/index.js';
import type { Report } from '../model/schema.js';
import { prepareReport, type PreparedReport } from '../store/record.js';

export interface IngestHints { agency?: string; year?: number }

export type FileOutcome =
  | { file: string; ok: true; prepared: PreparedReport; line: string }
  | { file: string; ok: false; reason: string };

const reason = (e: unknown) => (e instanceof IngestError ? e.message : `unexpected error: ${(e as Error)?.message ?? String(e)}`);

/** The printed line of an ingested report; "DIR" is replaced by the dataset path once the batch committed. */
export function summaryLine(r: Report, source: ReportSource): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  return `ingested ${r.agency} ${r.year} (${source.kind === 'text' ? '' : `${source.kind}: `}${r.sourceFormat}${r.layout === '2019' ? ', 2019 layout' : ''}) → DIR; audit: ${r.findings.length ? `${r.findings.length} finding(s), ${errors} error(s)` : 'all rules pass'}`;
}

/**
 * Reads, parses and prepares one file; `metrics` is the dataset file's cell order. Never throws. `blocking`: read
 * the file synchronously (on a worker thread, where nothing else waits).
 */
export async function ingestOneFile(file: string, hints: IngestHints, metrics: readonly string[], blocking = false): Promise<FileOutcome> {
  try {
    const source = await (blocking ? readReportFileNow : readReportFile)(file);
    const report = parseSource(source, file, hints);
    // parseReport has validated the report: preparing it need not validate it again
    return { file, ok: true, prepared: prepareReport(report, metrics, METRIC_IDS, true), line: summaryLine(report, source) };
  } catch (e) {
    return { file, ok: false, reason: reason(e) };
  }
}
