/**
 * Conversation frames in Redis, so a follow-up that reaches another instance keeps its context. Frames are plain
 * data (src/understand/frame.ts), stored as JSON with the same expiry as in memory, refreshed on every read.
 * A copy stays in this process: it answers while Redis is unreachable.
 */
import type { Frame } from '../../src/understand/frame.js';
import { MemorySessionStore, type SharedSessionStore } from '../../src/bot/session.js';
import type { RedisLink } from './redis.js';

export const SESSION_TTL_MS = 30 * 60_000;

export class RedisSessionStore implements SharedSessionStore {
  private readonly local: MemorySessionStore;

  constructor(private readonly link: RedisLink, private readonly ttlMs = SESSION_TTL_MS) {
    this.local = new MemorySessionStore(10_000, ttlMs);
  }

  async load(id: string): Promise<Frame | undefined> {
    return this.link.attempt(async (redis) => {
      const json = await redis.getex(this.key(id), 'PX', this.ttlMs);
      const frame = json === null ? undefined : parseFrame(json);
      if (frame) this.local.set(id, frame); else this.local.delete(id);
      return frame;
    }, () => this.local.get(id));
  }

  async save(id: string, frame: Frame | undefined): Promise<void> {
    if (frame) this.local.set(id, frame); else this.local.delete(id);
    await this.link.attempt(async (redis) => {
      if (frame) await redis.set(this.key(id), JSON.stringify(frame), 'PX', this.ttlMs);
      else await redis.del(this.key(id));
    }, () => undefined);
  }

  private key(id: string): string { return `session:${id}`; }
}

/** A stored frame, or undefined when the value is not one (written by another version, or damaged). */
function parseFrame(json: string): Frame | undefined {
  try {
    const value: unknown = JSON.parse(json);
    const f = value as Partial<Frame> | null;
    return f && typeof f === 'object' && typeof f.intent === 'string' && Array.isArray(f.years) && Array.isArray(f.rows) && Array.isArray(f.columns) && Array.isArray(f.metrics) && Array.isArray(f.cues)
      ? (f as Frame) : undefined;
  } catch {
    return undefined;
  }
}
