/**
 * The Slack adapter: a bolt App that turns slash commands, mentions, DMs and suggestion-button clicks into
 * `bot.handle(question, session)` and posts the rendered Reply. No question answering happens here.
 */
import { App, LogLevel, type Logger, type BlockButtonAction } from '@slack/bolt';
import type { Core } from '../shared/adapter.js';
import { withLines, type Reply } from '../../src/bot/reply.js';
import type { SlackConfig } from '../config.js';
import { memoryState, type SharedState } from '../shared/state.js';
import { Undelivered, undeliveredNotice } from '../shared/undelivered.js';
import { SUGGESTION_ACTION, toSlackMessage, type SlackMessage } from './render.js';
import { FRESH, SlackReceiver } from './receiver.js';
import { createResponder } from './respond.js';
import type { ApiEvents } from '../ops/index.js';
import type { OpsRoutes } from '../ops/routes.js';
import { parseCommandText, questionFromSlack } from './text.js';

export interface SlackAdapterOptions {
  logger?: Logger;
  logLevel?: LogLevel;
  /** Slack Web API retries before an answer counts as undelivered (default 3). */
  retries?: number;
  /** How long one Web API call may take (default 10 s). */
  timeoutMs?: number;
  /** /healthz, /readyz, /metrics on the HTTP port. */
  ops?: OpsRoutes;
  /** Told about Web API retries and answers given up (metrics). */
  apiEvents?: ApiEvents;
  /** Delivery claims and the rate limit, in this process (default) or shared by several instances. */
  state?: SharedState;
}

/** One conversation per user per channel and thread, so follow-ups keep their context. */
const sessionKey = (team: string | undefined, channel: string | undefined, thread: string | undefined, user: string) =>
  `slack:${team ?? '-'}:${channel ?? '-'}:${thread ?? '-'}:${user}`;
/** Whom the rate limit counts: a user of a workspace, whatever the channel. */
const userKey = (team: string | undefined, user: string) => `slack:${team ?? '-'}:${user}`;

/** Redeliveries of an event come within about an hour; a signature is only valid for ±5 minutes. */
const CLAIM_TTL_MS = { event: 2 * 3600_000, signature: 15 * 60_000 };

const POLITE_ERROR = '抱歉，机器人暂时出了点问题，请稍后再试。(Sorry, something went wrong; please try again.)';

export function createSlackApp(bot: Core, config: SlackConfig, options: SlackAdapterOptions = {}): App {
  // a few quick retries: an answer that arrives half an hour late (the Web API client's default) is no answer
  // a hanging Web API call is abandoned after 10 s (then retried), never held forever
  const clientOptions = { timeout: options.timeoutMs ?? 10_000, retryConfig: { retries: options.retries ?? 3, factor: 2, minTimeout: 300, maxTimeout: 3000, onFailedAttempt: (e: { retriesLeft: number }) => { if (e.retriesLeft > 0) options.apiEvents?.retry(); } }, ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) };
  // initialization (auth.test) is deferred to startSlack, which turns a bad token or unreachable API into a clear error
  // convoStore off: bolt's default store rejects with a new Error (a stack trace) on every unknown conversation
  const state = options.state ?? memoryState();
  const common = { token: config.botToken, clientOptions, deferInitialization: true, convoStore: false as const, logger: options.logger, logLevel: options.logLevel ?? LogLevel.WARN };
  const app =
    config.mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: config.appToken, installerOptions: { clientOptions } })
      : new App({ ...common, receiver: new SlackReceiver({ signingSecret: config.signingSecret!, signatures: state.claims('slack:signature', CLAIM_TTL_MS.signature), log: (m) => (options.logger ?? console).error(m), ops: options.ops }) });

  /**
   * The core's answer, unless the user is over the rate limit (then a polite refusal and no answer work), or
   * undefined when this delivery is a redelivery or a replay (another delivery answers it). The delivery claims,
   * the rate check and the conversation's load are sent to Redis together: one round trip before the answer.
   * (A redelivery's question counts toward its user's limit.)
   */
  const ask = async (question: string, session: string, user: string, fresh: Promise<boolean>): Promise<Reply | undefined> => {
    bot.prepare?.(session);
    const [first, limited] = await Promise.all([fresh, state.rateLimit?.check(user, question, 'slack')]);
    if (!first) return undefined;
    return limited ?? bot.handle(question, session);
  };
  /** Whether this request is the first delivery of its event (the receiver's signature claim and the event id's). */
  const firstDelivery = (context: Record<string, unknown>): Promise<boolean> => (context[FRESH] as Promise<boolean> | undefined) ?? Promise.resolve(true);
  const undelivered = new Undelivered();
  const postToResponseUrl = createResponder({ retries: options.retries ?? 3, timeoutMs: options.timeoutMs ?? 10_000, onRetry: () => options.apiEvents?.retry() });
  /** Renders and sends the answer; a failure of the core becomes a polite message, a failed send is remembered. */
  const answerSafely = async (logger: Logger, session: string, question: string, post: (m: SlackMessage) => Promise<unknown>, answer: () => Promise<Reply | undefined>) => {
    let message: SlackMessage;
    try {
      const reply = await answer();
      if (!reply) return; // a redelivery: answered once, by the first delivery
      message = toSlackMessage(reply);
    } catch (error) {
      logger.error(`slack: answering failed (${session}): ${(error as Error).message}`);
      message = { text: POLITE_ERROR, blocks: [{ type: 'section', text: { type: 'plain_text', text: POLITE_ERROR } }] };
    }
    try {
      await post(message);
    } catch (error) {
      // the Web API client has already retried; tell the user with their next answer that gets through
      logger.error(`slack: the answer could not be delivered after retries (${session}): ${(error as Error).message}`);
      options.apiEvents?.error('undelivered');
      undelivered.note(session, question);
      return;
    }
    const lost = undelivered.take(session);
    if (lost.length) {
      const notice = undeliveredNotice(lost);
      await post({ text: notice, blocks: [{ type: 'context', elements: [{ type: 'plain_text', text: notice }] }] }).catch(() => lost.forEach((q) => undelivered.note(session, q)));
    }
  };
  const usage = (reply: Reply) => withLines(reply, [`用法：\`${config.command} 问题\`（默认只有你能看到），\`${config.command} --public 问题\` 发到频道；也可以 @我 或私信我。`]);

  // Slack redelivers an event it thinks was not acknowledged (X-Slack-Retry-Num); answer each event id once.
  // With several instances the claim is shared, so exactly one of them answers.
  const delivered = state.claims('slack:event', CLAIM_TTL_MS.event);
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      const bySignature = firstDelivery(context);
      const byEvent = delivered.claim(eventId);
      context[FRESH] = Promise.all([bySignature, byEvent]).then(([a, b]) => a && b);
    }
    await next();
  });
  const helpFor = async (session: string, user: string, fresh: Promise<boolean>) => { const reply = await ask('help', session, user, fresh); return reply && usage(reply); };

  app.command(config.command, async ({ command, ack, logger, context }) => {
    await ack(); // within Slack's 3 s, before any work
    const { question, share } = parseCommandText(command.text);
    const session = sessionKey(command.team_id, command.channel_id, undefined, command.user_id);
    const user = userKey(command.team_id, command.user_id);
    const response_type = share ? 'in_channel' : config.responseType;
    const fresh = firstDelivery(context);
    await answerSafely(logger, session, question, (m) => postToResponseUrl(command.response_url, { response_type, ...m }), () =>
      !question || /^(?:help|帮助|\?|？)$/i.test(question) ? helpFor(session, user, fresh) : ask(question, session, user, fresh),
    );
  });

  app.event('app_mention', async ({ event, client, logger, context }) => {
    const thread = event.thread_ts ?? event.ts; // answer in the mention's thread
    const session = sessionKey(context.teamId, event.channel, thread, event.user ?? 'anonymous');
    const user = userKey(context.teamId, event.user ?? 'anonymous');
    const question = questionFromSlack(event.text);
    const fresh = firstDelivery(context);
    await answerSafely(logger, session, question, (m) => client.chat.postMessage({ channel: event.channel, thread_ts: thread, ...m }), () =>
      question ? ask(question, session, user, fresh) : helpFor(session, user, fresh),
    );
  });

  app.message(async ({ message, client, logger, context }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message)) return;
    const thread = 'thread_ts' in message ? message.thread_ts : undefined;
    const session = sessionKey(context.teamId, message.channel, thread, message.user);
    const user = userKey(context.teamId, message.user);
    const question = questionFromSlack(message.text);
    const fresh = firstDelivery(context);
    await answerSafely(logger, session, question, (m) => client.chat.postMessage({ channel: message.channel, ...(thread ? { thread_ts: thread } : {}), ...m }), () =>
      question ? ask(question, session, user, fresh) : helpFor(session, user, fresh),
    );
  });

  // a "did you mean" button re-asks its question in the same conversation and place
  app.action<BlockButtonAction>(new RegExp(`^${SUGGESTION_ACTION}_\\d+$`), async ({ ack, body, action, client, logger, context }) => {
    await ack();
    const container = body.container as { channel_id?: string; thread_ts?: string; is_ephemeral?: boolean };
    const channel = body.channel?.id ?? container.channel_id;
    const session = sessionKey(body.team?.id, channel, container.thread_ts, body.user.id);
    const post = (m: SlackMessage) =>
      container.is_ephemeral || !channel
        ? postToResponseUrl(body.response_url, { response_type: 'ephemeral', replace_original: false, ...m })
        : client.chat.postMessage({ channel, ...(container.thread_ts ? { thread_ts: container.thread_ts } : {}), ...m });
    await answerSafely(logger, session, action.value ?? '', post, () => ask(action.value ?? '', session, userKey(body.team?.id, body.user.id), firstDelivery(context)));
  });

  app.error(async (error) => {
    (options.logger ?? console).error?.(`slack: ${error.message}`);
  });
  return app;
}
