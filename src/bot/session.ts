/** Conversation state per session: the understood frame of the last question, so follow-ups can fill the gaps. */
import type { Frame } from '../understand/frame.js';
import type { Reply } from './reply.js';

export interface SessionStore {
  get(id: string): Frame | undefined;
  set(id: string, frame: Frame): void;
  delete(id: string): void;
}

/** In-memory store, bounded (least recently used evicted) and with expiry. */
export class MemorySessionStore implements SessionStore {
  private readonly map = new Map<string, { frame: Frame; at: number }>();
  constructor(private readonly maxSessions = 10_000, private readonly ttlMs = 30 * 60_000, private readonly now = () => Date.now()) {}

  get(id: string): Frame | undefined {
    const e = this.map.get(id);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) { this.map.delete(id); return undefined; }
    this.map.delete(id);
    this.map.set(id, { frame: e.frame, at: this.now() });
    return e.frame;
  }

  set(id: string, frame: Frame): void {
    this.map.delete(id);
    this.map.set(id, { frame, at: this.now() });
    while (this.map.size > this.maxSessions) this.map.delete(this.map.keys().next().value as string);
  }

  delete(id: string): void { this.map.delete(id); }

  get size(): number { return this.map.size; }
}

/**
 * A store that several processes share (Redis, in adapters/): asynchronous, so the Bot — which reads its frames
 * synchronously — reaches it through `withSharedSessions`, which copies the frame in before a question and out
 * after it. Implementations fall back to local state themselves when the shared one is unreachable.
 */
export interface SharedSessionStore {
  load(id: string): Promise<Frame | undefined>;
  /** Stores the frame after a question; undefined forgets the conversation. */
  save(id: string, frame: Frame | undefined): Promise<void>;
}

interface SessionBot {
  handle(message: string, sessionId: string): Reply;
}

export interface SharedSessionBot {
  handle(message: string, sessionId: string): Promise<Reply>;
  /** Starts loading a conversation whose question is about to be asked (while, say, a rate limit is checked). */
  prepare(sessionId: string): void;
}

/** Loads started by prepare() and not yet used; an old one is not trusted (another instance may have saved since). */
const PREPARED_FOR_MS = 2000;

/**
 * A bot whose conversations live in `shared`: the frame is loaded into the bot's own store before each question
 * and saved back as the answer is returned, so a follow-up that reaches another process finds it.
 */
export function withSharedSessions(bot: SessionBot, local: SessionStore, shared: SharedSessionStore): SharedSessionBot {
  const prepared = new Map<string, { at: number; frame: Promise<Frame | undefined> }>();
  return {
    prepare(sessionId) {
      prepared.delete(sessionId);
      prepared.set(sessionId, { at: Date.now(), frame: shared.load(sessionId) });
      if (prepared.size > 1000) prepared.delete(prepared.keys().next().value!); // prepared, then never asked
    },
    async handle(message, sessionId) {
      const early = prepared.get(sessionId);
      prepared.delete(sessionId);
      const before = await (early && Date.now() - early.at < PREPARED_FOR_MS ? early.frame : shared.load(sessionId));
      if (before) local.set(sessionId, before); else local.delete(sessionId);
      const reply = bot.handle(message, sessionId);
      const after = local.get(sessionId);
      // an unchanged frame was already refreshed by load (its expiry restarts on every read); the save is not
      // awaited: it is sent before the reply is, and a follow-up comes only after the user has read the reply
      if (after !== before) shared.save(sessionId, after).catch(() => undefined);
      return reply;
    },
  };
}
