/**
 * `serve` / `npm start`: starts every platform adapter whose credentials are set (validated at start-up),
 * or the terminal chat when none is. Stops cleanly on SIGINT/SIGTERM. Follows the dataset file: a new ingest is
 * picked up within DISCLOSURE_BOT_RELOAD_MS (default 3 s), or at once on SIGHUP.
 */
import { LiveDataset } from '../store/live.js';
import { LiveBot } from './live-bot.js';
import { runChat } from './chat.js';
import type { RunningAdapter } from '../../adapters/shared/adapter.js';

export async function runServe(dir: string): Promise<number> {
  // adapters are loaded only when configured, so the terminal chat does not pay for bolt and telegraf
  const { readServeConfig, ConfigError } = await import('../../adapters/config.js');
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

  const live = LiveDataset.open(dir, {
    onSwap: (data, previous) => console.log(`serve: dataset version ${previous.version} → ${data.version} (${data.size} report(s))`),
    onError: (e) => console.error(`serve: could not load the new dataset version, still answering from the previous one: ${e.message}`),
  });
  let stopRequested: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stopRequested = resolve));
  const onSignal = (signal: NodeJS.Signals) => stopRequested(signal);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const bot = new LiveBot(live);
  const onHangup = () => live.reload();
  process.on('SIGHUP', onHangup);
  const release = () => { process.off('SIGINT', onSignal).off('SIGTERM', onSignal).off('SIGHUP', onHangup); live.stop(); };
  const running: RunningAdapter[] = [];
  try {
    if (config.slack) {
      const { startSlack } = await import('../../adapters/slack/index.js');
      running.push(await startSlack(bot, config.slack));
    }
    if (config.telegram) {
      const { startTelegram } = await import('../../adapters/telegram/index.js');
      running.push(await startTelegram(bot, config.telegram));
    }
  } catch (e) {
    console.error(`serve: an adapter failed to start: ${(e as Error).message}`);
    release();
    await Promise.allSettled(running.map((a) => a.stop()));
    return 1;
  }
  for (const a of running) console.log(`serve: ${a.description} — ${bot.data.size} report(s) loaded`);

  console.log(`serve: ${await stopped} received, stopping…`);
  await Promise.allSettled(running.map((a) => a.stop()));
  release();
  return 0;
}
