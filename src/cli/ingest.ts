/**
 * `disclosure-bot ingest FILE|DIR…`: reads every report (text, HTML, PDF, Word; a folder's report files),
 * checks them all, then writes — all or nothing, unless --keep-going writes the ones that parsed.
 * Extracted PDF/Word text is spooled to a temporary folder between the checking and the writing pass, so
 * a large batch neither holds every report in memory nor extracts each PDF twice.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DatasetWriter } from '../store/dataset.js';
import { IngestError } from '../ingest/parse.js';
import { REPORT_EXTENSIONS, isReportFile, parseSource, readReportFile, type ReportSource } from '../ingest/readers/index.js';
import type { Report } from '../model/schema.js';

export interface IngestOptions {
  dataDir: string;
  agency?: string;
  year?: number;
  keepGoing: boolean;
}

/** Batches at least this large report progress even when stderr is not a terminal. */
const LARGE_BATCH = 100;

interface Expanded { files: string[]; skipped: string[]; emptyDirs: string[] }

/** FILE arguments as given; a DIR argument stands for the report files directly inside it. */
export function expandArguments(args: string[]): Expanded {
  const files: string[] = [], skipped: string[] = [], emptyDirs: string[] = [];
  for (const arg of args) {
    let isDir = false;
    try { isDir = statSync(arg).isDirectory(); } catch { /* missing: reported when it is read */ }
    if (!isDir) { files.push(arg); continue; }
    const names = readdirSync(arg).sort();
    const reports = names.filter((n) => isReportFile(n) && !n.startsWith('.') && statSync(join(arg, n)).isFile());
    if (!reports.length) emptyDirs.push(arg);
    files.push(...reports.map((n) => join(arg, n)));
    skipped.push(...names.filter((n) => !reports.includes(n) && !n.startsWith('.')).map((n) => join(arg, n)));
  }
  return { files, skipped, emptyDirs };
}

type ProgressStream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean };

/** One self-updating line on a terminal; on a pipe or log, a line per ~5% of a large batch. */
export function progressReporter(total: number, stream: ProgressStream = process.stderr): { tick(done: number, file: string): void; done(): void } {
  const tty = Boolean(stream.isTTY);
  if (total < 2 || (!tty && total < LARGE_BATCH)) return { tick() {}, done() {} };
  const step = Math.max(1, Math.round(total / 20));
  return {
    tick(done, file) {
      if (tty) stream.write(`\r\x1b[Kingest: ${done}/${total} ${basename(file)}`);
      else if (done % step === 0 || done === total) stream.write(`ingest: ${done}/${total} files read\n`);
    },
    done() { if (tty) stream.write('\r\x1b[K'); },
  };
}

const reason = (e: unknown) => (e instanceof IngestError ? e.message : `unexpected error: ${(e as Error)?.message ?? String(e)}`);

function summaryLine(r: Report, source: ReportSource): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  return `ingested ${r.agency} ${r.year} (${source.kind === 'text' ? '' : `${source.kind}: `}${r.sourceFormat}${r.layout === '2019' ? ', 2019 layout' : ''}) → DIR; audit: ${r.findings.length ? `${r.findings.length} finding(s), ${errors} error(s)` : 'all rules pass'}`;
}

export async function runIngest(args: string[], options: IngestOptions): Promise<number> {
  const { files, skipped, emptyDirs } = expandArguments(args);
  for (const dir of emptyDirs) console.error(`ingest: ${dir}: no report files in it (${REPORT_EXTENSIONS.join(' ')})`);
  if (skipped.length) {
    const shown = skipped.slice(0, 5).map((f) => basename(f)).join(', ');
    console.error(`ingest: skipped ${skipped.length} file(s) that are not reports (${REPORT_EXTENSIONS.join(' ')}): ${shown}${skipped.length > 5 ? ', …' : ''}`);
  }
  if (!files.length) return 1;
  if ((options.agency || options.year) && files.length > 1) { console.error('ingest: --agency/--year apply to one FILE only'); return 2; }
  const hints = { agency: options.agency, year: options.year };

  const spool = mkdtempSync(join(tmpdir(), 'disclosure-ingest-'));
  try {
    // pass 1: read and check every file; keep a line per good report and the extracted text of PDF/Word files
    const good: Array<{ file: string; line: string; spooled?: string }> = [];
    const failed: Array<{ file: string; reason: string }> = [];
    const progress = progressReporter(files.length);
    for (const [i, file] of files.entries()) {
      progress.tick(i + 1, file);
      try {
        const source = await readReportFile(file);
        const report = parseSource(source, file, hints);
        let spooled: string | undefined;
        if (source.kind !== 'text') { spooled = join(spool, `${i}.json`); writeFileSync(spooled, JSON.stringify(source)); }
        good.push({ file, line: summaryLine(report, source), spooled });
      } catch (e) {
        failed.push({ file, reason: reason(e) });
      }
    }
    progress.done();
    for (const f of failed) console.error(`ingest: ${f.file}: ${f.reason}`);
    if (failed.length && !options.keepGoing) {
      if (files.length > 1) console.error(`ingest: ${failed.length} of ${files.length} files failed; nothing written${good.length ? ` (--keep-going writes the ${good.length} that parsed)` : ''}`);
      return 1;
    }
    if (good.length) {
      // pass 2: stream into the dataset; the index switches over at finish()
      const writer = new DatasetWriter(options.dataDir);
      for (const g of good) {
        const source: ReportSource = g.spooled ? JSON.parse(readFileSync(g.spooled, 'utf8')) : await readReportFile(g.file);
        writer.add(parseSource(source, g.file, hints));
      }
      writer.finish();
      for (const g of good) console.log(g.line.replace('→ DIR;', `→ ${options.dataDir};`));
    }
    if (files.length > 1) console.error(`ingest: ${good.length} ingested, ${failed.length} failed${skipped.length ? `, ${skipped.length} skipped` : ''}`);
    return failed.length ? 1 : 0;
  } finally {
    rmSync(spool, { recursive: true, force: true });
  }
}
