/** `disclosure-bot unanswered` on a recorded log: grouping of near-identical wordings, counts, --since, --limit. */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { parseSince, runUnanswered } from '../src/cli/unanswered.js';
import { groupUnanswered, jaccard, questionWords } from '../src/observe/group.js';
import { readUnanswered } from '../src/observe/unanswered.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/unanswered', import.meta.url));
const LOG = `${FIXTURE}/unanswered.jsonl`;

afterEach(() => vi.restoreAllMocks());

/** Runs the command in-process and returns its exit code and printed lines. */
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
  vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(m));
  const code = await main(['unanswered', ...args]);
  vi.restoreAllMocks();
  return { code, out: out.join('\n').split('\n'), err: err.join('\n') };
}

describe('grouping', () => {
  it('one group per question asked in several wordings (punctuation, years, numerals, traditional characters), largest first', () => {
    const { entries, skipped } = readUnanswered(LOG);
    expect([entries.length, skipped]).toEqual([11, 2]);
    const groups = groupUnanswered(entries);
    expect(groups.map((g) => [g.example, g.count])).toEqual([
      ['泽州县交通局罚没款多少钱', 5], ['火星市交通局行政处罚多少件', 3], ['公安局的申请', 2], ['今天天气怎么样', 1],
    ]);
    expect(groups[0]!.variants).toEqual(expect.arrayContaining(['泽州縣交通局罰沒款多少錢', '泽州县交通局二〇二二年罚没款多少钱']));
    expect(groups[2]!.reasons).toEqual({ clarify: 2 });
    expect(groups[1]!.lastAt).toBe('2026-03-09T09:30:00.000Z');
  });

  it('compares questions by their words, not their characters', () => {
    expect(questionWords('泽州縣交通局罰沒款多少錢？')).toEqual(questionWords('泽州县交通局罚没款多少钱'));
    expect(jaccard(questionWords('火星市交通局行政处罚多少件'), questionWords('今天天气怎么样'))).toBe(0);
  });
});

describe('disclosure-bot unanswered', () => {
  it('prints the groups with counts and reasons', async () => {
    const { code, out } = await cli('--data', FIXTURE);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^11 unanswered question\(s\) all time, 4 group\(s\).*2 unreadable line\(s\) skipped/);
    expect(out[1]).toMatch(/^\s+5×\s+泽州县交通局罚没款多少钱\s+\[notUnderstood 5; last 2026-03-08 12:00\]/);
    expect(out[2]).toMatch(/also: .*泽州县交通局罚没款多少钱？/);
  });

  it('--since keeps only what was asked since then; --limit cuts the list; --json gives one object per group', async () => {
    const { code, out } = await cli('--data', LOG, '--since', '2026-03-06', '--limit', '2', '--json');
    expect(code).toBe(0);
    const groups = out.map((l) => JSON.parse(l) as { count: number; example: string });
    expect(groups.map((g) => [g.example, g.count])).toEqual([['泽州县交通局2023年罚没款多少钱', 3], ['火星市交通局行政处罚多少件', 1]]);
  });

  it('relative spans count back from now; a bad --since or --limit is refused with the expected form', async () => {
    const now = new Date('2026-03-10T00:00:00Z');
    const since = parseSince('7d', now)!;
    expect(since.toISOString()).toBe('2026-03-03T00:00:00.000Z');
    const out: string[] = [];
    runUnanswered({ path: FIXTURE, since, limit: 20, json: true }, (l) => void out.push(l));
    expect(out.map((l) => (JSON.parse(l) as { count: number }).count).reduce((a, b) => a + b)).toBe(9);
    expect(parseSince('24h', now)!.toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect((await cli('--since', 'last week')).code).toBe(2);
    expect((await cli('--data', FIXTURE, '--limit', '0')).err).toMatch(/--limit must be a positive whole number/);
  });

  it('an empty or missing log says so', async () => {
    const { code, out } = await cli('--data', `${FIXTURE}/none.jsonl`);
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^no unanswered questions all time/);
  });
});
