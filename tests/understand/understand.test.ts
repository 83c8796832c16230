/**
 * Stage 4, understand, and the every-word check: words no reader explains are kept as leftovers, and one that
 * narrows or changes what is asked (出租车 in 行政处罚里针对出租车的, 金额, 局长是谁) turns the question into
 * `unheld` instead of answering a different one.
 */
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { Dataset, BUNDLED_DATA } from '../../src/store/dataset.js';
import type { Frame } from '../../src/understand/frame.js';
import { normalizeQuestion } from '../../src/understand/normalize.js';
import { leftovers, readSlots } from '../../src/understand/slots/index.js';
import { understand, type Understanding } from '../../src/understand/understand.js';

let bot: Bot;
beforeAll(() => { bot = new Bot(Dataset.open(BUNDLED_DATA), { warmUp: false }); });

const today = new Date('2024-05-01');
const read = (q: string, frame?: Frame) => understand({ q: normalizeQuestion(q, today), frame, data: bot.data, directory: bot.directory });
const u = (q: string, frame?: Frame): Understanding => read(q, frame).understanding;

describe('leftovers: the words nothing explained', () => {
  it('are empty when every word is a cell, a cue, an agency, a year or a function word', () => {
    expect(u('泽州县交通局2023年行政处罚多少件').leftovers).toEqual([]);
    expect(u('请问一下行政强制一共有多少件呢').leftovers).toEqual([]);
  });

  it('keep content words in the order written', () => {
    expect(u('行政处罚里针对出租车的有多少').leftovers).toEqual(['针对', '出租车']);
    const s = readSlots(normalizeQuestion('超限超载的行政处罚多少件'), bot.directory);
    expect(leftovers(s.tokens, s.coverage)).toEqual(['超限', '超载']);
  });

  it('lower the confidence of an answer', () => {
    const plain = u('行政处罚多少件');
    const unexplained = u('吃了几场官司');
    expect(plain.intent).toBe('value');
    expect(unexplained.intent).toBe('value');
    expect(unexplained.confidence).toBeLessThan(plain.confidence);
  });
});

describe('a word that changes the question', () => {
  it('a noun narrowing a cell (行政处罚里针对出租车的) makes it unheld, with the cell the report does hold', () => {
    const x = u('行政处罚里针对出租车的有多少');
    expect(x.intent).toBe('unheld');
    if (x.intent !== 'unheld') return;
    expect(x.attribute).toMatchObject({ what: 'subset', zh: ['出租车'] });
    expect(x.measure.rows).toEqual(['penalty.decisions']);
    expect(x.report).toMatchObject({ year: 2023, entry: { agency: '泽州县交通运输局' } });
  });

  it.each([
    ['行政处罚金额是多少', 'amount', ['penalty.decisions']],
    ['行政处罚的编制人数', 'staff', ['penalty.decisions']],
    ['局长是谁', 'names', []],
    ['传真多少', 'contactChannel', []],
    ['处罚对象是哪些企业', 'names', []],
  ])('%s → unheld %s', (q, id, rows) => {
    const x = u(q);
    expect(x.intent).toBe('unheld');
    if (x.intent === 'unheld') {
      expect(x.attribute.id).toBe(id);
      expect(x.measure.rows).toEqual(rows);
    }
  });

  it('money asked of the fees cell is answered: fees are money', () => {
    expect(u('收费多少钱').intent).toBe('value');
  });

  it('a department the dataset lacks is refused by name, with the agencies near it', () => {
    const x = u('泽州县公安局2023年行政处罚多少');
    expect(x).toMatchObject({ intent: 'refuse', reason: 'unknownAgency', name: '泽州县公安局' });
    if (x.intent === 'refuse') expect(x.near.map((e) => e.agency)).toEqual(['泽州县交通运输局']);
  });

  it('a year the agency has no report for is refused, not answered from another year', () => {
    expect(u('泽州县交通局2022年行政处罚多少')).toMatchObject({ intent: 'refuse', reason: 'missingYear', year: 2022 });
  });
});

describe('the Understanding and the frame it leaves', () => {
  it('a value names its report, its cells and its operation, and leaves a frame of plain data', () => {
    const { understanding, frame } = read('泽州县交通局2023年行政处罚和行政强制分别多少件');
    expect(understanding).toMatchObject({ intent: 'value', op: 'list', measure: { rows: ['penalty.decisions', 'coercion.decisions'] } });
    expect(frame).toMatchObject({ intent: 'value', agency: '泽州县交通运输局', years: [2023], rows: ['penalty.decisions', 'coercion.decisions'] });
    expect(JSON.parse(JSON.stringify(frame))).toEqual(frame);
  });

  it('narrows by intent: only a value carries an op', () => {
    const x = u('行政处罚和行政强制加起来多少');
    expectTypeOf<Extract<Understanding, { intent: 'value' }>['op']>().toEqualTypeOf<'list' | 'sum' | 'difference' | 'ratio' | 'perMonth' | 'share'>();
    expect(x.intent === 'value' && x.op).toBe('sum');
  });

  it('a bare agency name is its card; an unheld question leaves no frame', () => {
    expect(read('泽州县交通运输局')).toMatchObject({ understanding: { intent: 'card' }, frame: { agency: '泽州县交通运输局' } });
    expect(read('行政处罚金额是多少').frame).toBeUndefined();
  });
});
