/** Questions across reports, over a small fixed multi-agency dataset (tests/helpers/fleet.ts). */
import { describe, expect, it } from 'vitest';
import { Bot } from '../src/bot/bot.js';
import { agencyReport, fleet } from './helpers/fleet.js';

const bot = new Bot(fleet(), { today: () => new Date('2026-11-26') });
let n = 0;
const ask = (q: string, session = `s${++n}`) => bot.handle(q, session);

describe('comparing years and agencies', () => {
  it('compares two years of one agency: both numbers, the change and the percentage', () => {
    const r = ask('泽州县交通局2023年的行政处罚比2022年多还是少');
    expect(r.text).toMatch(/2023 年 195 件[\s\S]*2022 年 150 件[\s\S]*\+45（\+30\.0%）/);
    expect(r.facts.map((f) => [f.year, f.value])).toEqual([[2023, 195], [2022, 150]]);
  });

  it('tabulates a span of years and says which years have no report', () => {
    const r = ask('晋城市人民政府办公室2019到2024年收到的申请分别是多少');
    expect(r.intent).toBe('trend');
    expect(r.table?.rows.map((row) => row.slice(0, 2))).toEqual([['2019', '无年报'], ['2020', '40 件'], ['2021', '52 件'], ['2022', '无年报'], ['2023', '61 件'], ['2024', '58 件']]);
    expect(r.text).toContain('2019、2022 年没有年报');
    expect(r.text).toMatch(/使用的年报（4 份）/);
  });

  it('compares two agencies, and says when they are equal', () => {
    const r = ask('2023年泽州县交通运输局和高平市交通运输局谁的行政处罚多');
    expect(r.text).toMatch(/泽州县交通运输局：195 件[\s\S]*高平市交通运输局：321 件/);
    expect(r.text).toContain('高平市交通运输局最多，比泽州县交通运输局多 126 件（多 64.6%）');
    expect(r.facts).toHaveLength(2);
    expect(ask('2023年高平市交通运输局和高平市公安局的行政处罚哪个多').text).toContain('两者相同，都是 321 件');
  });

  it('compares agencies of different cities without calling either unknown', () => {
    const r = ask('泽州县交通运输局和长治市公安局谁的行政复议多');
    expect(r.refused).toBe(false);
    expect(r.text).toContain('长治市公安局最多');
  });
});

describe('rankings, filters and sums', () => {
  it('ranks within a region, shows ties at the top, counts the reports compared', () => {
    const r = ask('2023年晋城市哪个部门被申请行政复议最多');
    expect(r.intent).toBe('rank');
    expect(r.text).toContain('比较了 7 份年报，2 个单位并列');
    expect(r.text).toMatch(/1\. 高平市公安局：4 件（并列）\n1\. 泽州县公安局：4 件（并列）/);
    expect(r.text).not.toContain('长治市'); // another city
  });

  it('top five: tied agencies share a rank, a blank cell is listed as not counted, the default year is said', () => {
    const r = ask('晋城市各部门行政处罚排名前五');
    expect(r.text).toContain('未指定年份，按年报最多的 2023 年');
    expect(r.text).toMatch(/1\. 晋城市公安局：900 件\n2\. 泽州县公安局：500 件\n3\. 高平市公安局：321 件（并列）\n3\. 高平市交通运输局：321 件（并列）\n5\. 泽州县交通运输局：195 件/);
    expect(r.text).toMatch(/未计入.*阳城县交通运输局/);
  });

  it('a province includes every city in it', () => {
    const r = ask('山西省各部门2023年行政处罚排名');
    expect(r.text).toContain('长治市公安局：50 件');
    expect(r.text).toContain('比较了 7 份年报');
  });

  it('the least, too', () => {
    expect(ask('晋城市各部门2023年行政处罚最少的是哪个').text).toMatch(/最少的单位[\s\S]*1\. 晋城市人民政府办公室：0 件/);
  });

  it('lists the agencies with a zero', () => {
    const r = ask('哪些部门2023年没有收到申请');
    expect(r.intent).toBe('zeroes');
    expect(r.text).toContain('为 0 的单位有 3 个');
    expect(r.text).toContain('高平市公安局、晋城市公安局、泽州县交通运输局');
  });

  it('sums over a county and lists the reports used', () => {
    const r = ask('泽州县各部门2023年一共收到多少申请');
    expect(r.text).toContain('合计 10 件（2 份年报相加，平均每份 5 件）');
    expect(r.text).toMatch(/使用的年报（2 份）：泽州县公安局 2023、泽州县交通运输局 2023/);
  });

  it('a follow-up re-asks the ranking with the new metric or year', () => {
    ask('晋城市各部门行政处罚排名前五', 'rank-follow');
    expect(ask('那行政强制呢', 'rank-follow').text).toMatch(/行政强制决定数最多的前 5 名[\s\S]*1\. 泽州县交通运输局：7 件/);
    const y2022 = ask('那2022年呢', 'rank-follow');
    expect(y2022.text).toMatch(/^2022 年/);
    expect(y2022.text).toContain('没有 2022 年年报的单位 5 个');
  });
});

describe('what the dataset holds', () => {
  it('counts reports of a year', () => {
    expect(ask('有多少份2024年的年报').text).toContain('2024 年的年报共有 1 份');
    expect(ask('有多少份2023年的年报').text).toContain('2023 年的年报共有 8 份');
  });
  it('lists the years of an agency and the agencies', () => {
    expect(ask('泽州县交通局有哪些年份的年报').text).toBe('泽州县交通运输局有 2 份年报：2022、2023 年。');
    const all = ask('你有哪些部门的数据');
    expect(all.text).toContain('数据集共有 8 个单位的 13 份年报（2020–2024 年）');
    expect(all.text).toContain('晋城市人民政府办公室（2020、2021、2023、2024）');
  });
});

describe('audits across reports', () => {
  it('checks 结转 continuity between consecutive years', () => {
    const r = ask('各部门的结转衔接吗');
    expect(r.text).toContain('核对了全部单位 4 组相邻年度：1 组结转不衔接');
    expect(r.text).toContain('高平市交通运输局：2023 年“上年结转” 1 件 ≠ 2022 年“结转下年度继续办理” 2 件');
    expect(ask('泽州县交通局的结转前后一致吗').text).toContain('结转衔接一致');
  });
  it('lists the reports with consistency errors', () => {
    const r = ask('哪些报告有勾稽错误');
    expect(r.text).toContain('检查了 13 份年报，1 份有勾稽或一致性错误');
    expect(r.text).toMatch(/阳城县交通运输局 2023 年（T3\./);
  });
});

describe('agencies among many', () => {
  it('asks which agency when a department fits several, at most five', () => {
    const r = ask('公安局2023年行政处罚多少件');
    expect(r.intent).toBe('clarify');
    const listed = r.text.split('\n').filter((l) => /^\d\./.test(l));
    expect(listed.length).toBeGreaterThanOrEqual(4);
    expect(listed.length).toBeLessThanOrEqual(5);
  });
  it('fills a missing region suffix when it is unambiguous (高平公安局 → 高平市公安局)', () => {
    expect(ask('高平公安局行政处罚多少').facts[0]).toMatchObject({ agency: '高平市公安局', value: 321 });
  });
  it('takes the region from the conversation (公安局呢 after 高平市交通局)', () => {
    ask('高平市交通局2023年行政处罚多少', 'conv');
    expect(ask('公安局呢', 'conv').facts[0]).toMatchObject({ agency: '高平市公安局', metric: 'penalty.decisions' });
  });
  it('refuses a department the region does not have instead of answering for another one', () => {
    const r = ask('长治市交通局行政处罚多少');
    expect(r.refused).toBe(true);
    expect(r.text).toContain('长治市交通局');
  });
  it('does not read a department as a place (公安局 is not 公安县)', () => {
    expect(ask('公安局2023年行政处罚多少件').text).not.toContain('公安县');
  });
});

describe('more across reports', () => {
  it('lists agencies without a report for a year', () => {
    const r = ask('哪些部门没有2024年的年报');
    expect(r.text).toContain('有 7 个单位没有 2024 年的年报（共 8 个单位）');
    expect(r.text).toContain('泽州县交通运输局（现有 2022、2023）');
    expect(ask('晋城市哪些单位没有2023年的年报').text).toMatch(/7 个单位都有 2023 年的年报/);
  });
  it('averages and counts per year', () => {
    expect(ask('泽州县各部门2023年平均收到多少申请').text).toContain('平均每份 5 件（2 份年报，合计 10 件）');
    expect(ask('一共有多少份年报').text).toContain('共有 13 份年报（8 个单位）：2020 年 1 份，2021 年 1 份，2022 年 2 份，2023 年 8 份，2024 年 1 份');
  });
});

describe('phrasings', () => {
  it('"近几年的" asks for a trend, "有几份年报" for an agency counts its years, "有哪些年份" the whole dataset', () => {
    expect(ask('晋城市人民政府办公室近几年收到的申请').intent).toBe('trend');
    expect(ask('泽州县交通局有几份年报').text).toBe('泽州县交通运输局有 2 份年报：2022、2023 年。');
    expect(ask('数据库里有哪些年份').text).toContain('2023 年 8 份');
    expect(ask('你们有多少个部门的数据').text).toContain('共有 8 个单位');
  });

  it('an everyday word that sounds like a place is not that place (的行 ≈ 德兴)', () => {
    const b = new Bot([agencyReport('德兴市住房和城乡建设局'), agencyReport('晋城市城区住房和城乡建设局')]);
    const r = b.handle('晋城市城区住建局近几年的行政处罚', 'x');
    expect(r.intent).not.toBe('clarify');
    expect(r.text).toContain('晋城市城区住房和城乡建设局');
    expect(r.text).not.toContain('德兴');
    expect(b.handle('德兴住建局2023年行政处罚多少件', 'y').facts[0]).toMatchObject({ agency: '德兴市住房和城乡建设局' });
  });

  it('a department name is not heard as a place (公安局 is not 公安县, 安局 is not 安居区)', () => {
    const b = new Bot(['公安县统计局', '安居区财政局', '高平市公安局', '泽州县公安局'].map((a) => agencyReport(a)));
    const r = b.handle('公安局2023年行政处罚多少件', 'z');
    expect(r.intent).toBe('clarify');
    expect(r.text).toContain('高平市公安局');
    expect(r.text).not.toMatch(/公安县统计局|安居区财政局/);
    expect(b.handle('公安县统计局2023年行政处罚多少件', 'w').facts[0]).toMatchObject({ agency: '公安县统计局' });
  });

  it('a place name that traditional→simplified conversion would change (乾安县 ↛ 干安县) still matches, typed either way', () => {
    const b = new Bot(['乾安县统计局', '高平市统计局'].map((a) => agencyReport(a)));
    for (const q of ['乾安县统计局2023年行政处罚多少件', '乾安縣統計局2023年行政處罰多少件']) expect(b.handle(q, q).facts[0]).toMatchObject({ agency: '乾安县统计局' });
  });
});

describe('in English', () => {
  it('ranks, filters, sums and counts with English wording', () => {
    const top = ask('Top 3 agencies by administrative penalties in 2023');
    expect(top.language).toBe('en');
    expect(top.text).toMatch(/^2023, all agencies: top 3 with the most administrative penalty decisions \(7 reports compared\):\n1\. 晋城市公安局: 900\n2\. 泽州县公安局: 500\n3\. 高平市公安局: 321 \(tied\)/);
    expect(ask('Which agencies received no requests in 2023?').text).toContain('3 agencies with new applications received = 0');
    expect(ask('How many requests did all agencies receive in 2023 in total?').text).toContain('total 83');
    expect(ask('How many reports do you have?').text).toBe('The dataset: 13 reports of 8 agencies — 2020: 1, 2021: 1, 2022: 2, 2023: 8, 2024: 1.');
  });
});

describe('agencies named in English', () => {
  it('resolves "Zezhou County Transport Bureau", "Gaoping Public Security Bureau" and places such as Jincheng', () => {
    const s = 'english-names';
    expect(ask('How many administrative penalties did the Zezhou County Transport Bureau make in 2023?', s).facts[0]).toMatchObject({ agency: '泽州县交通运输局', value: 195 });
    expect(ask('And what about Gaoping Public Security Bureau?', s).facts[0]).toMatchObject({ agency: '高平市公安局', value: 321 });
    const rank = ask('Which agency in Jincheng had the most penalties in 2023?');
    expect(rank.text).toMatch(/agencies of 晋城市[\s\S]*1\. 晋城市公安局: 900/);
    const cmp = ask('Compare penalties of Zezhou Transport Bureau and Gaoping Transport Bureau in 2023');
    expect(cmp.text).toContain('高平市交通运输局 has the most: 126 more than 泽州县交通运输局 (+64.6%)');
  });
});
