/**
 * Claims on deliveries (Slack event ids and request signatures, Telegram update ids): the first claim of an id
 * wins and the platform's redelivery of it is dropped. In one process a bounded memory of recent ids; with
 * Redis, `SET NX` with an expiry, so exactly one of several instances answers — and each instance also keeps its
 * own memory, which answers alone while Redis is unreachable.
 */
import type { RedisLink } from './redis.js';
import { RecentIds } from './recent.js';

export interface Claims {
  /** True for the first claim of `id`; false when it was claimed before (a redelivery). */
  claim(id: string): Promise<boolean>;
  /** Gives up a claim whose processing failed, so the platform's redelivery is processed. */
  release(id: string): Promise<void>;
}

export class MemoryClaims implements Claims {
  private readonly recent: RecentIds;
  constructor(capacity = 20_000) { this.recent = new RecentIds(capacity); }
  async claim(id: string): Promise<boolean> { return this.recent.firstTime(id); }
  async release(id: string): Promise<void> { this.recent.forget(id); }
}

export class RedisClaims implements Claims {
  private readonly local: RecentIds;

  /** `namespace` keeps each kind of id apart (`slack:event`, `tg:123456:update`); claims expire after `ttlMs`. */
  constructor(private readonly link: RedisLink, private readonly namespace: string, private readonly ttlMs: number, capacity = 20_000) {
    this.local = new RecentIds(capacity);
  }

  async claim(id: string): Promise<boolean> {
    const here = this.local.firstTime(id);
    // seen by this instance: no need to ask (and a redelivery during an outage is still dropped)
    if (!here) return false;
    return this.link.attempt(async (redis) => (await redis.set(this.key(id), '1', 'PX', this.ttlMs, 'NX')) === 'OK', () => true);
  }

  async release(id: string): Promise<void> {
    this.local.forget(id);
    await this.link.attempt((redis) => redis.del(this.key(id)).then(() => undefined), () => undefined);
  }

  private key(id: string): string { return `claim:${this.namespace}:${id}`; }
}
