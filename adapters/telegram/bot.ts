/**
 * The Telegram adapter: a telegraf bot that turns commands, private messages, group mentions/replies, suggestion
 * button presses and inline queries into `core.handle(question, session)` and sends the rendered Reply.
 */
import { Markup, Telegraf, type Context } from 'telegraf';
import type { InlineQueryResultArticle, Message } from 'telegraf/types';
import { withLines, type Reply } from '../../src/bot/reply.js';
import type { TelegramConfig } from '../config.js';
import type { Core } from '../shared/adapter.js';
import { RecentIds } from '../shared/recent.js';
import { memoryState, type SharedState } from '../shared/state.js';
import { CallbackQuestions } from './callbacks.js';
import type { JobJournal } from './journal.js';
import { Outbox, botApiCaller, type OutboxMessage, type OutboxOptions } from './outbox.js';
import { buttonLabel, replySegments, toTelegramAnswer } from './render.js';
import { retryOnFloodWait, type FloodRetryOptions } from './retry.js';
import { truncate } from '../shared/split.js';

export interface TelegramBotOptions {
  /** For the calls made directly (callback and inline answers, start-up); messages go through the outbox. */
  floodRetry?: FloodRetryOptions;
  outbox?: Omit<OutboxOptions, 'journal'>;
  journal?: JobJournal;
  /** Update ids already answered (from the journal), so their redelivery after a restart is dropped. */
  answeredUpdates?: number[];
  /** Update claims, button data and the rate limit, in this process (default) or shared by several instances. */
  state?: SharedState;
}

export interface TelegramAdapter {
  bot: Telegraf;
  outbox: Outbox;
  /** Processes one update: 'done' once its answer is delivered or queued, 'duplicate', or 'failed' (not claimed). */
  process(update: unknown): Promise<'done' | 'duplicate' | 'failed'>;
}

/** The command menu, in Chinese (default) and English. */
export const COMMANDS = {
  zh: [
    { command: 'ask', description: '提问，例如 /ask 行政处罚多少件' },
    { command: 'help', description: '用法和示例问题' },
    { command: 'start', description: '开始，看看我知道什么' },
  ],
  en: [
    { command: 'ask', description: 'Ask a question, e.g. /ask how many administrative penalties' },
    { command: 'help', description: 'How to use me, with example questions' },
    { command: 'start', description: 'Start: what I know' },
  ],
};

const POLITE_ERROR = '抱歉，机器人暂时出了点问题，请稍后再试。';
const USAGE = '私聊直接发问题；群里请 @我、回复我的消息，或用 /ask 问题。';

/** The update's claim, set by the first middleware: true when this is its first delivery. */
interface ClaimState { claimed?: Promise<boolean> }
const firstDelivery = (ctx: Context): Promise<boolean> => (ctx.state as ClaimState).claimed ?? Promise.resolve(true);
/** A message with text (commands included): its handlers settle the update's claim themselves. */
const isTextMessage = (ctx: Context) => !!ctx.message && 'text' in ctx.message;

/** One conversation per chat and user. */
const sessionKey = (ctx: Context) => `tg:${ctx.chat?.id ?? 'inline'}:${ctx.from?.id ?? 'anonymous'}`;
/** Whom the rate limit counts: the user, in whatever chat. */
const userKey = (ctx: Context) => `tg:${ctx.from?.id ?? ctx.chat?.id ?? 'anonymous'}`;

/** Telegram redelivers an unacknowledged update for up to a day; a button may be pressed weeks later. */
const KEEP_MS = { update: 2 * 86_400_000, callback: 30 * 86_400_000 };

/** Telegraf keeps the forum topic a message came from; answers go to the same topic. */
const threadOf = (ctx: Context) => {
  const m = ctx.msg as { is_topic_message?: boolean; message_thread_id?: number } | undefined;
  return m?.is_topic_message ? { message_thread_id: m.message_thread_id } : {};
};

export function createTelegramBot(core: Core, config: TelegramConfig, options: TelegramBotOptions = {}): TelegramAdapter {
  // webhookReply off: every answer is a real API call, so several messages, 429 retries and errors all work alike
  const bot = new Telegraf(config.token, { telegram: { webhookReply: false, ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) } });
  const outbox = new Outbox(botApiCaller(config), { ...options.outbox, journal: options.journal });
  retryOnFloodWait(bot.telegram, options.floodRetry);
  const state = options.state ?? memoryState();
  const botId = config.token.split(':')[0];
  const callbacks = new CallbackQuestions(state.values(`tg:${botId}:callback`, KEEP_MS.callback));
  // a webhook may be redelivered after a timeout or a restart, and to another instance: each update is claimed once
  const answered = state.claims(`tg:${botId}:update`, KEEP_MS.update);
  const journaled = new RecentIds(20_000); // answered before this process's last restart
  for (const id of options.answeredUpdates ?? []) journaled.firstTime(String(id));
  const duplicates = new RecentIds(1000); // claimed elsewhere: told to process() (polling never asks)
  const failed = new Set<number>();
  const queuedFor = new Set<number>();

  const keyboard = async (suggestions: string[]) => {
    if (!suggestions.length) return undefined;
    const data = await Promise.all(suggestions.map((q) => callbacks.encode(q)));
    return Markup.inlineKeyboard(suggestions.map((q, i) => [Markup.button.callback(buttonLabel(q), data[i]!)]));
  };

  /** Queues messages to the update's chat; the update counts as handled from here on. */
  function queue(ctx: Context, messages: OutboxMessage[], question?: string): void {
    const chatId = ctx.chat?.id ?? ctx.from?.id;
    if (chatId === undefined) return;
    outbox.enqueue({ chatId, updateId: ctx.update.update_id, messages, ...(question !== undefined ? { question } : {}) });
    queuedFor.add(ctx.update.update_id);
  }
  const chatOf = (ctx: Context) => ({ chat_id: ctx.chat?.id ?? ctx.from?.id, ...threadOf(ctx) });
  const say = (ctx: Context, text: string) => queue(ctx, [{ method: 'sendMessage', payload: { ...chatOf(ctx), text } }]);

  /** A Reply as one or more HTML messages; the first replies to the question, the keyboard goes under the last. */
  async function send(ctx: Context, reply: Reply, replyTo?: number, question?: string): Promise<void> {
    const { messages, suggestions } = toTelegramAnswer(reply);
    const buttons = await keyboard(suggestions);
    queue(ctx, messages.map((html, i) => ({
      method: 'sendMessage',
      payload: {
        ...chatOf(ctx), text: html, parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(i === 0 && replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
        ...(i === messages.length - 1 ? buttons : {}),
      },
    })), question);
  }

  /**
   * Answers a question. The update's claim, the rate check and the conversation's load go to Redis together (one
   * round trip before the answer); a redelivered update stops there (its question counts toward the user's limit).
   */
  async function answer(ctx: Context, question: string, replyTo?: number): Promise<void> {
    let reply: Reply;
    try {
      core.prepare?.(sessionKey(ctx));
      const [first, limited] = await Promise.all([firstDelivery(ctx), state.rateLimit?.check(userKey(ctx), question, 'telegram')]);
      if (!first) return;
      reply = limited ?? (await core.handle(question, sessionKey(ctx)));
    } catch (error) {
      console.error(`telegram: answering update ${ctx.update.update_id} failed: ${(error as Error).message}`);
      return say(ctx, POLITE_ERROR);
    }
    await send(ctx, reply, replyTo, question);
  }

  const help = async (ctx: Context, greeting: string) => {
    if (!(await firstDelivery(ctx))) return;
    const reply = await core.handle('help', sessionKey(ctx));
    await send(ctx, withLines(reply, [greeting.trim()].filter(Boolean), ['', USAGE]));
  };

  // each update once: claimed here, released when handling fails before its answer was queued. A text message's
  // handler settles the claim itself (a question's together with its rate check, see answer()); any other update
  // waits for it here.
  bot.use(async (ctx, next) => {
    const id = ctx.update.update_id;
    const duplicate = () => { duplicates.firstTime(String(id)); };
    if (journaled.has(String(id))) return duplicate();
    const claimed = answered.claim(String(id));
    (ctx.state as ClaimState).claimed = claimed;
    if (!isTextMessage(ctx) && !(await claimed)) return duplicate();
    retryOnFloodWait(ctx.telegram, options.floodRetry); // telegraf gives every update its own Telegram client
    try {
      await next();
      if (!(await claimed)) return duplicate();
      if (!queuedFor.delete(id)) options.journal?.handled(id);
    } catch (error) {
      queuedFor.delete(id);
      if (!(await claimed)) return duplicate(); // another delivery owns it
      await answered.release(String(id));
      failed.add(id);
      console.error(`telegram: update ${id} failed: ${(error as Error).message}`);
    }
  });

  bot.start((ctx) => help(ctx, '你好！'));
  bot.help((ctx) => help(ctx, ''));
  bot.command('ask', async (ctx) => {
    const question = ctx.payload.trim();
    if (!question) return void ((await firstDelivery(ctx)) && say(ctx, `用法：/ask 问题，例如 /ask 行政处罚多少件\n${USAGE}`));
    await answer(ctx, question, ctx.chat.type === 'private' ? undefined : ctx.message.message_id);
  });

  bot.on('text', async (ctx) => {
    const message = ctx.message;
    if (message.text.startsWith('/')) {
      // an unknown command: explained in a private chat; in a group it may be for another bot
      if (ctx.chat.type === 'private' && (await firstDelivery(ctx))) say(ctx, `没有这个命令。可用：/ask 问题、/help、/start。\n${USAGE}`);
      return;
    }
    if (ctx.chat.type === 'private') return answer(ctx, message.text);
    const question = addressedQuestion(message, ctx.botInfo);
    if (question !== undefined) await answer(ctx, question || 'help', message.message_id);
  });
  bot.on('message', async (ctx) => {
    if (ctx.chat.type === 'private') say(ctx, '我只能回答文字问题，请直接输入问题，例如：行政处罚多少件');
  });

  bot.on('callback_query', async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    const question = data ? await callbacks.decode(data) : undefined;
    // the button press is acknowledged directly (it must be quick); the answer goes through the outbox
    if (!question) return void (await ctx.answerCbQuery('这个按钮已过期，请重新提问。').catch(() => undefined));
    await ctx.answerCbQuery(truncate(question, 190)).catch((e: Error) => console.error(`telegram: callback answer failed: ${e.message}`));
    await answer(ctx, question);
  });

  bot.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const limited = await state.rateLimit?.check(userKey(ctx), query, 'telegram');
    if (limited) return void (await ctx.answerInlineQuery([inlineCard(limited, query, 0)], { cache_time: 5, is_personal: true }).catch(() => undefined));
    const reply = await core.handle(query || 'help', sessionKey(ctx));
    const extra = reply.refused || !query ? reply.suggestions.slice(0, 3) : [];
    const answers = [reply, ...(await Promise.all(extra.map((q) => core.handle(q, `tg-inline-suggestion:${ctx.from.id}`))))];
    const questions = [query || '帮助', ...extra];
    const results: InlineQueryResultArticle[] = answers.map((r, i) => inlineCard(r, questions[i]!, i));
    await ctx.answerInlineQuery(results, { cache_time: 30, is_personal: true }).catch((e: Error) => console.error(`telegram: inline answer failed: ${e.message}`));
  });

  bot.catch((error) => console.error(`telegram: ${(error as Error).message}`));

  const attempts = new Map<number, number>();
  const process = async (update: unknown): Promise<'done' | 'duplicate' | 'failed'> => {
    const id = (update as { update_id: number }).update_id;
    if (journaled.has(String(id))) return 'duplicate';
    await bot.handleUpdate(update as Parameters<typeof bot.handleUpdate>[0]);
    if (duplicates.has(String(id))) { duplicates.forget(String(id)); return 'duplicate'; }
    if (!failed.delete(id)) return 'done';
    // let Telegram redeliver a failed update a few times, then stop the loop: it is logged, not retried forever
    const n = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, n);
    if (attempts.size > 1000) attempts.delete(attempts.keys().next().value!);
    if (n < 3) return 'failed';
    attempts.delete(id);
    journaled.firstTime(String(id));
    await answered.claim(String(id));
    console.error(`telegram: update ${id} failed ${n} times; giving it up`);
    return 'done';
  };
  return { bot, outbox, process };
}

/** In a group, a message is for the bot when it mentions it or replies to it; returns the question without the mention. */
export function addressedQuestion(message: Message.TextMessage, me: { id: number; username: string }): string | undefined {
  const mention = new RegExp(`@${me.username}\\b`, 'gi');
  const mentioned = mention.test(message.text);
  const repliedTo = message.reply_to_message?.from?.id === me.id;
  if (!mentioned && !repliedTo) return undefined;
  return message.text.replace(mention, ' ').trim();
}

function inlineCard(reply: Reply, question: string, index: number): InlineQueryResultArticle {
  const [html] = toTelegramAnswer(reply).messages;
  const plain = replySegments(reply).map((s) => s.text).join('\n');
  const lines = plain.split('\n').filter(Boolean);
  return {
    type: 'article',
    id: `a${index}`,
    title: truncate(index === 0 ? lines[0] ?? question : question, 64),
    description: truncate(lines.slice(index === 0 ? 1 : 0).join(' '), 120),
    input_message_content: { message_text: html!, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
  };
}

/** Registers the command menu in Chinese (default) and English. */
export async function registerCommands(bot: Telegraf): Promise<void> {
  await bot.telegram.setMyCommands(COMMANDS.zh);
  await bot.telegram.setMyCommands(COMMANDS.en, { language_code: 'en' });
}

