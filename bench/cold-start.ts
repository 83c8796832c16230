/**
 * `node dist/bench/cold-start.js DIR [--phases]`: one cold start over an existing dataset, in a fresh process —
 * opening the dataset (snapshot and tokenizer), building the bot (agency directory, tokenizer words, names kept as
 * written, warm-up) and its first answer — as wall and CPU time, with RSS. With --phases the bot's start-up parts
 * are timed one by one instead (the same steps the Bot constructor takes), to see where a start goes.
 * Prints one JSON line. For measuring old and new code alternately over one large dataset.
 */
import { performance } from 'node:perf_hooks';
import { regions } from '../src/catalog/regions.js';
import { Bot } from '../src/bot/bot.js';
import { Dataset } from '../src/store/dataset.js';
import { AgencyDirectory, agencyEntries } from '../src/understand/agency-directory.js';
import { keepAsWritten } from '../src/understand/normalize.js';
import { addWords, loadTokenizer } from '../src/understand/tokenize.js';

const dir = process.argv[2];
if (!dir) { console.error('usage: node dist/bench/cold-start.js DIR [--phases]'); process.exit(2); }
const phases = process.argv.includes('--phases');

const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const figures: Record<string, number> = {};
let wall = performance.now(), cpu = cpuMs();
const lap = (name: string) => {
  const w = performance.now(), c = cpuMs();
  figures[`${name}Ms`] = Math.round(w - wall);
  figures[`${name}CpuMs`] = Math.round(c - cpu);
  wall = w; cpu = c;
};
const t0 = performance.now(), c0 = cpuMs();

const data = Dataset.open(dir, { meanwhile: loadTokenizer });
lap('open');
if (phases) {
  const entries = agencyEntries(data);
  lap('agencyEntries');
  const directory = new AgencyDirectory(entries);
  lap('directory');
  directory.warm();
  lap('pinyin');
  addWords(entries.flatMap((e) => [e.agency, e.body, ...e.bodyShorts, e.region?.name ?? '', e.region?.short ?? '']));
  lap('userWords');
  keepAsWritten([...regions().flatMap((r) => [r.name, r.short ?? '']), ...entries.map((e) => e.agency)]);
  lap('keepAsWritten');
} else {
  const bot = new Bot(data);
  lap('bot');
  bot.handle('预热', 'warmup');
  lap('firstAnswer');
}
figures.totalMs = Math.round(performance.now() - t0);
figures.totalCpuMs = Math.round(cpuMs() - c0);
figures.rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
figures.reports = data.size;
console.log(JSON.stringify(figures));
