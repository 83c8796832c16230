/**
 * The answering half of the benchmark, run in a fresh process per dataset so cold start and RSS are honest:
 * opens DIR, builds the bot (tokenizer included), answers a fixed mix of single-report, comparison and
 * ranking questions built from the dataset's own agencies, and prints one JSON line of figures.
 */
import { performance } from 'node:perf_hooks';
import { regionOfAgency } from '../src/catalog/regions.js';
import { Bot } from '../src/bot/bot.js';
import { Dataset } from '../src/store/dataset.js';
import { loadTokenizer } from '../src/understand/tokenize.js';

const dir = process.argv[2];
const rounds = Number(process.argv[3] ?? 50);
// the bundled dataset has one report: its comparison questions are refused on purpose
const quiet = process.argv[4] === '--quiet';
if (!dir) { console.error('usage: node dist/bench/answers.js DIR [ROUNDS]'); process.exit(2); }

// CPU time beside wall time: on a machine other jobs keep busy, the wall clock measures the queue for a core, while
// this process's CPU time (all its threads) is what the same work costs on an idle machine
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const t0 = performance.now();
const c0 = cpuMs();
// the tokenizer's dictionary loads here while a worker reads the dataset, as in ask, chat and serve
const data = Dataset.open(dir, { meanwhile: loadTokenizer });
if (!data.size) { console.error(`bench: no reports in ${dir}`); process.exit(1); }
const bot = new Bot(data);
bot.handle('预热', 'warmup');
const coldMs = performance.now() - t0;
const coldCpuMs = cpuMs() - c0;

/** Two agencies of one city with at least two years each, and the scope names around them. */
function subjects() {
  const years = new Map<string, number[]>();
  for (let i = 0; i < data.size; i++) { const a = data.agencyOf(i); let ys = years.get(a); if (!ys) years.set(a, (ys = [])); ys.push(data.yearOf(i)); }
  const multi = [...years].filter(([, ys]) => ys.length >= 2);
  for (const [a, ys] of multi) {
    const region = regionOfAgency(a);
    const city = region?.chain.find((n) => /市$|州$|地区$|盟$/.test(n) && n !== region.name) ?? region?.chain[0];
    const partner = multi.find(([b, bys]) => b !== a && regionOfAgency(b)?.chain.includes(city ?? '') && bys.includes(ys[ys.length - 1]!));
    if (region && city && partner) return { a, b: partner[0], year: ys[ys.length - 1]!, first: ys[0]!, county: region.name, city, province: region.chain[region.chain.length - 1]! };
  }
  const [a, ys] = multi[0] ?? [...years][0]!;
  const region = regionOfAgency(a);
  return { a, b: a, year: ys[ys.length - 1]!, first: ys[0]!, county: region?.name ?? '', city: region?.chain[1] ?? '', province: region?.chain.at(-1) ?? '' };
}

const s = subjects();
const MIX: Array<[kind: 'single' | 'comparison' | 'ranking', question: string]> = [
  ['single', `${s.a}${s.year}年行政处罚多少件`],
  ['single', '那行政强制呢'],
  ['single', `${s.a}${s.year}年收到多少政府信息公开申请`],
  ['single', `怎么联系${s.a}`],
  ['single', `${s.a}${s.year}年报告存在哪些问题`],
  ['comparison', `${s.a}${s.year}年的行政处罚比${s.year - 1}年多还是少`],
  ['comparison', `${s.year}年${s.a}和${s.b}谁的行政许可多`],
  ['comparison', `${s.a}${s.first}到${s.year}年收到的申请分别是多少`],
  ['ranking', `${s.year}年${s.city}哪个部门被申请行政复议最多`],
  ['ranking', `${s.city}各部门行政处罚排名前五`],
  ['ranking', `${s.province}各部门${s.year}年行政许可排名前十`],
  ['ranking', `${s.county}各部门${s.year}年一共收到多少申请`],
  ['ranking', `哪些部门${s.year}年没有收到申请`],
  ['ranking', `有多少份${s.year}年的年报`],
];

const times: Record<string, number[]> = { all: [], single: [], comparison: [], ranking: [] };
const cpuTimes: Record<string, number[]> = { single: [], comparison: [], ranking: [] };
const start = performance.now();
for (let i = 0; i < rounds; i++) {
  for (const [k, [kind, q]] of MIX.entries()) {
    const c = cpuMs();
    const t = performance.now();
    const reply = bot.handle(q, `bench-${i}-${k <= 1 ? 0 : k}`);
    const ms = performance.now() - t;
    cpuTimes[kind]!.push(cpuMs() - c);
    times.all!.push(ms);
    times[kind]!.push(ms);
    if (i === 0 && !quiet && (reply.refused || reply.intent === 'clarify')) console.error(`bench: "${q}" was not answered (${reply.intent})`);
  }
}
const elapsed = performance.now() - start;
const pct = (xs: number[], p: number) => { const sorted = [...xs].sort((a, b) => a - b); return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!; };
console.log(JSON.stringify({
  reports: data.size,
  coldMs, coldCpuMs,
  p50: pct(times.all!, 50), p99: pct(times.all!, 99),
  p50ByKind: { single: pct(times.single!, 50), comparison: pct(times.comparison!, 50), ranking: pct(times.ranking!, 50) },
  p99ByKind: { single: pct(times.single!, 99), comparison: pct(times.comparison!, 99), ranking: pct(times.ranking!, 99) },
  cpuP50ByKind: { single: pct(cpuTimes.single!, 50), comparison: pct(cpuTimes.comparison!, 50), ranking: pct(cpuTimes.ranking!, 50) },
  cpuP99ByKind: { single: pct(cpuTimes.single!, 99), comparison: pct(cpuTimes.comparison!, 99), ranking: pct(cpuTimes.ranking!, 99) },
  answersPerSecond: (times.all!.length / elapsed) * 1000,
  rssMb: process.memoryUsage().rss / 1024 / 1024,
  questions: MIX.map(([, q]) => q),
}));
