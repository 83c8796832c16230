/**
 * `npm run bench`: cold start, answer latency (p50/p99), answers/second and RSS over the bundled dataset,
 * for a fixed mix of questions. Speed goals live here, not in the unit tests.
 */
import { performance } from 'node:perf_hooks';
import { loadDataset, BUNDLED_DATA } from '../src/store/dataset.js';
import { Bot } from '../src/qa/engine.js';

const QUESTIONS = [
  '泽州县交通局2023年行政处罚多少件', '那行政强制呢', '收到多少政府信息公开申请', '怎么联系他们', '主动公开了多少条，各类占比',
  '行政复议总计多少', '报告存在哪些问题', '整改措施有哪些', '这份报告的数据一致吗', '23年泽洲那个交通局一共处伐了多少',
  'How many administrative penalties in 2023?', '行政處罰作出了多少件決定？', '报告落款日期', '不予公开的申请有几件', '帮我写一张请假条',
];

const dataDir = process.argv[2] ?? BUNDLED_DATA;
const t0 = performance.now();
const reports = loadDataset(dataDir);
const bot = new Bot(reports);
bot.handle('预热', 'warmup');
const cold = performance.now() - t0;

const rounds = 300;
const times: number[] = [];
const start = performance.now();
for (let i = 0; i < rounds; i++) {
  for (const [k, q] of QUESTIONS.entries()) {
    const s = performance.now();
    bot.handle(q, `bench-${i}-${k < 2 ? 0 : k}`);
    times.push(performance.now() - s);
  }
}
const total = performance.now() - start;
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(`dataset: ${dataDir} (${reports.length} report${reports.length === 1 ? '' : 's'})`);
console.log(`cold start (load dataset + tokenizer + first answer): ${cold.toFixed(0)} ms`);
console.log(`answers: ${times.length} over ${QUESTIONS.length} questions; p50 ${pct(50).toFixed(3)} ms, p99 ${pct(99).toFixed(3)} ms, max ${times[times.length - 1]!.toFixed(2)} ms`);
console.log(`throughput: ${((times.length / total) * 1000).toFixed(0)} answers/s`);
console.log(`RSS: ${rss.toFixed(0)} MB`);
