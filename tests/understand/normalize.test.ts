/** Stage 1, normalize: however a question is typed, the stages after it read one alphabet. */
import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { MAX_QUESTION_LENGTH, chineseNumeralsToDigits, normalizeQuestion, toSimplified } from '../../src/understand/normalize.js';

const today = new Date('2024-05-01T00:00:00Z');
const n = (q: string) => normalizeQuestion(q, today);

describe('normalizeQuestion', () => {
  it('reads traditional characters and Taiwan wording as simplified', () => {
    expect(n('行政處罰決定多少件？').text).toBe('行政处罚决定多少件?');
    expect(n('資訊公開申請').text).toBe('信息公开申请');
    expect(n('行政機構的網路').text).toBe('行政机关的网络');
  });

  it('skips the conversion only for text it would leave unchanged', () => {
    // toSimplified passes text with no character that starts a conversion table's word straight through: every
    // CJK character (and compatibility ideograph) alone and after another must still convert exactly as the converter does
    const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const wording: Array<[RegExp, string]> = [[/资讯/g, '信息'], [/网路/g, '网络'], [/软体/g, '软件'], [/行政机构/g, '行政机关']];
    const full = (s: string) => wording.reduce((t, [re, to]) => t.replace(re, to), convert(s));
    const differ: string[] = [];
    const ranges: Array<[number, number]> = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x2f800, 0x2fa1f]];
    let changed = 0;
    for (const [from, to] of ranges) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCodePoint(c);
        if (full(ch) !== ch) changed++;
        for (const s of [ch, `的${ch}`]) if (toSimplified(s) !== full(s)) differ.push(s);
      }
    }
    expect(differ).toEqual([]);
    expect(changed).toBeGreaterThan(2000); // the check above compared real conversions, not only pass-throughs
    expect(toSimplified('乾隆年間的軟體與資訊')).toBe(full('乾隆年間的軟體與資訊'));
  });

  it('turns full-width letters, digits and punctuation into half-width', () => {
    expect(n('２０２３年行政处罚（ＡＢＣ）').text).toBe('2023年行政处罚(ABC)');
    expect(n('２０２３年').years).toEqual([2023]);
  });

  it('turns Chinese numerals that are quantities or years into digits', () => {
    expect(n('二〇二三年行政处罚').text).toBe('2023年行政处罚');
    expect(n('二〇二三年行政处罚').years).toEqual([2023]);
    expect(n('一百九十五件').text).toBe('195件');
    expect(n('百分之五十五').text).toBe('55%');
    expect(n('第四条呢').text).toBe('第4条呢');
    expect(chineseNumeralsToDigits('两千零五件')).toBe('2005件');
  });

  it('leaves numeral characters inside words alone', () => {
    expect(n('一共多少').text).toBe('一共多少');
    expect(n('上一年多还是少').text).toBe('上一年多还是少');
    expect(chineseNumeralsToDigits('危及“三安全一稳定”')).toBe('危及“三安全一稳定”');
  });

  it('writes relative years as the year they mean, counted from today', () => {
    expect(n('去年的行政处罚')).toMatchObject({ text: '2023年的行政处罚', years: [2023], relativeYear: true, relativeOffset: -1 });
    expect(n('前年呢')).toMatchObject({ years: [2022], relativeOffset: -2 });
    expect(n('今年收到多少申请')).toMatchObject({ years: [2024], relativeOffset: 0 });
    expect(n('2023年行政处罚').relativeYear).toBeUndefined();
  });

  it('reads two-digit years and spans of years', () => {
    expect(n('23年泽州交通局').years).toEqual([2023]);
    expect(n('2021年到2023年收到的申请')).toMatchObject({ years: [2021, 2023], yearRange: [2021, 2023] });
    expect(n('2021-2023年').yearRange).toEqual([2021, 2023]);
    // two years side by side are not a span
    expect(n('2021年和2023年').yearRange).toBeUndefined();
  });

  it('drops spaces typed between Chinese characters', () => {
    expect(n('行 政 处 罚 多 少 件').text).toBe('行政处罚多少件');
    expect(n('2023 年 行政处罚').text).toBe('2023年行政处罚');
  });

  it('strips markup, emoji, prompt tokens and control characters', () => {
    expect(n('<b>行政处罚</b>😀多少件👍').text).toBe('行政处罚多少件');
    expect(n('[INST]行政处罚[/INST]').text).toBe('行政处罚');
    expect(n('行政\u200b处罚\u0007多少').text).toBe('行政处罚多少');
  });

  it('tells English questions apart and caps very long ones', () => {
    expect(n('How many administrative penalties in 2023?').english).toBe(true);
    expect(n('2023年行政处罚 how many').english).toBe(false);
    const long = n('问'.repeat(10_000));
    expect(long.text.length).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
    expect(long.truncated).toBe(true);
  });
});
