/**
 * Small values kept for a while under a key (the questions behind Telegram's suggestion buttons): in a bounded
 * map in this process or, with Redis, shared by every instance — a button made by one is handled by another.
 */
import type { RedisLink } from './redis.js';

export interface KeptValues {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` (it is in place when this resolves, so a button can be shown for it). */
  set(key: string, value: string): Promise<void>;
}

export class MemoryValues implements KeptValues {
  private readonly map = new Map<string, string>();
  constructor(private readonly capacity = 10_000) {}

  async get(key: string): Promise<string | undefined> { return this.map.get(key); }

  async set(key: string, value: string): Promise<void> { this.setNow(key, value); }

  setNow(key: string, value: string): void {
    this.map.delete(key); // re-insert: the oldest are forgotten first
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

export class RedisValues implements KeptValues {
  private readonly local: MemoryValues;

  /** `namespace` keeps each kind of value apart; values expire `ttlMs` after they were last set. */
  constructor(private readonly link: RedisLink, private readonly namespace: string, private readonly ttlMs: number, capacity = 10_000) {
    this.local = new MemoryValues(capacity);
  }

  async get(key: string): Promise<string | undefined> {
    const here = await this.local.get(key);
    if (here !== undefined) return here;
    return this.link.attempt(async (redis) => (await redis.get(this.key(key))) ?? undefined, () => undefined);
  }

  async set(key: string, value: string): Promise<void> {
    this.local.setNow(key, value);
    await this.link.attempt((redis) => redis.set(this.key(key), value, 'PX', this.ttlMs).then(() => undefined), () => undefined);
  }

  private key(key: string): string { return `${this.namespace}:${key}`; }
}
