/** A worker of the ingest pool: raw reports in, rows ready for the dataset writer out (or the first error). */
import { parentPort } from 'node:worker_threads';
import { METRIC_IDS } from '../catalog/metrics.js';
import { IngestError, parseReport } from '../ingest/parse.js';
import { prepareReport } from '../store/record.js';
import type { PoolJob, PoolResult } from './ingest-pool.js';

parentPort!.on('message', (job: PoolJob) => {
  const result: PoolResult = { seq: job.seq, reports: [] };
  for (const item of job.items) {
    try {
      const r = parseReport(item.text, { sourceFile: item.sourceFile, agency: item.agency, year: item.year });
      result.reports.push(prepareReport(r, job.metrics, METRIC_IDS, true));
    } catch (e) {
      result.error = { file: item.file, message: (e as Error).message, ingest: e instanceof IngestError };
      break;
    }
  }
  parentPort!.postMessage(result);
});
