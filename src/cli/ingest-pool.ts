/**
 * Reads and parses report files on worker threads (one per core) while the main thread writes: parsing is most of
 * an ingest's time, and the writer must stay on one connection for its single transaction. Outcomes come back in
 * input order, so a later file with the same agency+year still replaces an earlier one, and the messages read as
 * they would from one thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileOutcome, IngestHints } from './ingest-file.js';

export interface PoolJob { seq: number; files: string[]; hints: IngestHints; metrics: string[] }
export interface PoolResult { seq: number; outcomes: FileOutcome[] }

/** Whether workers can run here: they load the compiled worker module, so not when running from TypeScript sources. */
export const poolAvailable = () => import.meta.url.endsWith('.js');

/** Files per message: enough to make the message cost small, few enough to keep both workers busy to the end. */
const BATCH = 16;
/** Batches sent but not yet consumed, per worker: bounds memory when the writer is slower than the parsers. */
const AHEAD = 4;

export const defaultThreads = () => Math.max(1, availableParallelism());

/**
 * A parsing worker's young generation (MB; V8 splits it into semi-spaces of a third): a report leaves ~1 MB of
 * short-lived strings and objects behind, so the default (16 MB semi-spaces) collected every ~15 reports and copied
 * the batch in flight each time; 64 MB semi-spaces cut the collector's share of a worker's time by about a third.
 */
const YOUNG_GENERATION_MB = 192;

/** The outcome of every file, in order, parsed by `threads` workers. Throws if a worker dies. */
export async function* ingestFilesInParallel(files: readonly string[], hints: IngestHints, metrics: string[], threads = defaultThreads()): AsyncGenerator<FileOutcome> {
  const batches = Math.ceil(files.length / BATCH);
  const workers = Array.from({ length: Math.max(1, Math.min(threads, batches)) }, () => new Worker(new URL('./ingest-worker.js', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
  const results = new Map<number, FileOutcome[]>();
  const idle = [...workers];
  let sent = 0;
  let next = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const pump = () => {
    while (idle.length && sent < batches && sent - next < workers.length * AHEAD) {
      const seq = sent++;
      idle.pop()!.postMessage({ seq, files: files.slice(seq * BATCH, (seq + 1) * BATCH), hints, metrics } satisfies PoolJob);
    }
  };
  for (const w of workers) {
    w.on('message', (r: PoolResult) => { results.set(r.seq, r.outcomes); idle.push(w); pump(); wake?.(); });
    w.on('error', (e) => { failure = e; wake?.(); });
    w.on('exit', (code) => { if (code !== 0 && next < batches) failure ??= new Error(`an ingest worker stopped (exit code ${code})`); wake?.(); });
  }
  try {
    pump();
    while (next < batches) {
      const outcomes = results.get(next);
      if (!outcomes) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      results.delete(next++);
      pump();
      yield* outcomes;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
