/**
 * Reads the start-up snapshot on a worker thread while the calling thread does other work (loading the tokenizer's
 * dictionary, whose native state belongs to the thread that loads it), then hands the view's parts over. The call
 * stays synchronous: the caller waits on a shared flag and takes the worker's one message with
 * receiveMessageOnPort, so Dataset.open keeps its signature. The arrays come over without a copy (transferred).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ViewParts } from './view-parts.js';

const WORKER = new URL('./snapshot-worker.js', import.meta.url);
/** A worker that has not answered by then is given up on (the caller reads the snapshot itself). */
const LONGEST_WAIT_MS = 120_000;

/** What the worker is given. */
export interface SnapshotJob { file: string; version: number; done: Int32Array; port: MessagePort }

/**
 * The view's parts of `version` read on a worker while `meanwhile` runs here; undefined when the worker could not
 * read them (no compiled worker — running from the TypeScript sources —, another version committed, a failure).
 * `meanwhile` runs exactly once either way.
 */
export function partsInWorker(file: string, version: number, meanwhile: () => void): ViewParts | undefined {
  if (!import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(WORKER))) { meanwhile(); return undefined; }
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER, { workerData: { file, version, done, port: port2 }, transferList: [port2] });
    worker.unref();
  } catch {
    meanwhile();
    return undefined;
  }
  try {
    meanwhile();
    const deadline = Date.now() + LONGEST_WAIT_MS;
    while (Atomics.load(done, 0) === 0 && Date.now() < deadline) Atomics.wait(done, 0, 0, 1000);
    return (receiveMessageOnPort(port1)?.message as { parts?: ViewParts } | undefined)?.parts;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
