import { describe, expect, it } from 'vitest';
import { normalizeQuestion, chineseNumeralsToDigits } from '../src/understand/normalize.js';
import { addWords, tokenize } from '../src/understand/tokenize.js';
import { readSlots } from '../src/understand/slots/index.js';
import { Bot } from '../src/bot/bot.js';
import { MemorySessionStore } from '../src/bot/session.js';
import { loadDataset, BUNDLED_DATA } from '../src/store/dataset.js';
import { parseReport } from '../src/ingest/parse.js';
import { buildReport, consistentTables } from './helpers/reports.js';

const seedReports = loadDataset(BUNDLED_DATA);
const today = () => new Date('2026-11-26T00:00:00Z');
const bot = () => new Bot(seedReports, { today });

describe('normalization', () => {
  it('converts numerals, traditional characters, full-width and relative years', () => {
    expect(chineseNumeralsToDigits('一百九十五件')).toBe('195件');
    expect(chineseNumeralsToDigits('二〇二三年')).toBe('2023年');
    expect(chineseNumeralsToDigits('两千零五件')).toBe('2005件');
    expect(chineseNumeralsToDigits('百分之十五')).toBe('15%');
    expect(chineseNumeralsToDigits('危及“三安全一稳定”')).toBe('危及“三安全一稳定”');
    expect(normalizeQuestion('行政處罰下來作出了多少件決定？').text).toBe('行政处罚下来作出了多少件决定?');
    expect(normalizeQuestion('資訊公開').text).toBe('信息公开');
    expect(normalizeQuestion('规范性文件').text).toBe('规范性文件');
    expect(normalizeQuestion('２０２３年').years).toEqual([2023]);
    expect(normalizeQuestion('23年泽州').years).toEqual([2023]);
    expect(normalizeQuestion('去年的处罚', new Date('2024-05-01')).years).toEqual([2023]);
  });
  it('strips markup, emoji and control characters and caps the length', () => {
    expect(normalizeQuestion('<b>📊主动公开</b>\u0007多少条～～').text).toBe('主动公开多少条');
    const long = normalizeQuestion('问'.repeat(50_000));
    expect(long.text.length).toBeLessThanOrEqual(500);
    expect(long.truncated).toBe(true);
    expect(normalizeQuestion('How many administrative penalties in 2023?').english).toBe(true);
  });
});

describe('tokenizing and matching', () => {
  it('keeps catalog words whole and pulls digits out', () => {
    const words = tokenize('2023年行政处罚和复议后起诉多少').map((t) => t.text);
    expect(words).toContain('行政处罚');
    expect(words).toContain('复议后起诉');
    expect(words.join('')).toBe('2023年行政处罚和复议后起诉多少');
  });
  it('keeps an added name whole in every text cut after it was added, wherever it stands', () => {
    const name = '榆钱岭镇水务站';
    expect(tokenize(`${name}有几个`).map((t) => t.text)).not.toContain(name);
    addWords([name]);
    tokenize('上个月收到多少申请'); // a text without it first: the name still waits
    expect(tokenize(`2024年${name}的申请`).map((t) => t.text)).toContain(name);
    expect(tokenize(`${name}有几个呢`).map((t) => t.text)).toContain(name);
  });
  it('matches exact aliases, homophone typos and English', () => {
    const directory = bot().directory;
    const ids = (q: string) => { const s = readSlots(normalizeQuestion(q), directory); return [...s.rows, ...s.columns].map((h) => h.value.id); };
    expect(ids('行政处罚多少件')).toContain('penalty.decisions');
    expect(ids('一共处伐了多少')).toContain('penalty.decisions');
    expect(ids('行政强值决定')).toContain('coercion.decisions');
    expect(ids('不与处理的申请')).toContain('applications.notProcessed');
    expect(ids('How many administrative penalties?')).toContain('penalty.decisions');
    expect(ids('复议后起诉 纠正')).toEqual(expect.arrayContaining(['litigation.afterReview', 'corrected']));
  });
});

describe('answers', () => {
  it('counts the days between the period’s end and the signing from the two dates the report prints', () => {
    const r = bot().handle('落款日期离统计期截止隔了多少天');
    expect(r.refused).toBe(false);
    const facts = Object.fromEntries(r.facts.map((f) => [f.metric, f.value]));
    const days = Math.round((Date.parse(String(facts.publishDate)) - Date.parse(String(facts.periodEnd))) / 86_400_000);
    expect(r.text).toContain(`${days} 天`);
  });

  it('a share whose whole is two rows joined (处罚加强制总数里强制占) divides by their sum', () => {
    const r = bot().handle('行政强制在处罚加强制总数里占百分之几');
    const value = (m: string) => r.facts.find((f) => f.metric === m)!.value as number;
    const share = ((100 * value('coercion.decisions')) / (value('penalty.decisions') + value('coercion.decisions'))).toFixed(2);
    expect(r.text).toContain(`${share}%`);
  });

  it('gives the number, unit, agency, year and source', () => {
    const r = bot().handle('泽州县交通局2023年行政处罚多少件');
    expect(r.refused).toBe(false);
    expect(r.text).toContain('195 件');
    expect(r.text).toContain('泽州县交通运输局');
    expect(r.text).toContain('表二 第二十条第（六）项');
    expect(r.facts[0]).toMatchObject({ metric: 'penalty.decisions', value: 195, unit: '件', year: 2023 });
  });
  it('answers each intent from the dataset', () => {
    const b = bot();
    expect(b.handle('收到多少政府信息公开申请').facts[0]).toMatchObject({ metric: 'applications.newReceived.total', value: 0 });
    expect(b.handle('怎么联系他们').text).toMatch(/政策法规科[\s\S]*0356-3915675[\s\S]*新市西街455号/);
    expect(b.handle('主动公开了多少条，各类占比').text).toMatch(/40[\s\S]*政策解读[\s\S]*55%/);
    expect(b.handle('存在哪些问题').intent).toBe('problems');
    expect(b.handle('整改措施第二条').text).toContain('规范工作流程');
    expect(b.handle('这份报告的数据有问题吗').intent).toBe('audit');
    expect(b.handle('报告落款日期').text).toContain('2024年1月24日');
    expect(b.handle('信息处理费收了吗').text).toContain('未收取');
    expect(b.handle('不予公开的申请有几件').text).toMatch(/合计：0 件/);
    expect(b.handle('help').intent).toBe('help');
  });
  it('answers English questions in English', () => {
    const r = bot().handle('How many administrative penalties in 2023?');
    expect(r.text).toMatch(/administrative penalty decisions: 195\n/);
    expect(r.language).toBe('en');
  });
  it('refuses what the dataset does not hold, saying what is available', () => {
    const b = bot();
    for (const q of ['2025年行政处罚多少件', '高平交通局2023年许可几件', '交通局2023年修了多少公里农村公路', '帮我写一张请假条']) {
      const r = b.handle(q);
      expect([q, r.refused]).toEqual([q, true]);
      expect(r.text).not.toMatch(/\b195\b/);
    }
    expect(b.handle('2025年行政处罚多少件').text).toContain('现有：泽州县交通运输局 2023');
  });
  it('never crashes on bad input', () => {
    const b = bot();
    for (const q of ['', '   ', '😡😡😡', '<script>alert(1)</script>', '\u0000\u0001', 'x'.repeat(50_000), '？？？']) {
      const r = b.handle(q);
      expect(typeof r.text).toBe('string');
      expect(r.text.length).toBeGreaterThan(0);
    }
  });
  it('offers suggestions when unsure', () => {
    const r = bot().handle('嗯嗯那个那个');
    expect(r.refused).toBe(true);
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.suggestions.length).toBeLessThanOrEqual(3);
  });
});

describe('conversation', () => {
  it('keeps agency, year and metric context for follow-ups', () => {
    const b = bot();
    expect(b.handle('泽州县交通局2023年行政处罚多少件', 's').text).toContain('195');
    expect(b.handle('那行政强制呢', 's').text).toContain('7 件');
    expect(b.handle('收到多少政府信息公开申请', 's').facts[0]!.value).toBe(0);
    expect(b.handle('自然人申请的呢', 's').facts[0]!.metric).toBe('applications.newReceived.naturalPerson');
    expect(b.handle('2022年呢', 's').refused).toBe(true);
    expect(b.handle('这个数出现在报告的哪一部分', 's').text).toContain('三、收到和处理政府信息公开申请情况');
  });
  it('sessions are separate, bounded and expire', () => {
    let now = 0;
    const store = new MemorySessionStore(2, 1000, () => now);
    store.set('a', { agency: 'x' });
    store.set('b', { agency: 'y' });
    store.set('c', { agency: 'z' });
    expect(store.get('a')).toBeUndefined();
    expect(store.get('c')).toEqual({ agency: 'z' });
    now = 5000;
    expect(store.get('c')).toBeUndefined();
  });
});

describe('several reports', () => {
  const t = consistentTables(3);
  const gaoping = parseReport(buildReport('html', t, '高平市交通运输局', 2023), { sourceFile: 'g.html' });
  const gaoping22 = parseReport(buildReport('tsv', consistentTables(1), '高平市交通运输局', 2022), { sourceFile: 'g22.txt' });
  const b = new Bot([...seedReports, gaoping, gaoping22], { today });

  it('the agency and year slots pick the right report', () => {
    expect(b.handle('高平市交通运输局2023年行政许可多少件').facts[0]).toMatchObject({ agency: '高平市交通运输局', year: 2023, value: 360 });
    expect(b.handle('高平交通局2022年行政许可多少件').facts[0]).toMatchObject({ year: 2022, value: 120 });
    expect(b.handle('泽州县交通局2023年行政许可多少件').facts[0]).toMatchObject({ agency: '泽州县交通运输局', value: 0 });
  });
  it('uses the latest year when none is given, and says so', () => {
    const r = b.handle('高平市交通运输局行政许可多少件', 'latest');
    expect(r.facts[0]).toMatchObject({ year: 2023 });
    expect(r.text).toContain('按最新的 2023 年年报');
  });
  it('asks which agency when several fit', () => {
    const r = b.handle('交通局行政处罚多少件', 'fresh');
    expect(r.intent).toBe('clarify');
    expect(r.text).toContain('高平市交通运输局');
    expect(r.text).toContain('泽州县交通运输局');
  });
  it('compares years of one agency', () => {
    const r = b.handle('高平市交通运输局2023年行政许可比2022年多还是少');
    expect(r.text).toMatch(/360[\s\S]*120[\s\S]*\+240/);
  });
});
