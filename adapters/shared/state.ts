/**
 * The state adapters keep between messages, in one place: in this process by default, or in Redis (REDIS_URL) so
 * several `serve` instances behind one bot act as one — conversations, delivered-event claims, button data and
 * rate counts. Each piece has its own small interface (sessions: src/bot/session.ts; claims.ts, values.ts,
 * rate-limit.ts here) with an in-memory and a Redis implementation.
 */
import type { SharedSessionStore } from '../../src/bot/session.js';
import { MemoryClaims, RedisClaims, type Claims } from './claims.js';
import { MemoryRateCounter, RateLimit, RedisRateCounter } from './rate-limit.js';
import { RedisLink, redactUrl, type RedisLinkOptions } from './redis.js';
import { RedisSessionStore } from './sessions.js';
import { MemoryValues, RedisValues, type KeptValues } from './values.js';

export interface SharedState {
  /** Conversations shared between instances; undefined: the Bot's own memory store holds them. */
  sessions?: SharedSessionStore;
  /** Delivery claims of one kind (`namespace`), remembered for `ttlMs` where they can expire. */
  claims(namespace: string, ttlMs: number): Claims;
  /** Values of one kind kept for `ttlMs` where they can expire. */
  values(namespace: string, ttlMs: number): KeptValues;
  /** Undefined when no limit applies. */
  rateLimit?: RateLimit;
  /** The Redis connection, when there is one (for readiness checks). */
  redis?: RedisLink;
  /** One line for the start-up log. */
  description: string;
  close(): Promise<void>;
}

export interface StateOptions {
  redisUrl?: string;
  /** Questions per user per minute; 0 or undefined = no limit. */
  ratePerMinute?: number;
  redis?: RedisLinkOptions;
}

/** This process's own state (the embedded default). */
export function memoryState(options: Omit<StateOptions, 'redisUrl' | 'redis'> = {}): SharedState {
  const perMinute = options.ratePerMinute ?? 0;
  return {
    claims: () => new MemoryClaims(),
    values: () => new MemoryValues(),
    ...(perMinute > 0 ? { rateLimit: new RateLimit(new MemoryRateCounter(), perMinute) } : {}),
    description: `state in this process${perMinute > 0 ? `, at most ${perMinute} questions per user per minute` : ''}`,
    close: async () => undefined,
  };
}

/** Redis when `redisUrl` is set (throws RedisUnavailable when it does not answer), else memoryState. */
export async function openState(options: StateOptions): Promise<SharedState> {
  if (!options.redisUrl) return memoryState(options);
  const link = await RedisLink.connect(options.redisUrl, options.redis);
  const perMinute = options.ratePerMinute ?? 0;
  return {
    sessions: new RedisSessionStore(link),
    claims: (namespace, ttlMs) => new RedisClaims(link, namespace, ttlMs),
    values: (namespace, ttlMs) => new RedisValues(link, namespace, ttlMs),
    ...(perMinute > 0 ? { rateLimit: new RateLimit(new RedisRateCounter(link), perMinute) } : {}),
    redis: link,
    description: `state shared in Redis at ${redactUrl(options.redisUrl)}${perMinute > 0 ? `, at most ${perMinute} questions per user per minute` : ''}`,
    close: () => link.close(),
  };
}
