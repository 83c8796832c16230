/**
 * Reads the start-up snapshot on a worker thread while the calling thread does other work (loading the tokenizer's
 * dictionary, whose native state belongs to the thread that loads it), then hands the view's parts over. The call
 * stays synchronous: the caller waits on a shared flag and takes the worker's one message with
 * receiveMessageOnPort, so Dataset.open keeps its signature. The arrays come over without a copy (transferred).
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ViewParts } from './view-parts.js';

const WORKER = new URL('./snapshot-worker.js', import.meta.url);
/**
 * A worker that has not started this long after the work meanwhile ended (it could not: a failure the caller cannot
 * hear while it waits), or has not answered by the second limit, is given up on: the caller reads the snapshot itself.
 */
const START_WAIT_MS = 10_000;
const LONGEST_WAIT_MS = 120_000;
/** The flag's values: the worker has not started, is reading, is done (its message is posted). */
export const NOT_STARTED = 0, READING = 1, DONE = 2;

/** What the worker is given. */
export interface SnapshotJob { file: string; version: number; done: Int32Array; port: MessagePort }

/**
 * Whether a second thread would run beside this one: a core is idle. Measured on two busy cores (load 4–6), the
 * worker made start-up slower (its thread, heap and hand-over cost ≈0.3 s of CPU at 100,000 reports and gained no
 * core), so it is used only when the load leaves one free.
 */
const coreToSpare = () => loadavg()[0]! < availableParallelism() - 1;

/**
 * The view's parts of `version` read on a worker while `meanwhile` runs here; undefined when the worker could not
 * read them (no compiled worker — running from the TypeScript sources —, no idle core, another version committed,
 * a failure). `meanwhile` runs exactly once either way.
 */
export function partsInWorker(file: string, version: number, meanwhile: () => void, o: { always?: boolean } = {}): ViewParts | undefined {
  if (!import.meta.url.endsWith('.js') || !existsSync(fileURLToPath(WORKER)) || !(o.always || coreToSpare())) { meanwhile(); return undefined; }
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    // no flags of the parent's: some are refused by workers (--input-type), and none matter to reading a file
    worker = new Worker(WORKER, { workerData: { file, version, done, port: port2 }, transferList: [port2], execArgv: [] });
    worker.unref();
  } catch {
    meanwhile();
    return undefined;
  }
  try {
    meanwhile();
    const from = Date.now();
    for (let state = Atomics.load(done, 0); state !== DONE; state = Atomics.load(done, 0)) {
      if (Date.now() - from > (state === NOT_STARTED ? START_WAIT_MS : LONGEST_WAIT_MS)) return undefined;
      Atomics.wait(done, 0, state, 200);
    }
    return (receiveMessageOnPort(port1)?.message as { parts?: ViewParts } | undefined)?.parts;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
