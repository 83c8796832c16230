/**
 * The Telegram adapter under faults, against the fake Bot API on 127.0.0.1: odd webhook bodies, characters split
 * across TCP packets, duplicates, redelivery after a restart, 500/429/hang from the API. Each accepted update is
 * answered exactly once, and one throttled chat never delays the others.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/bot/bot.js';
import { TelegramEnv } from '../adapters/config.js';
import { startTelegram, type RunningTelegram } from '../adapters/telegram/index.js';
import { Outbox } from '../adapters/telegram/outbox.js';
import { consistentTables } from './helpers/reports.js';
import { agencyReport } from './helpers/fleet.js';
import { settle, waitFor } from './helpers/local-server.js';
import { TOKEN, flood, serverError, startFakeTelegram, type FakeTelegram } from './helpers/fake-telegram.js';

const report = agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 321, coercion: 9 });
const SECRET = 'secret_token_0123456789';
const HOOK = { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook', TELEGRAM_WEBHOOK_SECRET: SECRET };

let fake: FakeTelegram;
beforeAll(async () => { fake = await startFakeTelegram(); });
afterAll(() => fake.server.close());

let running: RunningTelegram | undefined;
let stateDir: string;
const stateDirs: string[] = [];
afterAll(() => { for (const d of stateDirs) rmSync(d, { recursive: true, force: true }); });
async function start(options: { newState?: boolean; timeoutMs?: number } = {}) {
  if (options.newState !== false) stateDirs.push((stateDir = mkdtempSync(join(tmpdir(), 'tg-faults-'))));
  const config = TelegramEnv.parse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, PORT: '0', ...HOOK });
  running = await startTelegram(new Bot([report]), config, { host: '127.0.0.1', stateDir, outbox: { requestTimeoutMs: options.timeoutMs ?? 10_000 } });
  return running;
}
afterEach(async () => { await running?.stop(2000); running = undefined; fake.reset(); });

const privateChat = (id: number) => ({ id, type: 'private', first_name: 'U' });
const update = (id: number, chat = id, text = '高平市交通局2023年行政处罚多少件') =>
  JSON.stringify({ update_id: id, message: { message_id: id, date: 0, chat: privateChat(chat), from: { id: chat, is_bot: false, first_name: 'U' }, text } });
const hook = () => `http://127.0.0.1:${running!.port}/tg/hook`;
const post = (body: string | Uint8Array, secret = SECRET) =>
  fetch(hook(), { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret } }).then((r) => r.status);
const deliveredTo = (chat: number) => fake.delivered.filter((r) => r.body.chat_id === chat);

describe('Telegram webhook bodies', () => {
  it('null, non-objects, no update_id, invalid JSON or UTF-8 with the right secret: 400, and the bot keeps answering', async () => {
    await start();
    for (const body of ['null', '[]', '42', '"text"', '{}', '{"update_id":"7"}', '{"update_id":1.5}', '{"update_id":', '', '\u0000'])
      expect([body, await post(body)]).toEqual([body, 400]);
    expect(await post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toBe(400);
    // an update of a kind the bot does not handle is accepted and ignored; a message that is not one is refused
    expect(await post(JSON.stringify({ update_id: 50, edited_message: null }))).toBe(200);
    expect(await post(JSON.stringify({ update_id: 51, message: null }))).toBe(400);
    expect(await post(JSON.stringify({ update_id: 53, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private' }, photo: [] } }))).toBe(200);
    expect(await post(update(52))).toBe(200);
    expect(String((await waitFor(() => deliveredTo(52)[0])).body.text)).toContain('321 件');
  });

  it('a character split across two TCP packets is decoded right', async () => {
    await start();
    const body = Buffer.from(update(60));
    const cut = body.indexOf(Buffer.from('处罚')) + 1; // inside the three bytes of 处
    const status = await new Promise<string>((resolve, reject) => {
      const socket = connect(running!.port!, '127.0.0.1', () => {
        socket.setNoDelay(true);
        socket.write(`POST /tg/hook HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\nx-telegram-bot-api-secret-token: ${SECRET}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`);
        socket.write(body.subarray(0, cut));
        setTimeout(() => socket.write(body.subarray(cut)), 50);
      });
      let response = '';
      socket.on('data', (c) => (response += c));
      socket.on('end', () => resolve(response.split('\r\n')[0]!));
      socket.on('error', reject);
    });
    expect(status).toContain('200');
    expect(String((await waitFor(() => deliveredTo(60)[0])).body.text)).toContain('321 件');
  });
});

describe('Telegram delivery', () => {
  it('duplicates, concurrent or later, are answered once', async () => {
    await start();
    const statuses = await Promise.all(Array.from({ length: 5 }, () => post(update(70))));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await waitFor(() => deliveredTo(70)[0]);
    expect(await post(update(70))).toBe(200);
    expect(await settle(() => deliveredTo(70).length, 500)).toBe(1);
  });

  it('a Bot API 500 is retried until delivered: answered once, webhook acknowledged at once', async () => {
    await start();
    let failures = 2;
    fake.fault = (method) => (method === 'sendMessage' && failures-- > 0 ? serverError : undefined);
    const t0 = Date.now();
    expect(await post(update(80))).toBe(200);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(String((await waitFor(() => deliveredTo(80)[0], 8000)).body.text)).toContain('321 件');
    expect(await settle(() => deliveredTo(80).length, 300)).toBe(1);
  });

  it('a hanging API call times out and is retried; other chats are not held', async () => {
    await start({ timeoutMs: 400 });
    let hangs = 1;
    fake.fault = (method, body) => (method === 'sendMessage' && body.chat_id === 90 && hangs-- > 0 ? 'hang' : undefined);
    await post(update(90));
    await post(update(91));
    await waitFor(() => deliveredTo(91)[0], 1000);
    expect(deliveredTo(90).length).toBe(0);
    await waitFor(() => deliveredTo(90)[0], 5000);
    expect(await settle(() => deliveredTo(90).length, 300)).toBe(1);
  });

  it('40 chats waiting out a long flood limit do not delay another chat; they are answered after a restart', async () => {
    await start();
    const throttled = Array.from({ length: 40 }, (_, i) => 1000 + i);
    fake.fault = (method, body) => (method === 'sendMessage' && throttled.includes(body.chat_id as number) ? flood(120) : undefined);
    for (const chat of throttled) expect(await post(update(chat))).toBe(200);
    await waitFor(() => fake.api('sendMessage').filter((r) => throttled.includes(r.body.chat_id as number)).length >= 40 || undefined);
    const t0 = Date.now();
    await post(update(2000));
    await waitFor(() => deliveredTo(2000)[0], 2000);
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(throttled.filter((c) => deliveredTo(c).length).length).toBe(0);
    // stopped while they wait: the answers are journaled, not lost, and go out once after the restart
    await running!.stop(500);
    fake.fault = undefined;
    await start({ newState: false });
    for (const chat of throttled) expect(await post(update(chat))).toBe(200); // Telegram may redeliver them too
    await waitFor(() => (throttled.every((c) => deliveredTo(c).length) ? true : undefined), 8000);
    await settle(() => 0, 300);
    for (const chat of throttled) expect([chat, deliveredTo(chat).length]).toEqual([chat, 1]);
  });

  it('an update acknowledged before a restart is not answered again when Telegram redelivers it', async () => {
    await start();
    expect(await post(update(3000))).toBe(200);
    await waitFor(() => deliveredTo(3000)[0]);
    await running!.stop(1000);
    await start({ newState: false });
    expect(await post(update(3000))).toBe(200);
    expect(await settle(() => deliveredTo(3000).length, 500)).toBe(1);
  });

  it('a permanent refusal is given up and the chat is told when a later answer gets through', async () => {
    await start();
    let refuse = true;
    fake.fault = (method) => (method === 'sendMessage' && refuse ? { status: 400, json: { ok: false, error_code: 400, description: 'Bad Request: something' } } : undefined);
    await post(update(4000, 44));
    await waitFor(() => fake.api('sendMessage')[0]);
    refuse = false;
    await post(update(4001, 44));
    const notice = await waitFor(() => deliveredTo(44).find((r) => String(r.body.text).includes('未能送达')), 5000);
    expect(String(notice.body.text)).toContain('高平市交通局2023年行政处罚多少件');
  });
});

describe('Telegram outbox limits', () => {
  const recorder = () => {
    const calls: Array<{ chat: unknown; at: number }> = [];
    return { calls, call: async (_m: string, p: Record<string, unknown>) => { calls.push({ chat: p.chat_id, at: Date.now() }); return true; } };
  };
  const job = (chatId: number, n = 1) => ({ chatId, messages: Array.from({ length: n }, () => ({ method: 'sendMessage', payload: { chat_id: chatId, text: 'x' } })) });

  it('about one message per second in a chat, while other chats go on', async () => {
    const { calls, call } = recorder();
    const outbox = new Outbox(call, { limits: { perChatIntervalMs: 300 } });
    outbox.enqueue(job(1, 3));
    outbox.enqueue(job(2));
    outbox.enqueue(job(3));
    expect(await outbox.drain(3000)).toBe(true);
    const one = calls.filter((c) => c.chat === 1).map((c) => c.at);
    expect(one[1]! - one[0]!).toBeGreaterThanOrEqual(290);
    expect(one[2]! - one[1]!).toBeGreaterThanOrEqual(290);
    expect(calls.find((c) => c.chat === 3)!.at - calls[0]!.at).toBeLessThan(100);
  });

  it('at most N per minute in a group and M per second overall', async () => {
    const { calls, call } = recorder();
    const outbox = new Outbox(call, { limits: { perChatIntervalMs: 0, groupPerMinute: 2, globalPerSecond: 4 } });
    outbox.enqueue(job(-100, 3));
    for (let c = 1; c <= 6; c++) outbox.enqueue(job(c));
    await new Promise((r) => setTimeout(r, 600));
    expect(calls.length).toBe(4); // the overall limit
    await new Promise((r) => setTimeout(r, 900));
    expect(calls.filter((c) => c.chat === -100).length).toBe(2); // the group's third waits for its minute
    outbox.stop();
  });
});
