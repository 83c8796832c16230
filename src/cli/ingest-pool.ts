/**
 * Parses raw reports on worker threads (one per spare core) while the main thread writes: parsing is most of an
 * ingest's time, and the writer must stay on one connection for its single transaction. Results come back in
 * input order, so a later file with the same agency+year still replaces an earlier one.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PreparedReport } from '../store/record.js';

export interface PoolItem { file: string; text: string; sourceFile: string; agency?: string; year?: number }
export interface PoolJob { seq: number; items: PoolItem[]; metrics: string[] }
export interface PoolResult { seq: number; reports: PreparedReport[]; error?: { file: string; message: string; ingest: boolean } }

/** Whether workers can run here: they load the compiled worker module, so not when running from TypeScript sources. */
export const poolAvailable = () => import.meta.url.endsWith('.js');

const BATCH = 32;

/**
 * Feeds `items` through the workers and hands each prepared report to `write`, in order. Stops at the first
 * error and returns it (nothing after it is written); `write` may throw to stop too.
 */
export async function ingestInParallel(items: Iterable<PoolItem>, metrics: string[], write: (p: PreparedReport) => void, threads = Math.max(1, availableParallelism())): Promise<PoolResult['error'] | undefined> {
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./ingest-worker.js', import.meta.url)));
  const source = items[Symbol.iterator]();
  const done = new Map<number, PoolResult>();
  let sent = 0;
  let next = 0;
  let failure: PoolResult['error'] | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (failure) return;
        const batch: PoolItem[] = [];
        while (batch.length < BATCH) {
          const it = source.next();
          if (it.done) break;
          batch.push(it.value);
        }
        if (batch.length) w.postMessage({ seq: sent++, items: batch, metrics } satisfies PoolJob);
      };
      const drain = () => {
        for (let r = done.get(next); r; r = done.get(next)) {
          done.delete(next++);
          for (const p of r.reports) write(p);
          if (r.error) { failure = r.error; return resolve(); }
        }
        if (next === sent) resolve();
      };
      for (const w of workers) {
        w.on('message', (r: PoolResult) => {
          done.set(r.seq, r);
          try {
            feed(w); // keep this worker busy before writing, so parsing and writing overlap
            drain();
          } catch (e) {
            reject(e);
          }
        });
        w.on('error', reject);
        feed(w);
        feed(w); // two batches in flight per worker
      }
      if (sent === 0) resolve();
    });
    return failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
