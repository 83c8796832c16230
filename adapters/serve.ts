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
import { MemorySessionStore, withSharedSessions } from '../src/bot/session.js';
import { runChat } from '../src/cli/chat.js';
import type { Command } from '../src/cli/main.js';
import { readServeConfig, ConfigError } from './config.js';
import type { RunningAdapter } from './shared/adapter.js';
import { installLastResort } from './shared/last-resort.js';
import { openState, type SharedState } from './shared/state.js';
import { DEFAULT_RATE_PER_MINUTE } from './shared/rate-limit.js';

export interface ServeOptions {
  /** How long a stop waits for accepted work (default 10 s). */
  shutdownMs?: number;
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
  if (!config.slack && !config.telegram) return runChat(dir);

  // --- shared state (REDIS_URL) and the per-user rate limit: Redis must answer at start, later it may come and go
  let state: SharedState;
  try {
    state = await openState({ redisUrl: config.state?.redisUrl, ratePerMinute: config.state?.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE });
  } catch (e) {
    console.error(`serve: cannot start — ${(e as Error).message}`);
    return 1;
  }
  console.log(`serve: ${state.description}`);
  // --- end shared state

  let stopRequested: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stopRequested = resolve));
  const onSignal = (signal: NodeJS.Signals) => stopRequested(`${signal} received`);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let brokenReason: string | undefined;
  const removeLastResort = installLastResort({ onBroken: (reason) => { brokenReason = reason; stopRequested(`the process is broken: ${reason}`); } });
  // the dataset file is followed: a new ingest is picked up within DISCLOSURE_BOT_RELOAD_MS (default 3 s) or on SIGHUP,
  // and swapped in whole, so no answer mixes two versions
  const live = LiveDataset.open(dir, {
    onSwap: (data, previous) => console.log(`serve: dataset version ${previous.version} → ${data.version} (${data.size} report(s))`),
    onError: (e) => console.error(`serve: could not load the new dataset version, still answering from the previous one: ${e.message}`),
  });
  const onHangup = () => live.reload();
  process.on('SIGHUP', onHangup);
  const cleanUp = () => { process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onHangup); removeLastResort(); live.stop(); void state.close(); };

  const sessions = new MemorySessionStore();
  const bot = new LiveBot(live, { sessions });
  // with Redis, each question's conversation frame is loaded before it and saved after it
  const core = state.sessions ? withSharedSessions(bot, sessions, state.sessions) : bot;
  const running: RunningAdapter[] = [];
  try {
    // adapters are loaded only when configured, so one platform does not pay for the other's library
    if (config.slack) {
      const { startSlack } = await import('./slack/index.js');
      running.push(await startSlack(core, config.slack, { state }));
    }
    if (config.telegram) {
      const { startTelegram } = await import('./telegram/index.js');
      running.push(await startTelegram(core, config.telegram, { state }));
    }
  } catch (e) {
    console.error(`serve: an adapter failed to start: ${(e as Error).message}`);
    await Promise.allSettled(running.map((a) => a.stop(1000)));
    cleanUp();
    return 1;
  }
  for (const a of running) console.log(`serve: ${a.description} — ${bot.data.size} report(s) loaded`);

  const reason = await stopped;
  const shutdownMs = options.shutdownMs ?? 10_000;
  console.log(`serve: ${reason}, stopping (finishing accepted work, at most ${shutdownMs / 1000} s)…`);
  // a second signal means "now"
  const now = () => { console.error('serve: second signal, exiting at once'); process.exit(130); };
  process.once('SIGINT', now).once('SIGTERM', now);
  await Promise.allSettled(running.map((a) => a.stop(shutdownMs)));
  process.off('SIGINT', now).off('SIGTERM', now);
  cleanUp();
  console.log('serve: stopped');
  return brokenReason ? 70 : 0;
}

/** The `serve` command, handed to the CLI by bin/disclosure-bot.js. */
export const serveCommand: Command = {
  summary: 'start every adapter whose credentials are set (Slack, Telegram); terminal chat when none',
  usage: `disclosure-bot serve [--data DIR]

  Slack:    SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET (HTTP, PORT) or SLACK_APP_TOKEN (Socket Mode); SLACK_API_URL
  Telegram: TELEGRAM_BOT_TOKEN; TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_SECRET for webhooks; TELEGRAM_API_ROOT;
            TELEGRAM_STATE_DIR (queued answers, kept across restarts); TELEGRAM_MAX_PER_SECOND (default 30)
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
