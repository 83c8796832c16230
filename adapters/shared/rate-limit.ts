/**
 * Per-user rate limit (RATE_LIMIT_PER_MINUTE, default 20; 0 = off): a user over the limit gets a polite message in
 * their language and no answer work is done. Counted in fixed one-minute windows, in this process or, with Redis,
 * across all instances (INCR + PEXPIRE in one round trip; this process's own count when Redis is unreachable).
 */
import { makeReply, type Reply } from '../../src/bot/reply.js';
import { normalizeQuestion } from '../../src/understand/normalize.js';
import { wordsFor } from '../../src/words/index.js';
import type { RedisLink } from './redis.js';

export const DEFAULT_RATE_PER_MINUTE = 20;
const WINDOW_MS = 60_000;

export interface RateCounter {
  /** Counts one more question of `key` in the window that holds `now`; returns the count so far, this one included. */
  hit(key: string, now: number): Promise<number>;
}

const windowOf = (now: number) => Math.floor(now / WINDOW_MS);

export class MemoryRateCounter implements RateCounter {
  private readonly counts = new Map<string, { window: number; count: number }>();
  constructor(private readonly capacity = 100_000) {}

  async hit(key: string, now: number): Promise<number> { return this.hitNow(key, now); }

  hitNow(key: string, now: number): number {
    const window = windowOf(now);
    const entry = this.counts.get(key);
    const count = entry?.window === window ? entry.count + 1 : 1;
    this.counts.delete(key); // re-insert: the oldest users are forgotten first
    this.counts.set(key, { window, count });
    if (this.counts.size > this.capacity) this.counts.delete(this.counts.keys().next().value!);
    return count;
  }
}

export class RedisRateCounter implements RateCounter {
  /** Counts here too, so an outage falls back to a count that is already warm. */
  private readonly local = new MemoryRateCounter();
  constructor(private readonly link: RedisLink) {}

  async hit(key: string, now: number): Promise<number> {
    const localCount = this.local.hitNow(key, now);
    const redisKey = `rate:${key}:${windowOf(now)}`;
    return this.link.attempt(async (redis) => {
      const results = await redis.multi().incr(redisKey).pexpire(redisKey, WINDOW_MS * 2).exec();
      const count = results?.[0]?.[1];
      if (typeof count !== 'number') throw new Error('rate counter: unexpected reply from Redis');
      return count;
    }, () => localCount);
  }
}

export class RateLimit {
  constructor(private readonly counter: RateCounter, readonly perMinute = DEFAULT_RATE_PER_MINUTE, private readonly now = () => Date.now()) {}

  /** The polite refusal when `user` is over the limit; undefined when the question may be answered. */
  async check(user: string, question: string): Promise<Reply | undefined> {
    if (this.perMinute <= 0) return undefined;
    if ((await this.counter.hit(user, this.now())) <= this.perMinute) return undefined;
    return rateLimitedReply(question, this.perMinute);
  }
}

/** "Please slow down", in the language the question was asked in. */
export function rateLimitedReply(question: string, perMinute: number): Reply {
  const w = wordsFor(normalizeQuestion(question).english);
  return makeReply({ kind: 'refuse', reason: 'rateLimited', intent: 'refuse', language: w.lang, lines: [w.rateLimited(perMinute)], confidence: 1 });
}
