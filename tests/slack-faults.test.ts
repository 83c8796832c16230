/**
 * The Slack HTTP adapter under faults, against a fake Web API and response_url on 127.0.0.1: odd signed bodies,
 * replays, timestamps out of the window, 500/429/hang from Slack. Each accepted request is answered exactly once,
 * and an answer lost after retries is told to the user with their next answer.
 */
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel, type Logger } from '@slack/bolt';
import { Bot } from '../src/bot/bot.js';
import { startSlack, type RunningSlack } from '../adapters/slack/index.js';
import { SlackEnv } from '../adapters/config.js';
import { consistentTables } from './helpers/reports.js';
import { agencyReport } from './helpers/fleet.js';
import { settle, startLocalServer, waitFor, type LocalServer, type Recorded, type Routed } from './helpers/local-server.js';

const SECRET = 'test-signing-secret-0123456789';
const report = agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 321, coercion: 9 });
const logged: string[] = [];
const logger: Logger = { debug() {}, info() {}, warn() {}, error: (...m: unknown[]) => { logged.push(m.join(' ')); if (process.env.DEBUG_SLACK) console.log(...m); }, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

let fake: LocalServer;
let fault: ((req: Recorded) => Routed | 'hang' | undefined) | undefined;
const ok = (req: Recorded) => (req.path === '/api/chat.postMessage' || req.path.startsWith('/respond/')) && !fault?.(req);
const delivered = () => fake.requests.filter((r) => r.path === '/api/chat.postMessage' || r.path.startsWith('/respond/')).filter((r) => (r as Recorded & { ok?: boolean }).ok);

beforeAll(async () => {
  fake = await startLocalServer(async (req) => {
    const f = fault?.(req);
    if (f === 'hang') return new Promise<never>(() => undefined);
    if (f) return f;
    (req as Recorded & { ok?: boolean }).ok = ok(req);
    if (req.path === '/api/auth.test') return { json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } };
    if (req.path === '/api/chat.postMessage') return { json: { ok: true, channel: req.body.channel, ts: `${Date.now() / 1000}` } };
    if (req.path.startsWith('/respond/')) return { json: { ok: true } };
    return undefined;
  });
});
afterAll(() => fake.close());

let slack: RunningSlack | undefined;
const url = () => `http://127.0.0.1:${slack!.port}/slack/events`;
async function start(retries = 0) {
  slack = await startSlack(new Bot([report]), SlackEnv.parse({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}api`, PORT: '0' }), { host: '127.0.0.1', logger, retries, timeoutMs: 500 });
}
afterEach(async () => { await slack?.stop(1000); slack = undefined; fake.requests.length = 0; fault = undefined; logged.length = 0; });

const sign = (body: string | Buffer, timestamp = Math.floor(Date.now() / 1000)) => ({
  'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:`).update(body).digest('hex')}`,
  'x-slack-request-timestamp': String(timestamp),
});
const post = (body: string | Buffer, type = 'application/json', headers: Record<string, string> = sign(body)) =>
  fetch(url(), { method: 'POST', body, headers: { 'content-type': type, ...headers } }).then((r) => r.status);

let counter = 0;
const command = (text: string, user = 'U1') => new URLSearchParams({
  team_id: 'T1', channel_id: 'C1', user_id: user, command: '/disclosure', text, response_url: `${fake.url}respond/${++counter}`, trigger_id: `t${counter}`,
}).toString();
const FORM = 'application/x-www-form-urlencoded';
const mention = (text: string, channel = 'C1', ts = `1700000000.${String(++counter).padStart(6, '0')}`) =>
  JSON.stringify({ team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `Ev${++counter}`, event: { type: 'app_mention', user: 'U2', text: `<@UBOT> ${text}`, ts, channel } });

describe('Slack request bodies', () => {
  it('a signed null, non-object, invalid JSON or UTF-8 body is refused with 400 and the service goes on', async () => {
    await start();
    for (const [body, type] of [['null', 'application/json'], ['[]', 'application/json'], ['"x"', 'application/json'], ['{"a":', 'application/json'], ['', 'application/json'], ['payload=null', FORM], ['payload=%7B', FORM], ['', FORM]] as const)
      // (each signed with its own timestamp: two identical signed requests would be a replay)
      expect([body, type, await post(body, type, sign(body, Math.floor(Date.now() / 1000) - ++counter))]).toEqual([body, type, 400]);
    expect(await post(Buffer.from([0x7b, 0xff, 0x7d]))).toBe(400);
    // a signed event without an event is refused; one whose fields are all wrong is acknowledged, not fatal
    expect(await post(JSON.stringify({ type: 'event_callback', event: null, event_id: 7 }))).toBe(400);
    // bolt itself trips over this one: the request fails alone, logged with what it was
    // (500; or 200 when the receiver's 2.5 s acknowledgement deadline came first on a busy machine)
    expect([500, 200]).toContain(await post(JSON.stringify({ type: 'event_callback', event: { type: 'app_mention', text: 5, channel: null } })));
    await waitFor(() => logged.find((l) => /processing event app_mention .*failed/.test(l)));
    expect(await post(command('行政处罚多少件'), FORM)).toBe(200);
    expect(String((await waitFor(() => delivered()[0])).body.text)).toContain('321 件');
  });

  it('the same signed slash command replayed within 5 minutes is answered once', async () => {
    await start();
    const body = command('行政处罚多少件');
    const headers = sign(body);
    expect(await post(body, FORM, headers)).toBe(200);
    expect(await post(body, FORM, headers)).toBe(200);
    expect(await settle(() => delivered().length, 500)).toBe(1);
  });

  it('timestamps more than 5 minutes away, in the past or the future, are refused', async () => {
    await start();
    const body = command('行政处罚多少件');
    const now = Math.floor(Date.now() / 1000);
    expect(await post(body, FORM, sign(body, now + 6 * 60))).toBe(401);
    expect(await post(body, FORM, sign(body, now - 6 * 60))).toBe(401);
    expect(await post(body, FORM, sign(body, now + 4 * 60))).toBe(200);
    expect(await settle(() => delivered().length, 300)).toBe(1);
  });
});

describe('Slack Web API faults', () => {
  it('an answer lost to a 500 after retries is logged, and the user is told when a later answer gets through', async () => {
    await start(1);
    let failing = true;
    fault = (req) => (failing && req.path === '/api/chat.postMessage' ? { status: 500, json: { ok: false } } : undefined);
    expect(await post(mention('行政处罚多少件', 'C1', '1700000001.000001'))).toBe(200);
    await waitFor(() => logged.find((l) => l.includes('could not be delivered')), 8000);
    failing = false;
    await post(mention('行政强制多少件', 'C1', '1700000001.000001'));
    const notice = await waitFor(() => delivered().find((r) => String(r.body.text).includes('未能送达')), 5000);
    expect(String(notice.body.text)).toContain('行政处罚多少件');
    expect(delivered().filter((r) => String(r.body.text).includes('9 件')).length).toBe(1);
  });

  it('a 429 with Retry-After is waited out: delivered once', async () => {
    await start(3);
    let limited = 1;
    fault = (req) => (req.path === '/api/chat.postMessage' && limited-- > 0 ? { status: 429, json: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } } : undefined);
    await post(mention('行政处罚多少件'));
    await waitFor(() => delivered()[0], 8000);
    expect(await settle(() => delivered().length, 300)).toBe(1);
  });

  it('a hanging Web API call for one conversation does not hold the others', async () => {
    await start();
    fault = (req) => (req.path === '/api/chat.postMessage' && req.body.channel === 'CHANG' ? 'hang' : undefined);
    await post(mention('行政处罚多少件', 'CHANG'));
    await post(mention('行政处罚多少件', 'C2'));
    expect((await waitFor(() => delivered().find((r) => r.body.channel === 'C2'), 2000)).body.text).toContain('321 件');
  });
});
