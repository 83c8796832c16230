/** Starts the Telegram adapter: long polling by default, a webhook server when TELEGRAM_WEBHOOK_URL is set. */
import { timingSafeEqual } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelegramConfig } from '../config.js';
import type { Core, RunningAdapter } from '../shared/adapter.js';
import { BodyTooLarge, decodeUtf8, readBody, send, startGracefulServer } from '../shared/http.js';
import { createTelegramBot, registerCommands, type TelegramBotOptions } from './bot.js';
import { OutboxJournal, type JobJournal } from './journal.js';
import { SharedJournal } from './shared-journal.js';
import type { Outbox } from './outbox.js';
import type { OpsRoutes } from '../ops/routes.js';

export interface TelegramStartOptions extends Omit<TelegramBotOptions, 'journal' | 'answeredUpdates'> {
  /** Where the webhook server listens (default: all interfaces). */
  host?: string;
  /** Where the outbox journal lives (default: config.stateDir, else the system temp directory). */
  stateDir?: string;
  /** /healthz, /readyz, /metrics on the webhook's port. */
  ops?: OpsRoutes;
}

export interface RunningTelegram extends RunningAdapter {
  /** The webhook server's port (useful with PORT=0). */
  port?: number;
  outbox: Outbox;
}

const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** Telegram's updates are small; anything near this is not one. */
const MAX_BODY = 1 << 20;

const sameSecret = (given: string | string[] | undefined, secret: string) => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUser = (v: unknown) => isObject(v) && Number.isSafeInteger(v.id);

/**
 * A webhook body that is an update the bot can read: a JSON object with an integer update_id, whose message,
 * callback query or inline query (the kinds the bot handles) has the fields the handlers rely on.
 */
export function parseUpdate(body: Buffer): { update_id: number } | undefined {
  const text = decodeUtf8(body);
  if (text === undefined) return undefined;
  let json: unknown;
  try { json = JSON.parse(text); } catch { return undefined; }
  if (!isObject(json) || !Number.isSafeInteger(json.update_id)) return undefined;
  const { message, callback_query: callback, inline_query: inline } = json;
  if ('message' in json && !(isObject(message) && isObject(message.chat) && Number.isSafeInteger(message.chat.id) && (message.from === undefined || isUser(message.from)) && (message.text === undefined || typeof message.text === 'string'))) return undefined;
  if ('callback_query' in json && !(isObject(callback) && typeof callback.id === 'string' && isUser(callback.from))) return undefined;
  if ('inline_query' in json && !(isObject(inline) && typeof inline.id === 'string' && isUser(inline.from) && typeof inline.query === 'string')) return undefined;
  return json as { update_id: number };
}

export async function startTelegram(core: Core, config: TelegramConfig, options: TelegramStartOptions = {}): Promise<RunningTelegram> {
  const botId = config.token.split(':')[0];
  const stateDir = options.stateDir ?? config.stateDir ?? join(tmpdir(), 'disclosure-bot-state');
  // with Redis, queued answers are journaled there, so another instance delivers them if this one is lost
  const redis = options.state?.redis;
  const shared = redis ? new SharedJournal(redis, botId!, { leaseMs: config.outboxLeaseMs }) : undefined;
  const { journal, state } = shared
    ? { journal: shared as JobJournal, state: { pending: await shared.start(), updateIds: [] } }
    : OutboxJournal.open(join(stateDir, `telegram-${botId}-outbox.jsonl`));
  const outboxOptions = { ...options.outbox, limits: { globalPerSecond: config.maxPerSecond, ...options.outbox?.limits } };
  const { bot, outbox, process } = createTelegramBot(core, config, { ...options, outbox: outboxOptions, journal, answeredUpdates: state.updateIds });
  if (shared) shared.onAdopted = (jobs) => { console.error(`telegram: adopting ${jobs.length} queued answer(s) of an instance that stopped answering`); outbox.resume(jobs); };
  try {
    bot.botInfo = await bot.telegram.getMe(); // checks the token; the username is needed to notice mentions in groups
  } catch (e) {
    journal.close();
    throw new Error(`Telegram rejected the start-up check (getMe at ${config.apiRoot ?? 'https://api.telegram.org/'}): ${(e as Error).message}`);
  }
  // answers queued before the last stop are delivered first
  if (state.pending.length) console.error(`telegram: resuming ${state.pending.length} queued answer(s) from ${shared ? 'Redis' : stateDir}`);
  outbox.resume(state.pending);
  await registerCommands(bot).catch((e: Error) => console.error(`telegram: could not register the command menu: ${e.message}`));

  /** Lets queued answers go out within the deadline; what is left stays journaled for the next start. */
  const finish = async (deadline: number) => {
    const drained = await outbox.drain(Math.max(0, deadline - Date.now()));
    if (!drained) console.error(`telegram: ${outbox.size} answer(s) not yet delivered at shutdown; kept for the next start`);
    outbox.stop();
    journal.close();
  };

  if (!config.webhook) {
    // launch() resolves only when polling ends; it is kept to await on stop
    const polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((e: Error) => console.error(`telegram: polling stopped: ${e.message}`));
    return {
      name: 'telegram',
      description: `Telegram @${bot.botInfo.username} (long polling)`,
      outbox,
      stop: async (deadlineMs = 10_000) => {
        const deadline = Date.now() + deadlineMs;
        bot.stop('shutdown');
        await polling;
        await finish(deadline);
      },
    };
  }

  const { url, secret, port } = config.webhook;
  const path = new URL(url).pathname;
  const http = await startGracefulServer('telegram', async (req, res) => {
    if (options.ops && (await options.ops(req, res))) return;
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return send(res, 404);
    // only Telegram knows the secret it was given in setWebhook; anything else is not processed
    if (!sameSecret(req.headers[SECRET_HEADER], secret)) return send(res, 401);
    let body: Buffer;
    try { body = await readBody(req, MAX_BODY); } catch (e) { return send(res, e instanceof BodyTooLarge ? 413 : 400); }
    const update = parseUpdate(body);
    if (!update) return send(res, 400, 'not a Telegram update');
    // 200 once the answer is queued (journaled) or the update needs none; a failure lets Telegram redeliver
    const outcome = await process(update);
    send(res, outcome === 'failed' ? 500 : 200);
  }, port, options.host);
  await bot.telegram.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  return {
    name: 'telegram',
    description: `Telegram @${bot.botInfo.username} (webhook ${url} → port ${http.port})`,
    port: http.port,
    outbox,
    stop: async (deadlineMs = 10_000) => {
      const deadline = Date.now() + deadlineMs;
      await http.stop(deadlineMs);
      await finish(deadline);
    },
  };
}
