/**
 * Handlers that read one report beyond its cells, on the bundled report: contact, website, report facts (dates,
 * period, cited documents, sections), the form itself, narrative passages, the problems and improvements lists,
 * processing fees, the audit and the agency card.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import type { Reply } from '../../src/bot/reply.js';
import { Dataset, BUNDLED_DATA } from '../../src/store/dataset.js';

let bot: Bot;
beforeAll(() => { bot = new Bot(Dataset.open(BUNDLED_DATA), { warmUp: false }); });
let n = 0;
const ask = (q: string, session = `report-${n++}`): Reply => bot.handle(q, session);
const fact = (r: Reply, metric: string) => r.facts.find((f) => f.metric === metric)?.value;

describe('contact and website', () => {
  it('gives the department, phone and address the report prints, quoting the sentence', () => {
    const r = ask('怎么联系泽州县交通局');
    expect(r).toMatchObject({ intent: 'contact', refused: false });
    expect(fact(r, 'contact.department')).toBe('泽州县交通运输局政策法规科');
    expect(fact(r, 'contact.phone')).toBe('0356-3915675');
    expect(fact(r, 'contact.address')).toBe('晋城市城区新市西街455号');
    expect(r.source).toContain('新市西街455号');
  });

  it('answers only the part asked for', () => {
    const r = ask('电话多少');
    expect(r.intent).toBe('contact');
    expect(r.lines).toEqual(['电话：0356-3915675']);
  });

  it('gives the website and where to download the report', () => {
    expect(fact(ask('网址是什么'), 'website')).toBe('http://www.zezhou.gov.cn/');
    const r = ask('报告在哪里下载');
    expect(r.intent).toBe('website');
    expect(r.text).toContain('下载');
  });

  it('a fax number the report does not print is refused, saying which contact details it does print', () => {
    const r = ask('传真号码是多少');
    expect(r).toMatchObject({ intent: 'unheld', refused: true });
    expect(r.text).toContain('没有这项联系信息');
    expect(r.text).toContain('0356-3915675');
  });
});

describe('report facts', () => {
  it('gives the publish date 2024-01-24 from the signature', () => {
    const r = ask('报告什么时候发布的');
    expect(r).toMatchObject({ intent: 'reportFacts', refused: false });
    expect(r.facts).toEqual([expect.objectContaining({ metric: 'publishDate', value: '2024-01-24', source: '落款' })]);
  });

  it('gives the reporting period', () => {
    const r = ask('统计期限是什么');
    expect(fact(r, 'periodStart')).toBe('2023-01-01');
    expect(fact(r, 'periodEnd')).toBe('2023-12-31');
  });

  it('says what 《方案》 stands for, from the report’s own 以下简称', () => {
    const r = ask('《方案》的全称是什么');
    expect(r.intent).toBe('reportFacts');
    expect(r.text).toContain('《方案》指山西省贯彻落实〈中华人民共和国政府信息公开条例〉实施方案');
  });

  it('lists the six sections', () => {
    const r = ask('报告分为几个部分');
    expect(r.lines).toContain('共 6 个部分：');
    expect(r.lines).toContain('五、存在的主要问题及整改措施');
  });

  it('English: the publish date', () => {
    const r = ask('When was the report published?');
    expect(r).toMatchObject({ intent: 'reportFacts', language: 'en' });
    expect(fact(r, 'publishDate')).toBe('2024-01-24');
  });
});

describe('the form', () => {
  it('第二十条第（六）项 covers 行政处罚 and 行政强制, from the catalog', () => {
    const r = ask('第二十条第（六）项是什么');
    expect(r).toMatchObject({ intent: 'form', refused: false, facts: [] });
    expect(r.lines).toContain('年报表二按此项统计：行政处罚、行政强制');
    expect(r.source).toContain('第二十条');
  });

  it('lists the eight 不予公开 situations of 表三', () => {
    const r = ask('不予公开有哪几种情形');
    expect(r.intent).toBe('form');
    for (const k of ['国家秘密', '第三方合法权益', '行政查询事项']) expect(r.text).toContain(k);
  });
});

describe('narrative, problems and fees', () => {
  it('quotes the sub-section a question names', () => {
    const r = ask('依申请公开方面写了什么');
    expect(r).toMatchObject({ kind: 'passage', intent: 'narrative', refused: false });
    if (r.kind === 'passage') expect(r.quotes).toEqual([{ text: '本年度我局未收到要求公开政府信息的申请。', where: '（二）依申请公开方面' }]);
  });

  it('finds the passage that answers, by the question’s words', () => {
    const r = ask('平台建设方面是怎么做的');
    expect(r.kind).toBe('passage');
    if (r.kind === 'passage') expect(r.quotes[0]!.where).toBe('（四）政府信息公开平台建设方面');
  });

  it('lists the 3 problems and the 4 improvements as lists', () => {
    const p = ask('存在哪些问题');
    expect(p).toMatchObject({ kind: 'list', intent: 'problems' });
    if (p.kind === 'list') expect(p.items).toEqual(['信息发布不够及时；', '主动公开意识不强、创新力度不够；', '公开内容不够全面。']);
    const i = ask('整改措施有哪些');
    expect(i.kind).toBe('list');
    if (i.kind === 'list') {
      expect(i.items).toHaveLength(4);
      expect(i.items[0]).toMatch(/^完善工作机制/);
    }
  });

  it('answers the processing fee from section 六, not the 行政事业性收费 cell', () => {
    const r = ask('收不收信息处理费');
    expect(r).toMatchObject({ intent: 'processingFees', refused: false });
    expect(r.facts).toEqual([expect.objectContaining({ metric: 'processingFees.yuan', value: 0 })]);
    expect(r.text).toContain('2023年度未收取政府信息公开信息处理费');
  });
});

describe('audit and card', () => {
  it('the audit shows each check with its numbers and passes a consistent report', () => {
    const r = ask('表三的数据对得上吗');
    expect(r).toMatchObject({ intent: 'audit', refused: false });
    expect(r.text).toContain('表三总计列：一（0）+ 二（0）= 0');
    expect(r.text).toContain('未发现矛盾');
  });

  it('a bare agency name gives its card: years held, key figures, contact', () => {
    const r = ask('泽州县交通运输局');
    expect(r).toMatchObject({ kind: 'facts', intent: 'card', refused: false });
    expect(r.facts.map((f) => [f.metric, f.value])).toEqual(expect.arrayContaining([['penalty.decisions', 195], ['coercion.decisions', 7]]));
    expect(r.title).toContain('2023');
    expect(r.text).toContain('0356-3915675');
    expect(ask('泽州县交通局').intent).toBe('card');
  });
});
