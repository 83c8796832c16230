/**
 * Questions across reports: rankings, sums, zero filters, agency-vs-agency and multi-year comparisons, what the
 * dataset holds, and audits across reports (结转 continuity, reports with consistency errors). Works on the
 * dataset's index and cell matrix, so it costs the number of reports in scope, never opening a report file.
 */
import { checkContinuity } from '../audit/continuity.js';
import { citation, metric as metricOf } from '../catalog/metrics.js';
import Nzh from 'nzh';
import type { CellValue } from '../model/schema.js';
import type { Dataset } from '../store/dataset.js';
import { cellsFor, GROUP_ROWS } from './cells.js';
import { amount, change, fmtNum, percent, valueText } from './format.js';
import type { ConceptHit } from './lexicon.js';
import { renderTable, type Fact, type Reply, type Table } from './reply.js';
import { reportOf, resolveAgency, type AgencyDirectory, type AgencyEntry } from './resolve.js';

export const CROSS_CUE = {
  inventory: /(?:有|包括|包含|收录了?)哪些(?:部门|单位|机关|机构|地方|地区)|(?:多少|几)个(?:部门|单位|机关)的?(?:数据|年报|报告)|哪些(?:部门|单位|机关)的(?:数据|年报|报告)|(?:你|数据集|库里).{0,6}(?:有什么|有哪些).{0,4}(?:数据|年报|报告)|what (?:agencies|reports|data)|which agencies/i,
  yearsOf: /哪些年|哪几年|哪些年份|几年的|什么年份|哪一年的(?:年报|报告)|which years|what years/i,
  countReports: /(?:多少|几)\s*(?:份|个|篇|本)\s*(?:\d{4}\s*年的?)?(?:年报|报告)|(?:年报|报告).{0,4}(?:多少|几)\s*份|how many reports/i,
  errorsAcross: /哪些(?:报告|年报|单位|部门).{0,12}(?:勾稽|错误|不一致|矛盾|对不上|有误|问题)|which reports.{0,20}(?:error|inconsisten)/i,
  continuity: /结转.{0,16}(?:衔接|连续|一致|对得上|对不上|核对|检查|相符|等于|吻合)|(?:衔接|连续性).{0,8}结转|carr(?:y|ied).{0,20}continu/i,
  rank: /排名|排行|排序|前\s*\d+\s*(?:名|位|个)?|倒数|哪个(?:部门|单位|机关|局)|哪家|哪些(?:部门|单位|机关)|谁最|最多的|最少的|top\s*\d*|which agency|rank/i,
  most: /最多|最高|最大|most|highest|largest/i,
  least: /最少|最低|最小|倒数|least|lowest|fewest/i,
  zero: /没有|未收到|未作出|为\s*0|为零|是零|零件|\bno\b|none|zero/i,
  scopeAll: /各部门|各单位|各机关|所有部门|所有单位|全部部门|全部单位|各局|各个部门|全县|全市|全省|全区|all agencies|every agency/i,
  sum: /一共|合计|总共|共计|加起来|之和|总和|总数|in total|altogether|combined|sum/i,
  average: /平均|均值|人均|average|mean/i,
  missingReports: /(?:哪些|哪个|几个|多少个)(?:部门|单位|机关).{0,10}(?:没有|缺少?|未发布|未公开|没发).{0,8}(?:年报|报告)|(?:没有|缺少?).{0,8}(?:年报|报告)的(?:部门|单位)|which agencies.{0,20}(?:no|missing).{0,10}report/i,
  trend: /历年|每年|各年|逐年|分别|趋势|这几年|近几年|历年来|各年度|over the years|each year|trend/i,
  versus: /谁|哪个多|哪个少|哪个高|哪个低|比较|相比|对比|多还是少|高还是低|versus|\bvs\.?|compare/i,
};

const TOP_N = /前\s*(\d+|[一二两三四五六七八九十]+)|top\s*(\d+)/i;
const topN = (m: RegExpExecArray) => (/^\d+$/.test(m[1] ?? m[2]!) ? Number(m[1] ?? m[2]) : Number(Nzh.cn.decodeS(m[1]!)));
const LIST_LIMIT = 20;
const FACT_LIMIT = 300;

interface Column {
  entries: AgencyEntry[];
  year: number;
  /** The year was asked (not the default). */
  stated: boolean;
  /** Per agency: its report of the year, or -1. */
  report: Int32Array;
  /** Per agency: the measure, NaN when blank, "/" or no report. */
  value: Float64Array;
  /** How many agencies have a report for the year. */
  reports: number;
}

interface Scope {
  entries: AgencyEntry[];
  label: string;
  labelEn: string;
  regional: boolean;
}

/** The quantity a cross-report question is about: one cell, or the sum of a group row's sub-rows. */
interface Measure {
  label: string;
  english: string;
  /** Matrix columns of `ids`. */
  columns: Array<number | undefined>;
  ids: string[];
  unit: string;
  source: string;
}

export interface CrossInput {
  text: string;
  years: number[];
  yearRange?: [number, number];
  en: boolean;
  rows: string[];
  columns: ConceptHit[];
}

export class CrossReports {
  constructor(private readonly data: Dataset, private readonly directory: AgencyDirectory) {}

  /** Answers when the question spans several reports; null when it is about one report. */
  answer(q: CrossInput, named: AgencyEntry[]): Reply | null {
    const t = q.text;
    // an agency counts as named when its department is (泽州县交通局); a bare region (晋城市各部门) is a scope
    named = named.filter((e) => [e.body, ...e.bodyShorts].some((b) => b.length >= 2 && t.includes(b)));
    const single = named.length === 1 ? named[0]! : undefined;
    const scope = this.scope(t, named);
    if (CROSS_CUE.continuity.test(t)) return this.continuity(single ? [single] : scope.entries, scope.label);
    if (CROSS_CUE.errorsAcross.test(t)) return this.errorsAcross(scope.entries, q.years, scope.label);
    if ((CROSS_CUE.yearsOf.test(t) || CROSS_CUE.countReports.test(t)) && single && !q.rows.length) return this.yearsOf(single, q.en);
    if (CROSS_CUE.missingReports.test(t) && !single) return this.missingReports(scope.entries, q.years, scope.label);
    if ((CROSS_CUE.countReports.test(t) || (CROSS_CUE.yearsOf.test(t) && !q.rows.length)) && !single) return this.countReports(scope.entries, q.years, scope, q.en);
    if (CROSS_CUE.inventory.test(t) && !q.rows.length) return this.inventory(scope, q.en);
    if (!q.rows.length) return null;

    const pair = this.agenciesCompared(t);
    if (pair && CROSS_CUE.versus.test(t)) return pair.length ? this.compareAgencies(pair, q) : null;
    if (single) {
      const range = q.yearRange ? years(q.yearRange) : q.years.length >= 3 ? q.years : CROSS_CUE.trend.test(t) && q.years.length !== 1 ? single.years : null;
      return range ? this.trend(single, range, q) : null;
    }
    const acrossScope = scope.regional || CROSS_CUE.scopeAll.test(t) || named.length > 1 || !named.length;
    const aggregate = CROSS_CUE.rank.test(t) || CROSS_CUE.sum.test(t) || CROSS_CUE.average.test(t) || CROSS_CUE.scopeAll.test(t);
    // 晋城市各公安局 when 晋城市 has no 公安局 in the dataset: say so rather than answer for something else
    if (acrossScope && scope.regional && !scope.entries.length && aggregate) return { ...this.reply(`数据集中没有${scope.label}的年报，无法统计或排名。`, 'refused', [], q.en), refused: true };
    if (!acrossScope || scope.entries.length < 2) return null;
    if (CROSS_CUE.zero.test(t) && /哪些|哪个|几个|多少个|which|how many agencies/i.test(t)) return this.zeroes(scope, q);
    if (CROSS_CUE.rank.test(t) || (CROSS_CUE.most.test(t) || CROSS_CUE.least.test(t)) && (scope.regional || CROSS_CUE.scopeAll.test(t))) return this.rank(scope, q);
    if ((CROSS_CUE.sum.test(t) || CROSS_CUE.average.test(t)) && (scope.regional || CROSS_CUE.scopeAll.test(t))) return this.sum(scope, q);
    return null;
  }

  // ------------------------------------------------------------------ scope and measure
  /** The agencies a question ranges over: a region (晋城市各部门, 泽州县的部门), a department type (各交通运输局), or all. */
  private scope(text: string, named: AgencyEntry[]): Scope {
    const hits = this.directory.regionHits(text);
    let entries = this.directory.entries;
    const labels: string[] = [];
    if (hits.length) {
      const inRegion = new Set(hits.flatMap((h) => [...(this.directory.underRegion.get(h.region.name) ?? []), ...this.directory.regionless.filter((e) => e.agency.startsWith(h.word) || e.places.some((p) => p.includes(h.word)))]));
      entries = entries.filter((e) => inRegion.has(e));
      labels.push(...hits.map((h) => `${h.region.name}各部门`));
    }
    // 各交通运输局 / 交通局排名: a department type named without a region narrows to that type
    const bodies = [...this.directory.byBody.keys()].filter((b) => b.length >= 3 && text.includes(b));
    if (bodies.length && named.length !== 1) {
      const ofBody = new Set(bodies.flatMap((b) => this.directory.byBody.get(b) ?? []));
      entries = entries.filter((e) => ofBody.has(e));
      if (labels.length) labels[labels.length - 1] = labels[labels.length - 1]!.replace(/各部门$/, '');
      labels.push(bodies.map((b) => `各${b}`).join('、'));
    }
    const english = [...hits.map((h) => h.region.name), ...bodies].join(' ');
    return { entries, label: labels.join('') || '全部单位', labelEn: english ? `agencies of ${english}` : 'all agencies', regional: hits.length > 0 || bodies.length > 0 };
  }

  private measure(q: CrossInput): Measure | null {
    const row = q.rows[0];
    if (!row) return null;
    const { ids } = cellsFor([row], q.columns, '2021');
    if (!ids.length) return null;
    const summed = GROUP_ROWS.includes(row) || row === 'litigation' ? ids : [ids[0]!];
    const first = metricOf(summed[0]!);
    const label = summed.length > 1 ? `${metricOf(summed[0]!).rowLabel.replace(/\s.*$/, '').replace(/^[（(][一二三四五六七八九十][）)]/, '')}（${summed.length} 项之和）` : first.name;
    const english = summed.length > 1 ? `${first.english.replace(/ \(.*$/, '')} (sum of ${summed.length} cells)` : first.english;
    return { label, english, ids: summed, columns: summed.map((id) => this.data.columnOf(id)), unit: first.unit, source: summed.length > 1 ? `${first.table}（${summed.length} 个单元格之和）` : citation(summed[0]!) };
  }

  /** The measure's value in report i: null when any of its cells is blank or "/". */
  private valueOf(i: number, m: Measure): number | null {
    let sum = 0;
    for (const col of m.columns) {
      const v: CellValue = col === undefined ? null : this.data.valueAt(i, col);
      if (typeof v !== 'number') return null;
      sum += v;
    }
    return sum;
  }

  private fact(i: number, m: Measure, value: number | null): Fact {
    const s = this.data.summaries[i]!;
    return { agency: s.agency, year: s.year, metric: m.ids.length === 1 ? m.ids[0]! : m.ids.join('+'), label: m.label, value, unit: m.unit, source: m.source };
  }

  // ------------------------------------------------------------------ answers
  /**
   * One measure over the scope's agencies for one year, in typed arrays: a question over 20,000 agencies
   * allocates no object per agency (positions k index `entries`).
   */
  private column(scope: Scope, q: CrossInput, m: Measure): Column {
    const { entries } = scope;
    const year = q.years[0] ?? busiestYear(entries);
    const report = new Int32Array(entries.length).fill(-1);
    const value = new Float64Array(entries.length).fill(Number.NaN);
    let reports = 0;
    for (let k = 0; k < entries.length; k++) {
      const i = reportOf(entries[k]!, year);
      if (i === undefined) continue;
      report[k] = i;
      reports++;
      const v = this.valueOf(i, m);
      if (v !== null) value[k] = v;
    }
    return { entries, year, stated: q.years.length > 0, report, value, reports };
  }

  /** Positions k of the column that satisfy `keep`, in index order. */
  private where(c: Column, keep: (k: number) => boolean): number[] {
    const out: number[] = [];
    for (let k = 0; k < c.entries.length; k++) if (keep(k)) out.push(k);
    return out;
  }

  /** The "not counted", "no report for the year", source and "reports used" lines every aggregate answer ends with. */
  private tail(c: Column, m: Measure, en: boolean): string[] {
    const names = (ks: number[]) => ks.slice(0, LIST_LIMIT).map((k) => c.entries[k]!.agency);
    const missing = this.where(c, (k) => c.report[k]! >= 0 && Number.isNaN(c.value[k]!));
    const without = this.where(c, (k) => c.report[k]! < 0);
    const used = this.where(c, (k) => c.report[k]! >= 0);
    return [
      ...this.gaps(names(missing), missing.length, names(without), without.length, c.year, m, en),
      this.sourceLine(m, en),
      this.usedLine(names(used), c.year, undefined, en, used.length),
    ];
  }

  private columnFacts(c: Column, ks: number[], m: Measure): Fact[] {
    return ks.slice(0, FACT_LIMIT).map((k) => this.fact(c.report[k]!, m, Number.isNaN(c.value[k]!) ? null : c.value[k]!));
  }

  private rank(scope: Scope, q: CrossInput): Reply | null {
    const m = this.measure(q);
    if (!m) return null;
    const c = this.column(scope, q, m);
    if (!c.reports) return this.noReports(scope.label, c.year, q.en);
    const ascending = CROSS_CUE.least.test(q.text) && !CROSS_CUE.most.test(q.text);
    // a stable sort keeps equal values in the index's (Chinese collation) order without comparing names
    const ranked = this.where(c, (k) => !Number.isNaN(c.value[k]!)).sort((a, b) => (ascending ? c.value[a]! - c.value[b]! : c.value[b]! - c.value[a]!));
    const topMatch = TOP_N.exec(q.text);
    const wantsOne = !topMatch && !/排名|排行|排序|哪些|rank/i.test(q.text);
    const n = topMatch ? topN(topMatch) || 10 : wantsOne ? 1 : 10;
    // standard competition ranking: equal values share a rank, and a tie at the cut-off is shown whole
    const shown: Array<{ rank: number; k: number }> = [];
    for (let j = 0; j < ranked.length; j++) {
      const rank = j > 0 && c.value[ranked[j]!] === c.value[ranked[j - 1]!] ? shown[j - 1]!.rank : j + 1;
      if (rank > n) break;
      shown.push({ rank, k: ranked[j]! });
    }
    const en = q.en;
    const { year, stated } = c;
    const tie = wantsOne && shown.length > 1 ? (en ? `, ${shown.length} tied` : `，${shown.length} 个单位并列`) : '';
    const head = en
      ? `${year}, ${scope.labelEn}: ${wantsOne ? 'the agency' : `top ${n}`} with the ${ascending ? 'fewest' : 'most'} ${m.english} (${ranked.length} reports compared${tie}${stated ? '' : `; no year given, using ${year}, the year with most reports`}):`
      : `${year} 年${scope.label}${m.label}${ascending ? '最少' : '最多'}的${wantsOne ? '单位' : `前 ${n} 名`}（比较了 ${ranked.length} 份年报${tie}${stated ? '' : `；未指定年份，按年报最多的 ${year} 年`}）：`;
    const tied = (rank: number) => shown.filter((x) => x.rank === rank).length > 1;
    const lines = shown.map(({ rank, k }) => `${rank}. ${c.entries[k]!.agency}${en ? ': ' : '：'}${amount(c.value[k]!, m.unit, en)}${tied(rank) ? (en ? ' (tied)' : '（并列）') : ''}`);
    return this.reply([head, ...lines, ...this.tail(c, m, en)].join('\n'), 'rank', this.columnFacts(c, ranked, m), en);
  }

  private zeroes(scope: Scope, q: CrossInput): Reply | null {
    const m = this.measure(q);
    if (!m) return null;
    const c = this.column(scope, q, m);
    if (!c.reports) return this.noReports(scope.label, c.year, q.en);
    const zero = this.where(c, (k) => c.value[k] === 0);
    const compared = this.where(c, (k) => !Number.isNaN(c.value[k]!));
    const en = q.en;
    const { year, stated } = c;
    const head = en
      ? `${year}, ${scope.labelEn}: ${zero.length} agencies with ${m.english} = 0 (${compared.length} reports compared${stated ? '' : `; no year given, using ${year}`})${zero.length ? ':' : '.'}`
      : `${year} 年${scope.label}${m.label}为 0 的单位有 ${zero.length} 个（比较了 ${compared.length} 份年报${stated ? '' : `；未指定年份，按年报最多的 ${year} 年`}）${zero.length ? '：' : '。'}`;
    const names = zero.slice(0, LIST_LIMIT).map((k) => c.entries[k]!.agency);
    return this.reply([head, ...this.list(names, en, zero.length), ...this.tail(c, m, en)].join('\n'), 'filter', this.columnFacts(c, compared, m), en);
  }

  private sum(scope: Scope, q: CrossInput): Reply | null {
    const m = this.measure(q);
    if (!m) return null;
    const c = this.column(scope, q, m);
    if (!c.reports) return this.noReports(scope.label, c.year, q.en);
    const counted = this.where(c, (k) => !Number.isNaN(c.value[k]!));
    let total = 0;
    for (const k of counted) total += c.value[k]!;
    const en = q.en;
    const { year, stated } = c;
    const avg = counted.length ? Math.round((total / counted.length) * 10) / 10 : 0;
    const mean = `平均每份 ${fmtNum(avg)} ${m.unit}`;
    const onlyAverage = CROSS_CUE.average.test(q.text) && !CROSS_CUE.sum.test(q.text);
    const head = en
      ? `${year}, ${scope.labelEn}: ${m.english} ${onlyAverage ? `average ${amount(avg, m.unit, en)} per report (total ${amount(total, m.unit, en)})` : `total ${amount(total, m.unit, en)} (average ${amount(avg, m.unit, en)} per report)`} over ${counted.length} reports${stated ? '' : `; no year given, using ${year}`}.`
      : onlyAverage
        ? `${year} 年${scope.label}${m.label}${mean}（${counted.length} 份年报，合计 ${fmtNum(total)} ${m.unit}${stated ? '' : `；未指定年份，按年报最多的 ${year} 年`}）。`
        : `${year} 年${scope.label}${m.label}合计 ${fmtNum(total)} ${m.unit}（${counted.length} 份年报相加，${mean}${stated ? '' : `；未指定年份，按年报最多的 ${year} 年`}）。`;
    const top = [...counted].sort((a, b) => c.value[b]! - c.value[a]!).slice(0, 5).map((k) => `${c.entries[k]!.agency} ${amount(c.value[k]!, m.unit, en)}`);
    const largest = counted.length > 1 ? [en ? `Largest: ${top.join('; ')}` : `其中最多：${top.join('；')}`] : [];
    return this.reply([head, ...largest, ...this.tail(c, m, en)].join('\n'), 'sum', this.columnFacts(c, counted, m), en);
  }

  /** Two or more agencies named side by side (A和B谁…), each resolved on its own; [] when one is ambiguous. */
  private agenciesCompared(text: string): AgencyEntry[] | null {
    // split at connectors, but not inside a department name (人力资源和社会保障局, 发展和改革局)
    const spans = this.directory.departmentSpans(text);
    const parts: string[] = [];
    let from = 0;
    for (const m of text.matchAll(/和|与|跟|同|及|以及|、|还是|对比|相比|比较|\bvs\.?|\band\b/gi)) {
      if (spans.some(([s, e]) => m.index > s && m.index < e)) continue;
      parts.push(text.slice(from, m.index));
      from = m.index + m[0].length;
    }
    parts.push(text.slice(from));
    if (parts.filter((p) => p.trim().length >= 2).length < 2) return null;
    const found: AgencyEntry[] = [];
    for (const part of parts.filter((p) => p.trim().length >= 2)) {
      const r = resolveAgency(part, this.directory);
      if (r.unknown || !r.matches.length || r.matches.length === this.directory.entries.length) continue;
      if (r.matches.length > 1) return [];
      if (!found.includes(r.matches[0]!)) found.push(r.matches[0]!);
    }
    return found.length >= 2 ? found : null;
  }

  private compareAgencies(agencies: AgencyEntry[], q: CrossInput): Reply | null {
    const m = this.measure(q);
    if (!m) return null;
    const common = agencies.map((e) => e.years).reduce((a, b) => a.filter((y) => b.includes(y)));
    const year = q.years[0] ?? Math.max(...common, 0);
    const values = agencies.map((e) => {
      const i = reportOf(e, year);
      return { e, i, v: i === undefined ? undefined : this.valueOf(i, m) };
    });
    const en = q.en;
    const lines = values.map(({ e, v }) => `${e.agency}${en ? ': ' : '：'}${v === undefined ? (en ? `no ${year} report (has ${e.years.join(', ')})` : `没有 ${year} 年年报（现有 ${e.years.join('、')}）`) : valueText(v, m.unit, en)}`);
    const numbers = values.filter((x): x is typeof x & { v: number } => typeof x.v === 'number');
    if (numbers.length === values.length && numbers.length >= 2) {
      const sorted = [...numbers].sort((a, b) => b.v - a.v);
      const [a, b] = [sorted[0]!, sorted[1]!];
      if (en) lines.push(a.v === b.v && numbers.length === 2 ? `Both are ${amount(a.v, m.unit, en)}.` : `${a.e.agency} has the most${numbers.length === 2 ? `: ${amount(a.v - b.v, m.unit, en)} more than ${b.e.agency}${b.v ? ` (+${percent(a.v, b.v)})` : ''}` : ''}.`);
      else lines.push(a.v === b.v && numbers.length === 2 ? `两者相同，都是 ${fmtNum(a.v)} ${m.unit}。` : `${a.e.agency}最多，${numbers.length === 2 ? `比${b.e.agency}多 ${fmtNum(a.v - b.v)} ${m.unit}${b.v ? `（多 ${percent(a.v, b.v)}）` : ''}` : `${fmtNum(a.v)} ${m.unit}`}。`);
    }
    const facts = numbers.map((x) => this.fact(x.i!, m, x.v));
    const head = en ? `${m.english}, ${year}${q.years.length ? '' : ' (no year given: the latest year both have)'}:` : `${year} 年${m.label}${q.years.length ? '' : `（未指定年份，按共同的最新年份 ${year} 年）`}：`;
    const text = [head, ...lines, this.sourceLine(m, en), this.usedLine(values.filter((x) => x.i !== undefined).map((x) => x.e.agency), year, undefined, en)].join('\n');
    return this.reply(text, 'compare', facts, q.en);
  }

  private trend(e: AgencyEntry, wanted: number[], q: CrossInput): Reply | null {
    const m = this.measure(q);
    if (!m) return null;
    const rows: string[][] = [];
    const facts: Fact[] = [];
    const missing: number[] = [];
    let previous: number | null = null;
    for (const y of wanted) {
      const i = reportOf(e, y);
      if (i === undefined) { missing.push(y); rows.push([`${y}`, q.en ? 'no report' : '无年报', '']); previous = null; continue; }
      const v = this.valueOf(i, m);
      facts.push(this.fact(i, m, v));
      rows.push([`${y}`, valueText(v, m.unit, q.en), v !== null && previous !== null ? change(v, previous) : '']);
      previous = v;
    }
    const en = q.en;
    const table: Table = { columns: en ? ['year', m.english, 'change'] : ['年份', m.label, '较上年'], rows };
    const text = [
      en ? `${e.agency}, ${m.english}, ${wanted[0]}–${wanted[wanted.length - 1]}:` : `${e.agency} ${wanted[0]}–${wanted[wanted.length - 1]} 年${m.label}：`,
      renderTable(table),
      ...(missing.length ? [en ? `No report for ${missing.join(', ')} (available: ${e.years.join(', ')}).` : `${missing.join('、')} 年没有年报（现有 ${e.years.join('、')}）。`] : []),
      this.sourceLine(m, en),
      this.usedLine(facts.map((f) => f.agency), undefined, facts.map((f) => f.year), en),
    ].join('\n');
    return { ...this.reply(text, 'trend', facts, q.en), table };
  }

  private yearsOf(e: AgencyEntry, en: boolean): Reply {
    return this.reply(en ? `${e.agency} has ${e.years.length} report(s): ${e.years.join(', ')}.` : `${e.agency}有 ${e.years.length} 份年报：${e.years.join('、')} 年。`, 'inventory', [], en);
  }

  private inventory(scope: Scope, en: boolean): Reply {
    const { entries, label } = scope;
    const reports = entries.reduce((a, e) => a + e.years.length, 0);
    const allYears = yearsOf(entries);
    const span = allYears.length > 1 ? `${allYears[0]}–${allYears[allYears.length - 1]}` : `${allYears[0] ?? ''}`;
    const head = en
      ? `${scope.regional ? scope.labelEn : 'The dataset'}: ${reports} reports of ${entries.length} agencies${allYears.length ? ` (${span})` : ''}${entries.length ? ':' : '.'}`
      : `${label === '全部单位' ? '数据集' : label.replace(/各部门$/, '')}共有 ${entries.length} 个单位的 ${reports} 份年报${allYears.length ? `（${span} 年）` : ''}${entries.length ? '：' : '。'}`;
    return this.reply([head, ...this.list(entries.map((e) => (en ? `${e.agency} (${e.years.join(', ')})` : `${e.agency}（${e.years.join('、')}）`)), en)].join('\n'), 'inventory', [], en);
  }

  private countReports(entries: AgencyEntry[], asked: number[], scope: Scope, en: boolean): Reply {
    const label = scope.label;
    const count = (y?: number) => {
      let n = 0;
      for (const e of entries) n += y === undefined ? e.years.length : e.years.includes(y) ? 1 : 0;
      return n;
    };
    const allYears = yearsOf(entries);
    const where = scope.regional ? scope.labelEn : 'The dataset';
    const text = en
      ? asked.length
        ? asked.map((y) => `${where}: ${count(y)} report(s) for ${y}.`).join('\n')
        : `${where}: ${count()} reports of ${entries.length} agencies — ${allYears.map((y) => `${y}: ${count(y)}`).join(', ')}.`
      : asked.length
        ? asked.map((y) => `${label === '全部单位' ? '' : label}${y} 年的年报共有 ${count(y)} 份。`).join('\n')
        : `${label === '全部单位' ? '数据集' : label}共有 ${count()} 份年报（${entries.length} 个单位）：${allYears.map((y) => `${y} 年 ${count(y)} 份`).join('，')}。`;
    return this.reply(text, 'inventory', [], en);
  }

  /** Agencies of the scope that have reports, but none for the year asked (default: the latest year). */
  private missingReports(entries: AgencyEntry[], asked: number[], label: string): Reply {
    const year = asked[0] ?? yearsOf(entries).at(-1)!;
    const lacking = entries.filter((e) => !e.years.includes(year));
    const scopeName = label === '全部单位' ? '' : label.replace(/各部门$/, '');
    const text = lacking.length
      ? [`${scopeName}有 ${lacking.length} 个单位没有 ${year} 年的年报（共 ${entries.length} 个单位${asked.length ? '' : `；未指定年份，按最新的 ${year} 年`}）：`, ...this.list(lacking.map((e) => `${e.agency}（现有 ${e.years.join('、')}）`))].join('\n')
      : `${scopeName}${entries.length} 个单位都有 ${year} 年的年报。`;
    return this.reply(text, 'inventory', [], false);
  }

  private continuity(entries: AgencyEntry[], label: string): Reply {
    const { pairs, breaks } = checkContinuity(this.data, new Set(entries.map((e) => e.agency)));
    const facts: Fact[] = breaks.flatMap((b) => [
      { agency: b.agency, year: b.year, metric: 'applications.carriedOver.total', label: '上年结转', value: b.carriedOver, unit: '件', source: citation('applications.carriedOver.total') },
      { agency: b.agency, year: b.year - 1, metric: 'applications.carriedForward.total', label: '结转下年度继续办理', value: b.previousCarriedForward, unit: '件', source: citation('applications.carriedForward.total') },
    ]);
    const problems = breaks.map((b) => `${b.agency}：${b.year} 年“上年结转” ${fmtNum(b.carriedOver)} 件 ≠ ${b.year - 1} 年“结转下年度继续办理” ${fmtNum(b.previousCarriedForward)} 件`);
    const scopeName = entries.length === 1 ? entries[0]!.agency : label;
    const source = '来源：表三 二、上年结转政府信息公开申请数量 / 四、结转下年度继续办理 · 总计';
    const text = !pairs
      ? `${scopeName}没有相邻两年都有的年报，无法核对结转衔接。`
      : problems.length
        ? [`核对了${scopeName} ${pairs} 组相邻年度：${problems.length} 组结转不衔接（本年“上年结转”应等于上年“结转下年度继续办理”）：`, ...problems.slice(0, LIST_LIMIT), ...(problems.length > LIST_LIMIT ? [`……另有 ${problems.length - LIST_LIMIT} 组`] : []), source].join('\n')
        : `核对了${scopeName} ${pairs} 组相邻年度：本年“上年结转”都等于上年“结转下年度继续办理”，结转衔接一致。\n${source}`;
    return this.reply(text, 'audit', facts, false);
  }

  private errorsAcross(entries: AgencyEntry[], asked: number[], label: string): Reply {
    const bad: string[] = [];
    let checked = 0;
    for (const e of entries) {
      for (const [j, y] of e.years.entries()) {
        if (asked.length && !asked.includes(y)) continue;
        const i = e.reports[j]!;
        checked++;
        const rules = this.data.summaries[i]!.errorRules;
        if (rules.length) bad.push(`${e.agency} ${y} 年（${rules.join('、')}）`);
      }
    }
    const text = bad.length
      ? [`检查了${label === '全部单位' ? '' : label} ${checked} 份年报，${bad.length} 份有勾稽或一致性错误：`, ...bad.slice(0, LIST_LIMIT), ...(bad.length > LIST_LIMIT ? [`……另有 ${bad.length - LIST_LIMIT} 份`] : []), '（用 disclosure-bot audit 单位名 查看每条发现）'].join('\n')
      : `检查了${label === '全部单位' ? '' : label} ${checked} 份年报，没有发现勾稽错误。`;
    return this.reply(text, 'audit', [], false);
  }

  // ------------------------------------------------------------------ wording
  /** Up to LIST_LIMIT names, and how many there are in all when that is more. */
  private list(names: string[], en = false, total = names.length): string[] {
    return [names.slice(0, LIST_LIMIT).join(en ? ', ' : '、') + (total > LIST_LIMIT ? (en ? ` … (${total} in all)` : ` 等 ${total} 个`) : '')].filter(Boolean);
  }

  private sourceLine(m: Measure, en: boolean): string {
    return en ? `Source: ${m.source}` : `来源：${m.source}`;
  }


  private gaps(missingMetric: string[], missingCount: number, without: string[], withoutCount: number, year: number, m: Measure, en = false): string[] {
    const out: string[] = [];
    if (missingCount) out.push(en ? `Not counted (${m.english} blank or not applicable): ${this.list(missingMetric, en, missingCount)[0]}` : `未计入（年报中${m.label}空白或不适用）：${this.list(missingMetric, false, missingCount)[0]}`);
    if (withoutCount) out.push(en ? `${withoutCount} agencies have no ${year} report: ${this.list(without, en, withoutCount)[0]}` : `没有 ${year} 年年报的单位 ${withoutCount} 个：${this.list(without, false, withoutCount)[0]}`);
    return out;
  }

  private usedLine(agencies: string[], year?: number, years?: number[], en = false, total = agencies.length): string {
    const names = agencies.slice(0, LIST_LIMIT).map((a, k) => `${a} ${year ?? years?.[k] ?? ''}`.trim());
    const more = total > LIST_LIMIT ? (en ? ` … (${total} in all)` : ` 等 ${total} 份`) : '';
    return en ? `Reports used (${total}): ${names.join(', ') || 'none'}${more}` : `使用的年报（${total} 份）：${names.join('、') || '无'}${more}`;
  }

  private noReports(label: string, year: number, en: boolean): Reply {
    return { ...this.reply(`${label}没有 ${year} 年的年报，无法比较。`, 'refused', [], en), refused: true };
  }

  private reply(text: string, intent: string, facts: Fact[], en: boolean): Reply {
    return { text, intent, confidence: 0.85, refused: false, facts: facts.slice(0, FACT_LIMIT), suggestions: [], language: en ? 'en' : 'zh' };
  }
}

/** Every year the agencies have reports for, ascending (loops: flatMap over 20,000 agencies is slow). */
const yearsCache = new WeakMap<AgencyEntry[], number[]>();
function yearsOf(entries: AgencyEntry[]): number[] {
  const cached = yearsCache.get(entries); // the whole directory's list is asked about again and again
  if (cached) return cached;
  const years = new Set<number>();
  for (const e of entries) for (const y of e.years) years.add(y);
  const sorted = [...years].sort((a, b) => a - b);
  yearsCache.set(entries, sorted);
  return sorted;
}

/** The year most reports of the scope have (the later on a tie): the natural default for a ranking. */
function busiestYear(entries: AgencyEntry[]): number {
  const counts = new Map<number, number>();
  for (const e of entries) for (const y of e.years) counts.set(y, (counts.get(y) ?? 0) + 1);
  let best = 0;
  for (const [y, c] of counts) if (c > (counts.get(best) ?? 0) || (c === counts.get(best) && y > best)) best = y;
  return best;
}

function years([a, b]: [number, number]): number[] {
  const out: number[] = [];
  for (let y = Math.min(a, b); y <= Math.max(a, b) && out.length < 30; y++) out.push(y);
  return out;
}
