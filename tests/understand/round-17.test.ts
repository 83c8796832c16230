/**
 * What rounds 17 to 19 of unseen questions taught, over two reports the project had never seen (written for the round by
 * helpers from the national format: a street office's 2021 report as PDF text with every cell on its own line, a
 * city bureau's 2025 report as a WeChat article exported to markdown, a county government office's 2022 report as a saved portal page) and the real published ones: township offices
 * named by their place, blank cells on their own lines, article-style headings, channels counted instead of
 * categories, agencies each in their own year, and the asker's own words about themselves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/bot.js';
import type { Report } from '../../src/model/schema.js';
import { PUBLISHED, SEED, botOver, conversations, fixtureReport, parseReports } from '../helpers/rounds.js';

const NEW = [SEED, ...['new-wanglan-2021.txt', 'new-jichuan-2025.md', 'new-zhechuan-2022.html', 'new-chenglan-2024.txt'].map(fixtureReport)];

let reports: Report[];
let fresh: Bot;
let published: Bot;
beforeAll(() => {
  reports = parseReports(NEW);
  fresh = botOver(reports);
  published = botOver(parseReports(PUBLISHED));
});
/** A conversation: each question in turn, one session; the last reply. */
const talk = conversations('r17');
const valueOf = (r: Report, id: string) => r.cells[id]?.value;

describe('ingest of two reports never seen', () => {
  it('reads a cell left blank on its own line as blank, never as the next row\'s number', () => {
    const wanglan = reports[1]!;
    expect(valueOf(wanglan, 'coercion.decisions')).toBeNull();
    expect(valueOf(wanglan, 'fees.amountWan')).toBe(0);
    expect([valueOf(wanglan, 'regulations.rules.issued'), valueOf(wanglan, 'regulations.rules.repealed'), valueOf(wanglan, 'regulations.rules.inForce')]).toEqual([0, null, null]);
  });

  it('reads 六 to its end (the contact after the fees paragraph), and problems and plans said as 将重点做好以下工作', () => {
    const wanglan = reports[1]!;
    expect(wanglan.contact.phone?.value).toBe('0758-6213946');
    expect(wanglan.contact.email?.value).toBe('wljdzwgk@163.com');
    expect(wanglan.problems).toHaveLength(3);
    expect(wanglan.improvements).toHaveLength(4);
  });

  it('reads an article\'s numbered headings (01 | 总体情况) as the format\'s sections, and its signature date', () => {
    const jichuan = reports[2]!;
    expect(jichuan.sections.map((s) => s.key)).toEqual(expect.arrayContaining(['overview', 'problems', 'other']));
    expect(jichuan.publishDate).toBe('2026-01-20');
    expect(jichuan.problems.at(-1)).not.toMatch(/📌/u);
  });

  it('reads 1,260元 as 1260, and 主动公开 counted by channel as the breakdown', () => {
    const jichuan = reports[2]!;
    expect(jichuan.processingFees?.yuan).toBe(1260);
    expect(jichuan.proactive.items.map((i) => i.count)).toEqual([1284, 2156, 3047]);
    expect(jichuan.proactive.items.every((i) => !/^通过|@/.test(i.category))).toBe(true);
  });
});

describe('township offices named by their place', () => {
  it('望澜街道, 望澜街道办 and the traditional form all name 江岑市桐岭区望澜街道办事处', () => {
    for (const q of ['望澜街道办2021年作出行政许可决定几件', '望澜街道2021年新收政府信息公开申请多少件', '望瀾街道二〇二一年行政處罰幾件']) {
      expect(talk(fresh, q).facts[0]?.agency, q).toBe('江岑市桐岭区望澜街道办事处');
    }
  });

  it('a cell printed blank is told as blank, never as 0', () => {
    const r = talk(fresh, '望澜街道2021年行政强制决定有几件');
    expect(r.text).toContain('未填写');
    expect(r.facts[0]?.value).toBeNull();
  });

  it('生态局 is the 生态环境局', () => {
    expect(talk(fresh, '霁川生态局2025年行政许可多少件').facts[0]).toMatchObject({ agency: '霁川市生态环境局', value: 1126 });
  });
});

describe('channels counted instead of categories', () => {
  it('a channel is asked like a category, its share computed from the total', () => {
    expect(talk(fresh, '霁川生态环境局2025年主动公开多少条', '微信公众号发了多少条').text).toContain('2156');
    expect(talk(fresh, '霁川生态环境局2025年主动公开多少条', '微博发的占全部主动公开的百分之几').text).toMatch(/46\.97/);
  });

  it('a category the report does not list is refused, not answered with the total', () => {
    const r = talk(fresh, '霁川市生态环境局2025年主动公开的信息中，法律法规类有多少条？');
    expect(r.refused).toBe(true);
    expect(r.text).not.toContain('6487');
  });
});

describe('agencies compared, each in its own year', () => {
  it('years written beside each agency stay with it, in follow-ups too', () => {
    const s = ['望澜街道2021年和泽州县交通运输局2023年比，谁作出的行政处罚决定多？'];
    expect(talk(fresh, ...s).text).toMatch(/多 77 件/);
    expect(talk(fresh, ...s, '两家加起来呢').text).toContain('313');
  });

  it('one-report answers for two agencies add up or tell apart their totals', () => {
    expect(talk(fresh, '泽州县交通运输局和望澜街道各自主动公开的信息条数加起来是多少').text).toContain('226');
    expect(talk(fresh, '请比较霁川市生态环境局2025年与泽州县交通运输局2023年主动公开政府信息的数量').text).toMatch(/多 6447 条/);
  });

  it('两家加起来 after one agency then another adds the two answers just given, each in its own year', () => {
    expect(talk(published, '沭阳发改局一共收到多少件信息公开申请啊', '换成上海科委呢', '两家加起来').text).toContain('60');
  });

  it('合计…其中X所占比例 is X\'s share of the sum', () => {
    const r = talk(published, '泽州县交通运输局与平潭综合实验区2023年的行政处罚决定合计多少件？其中平潭综合实验区所占比例为多少？');
    expect(r.text).toContain('1525');
    expect(r.text).toMatch(/87\.21%/);
  });
});

describe('reading the question', () => {
  it('a reason said before its group asks that reason alone', () => {
    const r = talk(fresh, '霁川市生态环境局2025年因“本机关不掌握相关政府信息”而无法提供的申请有多少件？');
    expect(r.facts.map((f) => f.value)).toEqual([43]);
  });

  it('这两项 after two follow-ups is both rows', () => {
    expect(talk(fresh, '望澜街道2021年依申请公开中，予以公开的有多少件', '部分公开呢', '这两项加起来占办理结果总计的百分之多少').text).toMatch(/11 ÷ 22/);
  });

  it('an applicant type in the asker\'s words about themselves is not a column asked', () => {
    const r = talk(fresh, '您好，我是霁川本地一家化工企业的法务，公司准备就一个建设项目的环评审批材料向霁川市生态环境局申请政府信息公开。麻烦告诉我2025年他们办结的申请里，部分公开的有多少件？谢谢！');
    expect(r.facts[0]).toMatchObject({ metric: 'applications.partiallyGranted.total', value: 23 });
  });

  it('the processing fee asked after a fee cell is the fee, not the applications', () => {
    expect(talk(fresh, '霁川生态局2025年行政事业性收费金额是多少万元', '那向申请人收的信息处理费是多少').text).toContain('1260');
  });

  it('an English singular names a row its plural alias names (petition, complaint)', () => {
    const r = talk(fresh, 'How many requests did the Jichuan Ecology and Environment Bureau refuse to handle in 2025 because they were petition, report or complaint-type requests?');
    expect(r.facts[0]).toMatchObject({ metric: 'applications.notProcessed.complaints.total', value: 6 });
  });

  it('a change between two years is later against earlier, however they were written', () => {
    expect(talk(published, '平潭综合实验区新收政府信息公开申请 2019年→2023年 增长率是多少？').text).toMatch(/\+58（\+252\.2%）/);
  });

  it('这几份年报 sums every report of every year', () => {
    expect(talk(published, '数据里这几份年报的行政复议案件加起来一共多少件').text).toMatch(/全部 6 份年报.*合计 5 件/);
  });
});

describe('round 18', () => {
  it('a saved portal page with numbers split across tags and the date only in its metadata reads whole', () => {
    const zhechuan = reports[3]!;
    expect(zhechuan.agency).toBe('柘川县人民政府办公室');
    expect(zhechuan.publishDate).toBe('2023-01-16');
    expect(valueOf(zhechuan, 'regulations.normativeDocs.inForce')).toBe(152);
  });

  it('上一年 after the conversation\'s report is the year before it, even with its topic named', () => {
    const r = talk(fresh, '交通局主动往外公开了多少条信息啊', '上一年主动公开了多少条');
    expect(r.refused).toBe(true);
    expect(r.text).toContain('2022');
  });

  it('a row followed by another row of its table is where that one stands; a reason followed by its group is asked', () => {
    const r = talk(fresh, '柘川县人民政府办公室2022年的年报里，依申请公开“办理结果总计”一共是多少件？');
    expect(r.facts.map((f) => f.metric)).toEqual(['applications.resultsTotal.total']);
    expect(talk(fresh, '泽州县交通运输局2023年因“属于行政执法案卷”不予公开的申请有几件？').facts.map((f) => f.metric)).toEqual(['applications.withheld.enforcementFiles.total']);
  });

  it('a cell word strictly inside one longer word is not said (法人 in 执法人员)', () => {
    const r = talk(fresh, '交通局执法人员一共多少人');
    expect(r.refused).toBe(true);
    expect(r.facts).toEqual([]);
  });

  it('行政复议 asked in a clause of its own beside 复议后起诉 is the review block', () => {
    const r = talk(fresh, '柘川县政府办行政复议结果维持的有几件？复议后又起诉的结果维持几件？');
    expect(r.facts.map((f) => f.metric)).toEqual(expect.arrayContaining(['review.upheld', 'litigation.afterReview.upheld']));
  });

  it('都是哪类申请人 lists the row\'s applicant columns', () => {
    const r = talk(fresh, '柘川县政府办公室结转到下一年度继续办理的申请有几件', '都是哪类申请人的');
    expect(r.facts.filter((f) => typeof f.value === 'number' && f.value > 0).map((f) => f.metric)).toEqual(['applications.carriedForward.commercial', 'applications.carriedForward.legalService']);
  });

  it('相当于…的百分之几 is a share', () => {
    expect(talk(fresh, '泽州交通局强制决定数大约相当于处罚决定数的百分之几').text).toMatch(/3\.59%/);
  });

  it('one category asked quotes its own clause, not its neighbours\'', () => {
    const r = talk(fresh, '柘川县政府办公室2022年主动公开多少条', '其中政策解读类有几条');
    expect(r.text).toContain('96');
    expect(r.text).not.toContain('218');
  });
});

describe('round 19', () => {
  it('a category asked of two agencies is found by its name in each report, never by its place in the first', () => {
    // 政策解读 is the second category of both reports; 政策文件 is listed by 柘川 only
    expect(talk(fresh, '柘川县政府办政策解读信息的条数是泽州县交通运输局的几倍？').text).toMatch(/4\.36/);
    const r = talk(fresh, '柘川县政府办政策文件类信息是泽州县交通运输局的几倍');
    expect(r.text).not.toMatch(/倍（218 ÷/);
  });

  it('哪一类最少 after one category was asked is the least of all', () => {
    expect(talk(fresh, '澄嵐市人社局2024年主動公開了多少條政府信息？', '其中就业创业类的有多少条，占几成', '哪一类占比最低').text).toContain('最少的是工作动态');
  });

  it('a count asked of a passage that counts other things is refused, not quoted', () => {
    const r = talk(fresh, '澄岚市人社局年报里说2024年全市城镇新增就业多少人？');
    expect(r.refused).toBe(true);
    expect(r.text).not.toMatch(/31\.6万|826/);
  });

  it('其中哪个理由最多 of an agency with one report lists its reasons, not a one-year trend', () => {
    const r = talk(fresh, '澄岚市人社局不予公开的申请一共多少件，其中哪个理由最多');
    expect(r.intent).toBe('value');
    expect(r.text).toContain('行政查询事项');
  });

  it('跟X一样吗 after a question about another agency sets both side by side', () => {
    const r = talk(published, '沭阳发改局的办公地址在哪', '电话区号跟泽州交通局一样吗');
    expect(r.text).toContain('0527');
    expect(r.text).toContain('0356');
  });

  it('a category asked of two agencies named side by side is added up across their reports', () => {
    expect(talk(fresh, '泽州交通局跟澄岚人社局的政策解读类信息一共多少条').text).toContain('2 个单位合计：86 条');
  });

  it('the document whose format a report follows is asked as the documents it cites', () => {
    const r = talk(fresh, '澄岚市人社局2024年度报告系依据哪一文件规定的格式编制？');
    expect(r.intent).toBe('reportFacts');
    expect(r.text).toContain('国办公开办函〔2021〕30号');
  });

  it('编制 asked is staff the report does not count', () => {
    expect(talk(fresh, '澄岚市人社局机关有多少个编制').refused).toBe(true);
  });
});
