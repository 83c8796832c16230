/**
 * Conversations: the session keeps the understood frame (intent + slots), not the text. A follow-up replaces only
 * the slots it names; a complete new question replaces the whole frame; relative words (去年, 两个, 第四条) read
 * the frame they follow.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/bot/bot.js';
import type { Reply } from '../src/bot/reply.js';
import { Dataset, BUNDLED_DATA } from '../src/store/dataset.js';
import { agencyReport, fleet, tablesFor } from './helpers/fleet.js';

const A = '泽州县交通运输局';
const B = '高平市交通运输局';

let two: Bot;
let bundled: Bot;
let several: Bot;
beforeAll(() => {
  // two agencies over two years, every number distinct, so an answer shows which frame it came from
  const spec = (penalty: number, coercion: number) => tablesFor({ penalty, coercion });
  two = new Bot([
    agencyReport(A, 2023, spec(195, 7)), agencyReport(A, 2024, spec(210, 9)),
    agencyReport(B, 2023, spec(321, 12)), agencyReport(B, 2024, spec(333, 15)),
  ], { warmUp: false, today: () => new Date('2026-11-26') });
  bundled = new Bot(Dataset.open(BUNDLED_DATA), { warmUp: false });
  several = new Bot(fleet(), { warmUp: false, today: () => new Date('2026-11-26') });
});

/** Asks the questions in order in one fresh session and returns every reply. */
let sessions = 0;
function talk(bot: Bot, ...questions: string[]): Reply[] {
  const session = `conversation-${sessions++}`;
  return questions.map((q) => bot.handle(q, session));
}
const said = (r: Reply) => r.facts.map((f) => [f.agency, f.year, f.metric, f.value]);

describe('a follow-up replaces only the slots it names', () => {
  it('那行政强制呢 → the new cell, same agency and year', () => {
    const [, r] = talk(bundled, '泽州县交通局2023年行政处罚多少件', '那行政强制呢');
    expect(r!.intent).toBe('value');
    expect(said(r!)).toEqual([[A, 2023, 'coercion.decisions', 7]]);
  });

  it('那2022年呢 → the new year, same agency and cell', () => {
    const [, r] = talk(several, `${A}2023年行政处罚多少`, '那2022年呢');
    expect(said(r!)).toEqual([[A, 2022, 'penalty.decisions', 150]]);
  });

  it('another agency → the same cell and year of that agency', () => {
    const [, r] = talk(several, `${A}2023年行政处罚多少`, `${B}呢`);
    expect(said(r!)).toEqual([[B, 2023, 'penalty.decisions', 321]]);
  });

  it('a column → the same row narrowed to it', () => {
    const [, r] = talk(bundled, '2023年收到多少政府信息公开申请', '自然人呢');
    expect(said(r!)).toEqual([[A, 2023, 'applications.newReceived.naturalPerson', 0]]);
  });

  it('a follow-up on a refused question does not borrow from the refusal', () => {
    const [, , r] = talk(bundled, '行政处罚多少件', '行政处罚金额是多少', '那行政强制呢');
    expect(said(r!)).toEqual([[A, 2023, 'coercion.decisions', 7]]);
  });
});

describe('a complete new question replaces the frame', () => {
  it('A和B谁的行政处罚多 → B 2023年行政强制多少 → 那2024年呢 is B’s 行政强制 in 2024, not the comparison', () => {
    const [compare, single, next] = talk(two, `${A}和${B}谁的行政处罚多`, `${B}2023年行政强制多少`, '那2024年呢');
    expect(compare!.intent).toBe('compareAgencies');
    expect(single!.intent).toBe('value');
    expect(said(single!)).toEqual([[B, 2023, 'coercion.decisions', 12]]);
    expect(next!.intent).toBe('value');
    expect(said(next!)).toEqual([[B, 2024, 'coercion.decisions', 15]]);
  });

  it('A和B谁的行政处罚多 → 那2024年呢 keeps comparing the two agencies', () => {
    const [, next] = talk(two, `${A}和${B}谁的行政处罚多`, '那2024年呢');
    expect(next!.intent).toBe('compareAgencies');
    expect(said(next!)).toEqual(expect.arrayContaining([[A, 2024, 'penalty.decisions', 210], [B, 2024, 'penalty.decisions', 333]]));
    expect(next!.facts).toHaveLength(2);
  });

  it('a question about the contact after a number is answered as a contact question', () => {
    const [, r] = talk(bundled, '行政处罚多少件', '电话多少');
    expect(r!.intent).toBe('contact');
  });
});

describe('words relative to the conversation', () => {
  it('去年呢 after a 2023 question means 2022, not the year before today', () => {
    const [, r] = talk(several, `${A}2023年行政处罚多少`, '去年呢');
    expect(said(r!)).toEqual([[A, 2022, 'penalty.decisions', 150]]);
  });

  it('增加了多少 after going from 2023 to 2022 compares the two years', () => {
    const [, , r] = talk(several, `${A}2023年行政处罚多少`, '那2022年呢', '增加了多少');
    expect(r!.intent).toBe('compareYears');
    expect(said(r!)).toEqual([[A, 2023, 'penalty.decisions', 195], [A, 2022, 'penalty.decisions', 150]]);
  });

  it('两家一共多少 after two agencies sums them', () => {
    const [, , r] = talk(several, `${A}2023年行政处罚多少`, `${B}呢`, '两家一共多少');
    expect(r!.intent).toBe('compareAgencies');
    expect(r!.text).toContain('合计：516 件');
  });

  it('两个加起来 after two agencies sums them', () => {
    const [, , r] = talk(several, `${A}2023年行政处罚多少`, `${B}呢`, '两个加起来多少');
    expect(r!.text).toContain('516');
  });

  it('两项加起来 after two cells of one report sums the two cells', () => {
    const [, , r] = talk(bundled, '泽州县交通局2023年行政处罚多少件', '那行政强制呢', '两项加起来呢');
    expect(said(r!)).toEqual([[A, 2023, 'penalty.decisions', 195], [A, 2023, 'coercion.decisions', 7]]);
    expect(r!.text).toContain('202');
  });

  it('上一年呢 means the year before the conversation’s: answered when the report exists, refused when not', () => {
    const [, there] = talk(several, `${A}2023年行政处罚多少`, '上一年呢');
    expect(said(there!)).toEqual([[A, 2022, 'penalty.decisions', 150]]);
    const [, missing] = talk(bundled, '泽州县交通局2023年行政处罚多少件', '上一年呢');
    expect(missing!.refused).toBe(true);
    expect(missing!.facts.map((f) => f.value)).not.toContain(195);
  });

  it('其中对个人的呢 after a single-number row is refused, not answered with the whole', () => {
    const [, r] = talk(bundled, '泽州县交通局2023年行政处罚多少件', '其中对个人的呢');
    expect(r!.refused).toBe(true);
    expect(r!.text).toContain('195'); // what the report does hold, said as such
  });

  it('这个数出自报告哪里 after a breakdown answer names the prose section it was read from', () => {
    const [, , r] = talk(bundled, '主动公开了多少条', '政策解读占多少', '这个数出自报告哪里');
    expect(r!.intent).toBe('source');
    expect(r!.text).toContain('总体情况');
  });

  it('第四条呢 after the improvements list is its fourth item', () => {
    const [list, r] = talk(bundled, '整改措施有哪些', '第四条呢');
    expect(list!.kind).toBe('list');
    expect(r!.intent).toBe('problems');
    expect(r!.text).toContain('4. 强化队伍建设');
    expect(r!.text).not.toContain('完善工作机制');
  });

  it('第三条呢 after the problems list is the third problem', () => {
    const [, r] = talk(bundled, '存在哪些问题', '第三条呢');
    expect(r!.text).toContain('3. 公开内容不够全面');
  });

  it('这个数出自哪里 after a number cites that number’s cell', () => {
    const [, r] = talk(bundled, '行政处罚多少件', '这个数出自报告的哪一部分');
    expect(r!.refused).toBe(false);
    expect(r!.source).toContain('表二 第二十条第（六）项 行政处罚');
    expect(r!.text).toContain('二、主动公开政府信息情况');
  });

  it('sessions do not share frames', () => {
    bundled.handle('行政处罚多少件', 'left');
    bundled.handle('整改措施有哪些', 'right');
    expect(said(bundled.handle('那行政强制呢', 'left'))).toEqual([[A, 2023, 'coercion.decisions', 7]]);
  });
});

describe('junk after a question', () => {
  it('short junk is not a follow-up: it is not understood, said so with examples, and refused', () => {
    for (const junk of ['qqq', '%s%s%n', '？？？', 'asdkjh qwe']) {
      const session = `junk-${junk}`;
      expect(bundled.handle('行政处罚多少件', session).facts[0]).toMatchObject({ value: 195 });
      const r = bundled.handle(junk, session);
      expect(r.refused, junk).toBe(true);
      expect(r.intent, junk).toBe('notUnderstood');
      expect(r.suggestions.length, junk).toBeGreaterThan(0);
      // the conversation goes on where it was
      expect(bundled.handle('那行政强制呢', session).facts[0], junk).toMatchObject({ metric: 'coercion.decisions', value: 7 });
    }
  });
});

describe('off-topic in the middle of a conversation', () => {
  it('is refused, not answered as a follow-up, and the conversation goes on after it', () => {
    const [, weather, next] = talk(bundled, '泽州县交通局2023年行政处罚多少件', '今天天气怎么样', '那行政强制呢');
    expect(weather!.refused).toBe(true);
    expect(weather!.facts).toEqual([]);
    expect(said(next!)).toEqual([['泽州县交通运输局', 2023, 'coercion.decisions', 7]]);
  });
});
