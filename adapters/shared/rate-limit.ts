/**
 * Per-user rate limit (RATE_LIMIT_PER_MINUTE, default 20; 0 = off): a user over the limit gets a polite message in
 * their language and no answer work is done. A sliding window — at most N answered questions in any 60 s, refused
 * ones not counted — kept in this process or, with Redis, across all instances (one Lua call: trim, count, add;
 * this process's own count when Redis is unreachable).
 */
import { makeReply, type Reply } from '../../src/bot/reply.js';
import { normalizeQuestion } from '../../src/understand/normalize.js';
import { wordsFor } from '../../src/words/index.js';
import type { RedisLink } from './redis.js';

export const DEFAULT_RATE_PER_MINUTE = 20;
const WINDOW_MS = 60_000;

export interface RateCounter {
  /** Whether `key` may ask once more at `now` (fewer than `limit` allowed in the window before); if so, counts it. */
  allow(key: string, now: number, limit: number): Promise<boolean>;
}

export class MemoryRateCounter implements RateCounter {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly capacity = 100_000) {}

  async allow(key: string, now: number, limit: number): Promise<boolean> { return this.allowNow(key, now, limit); }

  allowNow(key: string, now: number, limit: number): boolean {
    const recent = (this.times.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    const allowed = recent.length < limit;
    if (allowed) recent.push(now);
    this.times.delete(key); // re-insert: the users not seen for longest are forgotten first
    this.times.set(key, recent);
    if (this.times.size > this.capacity) this.times.delete(this.times.keys().next().value!);
    return allowed;
  }
}

/** KEYS[1] the user's sorted set of answer times; ARGV now, window, limit, a unique member. 1 = allowed. */
const SLIDING_WINDOW = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const COMMAND = 'disclosureBotRateWindow';
type SlidingWindowCommand = Record<typeof COMMAND, (key: string, now: number, windowMs: number, limit: number, member: string) => Promise<number>>;

export class RedisRateCounter implements RateCounter {
  /** Counts here too, so an outage falls back to a count that is already warm. */
  private readonly local = new MemoryRateCounter();
  private sequence = 0;
  private readonly instance = Math.random().toString(36).slice(2, 10);
  constructor(private readonly link: RedisLink) {
    // sent once, then called by its hash (EVALSHA): a quarter of the time of sending the script each call
    link.client.defineCommand(COMMAND, { numberOfKeys: 1, lua: SLIDING_WINDOW });
  }

  async allow(key: string, now: number, limit: number): Promise<boolean> {
    const here = this.local.allowNow(key, now, limit);
    const member = `${now}:${this.instance}:${this.sequence++}`;
    return this.link.attempt(async (redis) => (await (redis as unknown as SlidingWindowCommand)[COMMAND](`rate:${key}`, now, WINDOW_MS, limit, member)) === 1, () => here);
  }
}

export class RateLimit {
  /** Told of every refusal (the metrics count them by platform). */
  onLimited?: (platform: string) => void;

  constructor(private readonly counter: RateCounter, readonly perMinute = DEFAULT_RATE_PER_MINUTE, private readonly now = () => Date.now()) {}

  /** The polite refusal when `user` is over the limit; undefined when the question may be answered. */
  async check(user: string, question: string, platform = 'unknown'): Promise<Reply | undefined> {
    if (this.perMinute <= 0) return undefined;
    if (await this.counter.allow(user, this.now(), this.perMinute)) return undefined;
    this.onLimited?.(platform);
    return rateLimitedReply(question, this.perMinute);
  }
}

/** "Please slow down", in the language the question was asked in. */
export function rateLimitedReply(question: string, perMinute: number): Reply {
  const w = wordsFor(normalizeQuestion(question).english);
  return makeReply({ kind: 'refuse', reason: 'rateLimited', intent: 'refuse', language: w.lang, lines: [w.rateLimited(perMinute)], confidence: 1 });
}
