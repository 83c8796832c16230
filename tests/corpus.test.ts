/** The real reports of ../shared/corpus, ingested beside the bundled one, answer questions naming them. */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseReport } from '../src/ingest/parse.js';
import { loadDataset, BUNDLED_DATA } from '../src/store/dataset.js';
import { Bot } from '../src/bot/bot.js';

const corpus = resolve(BUNDLED_DATA, '../../shared/corpus');
const files = ['003.txt', '007.txt', '012.txt', '013.html', '021.txt'];

describe.runIf(existsSync(corpus))('shared corpus beside the bundled report', () => {
  let bot: Bot;
  beforeAll(() => {
    const reports = [...loadDataset(BUNDLED_DATA), ...files.map((f) => parseReport(readFileSync(join(corpus, f), 'utf8'), { sourceFile: f }))];
    bot = new Bot(reports, { today: () => new Date('2026-11-26') });
  });
  const fact = (q: string) => bot.handle(q).facts[0];

  it('answers from the report the question names', () => {
    expect(fact('平潭综合实验区2023年行政处罚多少件')).toMatchObject({ agency: '平潭综合实验区', year: 2023, value: 1330 });
    expect(fact('上海市科委2024年收到多少政府信息公开申请')).toMatchObject({ year: 2024, value: 34 });
    expect(fact('沭阳县发改局行政复议尚未审结几件')).toMatchObject({ agency: '沭阳县发展和改革局', value: 1 });
    expect(fact('平潭2019年本年新收申请多少')).toMatchObject({ agency: '平潭综合实验区', year: 2019, value: 23 });
    expect(fact('泽州县交通局2023年行政处罚多少件')).toMatchObject({ value: 195 });
    expect(bot.handle('平潭综合实验区行政审批局的联系电话').text).toContain('0591-23153022');
  });

  it('says blank cells are blank, not 0', () => {
    const r = bot.handle('沭阳县发改局2023年商业企业新收申请多少');
    expect(r.facts[0]).toMatchObject({ metric: 'applications.newReceived.commercial', value: null });
    expect(r.text).toContain('报告未填写');
  });
});
