/**
 * `disclosure-bot ingest FILE|DIR…`: reads every report (text, HTML, PDF, Word; a folder's report files), checks
 * it and writes it into one transaction, in file order — all or nothing: when a file fails, nothing of the batch is
 * committed (every file is still read, so every failure is named), unless --keep-going commits the ones that parsed. Large batches are read and parsed on worker threads (ingest-pool.ts) while this thread writes.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DatasetWriter } from '../store/dataset.js';
import { storedMetricsAt } from '../store/writer.js';
import { REPORT_EXTENSIONS, isReportFile } from '../ingest/readers/index.js';
import type { PreparedReport } from '../store/record.js';
import { ingestOneFile, type FileOutcome, type IngestHints } from './ingest-file.js';
import { defaultThreads, ingestFilesInParallel, poolAvailable } from './ingest-pool.js';

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
    const names = readdirSync(arg, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // (loops, not push(...list): a folder may hold hundreds of thousands of reports)
    let reports = 0;
    for (const entry of names) {
      if (entry.name.startsWith('.')) continue;
      const path = join(arg, entry.name);
      // the entry's type from the listing; a symbolic link (or a type the listing left unknown) is looked up
      const isFile = entry.isFile() || (!entry.isDirectory() && Boolean(statSync(path, { throwIfNoEntry: false })?.isFile()));
      if (isReportFile(entry.name) && isFile) { files.push(path); reports++; } else skipped.push(path);
    }
    if (!reports) emptyDirs.push(arg);
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

/** Reports held in memory before the batch starts writing (see runIngest). */
const HELD_REPORTS = 1000;

/** Batches this large are parsed on worker threads (below it, starting workers costs more than it saves). */
const POOL_FROM_FILES = 64;

/** How many parsing threads a batch of `files` gets: 0 = this thread. DISCLOSURE_BOT_INGEST_THREADS overrides. */
function parsingThreads(files: number): number {
  const asked = process.env.DISCLOSURE_BOT_INGEST_THREADS;
  if (!poolAvailable()) return 0;
  if (asked !== undefined && asked !== '') return Math.max(0, Math.floor(Number(asked)) || 0);
  return files >= POOL_FROM_FILES && defaultThreads() > 1 ? defaultThreads() : 0;
}

/** The dataset's writer, checked to store cells in the order the reports were prepared in. */
function openWriter(dataDir: string, metrics: readonly string[]): DatasetWriter {
  const writer = new DatasetWriter(dataDir);
  if (writer.metrics.length !== metrics.length || writer.metrics.some((id, i) => id !== metrics[i])) {
    writer.abort();
    throw new Error('the dataset\'s cell order changed while reading the reports (another disclosure-bot version wrote it); run ingest again');
  }
  return writer;
}

async function* eachOutcome(files: string[], hints: IngestHints, metrics: string[]): AsyncGenerator<FileOutcome> {
  const threads = parsingThreads(files.length);
  if (threads > 0) yield* ingestFilesInParallel(files, hints, metrics, threads);
  else for (const file of files) yield await ingestOneFile(file, hints, metrics);
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
  const hints: IngestHints = { agency: options.agency, year: options.year };

  const lines: string[] = [];
  const failed: Array<{ file: string; reason: string }> = [];
  const progress = progressReporter(files.length);
  // Reports are held back until HELD_REPORTS have parsed, so a batch of that size that fails leaves no trace (not even a
  // new empty file); beyond it they stream into the open transaction, which a failure rolls back. Once a file has
  // failed without --keep-going nothing more is written.
  let writer: DatasetWriter | undefined;
  const held: PreparedReport[] = [];
  const writing = () => failed.length === 0 || options.keepGoing;
  try {
    const metrics = storedMetricsAt(options.dataDir);
    const write = (p?: PreparedReport) => {
      if (p) held.push(p);
      if (!writer && held.length < HELD_REPORTS && p) return;
      writer ??= openWriter(options.dataDir, metrics);
      for (const h of held) writer.addPrepared(h);
      held.length = 0;
    };
    let done = 0;
    for await (const outcome of eachOutcome(files, hints, metrics)) {
      progress.tick(++done, outcome.file);
      if (!outcome.ok) { failed.push({ file: outcome.file, reason: outcome.reason }); continue; }
      lines.push(outcome.line);
      if (writing()) write(outcome.prepared);
    }
    progress.done();
    for (const f of failed) console.error(`ingest: ${f.file}: ${f.reason}`);
    if (!writing()) {
      writer?.abort();
      if (files.length > 1) console.error(`ingest: ${failed.length} of ${files.length} files failed; nothing written${lines.length ? ` (--keep-going writes the ${lines.length} that parsed)` : ''}`);
      return 1;
    }
    if (lines.length) {
      write();
      writer!.finish();
    }
  } catch (e) {
    writer?.abort();
    throw e;
  }
  const dir = `→ ${options.dataDir};`;
  // one write for the whole list: a line per report is slow on a pipe at hundreds of thousands of reports
  if (lines.length) console.log(lines.map((l) => l.replace('→ DIR;', dir)).join('\n'));
  if (files.length > 1) console.error(`ingest: ${lines.length} ingested, ${failed.length} failed${skipped.length ? `, ${skipped.length} skipped` : ''}`);
  return failed.length ? 1 : 0;
}
