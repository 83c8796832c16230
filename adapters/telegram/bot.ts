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
import { CallbackQuestions } from './callbacks.js';
import { buttonLabel, replySegments, toTelegramAnswer } from './render.js';
import { retryOnFloodWait, type FloodRetryOptions } from './retry.js';
import { truncate } from '../shared/split.js';

export interface TelegramBotOptions {
  floodRetry?: FloodRetryOptions;
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

/** One conversation per chat and user. */
const sessionKey = (ctx: Context) => `tg:${ctx.chat?.id ?? 'inline'}:${ctx.from?.id ?? 'anonymous'}`;

export function createTelegramBot(core: Core, config: TelegramConfig, options: TelegramBotOptions = {}): Telegraf {
  // webhookReply off: every answer is a real API call, so several messages, 429 retries and errors all work alike
  const bot = new Telegraf(config.token, { telegram: { webhookReply: false, ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) } });
  retryOnFloodWait(bot.telegram, options.floodRetry);
  const callbacks = new CallbackQuestions();
  const delivered = new RecentIds(); // a webhook may be redelivered after a timeout

  const keyboard = (suggestions: string[]) =>
    suggestions.length ? Markup.inlineKeyboard(suggestions.map((q) => [Markup.button.callback(buttonLabel(q), callbacks.encode(q))])) : undefined;

  /** Sends a Reply as one or more HTML messages; the first replies to the question, the keyboard goes under the last. */
  async function send(ctx: Context, reply: Reply, replyTo?: number): Promise<void> {
    const { messages, suggestions } = toTelegramAnswer(reply);
    for (const [i, html] of messages.entries()) {
      const last = i === messages.length - 1;
      await ctx.replyWithHTML(html, {
        link_preview_options: { is_disabled: true },
        ...(i === 0 && replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
        ...(last ? keyboard(suggestions) : {}),
      });
    }
  }

  async function answer(ctx: Context, question: string, replyTo?: number): Promise<void> {
    try {
      await ctx.sendChatAction('typing').catch(() => undefined);
      await send(ctx, core.handle(question, sessionKey(ctx)), replyTo);
    } catch (error) {
      console.error(`telegram: answering failed: ${(error as Error).message}`);
      await ctx.reply(POLITE_ERROR).catch(() => undefined);
    }
  }

  const help = (ctx: Context, greeting: string) => {
    const reply = core.handle('help', sessionKey(ctx));
    return send(ctx, withLines(reply, [greeting.trim()].filter(Boolean), ['', USAGE]));
  };

  bot.use(async (ctx, next) => {
    if (!delivered.firstTime(String(ctx.update.update_id))) return;
    retryOnFloodWait(ctx.telegram, options.floodRetry); // telegraf gives every update its own Telegram client
    await next();
  });

  bot.start((ctx) => help(ctx, '你好！'));
  bot.help((ctx) => help(ctx, ''));
  bot.command('ask', async (ctx) => {
    const question = ctx.payload.trim();
    if (!question) return void (await ctx.reply(`用法：/ask 问题，例如 /ask 行政处罚多少件\n${USAGE}`));
    await answer(ctx, question, ctx.chat.type === 'private' ? undefined : ctx.message.message_id);
  });

  bot.on('text', async (ctx) => {
    const message = ctx.message;
    if (message.text.startsWith('/')) {
      // an unknown command: explained in a private chat; in a group it may be for another bot
      if (ctx.chat.type === 'private') await ctx.reply(`没有这个命令。可用：/ask 问题、/help、/start。\n${USAGE}`).catch(() => undefined);
      return;
    }
    if (ctx.chat.type === 'private') return answer(ctx, message.text);
    const question = addressedQuestion(message, ctx.botInfo);
    if (question !== undefined) await answer(ctx, question || 'help', message.message_id);
  });
  bot.on('message', async (ctx) => {
    if (ctx.chat.type === 'private') await ctx.reply('我只能回答文字问题，请直接输入问题，例如：行政处罚多少件').catch(() => undefined);
  });

  bot.on('callback_query', async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    const question = data ? callbacks.decode(data) : undefined;
    if (!question) return void (await ctx.answerCbQuery('这个按钮已过期，请重新提问。'));
    await ctx.answerCbQuery(truncate(question, 190));
    await answer(ctx, question);
  });

  bot.on('inline_query', async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const reply = core.handle(query || 'help', sessionKey(ctx));
    const answers = [reply, ...(reply.refused || !query ? reply.suggestions.slice(0, 3).map((q) => core.handle(q, `tg-inline-suggestion:${ctx.from.id}`)) : [])];
    const questions = [query || '帮助', ...(reply.refused || !query ? reply.suggestions.slice(0, 3) : [])];
    const results: InlineQueryResultArticle[] = answers.map((r, i) => inlineCard(r, questions[i]!, i));
    await ctx.answerInlineQuery(results, { cache_time: 30, is_personal: true }).catch((e: Error) => console.error(`telegram: inline answer failed: ${e.message}`));
  });

  bot.catch((error) => console.error(`telegram: ${(error as Error).message}`));
  return bot;
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

