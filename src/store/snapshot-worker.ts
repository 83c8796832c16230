/**
 * The worker of snapshot-worker-client.ts: reads the view's parts from the snapshot, posts them (arrays
 * transferred, not copied) and raises the flag the caller waits on — also when it fails, so the caller never
 * waits in vain.
 */
import { workerData } from 'node:worker_threads';
import { DONE, READING, type SnapshotJob } from './snapshot-worker-client.js';
import type { ViewParts } from './view-parts.js';

/** Every distinct ArrayBuffer under the parts' typed arrays. */
function buffersOf(p: ViewParts): ArrayBuffer[] {
  const t = p.table;
  const arrays = [t.agency, t.year, t.findings, t.publishDate, t.errorRules, t.address, p.rowids, p.cells.blockOf, p.cells.startOf, ...p.cells.blocks];
  return [...new Set(arrays.map((a) => a.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

const { file, version, done, port } = workerData as SnapshotJob;
Atomics.store(done, 0, READING);
Atomics.notify(done, 0);
try {
  const { snapshotParts } = await import('./view-parts.js');
  const parts = snapshotParts(file, version);
  try {
    port.postMessage({ parts }, parts ? buffersOf(parts) : []);
  } catch {
    port.postMessage({ parts }); // a buffer that cannot be transferred: copied instead
  }
} catch {
  port.postMessage({});
} finally {
  Atomics.store(done, 0, DONE);
  Atomics.notify(done, 0);
}
