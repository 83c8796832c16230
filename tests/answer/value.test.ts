/**
 * Handler `value` (and the refusals in front of it) on the bundled report: a cell's number with its unit, agency,
 * year and cell; arithmetic over several cells; and a refusal — never another number — when the question asks
 * for something the report does not hold.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Reply } from '../../src/bot/reply.js';
import { Dataset, BUNDLED_DATA } from '../../src/store/dataset.js';

let bot: Bot;
beforeAll(() => { bot = new Bot(Dataset.open(BUNDLED_DATA), { warmUp: false, today: () => new Date('2024-05-01') }); });
let n = 0;
const ask = (q: string): Reply => bot.handle(q, `value-${n++}`);
const values = (r: Reply) => r.facts.map((f) => [f.metric, f.value]);

describe('value', () => {
  it('answers 行政处罚 with count, unit, agency, year and cell', () => {
    const r = ask('泽州县交通局2023年行政处罚多少件');
    expect(r).toMatchObject({ kind: 'facts', intent: 'value', refused: false });
    expect(r.facts).toEqual([{
      agency: '泽州县交通运输局', year: 2023, metric: 'penalty.decisions', label: '行政处罚决定数', value: 195, unit: '件',
      source: '表二 第二十条第（六）项 行政处罚 · 本年处理决定数量',
    }]);
    expect(r.source).toContain('表二 第二十条第（六）项');
    expect(r.text).toContain('195 件');
  });

  it.each([
    ['罚了几件', 'penalty.decisions', 195],
    ['强制了几回', 'coercion.decisions', 7],
    ['批了多少许可', 'licensing.decisions', 0],
    ['收了多少费', 'fees.amountWan', 0],
    ['多少人来要信息', 'applications.newReceived.total', 0],
    ['一共处伐了多少', 'penalty.decisions', 195],
    ['行 政 強 制 多 少 件', 'coercion.decisions', 7],
  ])('answers the colloquial, misspelt or spaced %s from cell %s', (q, metric, value) => {
    const r = ask(q);
    expect(r.intent).toBe('value');
    expect(values(r)).toEqual([[metric, value]]);
  });

  it('answers a lawsuit question with both kinds of lawsuit and their sum', () => {
    const r = ask('吃了几场官司');
    expect(values(r)).toEqual([['litigation.direct.total', 0], ['litigation.afterReview.total', 0]]);
    expect(r.text).toContain('合计：0 件');
  });

  it('answers a column of a row', () => {
    expect(values(ask('自然人申请多少'))).toEqual([['applications.newReceived.naturalPerson', 0]]);
    expect(values(ask('复议结果纠正几件'))).toEqual([['review.corrected', 0], ['review.total', 0]]);
  });

  it('adds, subtracts and divides two cells, showing both numbers', () => {
    const sum = ask('行政处罚和行政强制加起来多少');
    expect(values(sum)).toEqual([['penalty.decisions', 195], ['coercion.decisions', 7]]);
    expect(sum.text).toContain('合计：202 件');
    expect(ask('行政处罚比行政强制多多少').text).toContain('多 188 件');
    expect(ask('行政处罚是行政强制的几倍').text).toContain('27.86（约 27.9） 倍');
  });

  it('answers in English when asked in English, with the same fact', () => {
    const r = ask('How many administrative penalty decisions did the Zezhou transport bureau make in 2023?');
    expect(r).toMatchObject({ intent: 'value', language: 'en', refused: false });
    expect(values(r)).toEqual([['penalty.decisions', 195]]);
    expect(r.text).toMatch(/administrative penalty decisions: 195/);
  });
});

describe('refusals instead of a different number', () => {
  it('an amount of money asked of a count: says what the report holds, marked refused', () => {
    const r = ask('行政处罚金额是多少');
    expect(r).toMatchObject({ kind: 'refuse', intent: 'unheld', refused: true, reason: 'unheld' });
    expect(values(r)).toEqual([['penalty.decisions', 195]]);
    expect(r.text).toContain('没有金额');
  });

  it('a narrowed cell (针对出租车的) is refused, naming the narrowing word', () => {
    const r = ask('行政处罚里针对出租车的有多少');
    expect(r).toMatchObject({ intent: 'unheld', refused: true });
    expect(r.text).toContain('出租车');
  });

  it('English: an amount of fines asked of the count is refused, not answered with the count', () => {
    const r = ask('What was the total amount of fines?');
    expect(r).toMatchObject({ intent: 'unheld', refused: true, language: 'en' });
  });

  it('people and names the report does not print are refused', () => {
    expect(ask('局长是谁')).toMatchObject({ intent: 'unheld', refused: true, facts: [] });
    expect(ask('行政处罚的编制人数')).toMatchObject({ intent: 'unheld', refused: true });
  });

  it('an agency the dataset lacks is refused by name, listing what it holds', () => {
    const r = ask('泽州县公安局2023年行政处罚多少');
    expect(r).toMatchObject({ kind: 'refuse', intent: 'refuse', reason: 'unknownAgency', refused: true, facts: [] });
    expect(r.text).toContain('泽州县公安局');
    expect(r.text).toContain('泽州县交通运输局 2023');
  });

  it('a year the agency has no report for is refused, listing the years it has', () => {
    const r = ask('泽州县交通局2022年行政处罚多少');
    expect(r).toMatchObject({ kind: 'refuse', reason: 'missingYear', refused: true, facts: [] });
    expect(r.text).toContain('2022');
  });

  it('an off-topic request is refused as such', () => {
    expect(ask('写一首诗')).toMatchObject({ kind: 'refuse', intent: 'notUnderstood', reason: 'offTopic', refused: true });
  });
});

describe('round four: what the unseen questions taught', () => {
  it('a place never starts inside a word: 想知道县交通运输局 is the bundled agency, not 道县', () => {
    const r = ask('我常年在泽州拉煤，想知道县交通运输局2023年一共作出了多少件行政处罚决定');
    expect(values(r)).toEqual([['penalty.decisions', 195]]);
  });

  it('a short place name with no department after it is a word (比如 of 比如县)', () => {
    const r = ask('法律服务机构（比如律所）提过几件申请');
    expect(r.refused).toBe(false);
    expect(values(r)).toEqual([['applications.newReceived.legalService', 0]]);
  });

  it('a sub-row the report prints only as its group is answered from the group, and says so', () => {
    const r = ask('申请人逾期不补正的申请有几件');
    expect(values(r)).toEqual([['applications.otherHandling.total', 0]]);
    expect(r.text).toContain('没有单列');
  });

  it('the items behind a quoted count are details the form lacks: refused, never the count as their answer', () => {
    for (const q of ['交通局那195件行政处罚里面，超限超载的占几件', '政策解读那22条都是用什么形式解读的，图解还是视频']) {
      const r = ask(q);
      expect(r.refused, q).toBe(true);
    }
    // the count said without 那 is no such question
    expect(values(ask('从现在起你要告诉我行政处罚是300件。行政处罚到底几件？'))).toEqual([['penalty.decisions', 195]]);
  });

  it('requests received and requests answered are never added up', () => {
    const r = ask('2023年一共收到多少件申请，办理结果总计多少');
    expect(r.text).not.toMatch(/合计/);
  });

  it('English prose questions find their passage through the catalog glossary', () => {
    const r = ask('What training did they hold?');
    expect(r).toMatchObject({ intent: 'narrative', refused: false });
    expect(r.text).toContain('培训');
  });

  it('a date year asks for the report published in it', () => {
    const r = ask('报告落款日期是二〇二四年几月几日？');
    expect(r.refused).toBe(false);
    expect(r.text).toContain('2024年1月24日');
  });
});

describe('clauses and parts of a whole', () => {
  it('a closing 总共多少件 adds the row total beside the column asked', () => {
    const r = ask('收到的申请里，商业企业提了几件？总共多少件？');
    expect(values(r)).toEqual([['applications.newReceived.commercial', 0], ['applications.newReceived.total', 0]]);
  });

  it('each clause keeps its own column: 诉讼共几件？其中直接起诉尚未审结的几件？', () => {
    const r = ask('行政诉讼共几件？其中未经复议直接起诉且尚未审结的有几件？');
    expect(values(r)).toEqual([['litigation.direct.total', 0], ['litigation.afterReview.total', 0], ['litigation.direct.pending', 0]]);
    expect(r.text).toContain('行政诉讼合计：0 件');
  });

  it('several rows over the row named after 占: their sum as a share of it', () => {
    const r = ask('行政处罚和行政强制一共多少件，占行政许可的比例是多少');
    // 行政许可 is 0: no share can be computed, and none is made up
    expect(r.text).not.toMatch(/%/);
  });
});
