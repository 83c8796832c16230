/**
 * The Bot over a LiveDataset: a new Bot (agency directory and cross-report index included) is built for each new
 * dataset version and swapped in whole, sharing the conversation store, so a conversation carries on across a
 * reload and every answer comes from one version. Adapters take it as their Core.
 */
import { Bot, type BotOptions } from './bot.js';
import { MemorySessionStore } from './session.js';
import type { Reply } from './reply.js';
import type { Dataset } from '../store/dataset.js';
import type { LiveDataset } from '../store/live.js';

export class LiveBot {
  private bot: Bot;

  constructor(live: LiveDataset, options: BotOptions = {}) {
    const shared = { ...options, sessions: options.sessions ?? new MemorySessionStore() };
    this.bot = new Bot(live.current, shared);
    live.onSwap((data) => { this.bot = new Bot(data, shared); });
  }

  /** The dataset the next answer comes from. */
  get data(): Dataset { return this.bot.data; }

  handle(message: string, sessionId: string): Reply { return this.bot.handle(message, sessionId); }

  reset(sessionId: string): void { this.bot.reset(sessionId); }
}
