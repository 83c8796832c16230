/**
 * Answers over every agency of a large dataset (a column over 2,000+ agencies is kept for the next question): each
 * answer is the one a fresh bot gives, whatever was asked before, and lists keep their first names and full counts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot/bot.js';
import { regions } from '../../src/catalog/regions.js';
import type { Report } from '../../src/model/schema.js';
import { agencyReport } from '../helpers/fleet.js';

let reports: Report[];
beforeAll(() => {
  const template = agencyReport('泽州县交通运输局', 2023);
  const counties = [...new Map(regions().filter((r) => r.level === 'county').map((r) => [r.name, r])).values()].slice(0, 2400);
  reports = counties.flatMap((c, k) => [2022, 2023].map((year) => {
    const r = structuredClone(template);
    r.agency = `${c.name}交通运输局`; r.year = year; r.id = `${r.agency}-${year}`;
    r.cells['penalty.decisions']!.value = (k * 7 + year) % 11;
    r.cells['licensing.decisions']!.value = k % 5 === 0 && year === 2023 ? null : (k * 3 + year) % 13;
    return r;
  })).filter((r, j) => j % 97 !== 0); // some agencies lack a year
});

const fresh = (q: string) => new Bot(reports, { warmUp: false }).handle(q, 'fresh');
const QUESTIONS = ['2023年各部门行政处罚排名前五', '2022年各部门行政处罚排名前五', '各部门2023年行政许可排名前三', '哪些部门2023年没有行政处罚', '各部门2023年行政许可一共多少', '各部门行政处罚最少的是哪个'];

describe('answers over every agency', () => {
  it('answers each question as a fresh bot does, in any order and again', () => {
    const bot = new Bot(reports, { warmUp: false });
    const expected = QUESTIONS.map(fresh);
    for (const order of [[0, 1, 2, 3, 4, 5], [5, 3, 1, 4, 0, 2], [2, 2, 0, 0, 3, 1]]) {
      for (const k of order) {
        const r = bot.handle(QUESTIONS[k]!, `s-${k}`);
        expect(r.intent).not.toBe('clarify');
        expect({ q: QUESTIONS[k], text: r.text, facts: r.facts }).toEqual({ q: QUESTIONS[k], text: expected[k]!.text, facts: expected[k]!.facts });
      }
    }
  });

  it('names the first agencies of a long list and counts all of them', () => {
    const r = fresh('哪些部门2023年没有行政处罚');
    const zero = reports.filter((x) => x.year === 2023 && x.cells['penalty.decisions']!.value === 0);
    expect(zero.length).toBeGreaterThan(20);
    expect(r.text).toContain(`等 ${zero.length} 个`);
    expect(r.facts.length).toBe(300);
  });
});
