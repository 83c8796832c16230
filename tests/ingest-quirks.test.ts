/**
 * Reports as agencies really publish them: titles broken over lines, the agency only in the signature or a
 * 以下简称 phrase, spaces inside dates, OCR markdown, PDF page furniture, the 主动公开 breakdown in every wording,
 * years that disagree, and runs the tables cannot split (undetermined, end to end).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseReport, IngestError } from '../src/ingest/parse.js';
import { settleRun, statementsAbout } from '../src/ingest/settle.js';
import { splitFreeRun } from '../src/ingest/digits.js';
import { auditReport } from '../src/audit/rules.js';
import { Dataset, loadDataset, saveReports } from '../src/store/dataset.js';
import { toCsv, toJsonl } from '../src/export/export.js';
import { zh } from '../src/words/zh.js';
import { en } from '../src/words/en.js';
const valueText = (v: Parameters<typeof zh.value>[0], unit: string, english: boolean) => (english ? en : zh).value(v, unit);
import { Bot } from '../src/bot/bot.js';
import { main } from '../src/cli/main.js';
import { buildReport, consistentTables } from './helpers/reports.js';

const TITLE = '高平市交通运输局2023年政府信息公开工作年度报告';
const INTRO_NAMING = '现公布高平市交通运输局2023年政府信息公开工作年度报告';
const base = () => buildReport('tsv', consistentTables());
const parse = (raw: string) => parseReport(raw, { sourceFile: 'r.txt' });
const flat = (s: string) => s.replace(/\s+/g, '');

describe('title and agency', () => {
  it('joins a title split over two lines, with a space in "2023 年"', () => {
    const r = parse(base().replace(TITLE, '\n高平市交通运输局\n\n2023 年政府信息公开工作年度报告\n').replace(INTRO_NAMING, '编制本报告'));
    expect([r.agency, r.year, r.title]).toEqual(['高平市交通运输局', 2023, TITLE]);
  });

  it('joins a title split over three lines (agency / year / 政府信息公开工作年度报告)', () => {
    const r = parse(base().replace(TITLE, '高平市交通运输局\n2023年度\n政府信息公开工作年度报告').replace(INTRO_NAMING, '编制本报告'));
    expect([r.agency, r.year]).toEqual(['高平市交通运输局', 2023]);
  });

  it('joins a title broken before 年度报告, with the agency after the year', () => {
    const r = parse(base().replace(TITLE, '2023 年高平市交通运输局政府信息公开工作\n年度报告').replace(INTRO_NAMING, '编制本报告'));
    expect([r.agency, r.year]).toEqual(['高平市交通运输局', 2023]);
  });

  it('takes the agency from the signature before the closing date when the title does not name it', () => {
    const raw = base().replace(TITLE, '2023年政府信息公开工作年度报告').replace(INTRO_NAMING, '编制本报告');
    const r = parse(raw);
    expect([r.agency, r.year, r.publishDate]).toEqual(['高平市交通运输局', 2023, '2024-01-20']);
  });

  it('takes the agency from a 以下简称 phrase when neither title nor signature names it', () => {
    const raw = base().replace(TITLE, '2023年政府信息公开工作年度报告')
      .replace(INTRO_NAMING, '高平市交通运输局（以下简称“本局”）编制本报告')
      .replace(/\n高平市交通运输局\n(2024年1月20日)$/, '\n$1');
    expect(parse(raw).agency).toBe('高平市交通运输局');
  });

  it('never lets markdown or OCR markup into the agency, and still finds the sections under markdown headings', () => {
    const raw = base().replace(TITLE, '#高平市交通运输局2023年政府信息公开工作年度报告')
      .replace('一、总体情况', '## **一、总体情况**').replace('六、其他需要报告的事项', '### 六、其他需要报告的事项');
    const r = parse(raw);
    expect(r.agency).toBe('高平市交通运输局');
    expect(r.sections.map((s) => s.key)).toEqual(expect.arrayContaining(['overview', 'other']));
    const piped = parse(base().replace(TITLE, '| **高平市交通运输局** | 2023年政府信息公开工作年度报告 |'));
    expect(piped.agency).toBe('高平市交通运输局');
  });
});

describe('dates and page furniture', () => {
  it('reads period and publish date with spaces inside years and dates', () => {
    const raw = base().replace('自2023年1月1日起至2023年12月31日止', '自 2023 年 1 月 1 日起至 2023 年 12 月 31 日止').replace(/2024年1月20日$/, '2024 年 1 月 20 日');
    const r = parse(raw);
    expect([r.periodStart, r.periodEnd, r.publishDate]).toEqual(['2023-01-01', '2023-12-31', '2024-01-20']);
  });

  it('ignores PDF page numbers and running headers inside the tables and the text', () => {
    const header = TITLE;
    const raw = base()
      .replace('二、主动公开政府信息情况', `— 1 —\n${header}\n二、主动公开政府信息情况`)
      .replace(/^(（四）无法提供.*)$/m, `第 2 页 共 4 页\n${header}\n$1`)
      .replace('四、政府信息公开行政复议', `- 3 -\n${header}\n四、政府信息公开行政复议`)
      .replace('五、存在的主要问题', `4 / 5\n五、存在的主要问题`);
    const r = parse(raw);
    const clean = parse(base());
    expect(r.agency).toBe('高平市交通运输局');
    expect(Object.fromEntries(Object.entries(r.cells).map(([id, c]) => [id, c.value]))).toEqual(Object.fromEntries(Object.entries(clean.cells).map(([id, c]) => [id, c.value])));
    expect(r.sections.map((s) => s.text).join('\n')).not.toMatch(/第 2 页|— 1 —|4 \/ 5/);
  });
});

describe('主动公开 breakdown', () => {
  const withOverview = (sentence: string) => parse(base().replace(/2023年，我局共主动公开政府信息50条，[^\n]*/, sentence));

  it('reads categories with 类信息 and 占 N% in the total’s sentence', () => {
    const r = parse(base());
    expect(r.proactive).toMatchObject({ breakdown: 'parsed', total: { value: 50 } });
    expect(r.proactive.items.map((i) => [i.category, i.count, i.percent])).toEqual([['政策解读', 10, 20], ['工作动态', 40, 80]]);
  });

  it('reads categories without 类信息 in the sentence after the total, with 、 inside a category name', () => {
    const r = withOverview('2023年，我局共主动公开政府信息50条。在主动公开的信息中，法律、法规和部门文件类信息5条，占10%；机构设置以及工作职责5条，占10%；公告、通知等其他信息40条，占80%。');
    expect(r.proactive.items.map((i) => [i.category, i.count, i.percent])).toEqual([['法律、法规和部门文件', 5, 10], ['机构设置以及工作职责', 5, 10], ['公告、通知等其他', 40, 80]]);
  });

  it('reads a 、-separated list, and one with the count first', () => {
    const r = withOverview('2023年，我局主动公开各类信息50条，其中工作动态30条、政策文件12条、通知公告8条。');
    expect(r.proactive.items.map((i) => [i.category, i.count, i.percent])).toEqual([['工作动态', 30, null], ['政策文件', 12, null], ['通知公告', 8, null]]);
    const first = withOverview('2023年，我局共主动公开政府信息50条，其中10条为政策解读，40条为工作动态。');
    expect(first.proactive.items.map((i) => [i.category, i.count])).toEqual([['政策解读', 10], ['工作动态', 40]]);
  });

  it('reads a total worded around its verb, with categories after 其中：', () => {
    const r = withOverview('2023年，全年共审核发布各类公开政府信息50条，其中：发布政策文件和解读信息10条；信息公开年度报告1条；工作动态39条。');
    expect(r.proactive.total?.value).toBe(50);
    expect(r.proactive.items.map((i) => [i.category, i.count])).toEqual([['政策文件和解读', 10], ['信息公开年度报告', 1], ['工作动态', 39]]);
  });

  it('reads a breakdown printed as a table (类别 / 条数 / 占比)', () => {
    const r = withOverview('2023年，我局共主动公开政府信息50条，分类如下：\n类别\t条数\t占比\n政策解读\t10\t20%\n工作动态\t40\t80%\n合计\t50\t100%');
    expect(r.proactive.breakdown).toBe('parsed');
    expect(r.proactive.items.map((i) => [i.category, i.count, i.percent])).toEqual([['政策解读', 10, 20], ['工作动态', 40, 80]]);
    expect(r.findings.filter((f) => f.rule.startsWith('PROACTIVE'))).toEqual([]);
  });

  it('says "not parsed" (a warning, not a pass) when a stated breakdown cannot be read, and shows no empty table', () => {
    const r = withOverview('2023年，我局共主动公开政府信息50条，其中政策解读10、工作动态40。');
    expect(r.proactive).toMatchObject({ breakdown: 'notParsed', items: [] });
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'PROACTIVE.NOT_PARSED', severity: 'warning' }));
    const reply = new Bot([r]).handle('高平市交通运输局2023年主动公开政府信息各类别多少条');
    expect(reply.table).toBeUndefined();
    expect(reply.text).toContain('未能从原文中读出');
    expect(reply.text).not.toMatch(/类别\s*[|│]?\s*条数/);
  });

  it('records no breakdown (and no warning) when the report states only the total', () => {
    const r = withOverview('2023年，我局共主动公开政府信息50条，较上年增长12%。');
    expect(r.proactive).toMatchObject({ breakdown: 'absent', total: { value: 50 } });
    expect(r.findings.map((f) => f.rule)).not.toContain('PROACTIVE.NOT_PARSED');
  });
});

describe('year cross-check', () => {
  const mismatched = () => base().replace(TITLE, '高平市交通运输局2022年政府信息公开工作年度报告');

  it('refuses a report whose title year disagrees with its 统计期限 and body, naming the years', () => {
    expect(() => parse(mismatched())).toThrow(IngestError);
    expect(() => parse(mismatched())).toThrow(/标题 2022 年，统计期限 2023 年.*--year/);
  });

  it('ingests it with --year, keeping the disagreement as an audit error', async () => {
    const r = parseReport(mismatched(), { sourceFile: 'r.txt', year: 2023 });
    expect(r.year).toBe(2023);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'YEAR.MISMATCH', severity: 'error' }));
    const dir = mkdtempSync(join(tmpdir(), 'year-'));
    const file = join(dir, 'mismatch.txt');
    writeFileSync(file, mismatched());
    const errors: string[] = [];
    const log = console.error;
    console.error = (m: string) => errors.push(m);
    try { expect(await main(['ingest', file, '--data', join(dir, 'data')])).toBe(1); } finally { console.error = log; }
    expect(errors.join('\n')).toContain('mismatch.txt');
    expect(errors.join('\n')).toContain('2022');
    expect(await main(['ingest', file, '--data', join(dir, 'data'), '--year', '2023'])).toBe(0);
    expect(loadDataset(join(dir, 'data')).map((x) => x.year)).toEqual([2023]);
  });

  it('takes the year from the 统计期限 when the title has none', () => {
    const r = parse(base().replace(TITLE, '高平市交通运输局政府信息公开工作年度报告'));
    expect([r.agency, r.year]).toEqual(['高平市交通运输局', 2023]);
  });
});

describe('ambiguous 表二 runs', () => {
  const flattened = (sentence: string) => parse(buildReport('flattened', consistentTables(2)).replace('全年共收到政府信息公开申请', `${sentence}全年共收到政府信息公开申请`));
  const docs = (r: ReturnType<typeof parse>) => ['issued', 'repealed', 'inForce'].map((c) => r.cells[`regulations.normativeDocs.${c}`]!.value);

  it('are settled by the number the prose states for the same row (5231 → 5 · 2 · 31)', () => {
    const r = flattened('本年度制发行政规范性文件5件。');
    expect(docs(r)).toEqual([5, 2, 31]);
    expect(r.cells['regulations.normativeDocs.issued']!.note).toContain('制发行政规范性文件5件');
  });

  it('stay undetermined when the prose contradicts the table or says nothing that narrows them', () => {
    expect(docs(flattened('清理现行有效行政规范性文件393件。'))).toEqual(['undetermined', 'undetermined', 'undetermined']);
    expect(docs(flattened(''))).toEqual(['undetermined', 'undetermined', 'undetermined']);
  });

  it('never settle a run the prose only half pins down (77132470 with 本年制发 77, 现行有效 393 contradicting)', () => {
    const statements = statementsAbout('清理并集中发布现行有效行政规范性文件393件，动态更新本年度制发的规范性文件77件。', /规范性文件/);
    expect(statements.map((s) => [s.column, s.value])).toEqual([['inForce', 393], ['issued', 77]]);
    expect(settleRun(splitFreeRun('77132470', 3), statements)).toBeNull();
  });

  it('use 现行有效 ≥ 本年制发 only as a tie-breaker among the splits the prose allows', () => {
    const runs = splitFreeRun('693665', 3);
    expect(settleRun(runs, [])).toBeNull();
    expect(settleRun(runs, statementsAbout('制发规范性文件69件。', /规范性文件/))).toMatchObject({ values: [69, 3, 665] });
  });
});

describe('undetermined cells, end to end', () => {
  const ambiguous = () => parse(buildReport('flattened', consistentTables(2)));

  it('are stored, read back from the dataset, and never counted as 0 by the audit', () => {
    const r = ambiguous();
    expect(r.cells['regulations.normativeDocs.issued']).toMatchObject({ value: 'undetermined', raw: '5231' });
    const dir = mkdtempSync(join(tmpdir(), 'undetermined-'));
    saveReports(dir, [r]);
    const d = Dataset.open(dir);
    expect(d.value(0, 'regulations.normativeDocs.issued')).toBe('undetermined');
    expect(d.report(0).cells['regulations.normativeDocs.issued']).toEqual(r.cells['regulations.normativeDocs.issued']);
    // an undetermined 表三 row leaves the column sums unchecked instead of failing them as if it were 0
    const row = { ...r, cells: { ...r.cells } };
    row.cells['applications.granted.total'] = { ...row.cells['applications.granted.total']!, value: 'undetermined', raw: '601', note: '数字串“601”无法拆分' };
    expect(auditReport(row).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('export as empty with the reason named, in CSV and JSONL', () => {
    const r = ambiguous();
    const [header, line] = toCsv([r]).trim().split('\n');
    const columns = header!.split(',');
    const fields = line!.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, ''));
    expect(fields[columns.indexOf('regulations.normativeDocs.issued')]).toBe('');
    expect(fields[columns.indexOf('undetermined')]).toContain('regulations.normativeDocs.issued: ');
    expect(fields[columns.indexOf('undetermined')]).toContain('5231');
    const json = JSON.parse(toJsonl([r]).trim());
    expect(json.values['regulations.normativeDocs.issued']).toBeNull();
    expect(json.undetermined['regulations.normativeDocs.issued']).toMatchObject({ raw: '5231' });
  });

  it('are worded as printed but not determinable, distinct from blank and "/"', () => {
    expect(valueText('undetermined', '件', false)).toBe('报告印有该数字，但无法从表格中确定');
    expect(valueText('undetermined', '件', true)).toMatch(/printed in the report/);
    expect(valueText(null, '件', false)).toBe('报告未填写');
    expect(valueText('n/a', '件', false)).toContain('不适用');
    const reply = new Bot([ambiguous()]).handle('高平市交通运输局2023年行政规范性文件本年制发多少件');
    expect(reply.text).toContain('报告印有该数字，但无法从表格中确定');
    expect(flat(reply.text)).not.toContain('报告未填写');
  });
});

describe('what the prose states about a 表二 row', () => {
  const said = (prose: string) => statementsAbout(prose, /^(?!.*规章(?!制度)).*规范性文件/).map((s) => [s.column, s.value]);

  it('reads the clauses after the one naming the row in the same sentence', () => {
    expect(said('全年共印发行政规范性文件3件，废止1件，现行有效28件。')).toEqual([['issued', 3], ['repealed', 1], ['inForce', 28]]);
    expect(said('规范性文件制定、废止和现行有效情况：本年制发69件、废止3件、现行有效665件。')).toEqual([['issued', 69], ['repealed', 3], ['inForce', 665]]);
  });

  it('ignores clauses about other things, clauses naming both rows, and clauses with two counts', () => {
    expect(said('审核合同20件，废止1件。')).toEqual([]);
    expect(said('制发规范性文件3件，审核合同20件，废止1件。')).toEqual([['issued', 3]]);
    expect(said('制发规范性文件3件。举办培训2期，废止旧制度5件。')).toEqual([['issued', 3]]);
    expect(said('制定规章和规范性文件5件。')).toEqual([]);
    expect(said('制发规范性文件3件和5件。')).toEqual([]);
  });
});
