/** Starts the Slack adapter: Socket Mode with an app token, otherwise HTTP on PORT at /slack/events. */
import type { GracefulServer } from '../shared/http.js';
import type { SlackConfig } from '../config.js';
import type { Core, RunningAdapter } from '../shared/adapter.js';
import { createSlackApp, type SlackAdapterOptions } from './app.js';

export interface SlackStartOptions extends SlackAdapterOptions {
  /** Where HTTP mode listens (default: all interfaces on config.port). */
  host?: string;
}

export interface RunningSlack extends RunningAdapter {
  /** The port HTTP mode listens on (useful with PORT=0). */
  port?: number;
}

export async function startSlack(core: Core, config: SlackConfig, options: SlackStartOptions = {}): Promise<RunningSlack> {
  const app = createSlackApp(core, config, options);
  try {
    await app.init(); // verifies the bot token with auth.test
  } catch (e) {
    throw new Error(`Slack rejected the start-up check (auth.test at ${config.apiUrl ?? 'https://slack.com/api/'}): ${(e as Error).message}`);
  }
  if (config.mode === 'socket') {
    await app.start();
    return { name: 'slack', description: `Slack (Socket Mode, command ${config.command})`, stop: () => app.stop().then(() => undefined) };
  }
  // HTTP mode: our receiver (receiver.ts) — stop() refuses new requests and lets accepted ones be answered
  const start = app.start.bind(app) as unknown as (port: number, host?: string) => Promise<GracefulServer>;
  const { port } = await start(config.port, options.host);
  return {
    name: 'slack', description: `Slack (HTTP on port ${port}, POST /slack/events, command ${config.command})`, port,
    stop: (deadlineMs?: number) => app.stop(deadlineMs).then(() => undefined),
  };
}
