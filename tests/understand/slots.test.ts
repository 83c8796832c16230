/**
 * Stages 2–3, tokenize and read slots: the words people use — colloquial verbs, homophones, one wrong character,
 * English — become catalog concepts, cues and unheld attributes; agencies resolve or are named as unknown.
 */
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { METRIC_IDS, asMetricId, type MetricId } from '../../src/catalog/metrics.js';
import { Dataset, BUNDLED_DATA } from '../../src/store/dataset.js';
import type { AgencyDirectory } from '../../src/understand/agency-directory.js';
import { normalizeQuestion } from '../../src/understand/normalize.js';
import { readSlots, type Slots } from '../../src/understand/slots/index.js';
import { tagged, tokenize } from '../../src/understand/tokenize.js';

// one dataset per file: jieba's user dictionary is process-wide, so a second dataset's agency names would change
// how this one's questions are cut (agencies.test.ts reads the multi-agency dataset)
let bundled: AgencyDirectory;
beforeAll(() => { bundled = new Bot(Dataset.open(BUNDLED_DATA), { warmUp: false }).directory; });

const slots = (q: string, directory = bundled): Slots => readSlots(normalizeQuestion(q, new Date('2024-05-01')), directory);
const rowIds = (q: string) => slots(q).rows.map((h) => h.value.id);

describe('tokenize', () => {
  it('keeps catalog words whole, with their offsets in the question', () => {
    const tokens = tokenize('行政处罚和复议后起诉多少');
    expect(tokens.map((t) => t.text)).toEqual(expect.arrayContaining(['行政处罚', '复议后起诉']));
    for (const t of tokens) expect('行政处罚和复议后起诉多少'.slice(t.start, t.end)).toBe(t.text);
  });

  it('keeps agency names whole once a dataset names them', () => {
    expect(tokenize('泽州县交通运输局行政许可').map((t) => t.text)).toContain('泽州县交通运输局');
  });

  it('tags parts of speech for the every-word check', () => {
    expect(tagged('行政处罚里针对出租车的').find((t) => t.text === '出租车')?.tag).toMatch(/^n/);
  });
});

describe('rows from the words people use', () => {
  it.each([
    ['罚了几件', 'penalty.decisions'],
    ['强制了几回', 'coercion.decisions'],
    ['批了多少许可', 'licensing.decisions'],
    ['收了多少费', 'fees.amountWan'],
    ['吃了几场官司', 'litigation'],
    ['被告了几次', 'litigation'],
    ['多少人来要信息', 'applications.newReceived'],
    ['How many administrative penalties?', 'penalty.decisions'],
  ])('%s → %s', (q, id) => {
    expect(rowIds(q)).toEqual([id]);
  });

  it('reads homophones and one wrong character, and says the match is not exact', () => {
    const heard = slots('处伐多少').rows[0]!;
    expect(heard).toMatchObject({ value: { id: 'penalty.decisions' }, said: '处伐', word: '处罚' });
    expect(heard.quality).toBeLessThan(1);
    expect(slots('行政许何决定').rows[0]).toMatchObject({ value: { id: 'licensing.decisions' }, said: '行政许何' });
    expect(rowIds('不与处理的申请')).toEqual(['applications.notProcessed']);
    expect(slots('行政处罚').rows[0]!.quality).toBe(1);
  });

  it('reads several rows in the order asked, and the cue that joins them', () => {
    const s = slots('处罚和强制分别几件');
    expect(s.rows.map((h) => h.value.id)).toEqual(['penalty.decisions', 'coercion.decisions']);
    expect(s.cues.has('respectively')).toBe(true);
    expect(slots('行政处罚和行政强制加起来多少').cues.has('sum')).toBe(true);
  });

  it('reads applicant and outcome columns beside their row', () => {
    const s = slots('企业申请了几件');
    expect(s.columns.map((h) => h.value.id)).toEqual(['commercial']);
    expect(s.rows.map((h) => h.value.id)).toEqual(['applications.newReceived']);
    expect(slots('法人或其他组织申请多少').columns[0]!.value.columns).toHaveLength(5);
    expect(slots('复议结果纠正几件').columns.map((h) => h.value.id)).toEqual(['corrected']);
  });

  it('reads topics that are not cells', () => {
    expect([...slots('一共公开了多少条信息').topics]).toEqual(['proactive']);
    expect([...slots('主动公开各类占比').cues]).toEqual(expect.arrayContaining(['category', 'share']));
  });
});

describe('cues, numbers and years', () => {
  it('reads comparison, ranking, contact and form cues', () => {
    expect(slots('行政处罚比2022年多还是少').cues.has('compare')).toBe(true);
    expect(slots('交通局的电话是多少').cues.has('phone')).toBe(true);
    expect(slots('第二十条第（六）项包括哪些')).toMatchObject({ itemN: 6 });
    expect(slots('第二十条第（六）项包括哪些').cues.has('form')).toBe(true);
    expect(slots('行政处罚排名前五').topN).toBe(5);
  });

  it('reads the numbers a question quotes, for checks', () => {
    expect(slots('22条占55%算得对吗')).toMatchObject({ quotedCounts: [22], quotedPercents: [55] });
    expect(slots('22条占55%算得对吗').cues.has('audit')).toBe(true);
    expect(slots('第四条呢').ordinal).toBe(4);
  });

  it('reads several years', () => {
    expect(slots('2021年和2022年各多少')).toMatchObject({ years: [2021, 2022] });
  });
});

describe('attributes the form never holds', () => {
  it.each([
    ['行政处罚金额是多少', 'amount'],
    ['局长是谁', 'names'],
    ['文件名称是什么', 'names'],
    ['案由是什么', 'reasons'],
    ['行政处罚的编制人数', 'staff'],
    ['传真号码', 'contactChannel'],
  ])('%s → %s', (q, id) => {
    expect(slots(q).unheld.map((a) => a.id)).toContain(id);
  });

  it('money asked of the fees cell is the cell itself, marked so the fees stay answerable', () => {
    const s = slots('收费多少钱');
    expect(s.rows.map((h) => h.value.id)).toEqual(['fees.amountWan']);
    expect(s.unheld.every((a) => a.countsOnly)).toBe(true);
  });
});

describe('agencies', () => {
  it('resolves a shortened agency name and the year', () => {
    expect(slots('泽州县交通局2023年行政处罚多少件')).toMatchObject({ years: [2023], agencies: { named: true, unknown: null } });
    expect(slots('泽州县交通局2023年行政处罚多少件').agencies.matches.map((e) => e.agency)).toEqual(['泽州县交通运输局']);
  });

  it('names a department the dataset lacks as unknown, never as the agency it holds', () => {
    expect(slots('泽州县公安局2023年行政处罚多少').agencies).toMatchObject({ unknown: '泽州县公安局', named: true });
    expect(slots('晋城市公安局的处罚').agencies.unknown).toBe('晋城市公安局');
  });
});

describe('metric ids are types', () => {
  it('derives MetricId from the catalog: a misspelt id does not compile and is not an id', () => {
    expectTypeOf<'penalty.decisions'>().toExtend<MetricId>();
    expectTypeOf<'applications.newReceived.naturalPerson'>().toExtend<MetricId>();
    // @ts-expect-error a misspelt cell id is not a MetricId
    expectTypeOf<'penalty.decision'>().toExtend<MetricId>();
    expect(asMetricId('penalty.decision')).toBeNull();
    expect(METRIC_IDS.every((id) => asMetricId(id) === id)).toBe(true);
  });
});
