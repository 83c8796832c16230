import { describe, expect, it } from 'vitest';
import { parseReport } from '../src/ingest/parse.js';
import { auditReport, RULES } from '../src/audit/rules.js';
import { buildReport, consistentTables } from './helpers/reports.js';

const parse = (raw: string) => parseReport(raw, { sourceFile: 'x.txt' });

describe('audit rules', () => {
  it('a consistent report passes every rule', () => {
    expect(parse(buildReport('tsv', consistentTables())).findings).toEqual([]);
  });

  it('each rule fires on a deliberately broken report', () => {
    const t = consistentTables();
    t.applications[0]![0] = t.applications[0]![0]! + 5; // new received: row total and balance break
    t.applications[24]![6] = 9; // carried forward total
    t.applications[23]![2] = 4; // (七)总计 research column
    t.review[4] = 9; // 行政复议 总计
    const raw = buildReport('tsv', t, '高平市交通运输局', 2023, { applications: '2023年，我局未收到政府信息公开申请。' })
      .replace('政策解读类信息10条，占20%', '政策解读类信息12条，占20%')
      .replace('本年度未收取信息处理费。', '本年度收取信息处理费100元。').replace('六、其他需要报告的事项', '六、其他需要报告的事项\n无。')
      .replace(/五、存在的主要问题及改进情况[\s\S]*?六、/, '六、');
    const r = parse(raw);
    // fees are explained nowhere in 六 once the sentence is gone
    r.sections = r.sections.map((s) => (s.key === 'other' ? { ...s, text: '无。' } : s));
    r.processingFees = { yuan: 100, text: '收取信息处理费100元', source: { section: '六' } };
    const rules = new Set(auditReport(r).map((f) => f.rule));
    for (const rule of ['T3.BALANCE', 'T3.ROW_TOTAL', 'T3.RESULTS_TOTAL', 'T4.BLOCK_TOTAL', 'PROACTIVE.SUM', 'PROACTIVE.PERCENT', 'NARRATIVE.APPLICATIONS', 'STRUCTURE.MISSING', 'FEES.UNEXPLAINED']) {
      expect([rule, rules.has(rule)]).toEqual([rule, true]);
    }
    const balance = auditReport(r).find((f) => f.rule === 'T3.BALANCE')!;
    expect(balance.message).toMatch(/\d+/);
    expect(Object.keys(RULES)).toContain('CELLS.UNREADABLE');
  });
});
