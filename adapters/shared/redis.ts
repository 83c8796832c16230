/**
 * The one Redis connection of a `serve` process (ioredis), for the state several instances share. Start-up
 * insists on it (an unreachable REDIS_URL is a clear error); while serving, a lost Redis never stops an answer:
 * every store call fails fast (no offline queue, a short command timeout) and the store falls back to this
 * process's own state, with one warning per outage, until ioredis has reconnected.
 */
import { Redis, type ChainableCommander } from 'ioredis';

/**
 * Runs a pipeline and throws its first command's error: ioredis resolves a pipeline even when every command in it
 * failed (Redis gone), and a call that "succeeds" that way would tell the link Redis is back.
 */
export async function execPipeline(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = await pipeline.exec();
  if (!results) throw new Error('pipeline discarded');
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
  return results.map(([, value]) => value);
}

export class RedisUnavailable extends Error {
  constructor(url: string, cause: string) {
    super(`Redis at ${redactUrl(url)} is unreachable (${cause}): start it, fix REDIS_URL, or unset REDIS_URL to keep the state in this process`);
    this.name = 'RedisUnavailable';
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unreadable URL)';
  }
}

export interface RedisLinkOptions {
  /** How long one command may take before the store falls back (default 250 ms: answers must not wait). */
  commandTimeoutMs?: number;
  /** How long the start-up check may take (default 3 s). */
  connectTimeoutMs?: number;
  /** Every key starts with this, so one Redis can hold other things (default `disclosure-bot:`). */
  keyPrefix?: string;
  log?: (message: string) => void;
}

export class RedisLink {
  private degradedSince?: number;
  /** Outages begun so far (a call remembers the count it was sent under). */
  private outages = 0;
  private readonly onRecovery: Array<() => void> = [];
  private readonly deadlines: Deadlines;
  private readonly log: (message: string) => void;

  private constructor(readonly client: Redis, private readonly url: string, log: (message: string) => void, private readonly timeoutMs: number) {
    this.log = log;
    this.deadlines = new Deadlines(timeoutMs);
    // without a listener ioredis' connection errors would be unhandled 'error' events
    client.on('error', () => undefined);
    client.on('ready', () => this.recovered());
    client.on('close', () => this.degrade('connection closed'));
  }

  /** Connects and checks Redis answers (PING); throws RedisUnavailable otherwise. */
  static async connect(url: string, options: RedisLinkOptions = {}): Promise<RedisLink> {
    const client = new Redis(url, {
      lazyConnect: true,
      keyPrefix: options.keyPrefix ?? 'disclosure-bot:',
      // fail at once while disconnected and after a short wait while connected: the caller falls back
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // a backstop for a Redis that hangs; answers do not wait for it (attempt's own, shorter, timeout)
      commandTimeout: 10_000,
      connectTimeout: options.connectTimeoutMs ?? 3000,
      // keep trying to come back, at most a second apart
      retryStrategy: (attempt) => Math.min(50 * attempt, 1000),
    });
    client.on('error', () => undefined); // the first connect's error is reported by connect() below
    try {
      await client.connect();
      await client.ping();
    } catch (e) {
      client.disconnect();
      throw new RedisUnavailable(url, (e as Error).message || String(e));
    }
    return new RedisLink(client, url, options.log ?? ((m) => console.error(m)), options.commandTimeoutMs ?? 250);
  }

  /** Calls `listener` each time Redis answers again after an outage (to write back what was kept locally). */
  onRecovered(listener: () => void): void { this.onRecovery.push(listener); }

  /** True while Redis is not answering and the stores use local state. */
  get degraded(): boolean { return this.degradedSince !== undefined; }

  /**
   * Runs `op` against Redis; when Redis is not connected or the call fails, warns (once per outage) and returns
   * `fallback()` instead, so the caller always gets an answer.
   */
  async attempt<T>(op: (redis: Redis) => Promise<T>, fallback: () => T): Promise<T> {
    if (this.client.status !== 'ready') { this.degrade(`connection ${this.client.status}`); return fallback(); }
    // only a call sent after the latest outage began tells that Redis is back: one already in flight when it
    // began may still succeed, and taking that for a recovery would flap (and write local state back too early)
    const outage = this.outages;
    try {
      const result = await this.deadlines.run(op(this.client));
      if (outage === this.outages) this.recovered();
      return result;
    } catch (e) {
      this.degrade((e as Error).message);
      return fallback();
    }
  }

  async close(): Promise<void> {
    this.degradedSince = undefined;
    this.deadlines.stop();
    this.client.removeAllListeners('close');
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private recovered(): void {
    if (this.degradedSince === undefined) return;
    this.log(`redis: reachable again after ${Math.round((Date.now() - this.degradedSince) / 1000)} s; shared state restored`);
    this.degradedSince = undefined;
    for (const listener of this.onRecovery) listener();
  }

  private degrade(reason: string): void {
    if (this.degradedSince !== undefined || this.client.status === 'end') return;
    this.degradedSince = Date.now();
    this.outages++;
    this.log(`redis: not answering at ${redactUrl(this.url)} (${reason}); answering with this instance's local state until it returns`);
  }
}

/**
 * Time limits for the calls in flight, checked by one interval instead of a timer per call (a timer per Redis call
 * was a visible cost under load). A call is given up only after the event loop's next I/O phase (setImmediate): a
 * busy process (answering a burst) must not blame Redis for a reply already in the socket — so only calls already late
 * when the check fired are given up, after the I/O phase that followed it.
 */
class Deadlines {
  private readonly inFlight = new Set<{ at: number; reject: (e: Error) => void }>();
  private timer?: NodeJS.Timeout;
  constructor(private readonly ms: number) {}

  run<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined); // an abandoned call's own failure is not an unhandled rejection
    let entry!: { at: number; reject: (e: Error) => void };
    const late = new Promise<never>((_, reject) => { entry = { at: Date.now(), reject }; });
    this.inFlight.add(entry);
    this.timer ??= setInterval(() => { const firedAt = Date.now(); setImmediate(() => this.expire(firedAt)); }, Math.max(10, this.ms / 4)).unref();
    return Promise.race([work, late]).finally(() => this.inFlight.delete(entry));
  }

  stop(): void { clearInterval(this.timer); this.timer = undefined; }

  /** Gives up calls that were late already when the check fired: an I/O phase has passed since, so their reply is not in the socket. */
  private expire(firedAt: number): void {
    const oldest = firedAt - this.ms;
    for (const entry of this.inFlight) {
      if (entry.at > oldest) continue;
      this.inFlight.delete(entry);
      entry.reject(new Error(`no reply within ${this.ms} ms`));
    }
  }
}
