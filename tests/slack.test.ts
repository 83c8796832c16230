/**
 * End-to-end: the real bolt App in HTTP mode against a fake Slack Web API and response_url on 127.0.0.1,
 * receiving properly signed requests exactly as Slack sends them.
 */
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LogLevel, type Logger } from '@slack/bolt';
import { Bot } from '../src/bot/bot.js';
import { makeReply, type Reply } from '../src/bot/reply.js';
import { startSlack, type RunningSlack } from '../adapters/slack/index.js';
import { SLACK_LIMITS, toSlackMessage } from '../adapters/slack/render.js';
import { parseCommandText, questionFromSlack } from '../adapters/slack/text.js';
import { SlackEnv, readServeConfig, ConfigError, type SlackConfig } from '../adapters/config.js';
import type { Core } from '../adapters/shared/adapter.js';
import { consistentTables } from './helpers/reports.js';
import { agencyReport } from './helpers/fleet.js';
import { settle, startLocalServer, waitFor, type LocalServer, type Recorded } from './helpers/local-server.js';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
const SECRET = 'test-signing-secret-0123456789';
const report = agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 321, coercion: 9 });

let fake: LocalServer;
const api = (method: string) => fake.requests.filter((r) => r.path === `/api/${method}`);
const responses = () => fake.requests.filter((r) => r.path.startsWith('/respond/'));

beforeAll(async () => {
  fake = await startLocalServer((req) => {
    if (req.path === '/revoked/auth.test') return { json: { ok: false, error: 'invalid_auth' } };
    if (req.path === '/api/auth.test') return { json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'disclosure' } };
    if (req.path === '/api/chat.postMessage') return { json: { ok: true, channel: req.body.channel, ts: `${Date.now() / 1000}` } };
    if (req.path === '/api/apps.connections.open') return { json: { ok: false, error: 'invalid_auth' } };
    if (req.path.startsWith('/respond/')) return { json: { ok: true } };
    return undefined;
  });
});
afterAll(() => fake.close());

const config = (extra: Record<string, string> = {}): SlackConfig =>
  SlackEnv.parse({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${fake.url}api`, PORT: '0', ...extra });

let running: { slack: RunningSlack; url: string } | undefined;
async function start(core: Core = new Bot([report]), extra: Record<string, string> = {}) {
  const slack = await startSlack(core, config(extra), { host: '127.0.0.1', logger: quiet });
  running = { slack, url: `http://127.0.0.1:${slack.port}/slack/events` };
  return running;
}
afterEach(async () => { await running?.slack.stop(); running = undefined; fake.requests.length = 0; });

function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = SECRET) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

async function post(body: string, type: 'form' | 'json', headers: Record<string, string> = sign(body)) {
  const res = await fetch(running!.url, {
    method: 'POST', body,
    headers: { 'content-type': type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', ...headers },
  });
  return res.status;
}

let counter = 0;
const slashCommand = (text: string, user = 'U1') =>
  new URLSearchParams({
    token: 'legacy', team_id: 'T1', team_domain: 'gov', channel_id: 'C1', channel_name: 'disclosure', user_id: user, user_name: 'zhang',
    command: '/disclosure', text, api_app_id: 'A1', response_url: `${fake.url}respond/${++counter}`, trigger_id: `t${counter}`,
  }).toString();

const eventBody = (event: Record<string, unknown>, eventId = `Ev${++counter}`) =>
  JSON.stringify({ token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });

const textOf = (r: Recorded) => String(r.body.text);
const blocksOf = (r: Recorded) => r.body.blocks as Array<{ type: string; text?: { text: string }; elements?: Array<Record<string, unknown>> }>;

describe('Slack slash command', () => {
  it('acknowledges a signed command and answers through response_url, ephemeral by default', async () => {
    await start();
    expect(await post(slashCommand('高平市交通局2023年行政处罚多少件'), 'form')).toBe(200);
    const answer = await waitFor(() => responses()[0]);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(textOf(answer)).toContain('321 件');
    const blocks = blocksOf(answer);
    expect(blocks[0]!.text!.text).toContain('321 件');
    expect(blocks.find((b) => b.type === 'context')!.elements![0]!.text).toMatch(/表二.*行政处罚/);
  });

  it('posts in the channel when the user adds --public', async () => {
    await start();
    await post(slashCommand('--public 行政强制有几件'), 'form');
    const answer = await waitFor(() => responses()[0]);
    expect(answer.body.response_type).toBe('in_channel');
    expect(textOf(answer)).toContain('9 件');
  });

  it('an empty command and "help" give usage with examples', async () => {
    await start();
    await post(slashCommand(''), 'form');
    await post(slashCommand('help'), 'form');
    const [a, b] = await waitFor(() => (responses().length >= 2 ? responses() : undefined));
    for (const r of [a!, b!]) {
      expect(textOf(r)).toContain('/disclosure --public');
      expect(blocksOf(r).some((x) => x.type === 'actions')).toBe(true); // example questions as buttons
    }
  });

  it('rejects a forged signature and a timestamp older than five minutes with 401, answering nothing', async () => {
    await start();
    const body = slashCommand('行政处罚多少件');
    expect(await post(body, 'form', sign(body, undefined, 'not-the-secret-at-all'))).toBe(401);
    expect(await post(body, 'form', sign(body, Math.floor(Date.now() / 1000) - 6 * 60))).toBe(401);
    expect(await settle(() => responses().length)).toBe(0);
  });

  it('a core failure produces a polite message, not silence', async () => {
    await start({ handle: () => { throw new Error('boom'); } });
    await post(slashCommand('行政处罚'), 'form');
    const answer = await waitFor(() => responses()[0]);
    expect(textOf(answer)).toContain('抱歉');
  });
});

describe('Slack events', () => {
  it('answers a mention in its thread, and a retried delivery only once', async () => {
    await start();
    const body = eventBody({ type: 'app_mention', user: 'U1', text: '<@UBOT> 高平市交通运输局 行政处罚多少件', ts: '1700000000.000100', channel: 'C1', event_ts: '1700000000.000100' });
    expect(await post(body, 'json')).toBe(200);
    const answer = await waitFor(() => api('chat.postMessage')[0]);
    expect(answer.body.thread_ts).toBe('1700000000.000100');
    expect(answer.body.channel).toBe('C1');
    expect(textOf(answer)).toContain('321 件');
    expect(answer.headers.authorization).toBe('Bearer xoxb-test');
    expect(await post(body, 'json', { ...sign(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    expect(await settle(() => api('chat.postMessage').length)).toBe(1);
  });

  it('keeps the thread of a mention inside an existing thread, with follow-ups in context', async () => {
    await start();
    const base = { type: 'app_mention', user: 'U2', channel: 'C1', thread_ts: '1700000000.000001' };
    await post(eventBody({ ...base, text: '<@UBOT> 高平市交通局2023年行政处罚多少件', ts: '1700000001.000001' }), 'json');
    await waitFor(() => api('chat.postMessage')[0]);
    await post(eventBody({ ...base, text: '<@UBOT> 那行政强制呢', ts: '1700000002.000001' }), 'json');
    const followUp = await waitFor(() => api('chat.postMessage')[1]);
    expect(followUp.body.thread_ts).toBe('1700000000.000001');
    expect(textOf(followUp)).toContain('9 件');
    expect(textOf(followUp)).toContain('高平市交通运输局');
  });

  it('answers direct messages in the DM and ignores its own and other channels’ messages', async () => {
    await start();
    await post(eventBody({ type: 'message', channel_type: 'im', channel: 'D1', user: 'U3', text: '行政处罚多少件', ts: '1700000003.000001' }), 'json');
    const answer = await waitFor(() => api('chat.postMessage')[0]);
    expect(answer.body.channel).toBe('D1');
    expect(textOf(answer)).toContain('321 件');
    await post(eventBody({ type: 'message', channel_type: 'channel', channel: 'C1', user: 'U3', text: '行政处罚多少件', ts: '1700000004.000001' }), 'json');
    await post(eventBody({ type: 'message', channel_type: 'im', channel: 'D1', user: 'UBOT', bot_id: 'BBOT', subtype: 'bot_message', text: '321 件', ts: '1700000005.000001' }), 'json');
    expect(await settle(() => api('chat.postMessage').length)).toBe(1);
  });
});

describe('Slack suggestion buttons', () => {
  const click = (question: string, container: Record<string, unknown>) =>
    new URLSearchParams({
      payload: JSON.stringify({
        type: 'block_actions', api_app_id: 'A1', token: 'legacy', trigger_id: 't', team: { id: 'T1' }, user: { id: 'U4' }, channel: { id: 'C1' },
        container: { type: 'message', channel_id: 'C1', message_ts: '1700000006.000001', ...container },
        response_url: `${fake.url}respond/click`,
        actions: [{ type: 'button', action_id: 'disclosure_suggest_0', block_id: 'disclosure_suggestions', value: question, action_ts: '1' }],
      }),
    }).toString();

  it('re-asks the clicked question in the thread it came from', async () => {
    await start();
    expect(await post(click('高平市交通运输局2023年行政强制决定有几件', { thread_ts: '1700000000.000009' }), 'form')).toBe(200);
    const answer = await waitFor(() => api('chat.postMessage')[0]);
    expect(answer.body.thread_ts).toBe('1700000000.000009');
    expect(textOf(answer)).toContain('9 件');
  });

  it('answers a click on an ephemeral message ephemerally through response_url', async () => {
    await start();
    await post(click('行政处罚多少件', { is_ephemeral: true }), 'form');
    const answer = await waitFor(() => responses()[0]);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(textOf(answer)).toContain('321 件');
  });

  it('the buttons of an unclear question carry questions that fit Slack', async () => {
    await start();
    await post(slashCommand('今天天气怎么样'), 'form');
    const answer = await waitFor(() => responses()[0]);
    const actions = blocksOf(answer).find((b) => b.type === 'actions')!;
    expect(actions.elements!.length).toBeGreaterThan(0);
    for (const b of actions.elements!) expect(String(b.action_id)).toMatch(/^disclosure_suggest_\d+$/);
  });
});

describe('Slack rendering limits', () => {
  const long: Reply = makeReply({
    kind: 'facts', intent: 'narrative', confidence: 1, language: 'zh', source: '表三',
    lines: Array.from({ length: 1200 }, (_, i) => `第${i}行 <b>&amp; ${'长'.repeat(150)}`),
    suggestions: Array.from({ length: 9 }, (_, i) => `建议问题${i}${'很长'.repeat(60)}`),
  });

  it('an overlong answer is cut to 50 blocks of at most 3000 characters, with a note and a text fallback', async () => {
    await start({ handle: () => long });
    await post(slashCommand('随便'), 'form');
    const answer = await waitFor(() => responses()[0]);
    const blocks = blocksOf(answer);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of blocks) if (b.text) expect([...b.text.text].length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(blocks.some((b) => b.text?.text.includes('已截断'))).toBe(true);
    expect(blocks.at(-1)!.type).toBe('actions');
    expect(blocks.at(-1)!.elements!.length).toBe(SLACK_LIMITS.buttons);
    for (const b of blocks.at(-1)!.elements!) expect([...(b.text as { text: string }).text].length).toBeLessThanOrEqual(75);
    expect(textOf(answer).length).toBeGreaterThan(0);
    expect([...textOf(answer)].length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });

  it('escapes markup from the data and fences tables', () => {
    const m = toSlackMessage(makeReply({ kind: 'table', intent: 'breakdown', language: 'zh', lines: ['数字 <1 & >2'], source: '表二', table: { columns: ['类别', '条数'], rows: [['甲', '1 条']] } }));
    expect(m.blocks[0]).toMatchObject({ text: { text: '数字 &lt;1 &amp; &gt;2' } });
    expect((m.blocks[1] as { text: { text: string } }).text.text).toMatch(/^```\n类别/);
    expect(m.blocks[2]!.type).toBe('context');
  });

  it('cleans Slack markup from questions and reads the share flag', () => {
    expect(questionFromSlack('<@U123> 行政处罚 &lt;多少&gt; <https://x.gov.cn|链接>')).toBe('行政处罚 <多少> 链接');
    expect(parseCommandText('--public 行政处罚')).toEqual({ question: '行政处罚', share: true });
    expect(parseCommandText('行政处罚')).toEqual({ question: '行政处罚', share: false });
  });
});

describe('Slack configuration', () => {
  it('Socket Mode with an app token: configured, and start-up opens the connection through SLACK_API_URL', async () => {
    const socket = config({ SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' });
    expect(socket.mode).toBe('socket');
    await expect(startSlack(new Bot([report]), socket, { logger: quiet })).rejects.toThrow();
    expect(api('auth.test')[0]!.headers.authorization).toBe('Bearer xoxb-test');
    const open = await waitFor(() => api('apps.connections.open')[0]);
    expect(open.headers.authorization).toBe('Bearer xapp-1-test');
  });

  it('a token Slack rejects stops start-up with a clear error', async () => {
    await expect(startSlack(new Bot([report]), config({ SLACK_API_URL: `${fake.url}revoked` }), { host: '127.0.0.1', logger: quiet })).rejects.toThrow(/auth\.test/);
  });

  it('lists every missing or malformed variable', () => {
    expect(() => readServeConfig({ SLACK_BOT_TOKEN: 'nope', PORT: 'eighty' })).toThrow(ConfigError);
    try { readServeConfig({ SLACK_BOT_TOKEN: 'nope', PORT: 'eighty' }); } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/SLACK_BOT_TOKEN/);
      expect(problems).toMatch(/SLACK_SIGNING_SECRET/);
      expect(problems).toMatch(/PORT/);
    }
    expect(readServeConfig({})).toEqual({});
    expect(readServeConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefghij' }).slack).toMatchObject({ mode: 'http', port: 3000, command: '/disclosure', responseType: 'ephemeral' });
  });
});
