/** Start-up configuration from the environment, validated with zod: which adapters to start and how. */
import { z } from 'zod';
import { DEFAULT_RATE_PER_MINUTE } from './shared/rate-limit.js';

const port = z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65535).default(3000);
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
/** Web API roots are joined with method names, so they must end with a slash. */
const apiRoot = url.transform((u) => (u.endsWith('/') ? u : `${u}/`));
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const SlackEnv = z
  .object({
    SLACK_BOT_TOKEN: z.string({ error: 'is required' }).regex(/^xox[bp]-/, 'must be a bot token (xoxb-…)'),
    SLACK_SIGNING_SECRET: optional(z.string().min(8, 'looks too short for a signing secret')),
    SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, 'must be an app-level token (xapp-…)')),
    SLACK_API_URL: optional(apiRoot),
    SLACK_COMMAND: optional(z.string().regex(/^\/[\p{L}\p{N}_-]{1,31}$/u, 'must look like /disclosure')),
    SLACK_RESPONSE_TYPE: optional(z.enum(['ephemeral', 'in_channel'], { error: 'must be ephemeral or in_channel' })),
    PORT: port,
  })
  .refine((env) => env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET, {
    path: ['SLACK_SIGNING_SECRET'],
    message: 'is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    when: () => true, // report it alongside the other problems, not only once they are fixed
  })
  .transform((env) => ({
    mode: env.SLACK_APP_TOKEN ? ('socket' as const) : ('http' as const),
    botToken: env.SLACK_BOT_TOKEN,
    signingSecret: env.SLACK_SIGNING_SECRET,
    appToken: env.SLACK_APP_TOKEN,
    apiUrl: env.SLACK_API_URL,
    command: env.SLACK_COMMAND ?? '/disclosure',
    responseType: env.SLACK_RESPONSE_TYPE ?? ('ephemeral' as const),
    port: env.PORT,
  }));
export type SlackConfig = z.output<typeof SlackEnv>;

export const TelegramEnv = z
  .object({
    TELEGRAM_BOT_TOKEN: z.string({ error: 'is required' }).regex(/^\d+:[\w-]{20,}$/, 'must look like 123456:ABC… (from @BotFather)'),
    TELEGRAM_WEBHOOK_URL: optional(z.url({ protocol: /^https$/, error: 'must be an https URL (Telegram only calls https webhooks)' })),
    TELEGRAM_WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z a-z 0-9 _ -')),
    TELEGRAM_API_ROOT: optional(apiRoot),
    /** The webhook's own port, for when Slack's HTTP mode already uses PORT. */
    TELEGRAM_WEBHOOK_PORT: optional(port),
    /** Where queued answers are journaled so a restart resumes them (default: the system temp directory). */
    TELEGRAM_STATE_DIR: optional(z.string().min(1)),
    /** Messages per second over all chats (Telegram's default limit is 30; paid broadcasts allow up to 1000). */
    TELEGRAM_MAX_PER_SECOND: optional(z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(1000)),
    /** With REDIS_URL: how long a lost instance's queued answers wait before another instance adopts them. */
    TELEGRAM_OUTBOX_LEASE_MS: optional(z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1000, 'must be at least 1000 (well above the longest pause of a busy instance)').max(600_000)),
    PORT: port,
  })
  .refine((env) => !env.TELEGRAM_WEBHOOK_URL || env.TELEGRAM_WEBHOOK_SECRET, {
    path: ['TELEGRAM_WEBHOOK_SECRET'],
    message: 'is required with TELEGRAM_WEBHOOK_URL (requests are verified with it)',
    when: () => true,
  })
  .transform((env) => ({
    token: env.TELEGRAM_BOT_TOKEN,
    webhook: env.TELEGRAM_WEBHOOK_URL ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET!, port: env.TELEGRAM_WEBHOOK_PORT ?? env.PORT } : undefined,
    apiRoot: env.TELEGRAM_API_ROOT,
    stateDir: env.TELEGRAM_STATE_DIR,
    maxPerSecond: env.TELEGRAM_MAX_PER_SECOND ?? 30,
    outboxLeaseMs: env.TELEGRAM_OUTBOX_LEASE_MS,
  }));
export type TelegramConfig = z.output<typeof TelegramEnv>;

export interface ServeConfig {
  slack?: SlackConfig;
  telegram?: TelegramConfig;
  /** Shared state and rate limit (StateEnv below); absent: state in the process, the default rate limit. */
  state?: StateConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SLACK_VARIABLES = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'];
const TELEGRAM_VARIABLES = ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET'];
const STATE_VARIABLES = ['REDIS_URL', 'RATE_LIMIT_PER_MINUTE'];

/**
 * Reads which platforms are configured: a platform counts as wanted when any of its credential variables is set,
 * and then all of its variables must be valid. Throws ConfigError listing every problem at once.
 */
export function readServeConfig(env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const problems: string[] = [];
  const wanted = (names: string[]) => names.some((n) => env[n]);
  const parse = <T>(schema: z.ZodType<T>): T | undefined => {
    const result = schema.safeParse(env);
    if (result.success) return result.data;
    for (const issue of result.error.issues) problems.push(`${issue.path.join('.') || 'environment'} ${issue.message}`);
    return undefined;
  };
  const config: ServeConfig = {};
  if (wanted(SLACK_VARIABLES)) config.slack = parse(SlackEnv);
  if (wanted(TELEGRAM_VARIABLES)) config.telegram = parse(TelegramEnv);
  if (wanted(STATE_VARIABLES)) config.state = parse(StateEnv);
  const { slack, telegram } = config;
  // port 0 is any free port: two of them never clash
  if (slack?.mode === 'http' && telegram?.webhook && slack.port === telegram.webhook.port && slack.port !== 0) {
    problems.push(`Slack HTTP mode and the Telegram webhook would both listen on port ${slack.port}: set TELEGRAM_WEBHOOK_PORT, or SLACK_APP_TOKEN for Socket Mode`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** State shared by several instances (Redis) and the per-user rate limit; both optional. */
export const StateEnv = z
  .object({
    REDIS_URL: optional(z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })),
    RATE_LIMIT_PER_MINUTE: optional(z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 (off) or more')),
  })
  .transform((env) => ({ redisUrl: env.REDIS_URL, ratePerMinute: env.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE_PER_MINUTE }));
export type StateConfig = z.output<typeof StateEnv>;
