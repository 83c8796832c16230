import { describe, expect, it, afterEach, beforeEach, vi } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseReport, IngestError } from '../src/ingest/parse.js';
import { Dataset, loadDataset, saveReports, BUNDLED_DATA } from '../src/store/dataset.js';
import { METRIC_IDS, APPLICANT_COLUMNS, APPLICATION_ROWS, REVIEW_BLOCKS, OUTCOME_COLUMNS } from '../src/catalog/metrics.js';
import { toCsv, toJsonl } from '../src/export/export.js';
import { main } from '../src/cli/main.js';
import { Bot } from '../src/bot/bot.js';
import { buildReport, consistentTables, type Layout } from './helpers/reports.js';

const SEED_RAW = join(BUNDLED_DATA, 'raw/zezhou-transport-2023.txt');
const seed = () => parseReport(readFileSync(SEED_RAW, 'utf8'), { sourceFile: 'zezhou-transport-2023.txt' });
const v = (r: ReturnType<typeof seed>, id: string) => r.cells[id]!.value;
/** A copy of the seed's raw file in `dir`. */
const seedFile = (dir: string) => { const f = join(dir, 'seed.txt'); writeFileSync(f, readFileSync(SEED_RAW, 'utf8')); return f; };

describe('seed report', () => {
  it('re-ingesting the raw file gives exactly the committed dataset', () => {
    const committed = loadDataset(BUNDLED_DATA);
    expect(committed).toHaveLength(1);
    expect(seed()).toEqual(committed[0]);
  });

  it('holds the published values', () => {
    const r = seed();
    expect(r.agency).toBe('泽州县交通运输局');
    expect(r.year).toBe(2023);
    expect(v(r, 'penalty.decisions')).toBe(195);
    expect(v(r, 'coercion.decisions')).toBe(7);
    expect(v(r, 'licensing.decisions')).toBe(0);
    expect(r.proactive.total?.value).toBe(40);
    expect(r.proactive.breakdown).toBe('parsed');
    expect(r.proactive.items.map((i) => [i.category, i.count, i.percent])).toEqual([
      ['法律、法规、规章和部门文件', 4, 10], ['政策解读', 22, 55], ['机构设置以及工作职责', 4, 10], ['部门预决算', 4, 10], ['公告、通知等其他', 6, 15],
    ]);
    // the report prints （六）其他处理 as one row: the row is 0, its sub-rows are not printed
    for (const id of METRIC_IDS.filter((id) => id.startsWith('applications.') || id.startsWith('review.') || id.startsWith('litigation.'))) {
      expect([id, v(r, id)]).toEqual([id, id.startsWith('applications.otherHandling.') && id.split('.').length === 4 ? 'n/a' : 0]);
    }
    expect(r.contact.department?.value).toContain('政策法规科');
    expect(r.contact.phone?.value).toBe('0356-3915675');
    expect(r.contact.address?.value).toBe('晋城市城区新市西街455号');
    expect(r.publishDate).toBe('2024-01-24');
    expect([r.periodStart, r.periodEnd]).toEqual(['2023-01-01', '2023-12-31']);
    expect(r.processingFees?.yuan).toBe(0);
    expect(r.findings).toEqual([]);
    expect(r.problems).toEqual(['信息发布不够及时；', '主动公开意识不强、创新力度不够；', '公开内容不够全面。']);
    expect(r.improvements.map((i) => i.slice(0, 6))).toEqual(['完善工作机制', '规范工作流程', '提高信息公开', '强化队伍建设']);
    // a line broken inside a word ("重要\n\n性的认识") is joined; the closing contact paragraph is not an improvement
    expect(r.improvements[2]).toContain('重要性的认识');
    expect(r.improvements[3]).not.toContain('联系电话');
    expect(r.website?.value).toBe('http://www.zezhou.gov.cn/');
    expect(r.citations).toEqual([
      { short: '条例', full: '中华人民共和国政府信息公开条例' },
      { short: '方案', full: '山西省贯彻落实〈中华人民共和国政府信息公开条例〉实施方案' },
      { short: '办法', full: '晋城市政府信息公开暂行办法' },
    ]);
    expect(r.sections.filter((s) => s.key.startsWith('overview.')).map((s) => s.heading)).toEqual([
      '（一）主动公开方面', '（二）依申请公开方面', '（三）政府信息管理方面', '（四）政府信息公开平台建设方面', '（五）监督保障方面',
    ]);
    expect(r.sections.filter((s) => !s.key.includes('.')).map((s) => s.key)).toEqual(['overview', 'proactive', 'applications', 'review', 'problems', 'other']);
    expect(r.yearEvidence).toMatchObject({ title: 2023, period: 2023, body: 2023 });
  });

  it('is the published text, ingested with no hints', () => {
    const raw = readFileSync(SEED_RAW, 'utf8');
    // the published layout: the title split over two lines with a space in "2023 年", an em dash in the first phone
    expect(raw).toMatch(/^\s*泽州县交通运输局\s*\n\s*2023 年政府信息公开工作年度报告/);
    expect(raw).toContain('0356—3915675');
    expect(seed().title).toBe('泽州县交通运输局2023年政府信息公开工作年度报告');
  });

  it('answers from the published report: the breakdown, and （六）其他处理 from its single printed row', () => {
    const bot = new Bot(loadDataset(BUNDLED_DATA));
    const share = bot.handle('泽州县交通运输局2023年政策解读类信息几条，占多少');
    expect(share.text).toContain('22 条');
    expect(share.text).toContain('55%');
    const other = bot.handle('泽州县交通运输局2023年其他处理多少件');
    expect(other.facts.map((f) => [f.metric, f.value])).toEqual([['applications.otherHandling.total', 0]]);
  });

  it('every value carries its provenance', () => {
    const c = seed().cells['penalty.decisions']!;
    expect(c.source).toMatchObject({ section: '表二', row: '第二十条第（六）项 行政处罚', column: '本年处理决定数量' });
    expect(c.source.line).toContain('195');
  });
});

describe('layouts', () => {
  const t = consistentTables(2);
  const expectTables = (r: ReturnType<typeof seed>, withTable2 = true) => {
    APPLICATION_ROWS.forEach((row, i) => APPLICANT_COLUMNS.forEach((col, j) => expect([row.key, col.key, v(r, `applications.${row.key}.${col.key}`)]).toEqual([row.key, col.key, t.applications[i]![j]])));
    let k = 0;
    for (const b of REVIEW_BLOCKS) for (const o of OUTCOME_COLUMNS) expect(v(r, `${b.key}.${o.key}`)).toBe(t.review[k++]);
    expect(v(r, 'penalty.decisions')).toBe(195);
    expect(v(r, 'licensing.decisions')).toBe(240);
    expect(v(r, 'fees.amountWan')).toBe(12.5);
    if (withTable2) expect([v(r, 'regulations.normativeDocs.issued'), v(r, 'regulations.normativeDocs.repealed'), v(r, 'regulations.normativeDocs.inForce')]).toEqual([5, 2, 31]);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  };
  for (const layout of ['tsv', 'pipe', 'cells', 'html'] as Layout[]) {
    it(`reads the ${layout} layout`, () => {
      const r = parseReport(buildReport(layout, t), { sourceFile: `x.${layout}` });
      expect(r.agency).toBe('高平市交通运输局');
      expect(r.contact.phone?.value).toBe('0356-5221234');
      expectTables(r);
    });
  }
  it('splits flattened digit runs with the table identities and refuses to guess 表二', () => {
    const r = parseReport(buildReport('flattened', t), { sourceFile: 'x.txt' });
    expect(r.sourceFormat).toBe('flattened');
    expectTables(r, false);
    expect(v(r, 'regulations.rules.repealed')).toBe(1);
    expect(v(r, 'regulations.normativeDocs.issued')).toBe('undetermined');
    expect(r.cells['regulations.normativeDocs.inForce']).toMatchObject({ value: 'undetermined', raw: '5231' });
    expect(r.notes.join()).toContain('5231');
    expect(r.findings.map((f) => f.rule)).toContain('CELLS.UNREADABLE');
  });
  it('keeps blank cells null and "/" as n/a', () => {
    const raw = buildReport('tsv', t).replace(/^(行政许可)\t\d+$/m, '$1\t/').replace(/^(一、本年新收政府信息公开申请数量(?:\t\d+){6})\t\d+$/m, '$1\t');
    const r = parseReport(raw, { sourceFile: 'x.txt' });
    expect(v(r, 'licensing.decisions')).toBe('n/a');
    expect(v(r, 'applications.newReceived.total')).toBeNull();
  });
  it('ingests the 2019 layout onto the current ids', () => {
    const raw = buildReport('tsv', t)
      .replace('信息内容\t本年制发件数\t本年废止件数\t现行有效件数', '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量')
      .replace(/^(行政(?:许可|处罚|强制))\t(\d+)$/gm, '$1\t10\t-2\t$2')
      .replace(/^.*逾期不补正.*\n.*缴纳费用.*\n.*3\.其他.*$/m, (m) => m.split('\n')[2]!.replace(/^[^\t]+/, '（六）其他处理'));
    const r = parseReport(raw, { sourceFile: 'old.txt' });
    expect(r.layout).toBe('2019');
    expect(v(r, 'penalty.decisions')).toBe(195);
    expect(v(r, 'regulations.rules.repealed')).toBe('n/a');
    expect(v(r, 'applications.otherHandling.total')).toBe(1);
    expect(v(r, 'applications.otherHandling.misc.total')).toBe('n/a');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('errors', () => {
  it('names a missing table', () => {
    expect(() => parseReport('某局2023年政府信息公开工作年度报告\n一、总体情况\n没有表格。', { sourceFile: 'a.txt' })).toThrow(/表三 not found/);
  });
  it('names a malformed row', () => {
    const raw = buildReport('tsv', consistentTables()).replace(/^(（七）总计)((?:\t\d+){7})$/m, '$1\t1\t2\t3').replace(/^(.*国家秘密)((?:\t\d+){7})$/m, '$1\t0\t0')
      .replace(/^(.*第三方.*?)((?:\t\d+){7})$/m, '$1\t0').replace(/^(.*过程性.*?)((?:\t\d+){7})$/m, '$1\t0').replace(/^(.*出版物.*?)((?:\t\d+){7})$/m, '$1\t0')
      .replace(/^(.*重复申请.*?)((?:\t\d+){7})$/m, '$1\t0').replace(/^(.*执法案卷.*?)((?:\t\d+){7})$/m, '$1\t0');
    expect(() => parseReport(raw, { sourceFile: 'a.txt' })).toThrow(/has \d numbers, expected 7/);
  });
  it('rejects an empty file', () => {
    expect(() => parseReport('  \n', { sourceFile: 'empty.txt' })).toThrow(IngestError);
  });
});

describe('ingest command', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ds-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the reports in reports.sqlite, replacing the same agency+year', async () => {
    const file = join(dir, 'r.txt');
    writeFileSync(file, buildReport('tsv', consistentTables()));
    expect(await main(['ingest', file, '--data', join(dir, 'data')])).toBe(0);
    expect(await main(['ingest', file, '--data', join(dir, 'data')])).toBe(0);
    expect(readdirSync(join(dir, 'data')).filter((f) => !f.startsWith('reports.sqlite'))).toEqual([]);
    expect(loadDataset(join(dir, 'data')).map((r) => r.agency)).toEqual(['高平市交通运输局']);
  });

  it('leaves the dataset untouched when any file fails', async () => {
    const good = join(dir, 'good.txt');
    const bad = join(dir, 'bad.txt');
    writeFileSync(good, buildReport('tsv', consistentTables()));
    writeFileSync(bad, '这不是年报');
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      // into a new directory: no dataset comes into being that readers would take for an empty one
      expect(await main(['ingest', good, bad, '--data', join(dir, 'data')])).toBe(1);
      expect(() => Dataset.open(join(dir, 'data'))).toThrow(/no dataset at|is not a dataset/);
      // into an existing one: the version and its reports stay as they were
      expect(await main(['ingest', seedFile(dir), '--data', join(dir, 'data')])).toBe(0);
      expect(await main(['ingest', good, bad, '--data', join(dir, 'data')])).toBe(1);
      expect(await main(['ingest', join(dir, 'missing.txt'), '--data', join(dir, 'data')])).toBe(1);
      const d = Dataset.open(join(dir, 'data'));
      expect([d.version, d.summaries.map((s) => s.agency)]).toEqual([1, ['泽州县交通运输局']]);
      d.close();
    } finally {
      err.mockRestore();
    }
  });

  it('overrides agency and year', async () => {
    const file = join(dir, 'r.txt');
    writeFileSync(file, buildReport('tsv', consistentTables()));
    expect(await main(['ingest', file, '--data', dir, '--agency', '测试局', '--year', '2022'])).toBe(0);
    expect(loadDataset(dir).map((r) => `${r.agency}${r.year}`)).toEqual(['测试局2022']);
  });
});

describe('export', () => {
  it('has agency, year and every metric id as columns', () => {
    const r = seed();
    const [header, row] = toCsv([r]).trim().split('\n');
    expect(header!.split(',').slice(0, 2 + METRIC_IDS.length)).toEqual(['agency', 'year', ...METRIC_IDS]);
    expect(row!.startsWith('泽州县交通运输局,2023,')).toBe(true);
    const line = JSON.parse(toJsonl([r]).trim());
    expect(line.values['penalty.decisions']).toBe(195);
    expect(Object.keys(line.values)).toEqual(expect.arrayContaining([...METRIC_IDS]));
  });
  it('saveReports keeps the index sorted and valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ds-'));
    try {
      saveReports(dir, [seed(), parseReport(buildReport('html', consistentTables()), { sourceFile: 'h.html' })]);
      expect(loadDataset(dir).map((r) => r.agency)).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a report without the 五 heading', () => {
  it('finds "（一）存在的问题 … （二）改进措施" after 表四 and reads problems and improvements from it', () => {
    const raw = buildReport('tsv', consistentTables()).replace('五、存在的主要问题及改进情况\n', '');
    const r = parseReport(raw, { sourceFile: 'no-five.txt' });
    expect(r.problems).toEqual(['信息公开不够及时。', '政策解读形式单一。']);
    expect(r.improvements).toEqual(['加强队伍建设。', '丰富解读形式。']);
    expect(r.sections.map((s) => s.key)).toContain('problems');
    expect(r.sections.find((s) => s.key === 'review')!.text).not.toContain('存在的问题');
  });
});
