/**
 * Handler `breakdown` and the breakdown audit on the bundled report: the 主动公开 categories as the report prints
 * them (40 条: 4 / 22 / 4 / 4 / 6), their shares, sums of named categories, "X以外", the largest, and checks of
 * the printed percentages — every number computed from the parsed breakdown and shown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Reply } from '../../src/bot/reply.js';
import { Dataset, BUNDLED_DATA } from '../../src/store/dataset.js';

let bot: Bot;
beforeAll(() => { bot = new Bot(Dataset.open(BUNDLED_DATA), { warmUp: false }); });
let n = 0;
const ask = (q: string, session = `breakdown-${n++}`): Reply => bot.handle(q, session);
const categories = (r: Reply) => r.facts.filter((f) => f.metric === 'proactive.category').map((f) => [f.label, f.value]);

const PRINTED = [['法律、法规、规章和部门文件', 4], ['政策解读', 22], ['机构设置以及工作职责', 4], ['部门预决算', 4], ['公告、通知等其他', 6]];

describe('breakdown', () => {
  it('lays out every category with its count and share as a table, with the total', () => {
    const r = ask('主动公开各类占比');
    expect(r).toMatchObject({ kind: 'table', intent: 'breakdown', refused: false });
    if (r.kind !== 'table') return;
    expect(r.facts.find((f) => f.metric === 'proactive.total')).toMatchObject({ value: 40, unit: '条' });
    expect(categories(r)).toEqual(PRINTED);
    expect(r.table.rows.map((row) => row[0])).toEqual(PRINTED.map(([c]) => c));
    expect(r.table.rows[1]).toEqual(['政策解读', '22 条', '55%']);
  });

  it('answers one named category with its count and share: 22 条 55%', () => {
    const r = ask('政策解读类多少条');
    expect(r).toMatchObject({ kind: 'facts', intent: 'breakdown' });
    expect(categories(r)).toEqual([['政策解读', 22]]);
    expect(r.text).toContain('22 条，占 55%');
  });

  it('reads "一共公开了多少条信息" as the 主动公开 total, not the applications received', () => {
    const r = ask('一共公开了多少条信息');
    expect(r.intent).toBe('breakdown');
    expect(r.facts.find((f) => f.metric === 'proactive.total')?.value).toBe(40);
    expect(r.facts.some((f) => f.metric.startsWith('applications.'))).toBe(false);
  });

  it('sums two named categories and gives their joint share', () => {
    const r = ask('政策解读和部门预决算加起来多少条');
    expect(categories(r)).toEqual([['政策解读', 22], ['部门预决算', 4]]);
    expect(r.text).toContain('合计 26 条，占 65%');
  });

  it('sums the categories other than a named one', () => {
    const r = ask('除了政策解读以外的几类一共多少条');
    expect(r.text).toContain('除政策解读以外的 4 类合计 18 条，占 45%');
  });

  it('names the largest category', () => {
    expect(ask('主动公开的信息哪类最多').text).toContain('最多的是政策解读（22 条，55%）');
  });

  it('a follow-up on a category keeps the breakdown', () => {
    ask('2023年主动公开的信息中，政策解读类信息有多少条？', 'bd-follow');
    const r = ask('占比多少', 'bd-follow');
    expect(r.intent).toBe('breakdown');
    expect(r.text).toContain('55%');
  });

  it('English: the same table in English wording', () => {
    const r = ask('What is the share of each proactive category?');
    expect(r).toMatchObject({ kind: 'table', language: 'en', intent: 'breakdown' });
    expect(categories(r)).toEqual(PRINTED);
  });
});

describe('checks of the breakdown', () => {
  it('checks that the categories add up to the total and the shares to 100%, showing the sums', () => {
    const r = ask('主动公开的占比加起来是不是100%');
    expect(r).toMatchObject({ intent: 'audit', refused: false });
    expect(r.text).toContain('4 + 22 + 4 + 4 + 6 = 40，报告总数 40，一致');
    expect(r.text).toContain('各类占比相加 = 100%');
  });

  it('checks a quoted count and share against the total: 22条占55%', () => {
    const r = ask('22条占55%算得对吗');
    expect(r.intent).toBe('audit');
    expect(r.text).toContain('22/40 = 55%，算得对');
  });
});

describe('round five: shares and dates', () => {
  it('X是Y的几倍 divides in the question’s order, whatever the report’s order of categories', async () => {
    const { Bot } = await import('../../src/bot/bot.js');
    const { Dataset, BUNDLED_DATA } = await import('../../src/store/dataset.js');
    const b = new Bot(Dataset.open(BUNDLED_DATA), { warmUp: false });
    expect(b.handle('政策解读类的条数是法律法规类的几倍', 'r5-1').text).toContain('5.5 倍（22 ÷ 4）');
    expect(b.handle('法律法规类的条数是政策解读类的几倍', 'r5-2').text).toContain('0.18 倍（4 ÷ 22）');
    // 哪一天 is a word, not the number one: the publish date is asked
    expect(b.handle('年报是哪一天发布的', 'r5-3').text).toContain('2024年1月24日');
    // a whole that adds two rows after 占
    expect(b.handle('行政强制占处罚加强制总数的比例是多少', 'r5-4').text).toContain('3.47%（约 3.5%，约 3%）（7 ÷ 202）');
    expect(b.handle('行政强制平均每个季度几件', 'r5-5').text).toContain('1.75 件（7 ÷ 4）');
  });
});
