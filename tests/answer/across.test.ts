/**
 * Handlers across reports, on a small multi-agency dataset (tests/helpers/fleet.ts: agencies of 晋城市 and one of
 * 长治市, years with gaps, ties, a blank cell and a report that does not add up): compare years, trends, compare
 * agencies, rankings, sums over a scope, the audit of an inconsistent report, and clarifying which agency.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Reply } from '../../src/bot/reply.js';
import { fleet } from '../helpers/fleet.js';

let bot: Bot;
beforeAll(() => { bot = new Bot(fleet(), { warmUp: false, today: () => new Date('2025-03-01') }); });
let n = 0;
const ask = (q: string): Reply => bot.handle(q, `across-${n++}`);
const rows = (r: Reply) => r.facts.map((f) => [f.agency, f.year, f.value]);

describe('one agency over years', () => {
  it('compares two years with both numbers and the change', () => {
    const r = ask('泽州县交通运输局2023年行政处罚比2022年多还是少');
    expect(r).toMatchObject({ intent: 'compareYears', refused: false });
    expect(rows(r)).toEqual([['泽州县交通运输局', 2023, 195], ['泽州县交通运输局', 2022, 150]]);
    expect(r.text).toContain('+45（+30.0%）');
  });

  it('lays out a span of years as a table, saying which year has no report', () => {
    const r = ask('晋城市人民政府办公室2020到2024年收到的申请');
    expect(r).toMatchObject({ kind: 'table', intent: 'trend' });
    expect(rows(r)).toEqual([['晋城市人民政府办公室', 2020, 40], ['晋城市人民政府办公室', 2021, 52], ['晋城市人民政府办公室', 2023, 61], ['晋城市人民政府办公室', 2024, 58]]);
    expect(r.text).toContain('2022 年没有年报');
  });

  it('names the year with the most', () => {
    const r = ask('晋城市人民政府办公室哪一年收到的申请最多');
    expect(r.intent).toBe('trend');
    expect(r.text).toContain('最多的是 2023 年（61 件）');
  });
});

describe('several agencies', () => {
  it('compares two agencies named side by side in their common latest year', () => {
    const r = ask('泽州县交通运输局和高平市交通运输局谁的行政处罚多');
    expect(r).toMatchObject({ intent: 'compareAgencies', refused: false });
    expect(rows(r)).toEqual([['泽州县交通运输局', 2023, 195], ['高平市交通运输局', 2023, 321]]);
    expect(r.text).toContain('高平市交通运输局最多，比泽州县交通运输局多 126 件');
  });

  it('ranks every agency, ties shown as ties, and names the report whose cell is blank', () => {
    const r = ask('2023年各部门行政处罚排名');
    expect(r.intent).toBe('rank');
    expect(rows(r).slice(0, 4)).toEqual([['晋城市公安局', 2023, 900], ['泽州县公安局', 2023, 500], ['高平市公安局', 2023, 321], ['高平市交通运输局', 2023, 321]]);
    expect(r.text).toContain('3. 高平市公安局：321 件（并列）');
    expect(r.text).toMatch(/未计入.*阳城县交通运输局/);
  });

  it('answers "哪个部门最多" with the one at the top', () => {
    const r = ask('2023年哪个部门行政处罚最多');
    expect(r.intent).toBe('rank');
    expect(r.text).toContain('1. 晋城市公安局：900 件');
    expect(r.text).not.toContain('2. ');
  });

  it('sums a region’s agencies, leaving out the other city and the blank cell', () => {
    const r = ask('2023年晋城市各部门行政处罚一共多少');
    expect(r.intent).toBe('scopeSum');
    expect(r.text).toContain('合计 2237 件');
    expect(r.facts.map((f) => f.agency)).not.toContain('长治市公安局');
  });

  it('asks which agency when a question names none and several fit', () => {
    const r = ask('行政处罚多少');
    expect(r).toMatchObject({ kind: 'clarify', intent: 'clarify', refused: false, facts: [] });
    if (r.kind === 'clarify') expect(r.options.length).toBeGreaterThan(1);
  });

  it('refuses a department of a held region that the dataset lacks', () => {
    expect(ask('泽州县税务局2023年行政处罚多少')).toMatchObject({ intent: 'refuse', reason: 'unknownAgency', refused: true, facts: [] });
  });
});

describe('cells and reports that are not clean', () => {
  it('says a blank cell is blank, not 0', () => {
    const r = ask('阳城县交通运输局2023年行政处罚多少');
    expect(r.facts).toEqual([expect.objectContaining({ metric: 'penalty.decisions', value: null })]);
    expect(r.text).toContain('报告未填写');
  });

  it('the audit of a report that does not add up names each error with its numbers', () => {
    const r = ask('阳城县交通运输局2023年的数据对得上吗');
    expect(r.intent).toBe('audit');
    expect(r.text).toContain('审核发现 2 项问题（2 项错误）');
    expect(r.text).toContain('各办理结果之和为 7，但（七）总计填 6');
  });

  it('a bare agency name with several years gives the latest year’s card', () => {
    const r = ask('泽州县交通运输局');
    expect(r.intent).toBe('card');
    expect(r.title).toContain('2022、2023');
    expect(r.facts.every((f) => f.year === 2023)).toBe(true);
  });
});
