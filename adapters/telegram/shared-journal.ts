/**
 * The outbox journal in Redis, for several instances behind one bot: every queued answer is a job in a hash with
 * the instance that owns it, and each instance holds a lease it renews. When an instance stops answering (killed,
 * host lost) its lease expires and another instance adopts its pending jobs — atomically, so exactly one does —
 * and delivers them from the message where the dead one stopped. A graceful stop gives up the lease at once.
 * While Redis is unreachable, jobs are kept in memory and written back when it returns.
 * Delivery is at least once: a message sent just before its instance died, not yet recorded, is sent again.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { execPipeline, type RedisLink } from '../shared/redis.js';
import type { JobJournal } from './journal.js';
import type { OutboxJob } from './outbox.js';

export const DEFAULT_LEASE_MS = 10_000;

/** KEYS owners, jobs, the old owner's lease; ARGV job id, old owner, new owner. Returns the job, or nil when gone or taken. */
const ADOPT = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] or redis.call('EXISTS', KEYS[3]) == 1 then return false end
local job = redis.call('HGET', KEYS[2], ARGV[1])
if not job then redis.call('HDEL', KEYS[1], ARGV[1]) return false end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return job`;
const COMMAND = 'disclosureBotAdoptJob';
type AdoptCommand = Record<typeof COMMAND, (owners: string, jobs: string, lease: string, id: string, from: string, to: string) => Promise<string | null>>;

export interface SharedJournalOptions {
  /** How long an instance that stopped renewing keeps its jobs before another adopts them (default 10 s). */
  leaseMs?: number;
  log?: (message: string) => void;
}

export class SharedJournal implements JobJournal {
  readonly instance = randomUUID();
  private readonly live = new Map<string, OutboxJob>();
  private readonly keys: { jobs: string; owners: string; lease: (instance: string) => string };
  private readonly leaseMs: number;
  private timer?: NodeJS.Timeout;
  /** Receives jobs adopted from instances that stopped answering. */
  onAdopted: (jobs: OutboxJob[]) => void = () => undefined;

  constructor(private readonly link: RedisLink, botId: string, options: SharedJournalOptions = {}) {
    const base = `tg:${botId}:outbox`;
    this.keys = { jobs: `${base}:jobs`, owners: `${base}:owners`, lease: (instance) => `${base}:lease:${instance}` };
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    link.client.defineCommand(COMMAND, { numberOfKeys: 3, lua: ADOPT });
    link.onRecovered(() => void this.writeBack());
  }

  /** Takes the lease, adopts what stopped instances left, and keeps doing both every third of the lease. */
  async start(): Promise<OutboxJob[]> {
    await this.renew();
    const adopted = await this.adoptOrphans();
    this.timer = setInterval(() => void this.renew().then(() => this.adoptOrphans()).then((jobs) => jobs.length && this.onAdopted(jobs)), Math.max(100, this.leaseMs / 3));
    this.timer.unref();
    return adopted;
  }

  add(job: OutboxJob): void {
    this.live.set(job.id, job);
    const { updateId: _, ...stored } = job; // the update's claim lives in Redis already
    void this.link.attempt((redis) => this.store(redis, job.id, JSON.stringify(stored)), () => null);
  }

  progress(job: OutboxJob): void {
    void this.link.attempt((redis) => redis.hset(this.keys.jobs, job.id, JSON.stringify({ ...job, updateId: undefined })), () => 0);
  }

  done(job: OutboxJob): void {
    this.live.delete(job.id);
    void this.link.attempt((redis) => this.forget(redis, job.id), () => null);
  }

  /** Nothing to record: the update's claim is shared in Redis (state.claims). */
  handled(): void {}

  /** Stops renewing and gives the lease up, so another instance adopts what is left without waiting. */
  close(): void {
    clearInterval(this.timer);
    void this.link.attempt((redis) => redis.del(this.keys.lease(this.instance)), () => 0);
  }

  /**
   * Owner, then job, in one pipeline (a MULTI costs twice the CPU): a job is never without its owner, and an owner
   * left without a job (the process died between the two) is cleared by the next adoption.
   */
  private store(redis: Redis, id: string, json: string): Promise<unknown> {
    return execPipeline(redis.pipeline().hset(this.keys.owners, id, this.instance).hset(this.keys.jobs, id, json));
  }

  /** Job, then owner (the same reasoning, in reverse). */
  private forget(redis: Redis, ...ids: string[]): Promise<unknown> {
    return execPipeline(redis.pipeline().hdel(this.keys.jobs, ...ids).hdel(this.keys.owners, ...ids));
  }

  private async renew(): Promise<void> {
    await this.link.attempt((redis) => redis.set(this.keys.lease(this.instance), '1', 'PX', this.leaseMs), () => null);
  }

  /** Jobs whose owner's lease has expired, now this instance's. */
  private async adoptOrphans(): Promise<OutboxJob[]> {
    const owners = await this.link.attempt((redis) => redis.hgetall(this.keys.owners), () => ({} as Record<string, string>));
    const others = Object.entries(owners).filter(([, owner]) => owner !== this.instance);
    if (!others.length) return [];
    const alive = new Map<string, boolean>();
    const adopted: OutboxJob[] = [];
    for (const [id, owner] of others) {
      if (!alive.has(owner)) alive.set(owner, await this.link.attempt(async (redis) => (await redis.exists(this.keys.lease(owner))) === 1, () => true));
      if (alive.get(owner)) continue;
      const json = await this.link.attempt((redis) => (redis as unknown as AdoptCommand)[COMMAND](this.keys.owners, this.keys.jobs, this.keys.lease(owner), id, owner, this.instance), () => null);
      if (!json) continue;
      try {
        const job = JSON.parse(json) as OutboxJob;
        this.live.set(job.id, job);
        adopted.push(job);
      } catch {
        await this.link.attempt((redis) => this.forget(redis, id), () => null);
      }
    }
    return adopted;
  }

  /** After an outage: the jobs queued or progressed meanwhile are written back, still this instance's. */
  private async writeBack(): Promise<void> {
    await this.renew();
    // finished during the outage: forgotten now, so no one adopts and resends them
    const owners = await this.link.attempt((redis) => redis.hgetall(this.keys.owners), () => ({} as Record<string, string>));
    const finished = Object.entries(owners).filter(([id, owner]) => owner === this.instance && !this.live.has(id)).map(([id]) => id);
    if (finished.length) await this.link.attempt((redis) => this.forget(redis, ...finished), () => null);
    for (const job of this.live.values()) {
      await this.link.attempt((redis) => this.store(redis, job.id, JSON.stringify({ ...job, updateId: undefined })), () => null);
    }
  }
}
