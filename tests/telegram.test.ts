/**
 * End-to-end: the real telegraf bot against a fake Telegram Bot API on 127.0.0.1 (telegram.apiRoot), fed updates
 * through long polling (getUpdates) or through the webhook server, as Telegram would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/bot/bot.js';
import { makeReply, type Reply } from '../src/bot/reply.js';
import { TelegramEnv, type TelegramConfig } from '../adapters/config.js';
import type { Core } from '../adapters/shared/adapter.js';
import { startTelegram, type RunningTelegram } from '../adapters/telegram/index.js';
import { CallbackQuestions } from '../adapters/telegram/callbacks.js';
import { packHtml, TELEGRAM_LIMITS } from '../adapters/telegram/render.js';
import { consistentTables } from './helpers/reports.js';
import { agencyReport } from './helpers/fleet.js';
import { settle, waitFor, type Recorded } from './helpers/local-server.js';
import { BOT_USER, TOKEN, startFakeTelegram, type FakeTelegram } from './helpers/fake-telegram.js';

const report = agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 321, coercion: 9 });

let fake: FakeTelegram;
let messageId = 1;
const api = (method: string) => fake.api(method);
const sent = () => api('sendMessage');
const push = (update: Record<string, unknown>) => fake.push(update);

beforeAll(async () => { fake = await startFakeTelegram(); });
afterAll(() => fake.server.close());

const config = (extra: Record<string, string> = {}): TelegramConfig => TelegramEnv.parse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, PORT: '0', ...extra });

let running: RunningTelegram | undefined;
const stateDirs: string[] = [];
afterAll(() => { for (const d of stateDirs) rmSync(d, { recursive: true, force: true }); });
async function start(core: Core = new Bot([report]), extra: Record<string, string> = {}) {
  // a fresh outbox journal each time: answers queued by one test are not resumed in the next
  running = await startTelegram(core, config(extra), { host: '127.0.0.1', floodRetry: { retries: 2, maxWaitSeconds: 5 }, stateDir: stateDirs[stateDirs.push(mkdtempSync(join(tmpdir(), 'tg-state-'))) - 1] });
  return running;
}
afterEach(async () => { await running?.stop(); running = undefined; fake.reset(); });

const user = { id: 42, is_bot: false, first_name: '张', language_code: 'zh-hans' };
const privateChat = { id: 42, type: 'private', first_name: '张' };
const group = { id: -100500, type: 'supergroup', title: '信息公开' };
function text(t: string, chat: Record<string, unknown> = privateChat, extra: Record<string, unknown> = {}) {
  const entities = t.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: t.split(/\s/)[0]!.length }] : undefined;
  push({ message: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat, from: user, text: t, ...(entities ? { entities } : {}), ...extra } });
}

/** Telegram HTML: only known tags, all closed in order, and only &lt; &gt; &amp; &quot; entities. */
function validTelegramHtml(html: string): boolean {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)[^>]*>|&([a-z#0-9]+);|[<>]|&/g)) {
    if (m[0] === '<' || m[0] === '>' || m[0] === '&') return false;
    if (m[3] !== undefined) { if (!['lt', 'gt', 'amp', 'quot'].includes(m[3])) return false; continue; }
    if (!['b', 'i', 'pre', 'code', 'a', 'u', 's'].includes(m[2]!)) return false;
    if (m[1]) { if (stack.pop() !== m[2]) return false; } else stack.push(m[2]!);
  }
  return stack.length === 0;
}
const unescape = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textOf = (r: Recorded) => String(r.body.text);

describe('Telegram private chats and commands', () => {
  it('answers a private message with the number, its source and valid HTML', async () => {
    await start();
    text('高平市交通局2023年行政处罚多少件');
    const answer = await waitFor(() => sent()[0]);
    expect(answer.body).toMatchObject({ chat_id: 42, parse_mode: 'HTML' });
    expect(textOf(answer)).toContain('321 件');
    expect(textOf(answer)).toMatch(/<i>来源：表二.*行政处罚/);
    expect(validTelegramHtml(textOf(answer))).toBe(true);
  });

  it('keeps the conversation: a follow-up uses the context', async () => {
    await start();
    text('高平市交通局2023年行政处罚多少件');
    await waitFor(() => sent()[0]);
    text('那行政强制呢');
    const followUp = await waitFor(() => sent()[1]);
    expect(textOf(followUp)).toContain('9 件');
    expect(textOf(followUp)).toContain('高平市交通运输局');
  });

  it('/start greets with example buttons, /ask answers, the command menu is registered in Chinese and English', async () => {
    await start();
    const menus = api('setMyCommands');
    expect(menus.length).toBe(2);
    expect(menus.map((m) => m.body.language_code)).toEqual([undefined, 'en']);
    expect((menus[0]!.body.commands as Array<{ command: string }>).map((c) => c.command)).toContain('ask');
    text('/start');
    const hello = await waitFor(() => sent()[0]);
    expect(textOf(hello)).toMatch(/^你好/);
    const keyboard = (hello.body.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard;
    expect(keyboard.length).toBeGreaterThan(0);
    for (const [button] of keyboard) expect(Buffer.byteLength(button!.callback_data)).toBeLessThanOrEqual(64);
    text('/ask 行政强制有几件');
    expect(textOf(await waitFor(() => sent()[1]))).toContain('9 件');
    text('/nonsense');
    expect(textOf(await waitFor(() => sent()[2]))).toContain('没有这个命令');
  });
});

describe('Telegram groups', () => {
  it('ignores a group message without mention; answers one with a mention, a reply to the bot, or /ask', async () => {
    await start();
    text('行政处罚多少件', group);
    expect(await settle(() => sent().length)).toBe(0);
    text('@disclosure_test_bot 行政处罚多少件', group);
    const answer = await waitFor(() => sent()[0]);
    expect(answer.body.chat_id).toBe(group.id);
    expect(textOf(answer)).toContain('321 件');
    expect((answer.body.reply_parameters as { message_id: number }).message_id).toBeGreaterThan(0);
    text('那行政强制呢', group, { reply_to_message: { message_id: 1, date: 0, chat: group, from: BOT_USER, text: '…' } });
    expect(textOf(await waitFor(() => sent()[1]))).toContain('9 件');
    text('/ask@disclosure_test_bot 行政处罚多少件', group);
    expect(textOf(await waitFor(() => sent()[2]))).toContain('321 件');
  });
});

describe('Telegram buttons and inline mode', () => {
  it('a suggestion button press answers the callback and re-asks', async () => {
    await start();
    text('今天天气怎么样');
    const refusal = await waitFor(() => sent()[0]);
    const keyboard = (refusal.body.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }).inline_keyboard;
    const button = keyboard[0]![0]!;
    push({ callback_query: { id: 'cb1', from: user, chat_instance: 'ci', data: button.callback_data, message: { message_id: 5, date: 0, chat: privateChat, text: '…' } } });
    const ack = await waitFor(() => api('answerCallbackQuery')[0]);
    expect(ack.body.callback_query_id).toBe('cb1');
    const answer = await waitFor(() => sent()[1]);
    expect(answer.body.chat_id).toBe(42);
    expect(textOf(answer)).toMatch(/\d/);
    expect(answer.body.parse_mode).toBe('HTML');
  });

  it('answers an inline query with answer cards', async () => {
    await start();
    push({ inline_query: { id: 'iq1', from: user, query: '高平市交通运输局 行政处罚', offset: '' } });
    const answer = await waitFor(() => api('answerInlineQuery')[0]);
    const results = answer.body.results as Array<{ type: string; title: string; input_message_content: { message_text: string; parse_mode: string } }>;
    expect(results[0]!.type).toBe('article');
    expect(results[0]!.input_message_content.message_text).toContain('321 件');
    expect(results[0]!.input_message_content.parse_mode).toBe('HTML');
  });

  it('callback data always fits 64 bytes, long questions through a key', async () => {
    const store = new CallbackQuestions();
    const long = '泽州县交通运输局2023年政府信息公开申请中不予公开的有几件';
    const data = await store.encode(long);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(TELEGRAM_LIMITS.callbackData);
    expect(await store.decode(data)).toBe(long);
    expect(await store.decode(await store.encode('行政处罚'))).toBe('行政处罚');
    expect(await store.decode('k:unknown')).toBeUndefined();
    // the key comes from the question: another instance's store given the same question makes the same button
    expect(await new CallbackQuestions().encode(long)).toBe(data);
  });
});

describe('Telegram long answers, escaping and flood control', () => {
  const body = Array.from({ length: 120 }, (_, i) => `第${i}行 a<b && c>d ${'数'.repeat(40)}`).join('\n'); // ≈ 6,500 characters
  const long: Reply = makeReply({ kind: 'facts', intent: 'narrative', confidence: 1, language: 'zh', lines: body.split('\n'), source: '表三 <原文>', suggestions: ['行政处罚多少件'] });

  it('escapes <, & and splits a 6,000-character answer under 4096 without breaking tags', async () => {
    await start({ handle: () => long });
    text('随便什么');
    // pieces go out about one per second (Telegram's per-chat limit); the keyboard marks the last one
    await waitFor(() => sent().find((r) => r.body.reply_markup), 8000);
    const parts = sent();
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) {
      expect(textOf(p).length).toBeLessThanOrEqual(TELEGRAM_LIMITS.message);
      expect(validTelegramHtml(textOf(p))).toBe(true);
    }
    expect(textOf(parts[0]!)).toContain('a&lt;b &amp;&amp; c&gt;d');
    const joined = parts.map((p) => unescape(textOf(p))).join('\n');
    expect(joined).toBe(`${body}\n来源：表三 <原文>`);
    expect(parts.at(-1)!.body.reply_markup).toBeDefined(); // the keyboard sits under the last piece
    expect(parts[0]!.body.reply_markup).toBeUndefined();
  });

  it('keeps a <pre> table intact across pieces by reopening it', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `行${i}  ${i} 件 <x>`).join('\n');
    const pieces = packHtml([{ tag: undefined, text: '表：' }, { tag: 'pre', text: rows }, { tag: 'i', text: '来源：表二' }], 1000);
    expect(pieces.length).toBeGreaterThan(5);
    for (const p of pieces) { expect(p.length).toBeLessThanOrEqual(1000); expect(validTelegramHtml(p)).toBe(true); }
    expect(pieces.slice(1, -1).every((p) => p.startsWith('<pre>'))).toBe(true);
  });

  it('waits out a 429 retry_after and sends again', async () => {
    await start();
    fake.floodOnce.add('sendMessage');
    const t0 = Date.now();
    text('行政处罚多少件');
    const answer = await waitFor(() => sent()[1]);
    expect(sent().length).toBe(2); // the refused attempt and the retry
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(textOf(answer)).toContain('321 件');
  });

  it('a core failure gets a polite message, not silence', async () => {
    await start({ handle: () => { throw new Error('boom'); } });
    text('行政处罚多少件');
    expect(textOf(await waitFor(() => sent()[0]))).toContain('抱歉');
  });
});

describe('Telegram webhook mode', () => {
  it('registers the webhook with a secret and rejects requests without it (401, not processed)', async () => {
    const hook = await start(new Bot([report]), { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg/hook', TELEGRAM_WEBHOOK_SECRET: 'secret_token_0123456789' });
    const setWebhook = await waitFor(() => api('setWebhook')[0]);
    expect(setWebhook.body).toMatchObject({ url: 'https://bot.example.org/tg/hook', secret_token: 'secret_token_0123456789' });
    expect(api('getUpdates').length).toBe(0);
    const url = `http://127.0.0.1:${hook.port}/tg/hook`;
    const update = (id: number) => JSON.stringify({ update_id: id, message: { message_id: 7, date: 0, chat: privateChat, from: user, text: '行政处罚多少件' } });
    const post = (body: string, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }).then((r) => r.status);
    expect(await post(update(1))).toBe(401);
    expect(await post(update(2), { 'x-telegram-bot-api-secret-token': 'wrong_token_0123456789' })).toBe(401);
    expect(await settle(() => sent().length)).toBe(0);
    expect(await post(update(3), { 'x-telegram-bot-api-secret-token': 'secret_token_0123456789' })).toBe(200);
    expect(textOf(await waitFor(() => sent()[0]))).toContain('321 件');
    // a redelivered update is answered once
    expect(await post(update(3), { 'x-telegram-bot-api-secret-token': 'secret_token_0123456789' })).toBe(200);
    expect(await settle(() => sent().length)).toBe(1);
  });

  it('validates its configuration', () => {
    expect(TelegramEnv.safeParse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://x.org/hook' }).success).toBe(false); // no secret
    expect(TelegramEnv.safeParse({ TELEGRAM_BOT_TOKEN: 'nope' }).success).toBe(false);
    expect(TelegramEnv.parse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' }).apiRoot).toBe('http://127.0.0.1:8081/');
  });
});
