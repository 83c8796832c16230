// node tests/helpers/ingest-then-hang.mjs DIR N — opens a batch, writes N generated reports into it, prints
// "written", then waits (with the batch uncommitted) to be killed: a crash in the middle of an ingest.
import { DatasetWriter } from '../../dist/src/store/dataset.js';
import { generateReports } from '../../dist/src/gen/generate.js';
import { parseReport } from '../../dist/src/ingest/parse.js';

const [dir, n] = process.argv.slice(2);
const writer = new DatasetWriter(dir);
for (const g of generateReports({ reports: Number(n), seed: 5 })) writer.add(parseReport(g.text, { sourceFile: 'g.txt' }));
process.stdout.write('written\n');
setInterval(() => undefined, 1000);
