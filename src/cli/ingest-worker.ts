/** A worker of the ingest pool: report files in, rows ready for the dataset writer (or why each failed) out. */
import { parentPort } from 'node:worker_threads';
import { ingestOneFile, type FileOutcome } from './ingest-file.js';
import type { PoolJob, PoolResult } from './ingest-pool.js';

/** The cell order of the jobs so far: every job brings a copy, and preparing caches its lookups per array. */
let metrics: string[] = [];
const sameOrder = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

parentPort!.on('message', async (job: PoolJob) => {
  if (!sameOrder(metrics, job.metrics)) metrics = job.metrics;
  const outcomes: FileOutcome[] = [];
  for (const file of job.files) outcomes.push(await ingestOneFile(file, job.hints, metrics, true));
  // the blobs are moved to the writer's thread, each in a buffer of its own (a small Buffer is a slice of a shared
  // pool, which a message would copy whole and a transfer would take away from this thread)
  const transfer: ArrayBuffer[] = [];
  for (const o of outcomes) {
    if (!o.ok) continue;
    o.prepared.cells = own(o.prepared.cells, transfer);
    o.prepared.record = own(o.prepared.record, transfer);
  }
  parentPort!.postMessage({ seq: job.seq, outcomes } satisfies PoolResult, transfer);
});

function own(bytes: Uint8Array, transfer: ArrayBuffer[]): Uint8Array {
  const copy = new Uint8Array(bytes);
  transfer.push(copy.buffer);
  return copy;
}
