/**
 * The Slack adapter: a bolt App that turns slash commands, mentions, DMs and suggestion-button clicks into
 * `bot.handle(question, session)` and posts the rendered Reply. No question answering happens here.
 */
import { App, LogLevel, type Logger, type BlockButtonAction } from '@slack/bolt';
import type { Core } from '../shared/adapter.js';
import { withLines, type Reply } from '../../src/bot/reply.js';
import type { SlackConfig } from '../config.js';
import { RecentIds } from '../shared/recent.js';
import { SUGGESTION_ACTION, toSlackMessage } from './render.js';
import { parseCommandText, questionFromSlack } from './text.js';

export interface SlackAdapterOptions {
  logger?: Logger;
  logLevel?: LogLevel;
}

/** One conversation per user per channel and thread, so follow-ups keep their context. */
const sessionKey = (team: string | undefined, channel: string | undefined, thread: string | undefined, user: string) =>
  `slack:${team ?? '-'}:${channel ?? '-'}:${thread ?? '-'}:${user}`;

const POLITE_ERROR = '抱歉，机器人暂时出了点问题，请稍后再试。(Sorry, something went wrong; please try again.)';

export function createSlackApp(bot: Core, config: SlackConfig, options: SlackAdapterOptions = {}): App {
  // a few quick retries: an answer that arrives half an hour late (the Web API client's default) is no answer
  const clientOptions = { retryConfig: { retries: 3, factor: 2, minTimeout: 300, maxTimeout: 3000 }, ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) };
  // initialization (auth.test) is deferred to startSlack, which turns a bad token or unreachable API into a clear error
  const common = { token: config.botToken, clientOptions, deferInitialization: true, logger: options.logger, logLevel: options.logLevel ?? LogLevel.WARN };
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.appToken, installerOptions: { clientOptions } })
      : new App({ ...common, signingSecret: config.signingSecret, port: config.port });

  const ask = (question: string, session: string): Reply => bot.handle(question, session);
  const usage = (reply: Reply) => withLines(reply, [`用法：\`${config.command} 问题\`（默认只有你能看到），\`${config.command} --public 问题\` 发到频道；也可以 @我 或私信我。`]);

  // Slack redelivers an event it thinks was not acknowledged (X-Slack-Retry-Num); answer each event id once.
  const delivered = new RecentIds();
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !delivered.firstTime(eventId)) return;
    await next();
  });

  app.command(config.command, async ({ command, ack, respond, logger }) => {
    await ack(); // within Slack's 3 s, before any work
    const { question, share } = parseCommandText(command.text);
    const session = sessionKey(command.team_id, command.channel_id, undefined, command.user_id);
    const response_type = share ? 'in_channel' : config.responseType;
    await answerSafely(logger, (m) => respond({ response_type, ...m }), () =>
      !question || /^(?:help|帮助|\?|？)$/i.test(question) ? usage(ask('help', session)) : ask(question, session),
    );
  });

  app.event('app_mention', async ({ event, client, logger, context }) => {
    const thread = event.thread_ts ?? event.ts; // answer in the mention's thread
    const session = sessionKey(context.teamId, event.channel, thread, event.user ?? 'anonymous');
    const question = questionFromSlack(event.text);
    await answerSafely(logger, (m) => client.chat.postMessage({ channel: event.channel, thread_ts: thread, ...m }), () =>
      question ? ask(question, session) : usage(ask('help', session)),
    );
  });

  app.message(async ({ message, client, logger, context }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message)) return;
    const thread = 'thread_ts' in message ? message.thread_ts : undefined;
    const session = sessionKey(context.teamId, message.channel, thread, message.user);
    const question = questionFromSlack(message.text);
    await answerSafely(logger, (m) => client.chat.postMessage({ channel: message.channel, ...(thread ? { thread_ts: thread } : {}), ...m }), () =>
      question ? ask(question, session) : usage(ask('help', session)),
    );
  });

  // a "did you mean" button re-asks its question in the same conversation and place
  app.action<BlockButtonAction>(new RegExp(`^${SUGGESTION_ACTION}_\\d+$`), async ({ ack, body, action, respond, client, logger }) => {
    await ack();
    const container = body.container as { channel_id?: string; thread_ts?: string; is_ephemeral?: boolean };
    const channel = body.channel?.id ?? container.channel_id;
    const session = sessionKey(body.team?.id, channel, container.thread_ts, body.user.id);
    const post = (m: { text: string }) =>
      container.is_ephemeral || !channel
        ? respond({ response_type: 'ephemeral', replace_original: false, ...m })
        : client.chat.postMessage({ channel, ...(container.thread_ts ? { thread_ts: container.thread_ts } : {}), ...m });
    await answerSafely(logger, post, () => ask(action.value ?? '', session));
  });

  app.error(async (error) => {
    (options.logger ?? console).error?.(`slack: ${error.message}`);
  });
  return app;
}

/** Renders and sends the answer; if answering or sending fails, tries once to send a polite message instead. */
async function answerSafely(logger: Logger, send: (m: ReturnType<typeof toSlackMessage>) => Promise<unknown>, answer: () => Reply): Promise<void> {
  try {
    await send(toSlackMessage(answer()));
  } catch (error) {
    logger.error(`slack: answering failed: ${(error as Error).message}`);
    try { await send({ text: POLITE_ERROR, blocks: [{ type: 'section', text: { type: 'plain_text', text: POLITE_ERROR } }] }); } catch { /* the platform is unreachable; logged above */ }
  }
}

