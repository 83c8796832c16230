/** Starts the Telegram adapter: long polling by default, a webhook server when TELEGRAM_WEBHOOK_URL is set. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { TelegramConfig } from '../config.js';
import type { Core, RunningAdapter } from '../shared/adapter.js';
import { createTelegramBot, registerCommands, type TelegramBotOptions } from './bot.js';

export interface TelegramStartOptions extends TelegramBotOptions {
  /** Where the webhook server listens (default: all interfaces). */
  host?: string;
}

export interface RunningTelegram extends RunningAdapter {
  /** The webhook server's port (useful with PORT=0). */
  port?: number;
}

const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const sameSecret = (given: string | string[] | undefined, secret: string) => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

export async function startTelegram(core: Core, config: TelegramConfig, options: TelegramStartOptions = {}): Promise<RunningTelegram> {
  const bot = createTelegramBot(core, config, options);
  try {
    bot.botInfo = await bot.telegram.getMe(); // checks the token; the username is needed to notice mentions in groups
  } catch (e) {
    throw new Error(`Telegram rejected the start-up check (getMe at ${config.apiRoot ?? 'https://api.telegram.org/'}): ${(e as Error).message}`);
  }
  await registerCommands(bot).catch((e: Error) => console.error(`telegram: could not register the command menu: ${e.message}`));

  if (!config.webhook) {
    // launch() resolves only when polling ends; it is kept to await on stop
    const polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((e: Error) => console.error(`telegram: polling stopped: ${e.message}`));
    return {
      name: 'telegram',
      description: `Telegram @${bot.botInfo.username} (long polling)`,
      stop: async () => { bot.stop('shutdown'); await polling; },
    };
  }

  const { url, secret, port } = config.webhook;
  const path = new URL(url).pathname;
  const handle = bot.webhookCallback(path, { secretToken: secret });
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== path) return void res.writeHead(404).end();
    // only Telegram knows the secret it was given in setWebhook; anything else is not processed
    if (!sameSecret(req.headers[SECRET_HEADER], secret)) return void res.writeHead(401).end();
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host, () => resolve());
  });
  await bot.telegram.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    name: 'telegram',
    description: `Telegram @${bot.botInfo.username} (webhook ${url} → port ${actualPort})`,
    port: actualPort,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
