/**
 * Two `serve` processes behind one bot, as a national deployment runs them: child processes sharing one real
 * redis-server, one fake Telegram Bot API (webhook mode) and one fake Slack Web API, all on 127.0.0.1.
 * A conversation alternating between them keeps its context; redeliveries spread over both are answered exactly
 * once; a button made by one is handled by the other; the rate limit counts both; Redis stopping and coming back
 * mid-run stops no answer; answers queued on an instance that is killed are delivered by the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveReports } from '../src/store/dataset.js';
import { consistentTables } from './helpers/reports.js';
import { agencyReport } from './helpers/fleet.js';
import { settle, startLocalServer, waitFor, type LocalServer, type Recorded } from './helpers/local-server.js';
import { TOKEN, startFakeTelegram, type FakeTelegram } from './helpers/fake-telegram.js';
import { findRedisServer, REDIS_MISSING, startRedis, type TestRedis } from './helpers/redis-server.js';

const executable = findRedisServer();
if (!executable) console.warn(REDIS_MISSING);

const CLI = fileURLToPath(new URL('../bin/disclosure-bot.js', import.meta.url));
const SECRET = 'test-signing-secret-0123456789';
const HOOK_SECRET = 'secret_token_0123456789';
/** Long enough that a suggestion naming it does not fit Telegram's 64-byte callback data: its button needs the store. */
const AGENCY = '晋城市城区住房和城乡建设管理服务中心';
const RATE = 5;

interface Instance { child: ChildProcess; slack: number; telegram: number; output: string[]; exited: Promise<number | null> }

/** Every child started, so none outlives the tests whatever fails. */
const children: ChildProcess[] = [];

async function serve(dataDir: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dataDir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  const ports = await waitFor(() => {
    const text = output.join('');
    const slack = /HTTP on port (\d+)/.exec(text);
    const telegram = /webhook .* → port (\d+)/.exec(text);
    return slack && telegram ? { slack: Number(slack[1]), telegram: Number(telegram[1]) } : undefined;
  }, 45_000).catch((e: Error) => { child.kill('SIGKILL'); throw new Error(`${e.message}: serve printed\n${output.join('')}`); });
  return { child, ...ports, output, exited };
}

// child processes on a machine that may be busy: generous time limits (the whole file takes about 25 s when idle)
describe.skipIf(!executable)('two serve instances sharing one Redis', { timeout: 90_000 }, () => {
  let redis: TestRedis;
  let telegram: FakeTelegram;
  let slackApi: LocalServer;
  let a: Instance;
  let b: Instance;
  const dirs: string[] = [];
  const tmp = (prefix: string) => dirs[dirs.push(mkdtempSync(join(tmpdir(), prefix))) - 1]!;

  beforeAll(async () => {
    redis = await startRedis(executable);
    telegram = await startFakeTelegram();
    slackApi = await startLocalServer((req) => {
      if (req.path === '/api/auth.test') return { json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } };
      if (req.path === '/api/chat.postMessage') return { json: { ok: true, ts: '1.1', channel: req.body.channel } };
      return undefined;
    });
    const data = tmp('instances-data-');
    saveReports(data, [agencyReport(AGENCY, 2023, { ...consistentTables(), penalty: 321, coercion: 9 })]);
    const env = (state: string) => ({
      REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: String(RATE),
      SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slackApi.url}api`, PORT: '0',
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook',
      TELEGRAM_WEBHOOK_SECRET: HOOK_SECRET, TELEGRAM_WEBHOOK_PORT: '0', TELEGRAM_STATE_DIR: state, TELEGRAM_MAX_PER_SECOND: '1000',
      TELEGRAM_OUTBOX_LEASE_MS: '3000', // short for the test, yet well above the longest pause of a busy instance (the 500-update burst)
    });
    [a, b] = await Promise.all([serve(data, env(tmp('instances-a-'))), serve(data, env(tmp('instances-b-')))]);
  }, 90_000);

  afterAll(async () => {
    // a graceful stop first; whatever has not exited after 5 s is killed
    const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(running.map((c) => new Promise<void>((resolve) => {
      const hard = setTimeout(() => c.kill('SIGKILL'), 5000);
      c.once('exit', () => { clearTimeout(hard); resolve(); });
      c.kill('SIGTERM');
    })));
    await telegram?.server.close();
    await slackApi?.close();
    await redis?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 30_000);

  const post = (port: number, update: Record<string, unknown>) =>
    fetch(`http://127.0.0.1:${port}/hook`, { method: 'POST', body: JSON.stringify(update), headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': HOOK_SECRET } }).then((r) => r.status);
  let nextUpdate = 1;
  /** A private message from user `user` to instance `to`; resolves with the webhook's status. */
  const ask = (to: Instance, user: number, text: string, updateId = nextUpdate++) =>
    post(to.telegram, { update_id: updateId, message: { message_id: updateId, date: 0, chat: { id: user, type: 'private' }, from: { id: user, is_bot: false, first_name: 'U' }, text } });
  const sentTo = (chat: number) => telegram.delivered.filter((r) => r.body.chat_id === chat);
  const textOf = (r: Recorded) => String(r.body.text);
  /** The n-th message delivered to `chat` (waits for it). */
  const nth = (chat: number, n: number) => waitFor(() => sentTo(chat)[n], 20_000).then(textOf, (e: Error) => {
    throw new Error(`${e.message} (message ${n} to chat ${chat}); the instances printed:\n${[a, b].map((i) => i.output.join('')).join('\n')}`);
  });

  it('a conversation alternating between the instances keeps its context', async () => {
    expect(await ask(a, 101, `${AGENCY}2023年行政处罚多少件`)).toBe(200);
    expect(await nth(101, 0)).toContain('321 件');
    expect(await ask(b, 101, '那行政强制呢')).toBe(200);
    expect(await nth(101, 1)).toContain('9 件');
    expect(await ask(a, 101, '那行政处罚呢')).toBe(200);
    expect(await nth(101, 2)).toContain('321 件');
  });

  it('500 Telegram updates, each delivered to both instances at once, are each answered exactly once', async () => {
    const n = 500;
    const first = 10_000;
    const chat = (i: number) => 200_000 + i;
    const statuses = await Promise.all(Array.from({ length: n }, (_, i) => {
      const update = { update_id: first + i, message: { message_id: i, date: 0, chat: { id: chat(i), type: 'private' }, from: { id: chat(i), is_bot: false, first_name: 'U' }, text: '行政处罚多少件' } };
      // the order of the two deliveries alternates, so each instance wins some races
      const [x, y] = i % 2 ? [a, b] : [b, a];
      return Promise.all([post(x.telegram, update), post(y.telegram, update)]);
    }));
    expect(statuses.flat().every((s) => s === 200)).toBe(true);
    await waitFor(() => (Array.from({ length: n }, (_, i) => sentTo(chat(i)).length).every((c) => c > 0) ? true : undefined), 20_000);
    await settle(() => 0, 300); // a late duplicate would arrive now
    const counts = Array.from({ length: n }, (_, i) => sentTo(chat(i)).length);
    expect(counts.filter((c) => c !== 1), [a, b].map((i) => i.output.join('')).join('\n')).toEqual([]);
  });

  it('Slack events redelivered to the other instance are answered once', async () => {
    const n = 100;
    const sign = (body: string, ts: number) => `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const deliver = (to: Instance, i: number, retry: number) => {
      const body = JSON.stringify({ token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `Ev${i}`, event_time: 0,
        event: { type: 'app_mention', user: `U${i}`, text: '<@UBOT> 行政处罚多少件', ts: `1700000000.${i}`, channel: `C${i}`, event_ts: `1700000000.${i}` } });
      // a redelivery is signed anew (its timestamp differs): only the event id says it is the same event
      const ts = Math.floor(Date.now() / 1000) - retry;
      return fetch(`http://127.0.0.1:${to.slack}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-slack-signature': sign(body, ts), 'x-slack-request-timestamp': String(ts), ...(retry ? { 'x-slack-retry-num': String(retry) } : {}) } }).then((r) => r.status);
    };
    const statuses = await Promise.all(Array.from({ length: n }, (_, i) => Promise.all([deliver(i % 2 ? a : b, i, 0), deliver(i % 2 ? b : a, i, 1)])));
    expect(statuses.flat().every((s) => s === 200)).toBe(true);
    const posted = (i: number) => slackApi.requests.filter((r) => r.path === '/api/chat.postMessage' && r.body.channel === `C${i}`).length;
    await waitFor(() => (Array.from({ length: n }, (_, i) => posted(i)).every((c) => c > 0) ? true : undefined), 15_000);
    await settle(() => 0, 300);
    expect(Array.from({ length: n }, (_, i) => posted(i)).filter((c) => c !== 1)).toEqual([]);
  });

  it('a button made by one instance is handled by the other', async () => {
    expect(await ask(a, 102, '今天天气怎么样')).toBe(200);
    await nth(102, 0);
    const keyboard = (sentTo(102)[0]!.body.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard;
    // a question too long for callback data: only the shared store knows it
    const button = keyboard.flat().find((k) => k.callback_data.startsWith('k:'));
    expect(button).toBeDefined();
    const update = nextUpdate++;
    expect(await post(b.telegram, { update_id: update, callback_query: { id: 'cb-shared', from: { id: 102, is_bot: false, first_name: 'U' }, chat_instance: 'ci', data: button!.callback_data, message: { message_id: 5, date: 0, chat: { id: 102, type: 'private' }, text: '…' } } })).toBe(200);
    const ack = await waitFor(() => telegram.api('answerCallbackQuery').find((r) => r.body.callback_query_id === 'cb-shared'));
    expect(String(ack.body.text)).toContain(AGENCY); // the question behind the key, not "expired"
    expect(await nth(102, 1)).toMatch(/联系方式[\s\S]*电话/); // the contact question the button asked
  });

  it('the rate limit holds across instances: the questions over it get a polite message and no answer', async () => {
    const user = 103;
    for (let i = 0; i < RATE + 3; i++) {
      expect(await ask(i % 2 ? b : a, user, `${AGENCY}2023年行政处罚多少件`)).toBe(200);
      await nth(user, i); // one after the other, as a person asks
    }
    const texts = sentTo(user).map(textOf);
    expect(texts.filter((t) => t.includes('321 件'))).toHaveLength(RATE);
    expect(texts.filter((t) => t.includes(`每分钟最多 ${RATE} 个问题`))).toHaveLength(3);
  });

  it('Redis stopped and restarted mid-run: answers go on, nothing crashes, shared state returns', async () => {
    await redis.stop();
    for (let i = 0; i < 6; i++) {
      const user = 300 + i;
      expect(await ask(i % 2 ? b : a, user, `${AGENCY}2023年行政处罚多少件`)).toBe(200);
      expect(await nth(user, 0)).toContain('321 件');
    }
    // a follow-up on the same instance still has its context (the instance's own copy)
    expect(await ask(a, 300, '那行政强制呢')).toBe(200);
    expect(await nth(300, 1)).toContain('9 件');
    for (const i of [a, b]) expect(i.output.join('')).toMatch(/redis: not answering/);

    await redis.start();
    await waitFor(() => [a, b].every((i) => /redis: reachable again/.test(i.output.join(''))) || undefined, 10_000);
    // shared again: a conversation crosses instances
    expect(await ask(b, 310, `${AGENCY}2023年行政处罚多少件`)).toBe(200);
    expect(await nth(310, 0)).toContain('321 件');
    expect(await ask(a, 310, '那行政强制呢')).toBe(200);
    expect(await nth(310, 1)).toContain('9 件');
    expect([a.child.exitCode, b.child.exitCode]).toEqual([null, null]);
  });

  it('answers queued on an instance that dies are delivered by the other, once', async () => {
    const user = 400;
    let failing = true;
    // the platform refuses this chat's answers for now (a transient error: they stay queued and retried)
    telegram.fault = (method, body) => (failing && method === 'sendMessage' && body.chat_id === user ? { status: 502, json: { ok: false, error_code: 502, description: 'Bad Gateway' } } : undefined);
    try {
      expect(await ask(a, user, `${AGENCY}2023年行政处罚多少件`)).toBe(200);
      await waitFor(() => telegram.api('sendMessage').find((r) => r.body.chat_id === user), 5000); // A tried
      a.child.kill('SIGKILL'); // no graceful stop: its lease runs out (TELEGRAM_OUTBOX_LEASE_MS)
      await a.exited;
      failing = false;
      expect(await nth(user, 0)).toContain('321 件');
      await settle(() => 0, 1500); // another lease period: nothing is adopted twice
      expect(sentTo(user)).toHaveLength(1);
      expect(b.output.join('')).toMatch(/adopting 1 queued answer/);
    } finally {
      telegram.fault = undefined;
    }
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  });
});
