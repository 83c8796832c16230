/** The observed core's log lines under each LOG_QUESTIONS mode, readiness failures, the unanswered log's failure mode. */
import { Writable } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/bot/bot.js';
import { createLogger } from '../src/observe/log.js';
import { Privacy, type QuestionLogging } from '../src/observe/privacy.js';
import { FileUnansweredLog } from '../src/observe/unanswered.js';
import { Observability, OpsEnv, Readiness, startOpsServer } from '../adapters/ops/index.js';
import { BotMetrics } from '../adapters/ops/metrics.js';
import { opsRoutes } from '../adapters/ops/routes.js';
import { ActiveSessions } from '../adapters/ops/sessions.js';
import { agencyReport } from './helpers/fleet.js';
import { consistentTables } from './helpers/reports.js';

const bot = new Bot([agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 321 })], { warmUp: false });
const QUESTION = '高平市交通局2023年行政处罚多少件';
const SESSION = 'slack:T1:C1:-:U12345';

/** A logger whose lines are collected as parsed objects. */
function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l)); done(); } });
  return { logger: createLogger({ level: 'info', pretty: false }, sink), lines };
}

const tmp = mkdtempSync(join(tmpdir(), 'observe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function observed(mode: QuestionLogging) {
  const { logger, lines } = memoryLogger();
  const ops = new Observability({ config: OpsEnv.parse({ LOG_QUESTIONS: mode, LOG_SALT: 'salt-salt-salt-salt', UNANSWERED_LOG: join(tmp, `${mode}.jsonl`) }), dataPath: tmp, logger });
  return { core: ops.observe(bot, 'slack'), lines, ops };
}

describe('LOG_QUESTIONS', () => {
  it('hashed (the default): a stable salted hash of the question and user, never their text', async () => {
    const { core, lines } = observed('hashed');
    await core.handle(QUESTION, SESSION);
    await core.handle(QUESTION, SESSION);
    const [a, b] = lines.filter((l) => l.msg === 'answered');
    expect(a).toMatchObject({ platform: 'slack', intent: 'value', outcome: 'answered', refused: false, clarify: false });
    expect(a!.questionHash).toMatch(/^[0-9a-f]{16}$/);
    expect([b!.questionHash, b!.userHash]).toEqual([a!.questionHash, a!.userHash]); // repeats can be counted
    expect(a!.reqId).not.toBe(b!.reqId);
    expect(JSON.stringify(lines)).not.toMatch(/高平|U12345/);
    expect(new Privacy('hashed', 'another-salt-000000').question(QUESTION).questionHash).not.toBe(a!.questionHash);
  });

  it('off: neither the question nor the user, not even hashed', async () => {
    const { core, lines } = observed('off');
    await core.handle('今天天气怎么样', `${SESSION}-off`); // a conversation of its own: no earlier question to follow up
    const line = lines.find((l) => l.msg === 'answered')!;
    expect(line).toMatchObject({ outcome: 'refused', refused: true, reason: 'offTopic' });
    for (const key of ['question', 'questionHash', 'user', 'userHash']) expect(line).not.toHaveProperty(key);
    expect(JSON.stringify(lines)).not.toMatch(/天气|U12345/);
  });

  it('full: the question and the conversation as they are', async () => {
    const { core, lines } = observed('full');
    await core.handle(QUESTION, SESSION);
    expect(lines.find((l) => l.msg === 'answered')).toMatchObject({ question: QUESTION, user: SESSION });
  });

  it('an unknown mode is a configuration error', () => {
    const result = OpsEnv.safeParse({ LOG_QUESTIONS: 'some' });
    expect(result.error?.issues[0]?.message).toMatch(/off, hashed, full/);
    expect(OpsEnv.parse({}).questions).toBe('hashed');
  });

  it('secrets in a logged object are masked', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ token: 'xoxb-secret-1', config: { signingSecret: 'shh-secret-2' } }, 'oops');
    expect(JSON.stringify(lines)).not.toMatch(/secret-1|secret-2/);
  });
});

describe('readiness', () => {
  it('a failing, throwing or slow check makes /readyz 503 with the reasons; draining does too', async () => {
    const metrics = new BotMetrics({ processMetrics: false });
    const readiness = new Readiness(100);
    let redisUp = true;
    readiness.add(() => ({ name: 'dataset', ok: true }));
    readiness.add(async () => ({ name: 'redis', ok: redisUp, detail: redisUp ? 'PONG' : 'connection refused' }));
    const http = await startOpsServer(opsRoutes(readiness, metrics), 0, '127.0.0.1');
    const readyz = async () => { const r = await fetch(`http://127.0.0.1:${http.port}/readyz`); return { status: r.status, body: (await r.json()) as { ready: boolean; checks: Array<{ name: string; ok: boolean; detail?: string }> } }; };
    try {
      expect((await readyz()).status).toBe(200);
      redisUp = false;
      const down = await readyz();
      expect([down.status, down.body.ready]).toEqual([503, false]);
      expect(down.body.checks[1]).toEqual({ name: 'redis', ok: false, detail: 'connection refused' });
      redisUp = true;
      readiness.add(() => { throw new Error('boom'); });
      readiness.add(() => new Promise(() => undefined));
      const broken = await readyz();
      expect(broken.status).toBe(503);
      expect(broken.body.checks.slice(2).map((c) => c.detail)).toEqual(['boom', 'no answer within 100 ms']);
      readiness.checks.splice(2);
      readiness.drain('SIGTERM received');
      expect((await readyz()).body.checks.at(-1)).toEqual({ name: 'shutdown', ok: false, detail: 'SIGTERM received' });
      expect((await fetch(`http://127.0.0.1:${http.port}/healthz`)).status).toBe(200); // alive while draining
      expect((await fetch(`http://127.0.0.1:${http.port}/other`)).status).toBe(404);
    } finally {
      await http.stop(100);
    }
  });
});

describe('metrics from running totals and sessions', () => {
  it('outbox totals become counter increments; sessions leave the gauge after the window', async () => {
    const metrics = new BotMetrics({ processMetrics: false });
    const stats = { retries: 2, flood_waits: 1, given_up: 0 };
    metrics.addTotals(() => ({ platform: 'telegram', retries: stats.retries + stats.flood_waits, errors: { flood_wait: stats.flood_waits, undelivered: stats.given_up } }));
    const text = async () => (await metrics.exposition()).body;
    expect(await text()).toContain('disclosure_bot_platform_api_retries_total{platform="telegram"} 3');
    stats.retries = 5; stats.given_up = 1;
    const after = await text();
    expect(after).toContain('disclosure_bot_platform_api_retries_total{platform="telegram"} 6');
    expect(after).toContain('disclosure_bot_platform_api_errors_total{platform="telegram",kind="undelivered"} 1');
    let now = 0;
    const sessions = new ActiveSessions(1000, 100, () => now);
    sessions.touch('a'); sessions.touch('b'); now = 600; sessions.touch('a');
    expect(sessions.count).toBe(2);
    now = 1200;
    expect(sessions.count).toBe(1);
  });
});

describe('the unanswered log', () => {
  it('keeps refusals and clarifications as text only; an unwritable place is warned about once, never thrown', async () => {
    const { core, ops } = observed('hashed');
    await core.handle(QUESTION, `${SESSION}-log`);
    await core.handle('今天天气怎么样', `${SESSION}-log-2`);
    expect(ops.unanswered).toBeInstanceOf(FileUnansweredLog);
    const kept = readFileSync(join(tmp, 'hashed.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(kept).toEqual([{ at: expect.any(String), text: '今天天气怎么样', kind: 'refuse', intent: 'notUnderstood', reason: 'offTopic', platform: 'slack' }]);

    writeFileSync(join(tmp, 'a-file'), '');
    const warnings: string[] = [];
    const log = new FileUnansweredLog(join(tmp, 'a-file', 'unanswered.jsonl'), (e) => void warnings.push(e.message)); // a file is no directory
    const entry = { at: new Date().toISOString(), text: '问', kind: 'refuse' as const, intent: 'refuse' };
    log.record(entry);
    log.record(entry);
    expect(warnings).toHaveLength(1);
  });
});
