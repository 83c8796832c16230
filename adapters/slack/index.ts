/** Starts the Slack adapter: Socket Mode with an app token, otherwise HTTP on PORT at /slack/events. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const stop = () => app.stop().then(() => undefined);
  if (config.mode === 'socket') {
    await app.start();
    return { name: 'slack', description: `Slack (Socket Mode, command ${config.command})`, stop };
  }
  const server = (await app.start({ port: config.port, ...(options.host ? { host: options.host } : {}) } as never)) as unknown as Server;
  const { port } = server.address() as AddressInfo;
  return { name: 'slack', description: `Slack (HTTP on port ${port}, POST /slack/events, command ${config.command})`, port, stop };
}
