/**
 * The composition root of `serve` / `npm start`: reads the configuration, builds the Bot over the dataset, and
 * starts every platform adapter whose credentials are set (or the terminal chat when none is). It lives in
 * adapters/ because it wires adapters to the core; src/ never imports adapters/ (bin/ hands this command to the CLI).
 * While serving: last-resort handlers keep one bad request from stopping the service, and SIGTERM/SIGINT stop
 * accepting, let accepted work finish within the deadline, then exit.
 */
import { resolve } from 'node:path';
import { BUNDLED_DATA } from '../src/store/dataset.js';
import { LiveDataset } from '../src/store/live.js';
import { LiveBot } from '../src/bot/live-bot.js';
import { loadTokenizer } from '../src/understand/tokenize.js';
import { MemorySessionStore, withSharedSessions } from '../src/bot/session.js';
import { runChat } from '../src/cli/chat.js';
import type { Command } from '../src/cli/main.js';
import { readServeConfig, ConfigError } from './config.js';
import type { RunningAdapter } from './shared/adapter.js';
import { installLastResort } from './shared/last-resort.js';
import { Observability, readOpsConfig, startOpsServer, type OpsConfig } from './ops/index.js';
import { boltLogger } from './ops/bolt-logger.js';
import type { GracefulServer } from './shared/http.js';
import { createLogger, readLogSettings, type Logger } from '../src/observe/log.js';
import { openState, type SharedState } from './shared/state.js';
import { DEFAULT_RATE_PER_MINUTE } from './shared/rate-limit.js';

export interface ServeOptions {
  /** How long a stop waits for accepted work (default 10 s). */
  shutdownMs?: number;
  /** The structured logger to use instead of one made from LOG_LEVEL / LOG_PRETTY (tests). */
  logger?: Logger;
  /** Told once the process is observable: its metrics, readiness and logger (e.g. to add a readiness check). */
  onObservability?: (ops: Observability) => void;
}

export async function runServe(dir: string, options: ServeOptions = {}): Promise<number> {
  let config;
  try {
    config = readServeConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`serve: cannot start — ${e.message}\nSee README.md ("Slack" and "Telegram") for the variables each platform needs.`);
      return 2;
    }
    throw e;
  }
  const opsSettings = readOpsConfig();
  const webhookPorts = [config.slack?.mode === 'http' ? config.slack.port : undefined, config.telegram?.webhook?.port];
  const opsProblems = 'problems' in opsSettings ? opsSettings.problems
    : opsSettings.config.healthPort && webhookPorts.includes(opsSettings.config.healthPort)
      ? [`HEALTH_PORT ${opsSettings.config.healthPort} is the webhook's port, which serves /healthz /readyz /metrics already: leave HEALTH_PORT unset`] : [];
  if ('problems' in opsSettings || opsProblems.length) {
    console.error(`serve: cannot start — ${new ConfigError(opsProblems).message}\nSee README.md ("Deployment") for the operations variables.`);
    return 2;
  }
  if (!config.slack && !config.telegram) return serveChat(dir, opsSettings.config, options);
  // --- observability (adapters/ops): logger, metrics, readiness, /healthz /readyz /metrics ---
  const ops = new Observability({ config: opsSettings.config, dataPath: dir, logger: options.logger });
  const log = ops.logger;
  options.onObservability?.(ops);

  // --- shared state (REDIS_URL) and the per-user rate limit: Redis must answer at start, later it may come and go
  let state: SharedState;
  try {
    state = await openState({ redisUrl: config.state?.redisUrl, ratePerMinute: config.state?.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE });
  } catch (e) {
    console.error(`serve: cannot start — ${(e as Error).message}`);
    return 1;
  }
  log.info(`serve: ${state.description}`);
  if (state.rateLimit) state.rateLimit.onLimited = (platform) => ops.metrics.rateLimited.inc({ platform });
  const redis = state.redis;
  if (redis) ops.readiness.add(async () => ({ name: 'redis', ok: !redis.degraded, detail: redis.degraded ? 'unreachable: answering with this instance’s own state' : 'reachable' }));
  // --- end shared state

  let stopRequested: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stopRequested = resolve));
  const onSignal = (signal: NodeJS.Signals) => stopRequested(`${signal} received`);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let brokenReason: string | undefined;
  const removeLastResort = installLastResort({ log: (m) => log.error(m), onBroken: (reason) => { brokenReason = reason; stopRequested(`the process is broken: ${reason}`); } });
  // the dataset file is followed: a new ingest is picked up within DISCLOSURE_BOT_RELOAD_MS (default 3 s) or on SIGHUP,
  // and swapped in whole, so no answer mixes two versions
  const live = LiveDataset.open(dir, {
    meanwhile: loadTokenizer, // the tokenizer's dictionary loads while a worker reads the dataset
    onSwap: (data, previous) => { ops.metrics.datasetReloads.inc({ result: 'ok' }); log.info({ from: previous.version, to: data.version, reports: data.size }, `serve: dataset version ${previous.version} → ${data.version} (${data.size} report(s))`); },
    onError: (e) => { ops.metrics.datasetReloads.inc({ result: 'failed' }); log.error({ err: e.message }, 'serve: could not load the new dataset version, still answering from the previous one'); },
  });
  ops.watchDataset(live);
  const onHangup = () => live.reload();
  process.on('SIGHUP', onHangup);
  const cleanUp = () => { process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onHangup); removeLastResort(); live.stop(); void state.close(); };

  const sessions = new MemorySessionStore();
  const bot = new LiveBot(live, { sessions });
  // with Redis, each question's conversation frame is loaded before it and saved after it
  const core = state.sessions ? withSharedSessions(bot, sessions, state.sessions) : bot;
  const running: RunningAdapter[] = [];
  let health: GracefulServer | undefined;
  const { healthPort, healthHost } = opsSettings.config;
  try {
    // the health port answers from the start: alive at once, ready once the platforms have accepted the credentials
    if (healthPort !== undefined) health = await startOpsServer(ops.routes, healthPort, healthHost, (m) => log.error(m));
    if (config.slack) ops.expectPlatform('slack');
    if (config.telegram) ops.expectPlatform('telegram');
    // adapters are loaded only when configured, so one platform does not pay for the other's library
    if (config.slack) {
      const { startSlack } = await import('./slack/index.js');
      running.push(await startSlack(ops.observe(core, 'slack'), config.slack, { ops: ops.routes, apiEvents: ops.apiEvents('slack'), logger: boltLogger(log, 'slack'), state }));
      ops.platformStarted('slack', 'auth.test passed at start');
    }
    if (config.telegram) {
      const { startTelegram } = await import('./telegram/index.js');
      const telegram = await startTelegram(ops.observe(core, 'telegram'), config.telegram, { ops: ops.routes, state });
      running.push(telegram);
      ops.watchOutbox('telegram', telegram.outbox.stats);
      ops.platformStarted('telegram', 'getMe passed at start');
    }
  } catch (e) {
    log.error(`serve: an adapter failed to start: ${(e as Error).message}`);
    await Promise.allSettled(running.map((a) => a.stop(1000)));
    await health?.stop(1000);
    cleanUp();
    return 1;
  }
  for (const a of running) log.info(`serve: ${a.description} — ${bot.data.size} report(s) loaded`);
  if (health) log.info(`serve: /healthz /readyz /metrics on health port ${health.port}`);
  else if (config.slack?.mode !== 'http' && !config.telegram?.webhook) log.warn('serve: no HTTP server in this mode, so no /healthz /readyz /metrics: set HEALTH_PORT');

  const reason = await stopped;
  const shutdownMs = options.shutdownMs ?? 10_000;
  ops.readiness.drain(reason);
  log.info(`serve: ${reason}, stopping (finishing accepted work, at most ${shutdownMs / 1000} s)…`);
  // a second signal means "now"
  const now = () => { log.error('serve: second signal, exiting at once'); process.exit(130); };
  process.once('SIGINT', now).once('SIGTERM', now);
  await Promise.allSettled(running.map((a) => a.stop(shutdownMs)));
  await health?.stop(1000);
  process.off('SIGINT', now).off('SIGTERM', now);
  cleanUp();
  log.info('serve: stopped');
  return brokenReason ? 70 : 0;
}

/**
 * No platform configured: the terminal chat (or lines piped in, e.g. in a container without a terminal). With
 * HEALTH_PORT set, the endpoints are served beside it and its answers counted; logs go to stderr, answers to stdout.
 */
async function serveChat(dir: string, config: OpsConfig, options: ServeOptions): Promise<number> {
  if (config.healthPort === undefined) return runChat(dir);
  // a person at the terminal sees warnings only; piped, every answer is logged as in any serve
  const settings = readLogSettings();
  const logger = options.logger ?? createLogger({ ...settings, level: process.stdin.isTTY ? 'warn' : settings.level });
  const ops = new Observability({ config, dataPath: dir, logger });
  options.onObservability?.(ops);
  let loaded: string | undefined;
  ops.readiness.add(() => ({ name: 'dataset', ok: loaded !== undefined, detail: loaded ?? 'loading' }));
  const health = await startOpsServer(ops.routes, config.healthPort, config.healthHost, (m) => ops.logger.error(m));
  ops.logger.info(`serve: terminal chat; /healthz /readyz /metrics on health port ${health.port}`);
  try {
    return await runChat(dir, {
      answerer: (bot) => {
        loaded = `version ${bot.data.version}, ${bot.data.size} report(s)`;
        return ops.observe(bot, 'terminal');
      },
    });
  } finally {
    await health.stop(1000);
  }
}

/** The `serve` command, handed to the CLI by bin/disclosure-bot.js. */
export const serveCommand: Command = {
  summary: 'start every adapter whose credentials are set (Slack, Telegram); terminal chat when none',
  usage: `disclosure-bot serve [--data DIR]

  Slack:    SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET (HTTP, PORT) or SLACK_APP_TOKEN (Socket Mode); SLACK_API_URL
  Telegram: TELEGRAM_BOT_TOKEN; TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_SECRET for webhooks; TELEGRAM_API_ROOT;
            TELEGRAM_STATE_DIR (queued answers, kept across restarts); TELEGRAM_MAX_PER_SECOND (default 30)
  Operations: HEALTH_PORT (/healthz /readyz /metrics when no webhook port serves them), LOG_LEVEL, LOG_PRETTY,
            LOG_QUESTIONS=off|hashed|full (default hashed), LOG_SALT, UNANSWERED_LOG=off|FILE
  Several instances: REDIS_URL (redis://host:6379) shares conversations, delivered-event claims and button data;
            and Telegram's queued answers (TELEGRAM_OUTBOX_LEASE_MS: how long a lost instance's answers wait before
            another adopts them, default 10000); RATE_LIMIT_PER_MINUTE per user (default 20, 0 = off)
  With none of these set, starts the terminal chat.
  SIGTERM/SIGINT: stop accepting, finish accepted work (at most 10 s), exit.`,
  options: { data: { type: 'string', short: 'd' } },
  async run(v) {
    const code = await runServe(typeof v.data === 'string' ? resolve(v.data) : BUNDLED_DATA);
    // whatever a library left running (keep-alive sockets, timers) must not keep a stopped service alive
    setTimeout(() => process.exit(code), 500).unref();
    return code;
  },
};
