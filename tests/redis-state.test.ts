/**
 * The shared stores against a real redis-server (tests/helpers/redis-server.ts), two links standing for two
 * instances: one claim wins, a frame saved by one is loaded by the other, the rate limit counts both, a button's
 * question kept by one is read by the other. Then Redis stops and comes back: every call still answers (from the
 * instance's own state, with one warning) and the shared state is used again once Redis is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisClaims } from '../adapters/shared/claims.js';
import { MemoryRateCounter, RateLimit, RedisRateCounter } from '../adapters/shared/rate-limit.js';
import { RedisLink, RedisUnavailable } from '../adapters/shared/redis.js';
import { RedisSessionStore } from '../adapters/shared/sessions.js';
import { RedisValues } from '../adapters/shared/values.js';
import { CallbackQuestions } from '../adapters/telegram/callbacks.js';
import { SharedJournal } from '../adapters/telegram/shared-journal.js';
import type { OutboxJob } from '../adapters/telegram/outbox.js';
import type { Frame } from '../src/understand/frame.js';
import { findRedisServer, REDIS_MISSING, startRedis, type TestRedis } from './helpers/redis-server.js';

const executable = findRedisServer();
if (!executable) console.warn(REDIS_MISSING);

const frame: Frame = { intent: 'cell', agency: '高平市交通运输局', years: [2023], rows: ['penalty'], columns: ['count'], metrics: ['t2.penalty'], cues: [] } as unknown as Frame;

describe.skipIf(!executable)('shared state in a real Redis', () => {
  let redis: TestRedis;
  let a: RedisLink;
  let b: RedisLink;
  const logs: string[] = [];
  beforeAll(async () => {
    redis = await startRedis(executable);
    a = await RedisLink.connect(redis.url, { log: (m) => logs.push(`a ${m}`) });
    b = await RedisLink.connect(redis.url, { log: (m) => logs.push(`b ${m}`) });
  });
  afterAll(async () => { await a?.close(); await b?.close(); await redis?.close(); });

  it('refuses to start when Redis does not answer, saying where and what to do', async () => {
    const closed = `redis://127.0.0.1:${redis.port + 1 === 65536 ? 1 : redis.port + 1}`;
    const attempt = RedisLink.connect(closed, { connectTimeoutMs: 1000 });
    await expect(attempt).rejects.toBeInstanceOf(RedisUnavailable);
    await expect(attempt).rejects.toThrow(/unreachable.*REDIS_URL/);
  });

  it('one claim of an id wins across instances; a released claim can be taken again', async () => {
    const onA = new RedisClaims(a, 'test:update', 60_000);
    const onB = new RedisClaims(b, 'test:update', 60_000);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => [onA.claim(`u${i}`), onB.claim(`u${i}`)]).flat());
    for (let i = 0; i < 50; i++) expect([results[2 * i], results[2 * i + 1]].filter(Boolean)).toHaveLength(1);
    expect(await onA.claim('u0')).toBe(false);
    await onA.release('u1');
    await onB.release('u1');
    expect(await onB.claim('u1')).toBe(true);
    expect(await onA.claim('u1')).toBe(false);
    expect(await a.client.pttl('claim:test:update:u1')).toBeGreaterThan(50_000); // claims expire
  });

  it('a conversation frame saved by one instance is loaded by the other, and forgotten by either', async () => {
    const onA = new RedisSessionStore(a);
    const onB = new RedisSessionStore(b);
    await onA.save('s1', frame);
    expect(await onB.load('s1')).toEqual(frame);
    await onB.save('s1', undefined);
    expect(await onA.load('s1')).toBeUndefined();
    // something that is not a frame (another version's, damaged) is no conversation, not a crash
    await a.client.set('session:s2', '{"intent":');
    expect(await onB.load('s2')).toBeUndefined();
  });

  it('the rate limit counts a user over both instances, refused questions not counted', async () => {
    const onA = new RateLimit(new RedisRateCounter(a), 3, () => 1_000_000);
    const onB = new RateLimit(new RedisRateCounter(b), 3, () => 1_000_000);
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await (i % 2 ? onB : onA).check('tg:7', '行政处罚多少件'));
    expect(verdicts.filter((v) => v === undefined)).toHaveLength(3);
    const refusal = verdicts.find((v) => v)!;
    expect(refusal).toMatchObject({ kind: 'refuse', reason: 'rateLimited', language: 'zh' });
    expect(refusal.text).toContain('每分钟最多 3 个');
    expect((await onA.check('tg:8', 'How many penalties were decided?'))).toBeUndefined();
    // a minute later the window has room again
    const later = new RateLimit(new RedisRateCounter(b), 3, () => 1_000_000 + 60_001);
    expect(await later.check('tg:7', '行政处罚多少件')).toBeUndefined();
  });

  it('in English, the polite refusal is English; a limit of 0 is off', async () => {
    const counter = new MemoryRateCounter();
    const limit = new RateLimit(counter, 1, () => 5);
    expect(await limit.check('u', 'How many penalties?')).toBeUndefined();
    expect((await limit.check('u', 'How many penalties were there in 2023?'))?.text).toMatch(/at most 1 questions a minute/);
    const off = new RateLimit(counter, 0);
    for (let i = 0; i < 5; i++) expect(await off.check('u', 'x')).toBeUndefined();
  });

  it('a long button question kept by one instance is read by the other', async () => {
    const long = '晋城市城区住房和城乡建设局2023年行政处罚多少件';
    const data = await new CallbackQuestions(new RedisValues(a, 'test:callback', 60_000)).encode(long);
    expect(data.startsWith('k:')).toBe(true);
    expect(await new CallbackQuestions(new RedisValues(b, 'test:callback', 60_000)).decode(data)).toBe(long);
  });

  it('queued answers of an instance that stopped are adopted by exactly one other, from the message it reached', async () => {
    const stopped = new SharedJournal(a, 'bot1', { leaseMs: 60_000 });
    expect(await stopped.start()).toEqual([]);
    const message = (text: string) => ({ method: 'sendMessage', payload: { chat_id: 5, text } });
    const job: OutboxJob = { id: 'j1', chatId: 5, updateId: 77, messages: [message('第一段'), message('第二段')], sent: 0 };
    stopped.add(job);
    job.sent = 1;
    stopped.progress(job);
    const finished: OutboxJob = { id: 'j2', chatId: 6, messages: [message('已送达')], sent: 0 };
    stopped.add(finished);
    stopped.done(finished);
    stopped.close(); // a graceful stop gives the lease up: no waiting for it to expire
    await a.client.ping(); // the journal's writes are sent in order before this answers
    const x = new SharedJournal(a, 'bot1');
    const y = new SharedJournal(b, 'bot1');
    const [fromX, fromY] = await Promise.all([x.start(), y.start()]);
    expect([...fromX, ...fromY]).toEqual([{ id: 'j1', chatId: 5, messages: job.messages, sent: 1 }]);
    // the adopter now owns it: while it renews its lease, the other leaves it alone
    const z = new SharedJournal(b, 'bot1');
    expect(await z.start()).toEqual([]);
    for (const j of [x, y, z]) j.close();
  });

  it('a journal write lost with the connection is a failure, not a sign Redis is back (no flapping)', async () => {
    // the moment Redis goes away, before ioredis has seen the socket close: a command fails at once, and a pipeline
    // "succeeds" with every command failed — taken for a recovery, it flapped the link without end
    const seen: string[] = [];
    const link = await RedisLink.connect(redis.url, { log: (m) => seen.push(m) });
    try {
      const journal = new SharedJournal(link, 'bot-flap', { leaseMs: 60_000 });
      const job: OutboxJob = { id: 'jf', chatId: 9, messages: [{ method: 'sendMessage', payload: { chat_id: 9, text: '…' } }], sent: 0 };
      (link.client as unknown as { stream: { destroy(): void } }).stream.destroy();
      expect(await new RedisClaims(link, 'test:flap', 60_000).claim('f1')).toBe(true); // answered from local state
      expect(link.degraded).toBe(true);
      journal.add(job);
      journal.done(job);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen.filter((l) => /reachable again/.test(l))).toEqual([]);
      expect(link.degraded).toBe(true);
    } finally {
      await link.close();
    }
  });

  it('Redis stopped: every call still answers from local state with one warning; restarted: shared again', async () => {
    const claimsA = new RedisClaims(a, 'test:outage', 60_000);
    const claimsB = new RedisClaims(b, 'test:outage', 60_000);
    const sessionsA = new RedisSessionStore(a);
    await sessionsA.save('s3', frame);
    logs.length = 0;
    await redis.stop();
    // each instance on its own: new ids are answered, its own repeats are still dropped, its conversations kept
    expect(await claimsA.claim('x1')).toBe(true);
    expect(await claimsA.claim('x1')).toBe(false);
    expect(await sessionsA.load('s3')).toEqual(frame);
    expect(await new RateLimit(new RedisRateCounter(a), 2).check('u9', '行政处罚多少件')).toBeUndefined();
    for (let i = 0; i < 5; i++) await claimsA.claim(`y${i}`);

    await redis.start();
    // ioredis reconnects on its own (retries at most a second apart)
    const deadline = Date.now() + 5000;
    while ((a.degraded || b.degraded || a.client.status !== 'ready' || b.client.status !== 'ready') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      await claimsA.claim(`probe-${Date.now()}`);
      await claimsB.claim(`probe-b-${Date.now()}`);
    }
    expect(a.degraded).toBe(false);
    expect(logs.some((l) => /^a redis: reachable again/.test(l))).toBe(true);
    expect([await claimsA.claim('z1'), await claimsB.claim('z1')].filter(Boolean)).toHaveLength(1);
  });
});
