/**
 * Every message the Telegram adapter sends goes through this outbox: one queue per chat, sent in order, within
 * Telegram's limits (about 1 message/s per chat, 20/min per group, 30/s overall) and its 429 `retry_after`, so one
 * throttled chat waits alone while the others go on. Failed sends are retried with backoff; an answer is given up
 * only after many attempts or a permanent refusal (and then the chat is told with its next delivered answer).
 * Jobs are journaled (journal.ts) before the update counts as handled, so a restart resumes them.
 */
import { randomUUID } from 'node:crypto';
import { createJsonPoster } from '../shared/post.js';
import { Undelivered, undeliveredNotice } from '../shared/undelivered.js';
import type { JobJournal } from './journal.js';

export interface OutboxMessage {
  method: string;
  payload: Record<string, unknown>;
}

export interface OutboxJob {
  id: string;
  chatId: number | string;
  /** The update this answers (so a redelivered update is recognised after a restart). */
  updateId?: number;
  /** For the notice when the answer cannot be delivered. */
  question?: string;
  messages: OutboxMessage[];
  /** How many of `messages` have been delivered. */
  sent: number;
}

export interface OutboxLimits {
  perChatIntervalMs: number;
  groupPerMinute: number;
  globalPerSecond: number;
}

/** https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this */
export const TELEGRAM_RATE: OutboxLimits = { perChatIntervalMs: 1000, groupPerMinute: 20, globalPerSecond: 30 };

export type ApiCall = (method: string, payload: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>;

/** An error shaped like telegraf's TelegramError (`response.error_code`, `response.parameters.retry_after`). */
export class BotApiError extends Error {
  constructor(readonly response: { error_code: number; description?: string; parameters?: { retry_after?: number } }) {
    super(`${response.error_code}: ${response.description ?? 'Bot API error'}`);
  }
}

/** Calls the Bot API's JSON methods over a keep-alive pool (telegraf's node-fetch client was the outbox's main cost). */
export function botApiCaller(config: { token: string; apiRoot?: string }): ApiCall {
  const post = createJsonPoster();
  const root = config.apiRoot ?? 'https://api.telegram.org/';
  return async (method, payload, signal) => {
    const res = await post(new URL(`./bot${config.token}/${method}`, root), payload, { signal }); // "./": the token holds a colon
    let data: { ok?: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number } } | undefined;
    try { data = JSON.parse(res.body); } catch { data = undefined; }
    if (data?.ok) return data.result;
    throw new BotApiError({ error_code: data?.error_code ?? res.status, description: data?.description ?? `HTTP ${res.status}`, parameters: data?.parameters });
  };
}

export interface OutboxOptions {
  limits?: Partial<OutboxLimits>;
  /** A send that has not answered after this long is abandoned and retried (a hanging API holds no one). */
  requestTimeoutMs?: number;
  /** Attempts of one message on transient errors (5xx, network, timeout) before the answer is given up. */
  maxAttempts?: number;
  journal?: JobJournal;
  log?: (message: string) => void;
}

interface ChatQueue {
  jobs: OutboxJob[];
  readyAt: number;
  busy: boolean;
  attempts: number;
  /** Send times within the last minute (groups only). */
  recent: number[];
}

type Failure = { kind: 'flood'; waitMs: number } | { kind: 'transient' } | { kind: 'permanent' };

/** Telegraf's TelegramError carries the Bot API's error_code and parameters; anything else is a network problem. */
function classify(e: unknown): Failure {
  const err = e as { response?: { error_code?: number; parameters?: { retry_after?: number } }; name?: string };
  const code = err?.response?.error_code;
  if (code === 429) {
    const wait = err.response?.parameters?.retry_after;
    return typeof wait === 'number' && wait >= 0 ? { kind: 'flood', waitMs: wait * 1000 } : { kind: 'transient' };
  }
  if (typeof code === 'number' && code >= 400 && code < 500) return { kind: 'permanent' };
  return { kind: 'transient' };
}

const isGroup = (chatId: number | string) => (typeof chatId === 'number' ? chatId < 0 : chatId.startsWith('-') || chatId.startsWith('@'));

export class Outbox {
  private readonly chats = new Map<string, ChatQueue>();
  private readonly globalSends: number[] = [];
  private readonly controllers = new Set<AbortController>();
  private readonly undelivered = new Undelivered();
  private readonly limits: OutboxLimits;
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  private pending = 0;
  private stopped = false;
  private idle: Array<() => void> = [];
  readonly stats = { delivered: 0, given_up: 0, retries: 0, flood_waits: 0 };

  constructor(private readonly call: ApiCall, private readonly options: OutboxOptions = {}) {
    this.limits = { ...TELEGRAM_RATE, ...options.limits };
  }

  get size(): number { return this.pending; }

  /** Queues an answer (journaled first: when this returns, the answer survives a restart). */
  enqueue(job: Omit<OutboxJob, 'id' | 'sent'>): OutboxJob {
    const full: OutboxJob = { ...job, id: randomUUID(), sent: 0 };
    this.options.journal?.add(full);
    this.admit(full);
    return full;
  }

  /** Re-queues jobs found in the journal at start-up. */
  resume(jobs: OutboxJob[]): void { for (const job of jobs) this.admit(job); }

  private admit(job: OutboxJob): void {
    const key = String(job.chatId);
    let chat = this.chats.get(key);
    if (!chat) this.chats.set(key, (chat = { jobs: [], readyAt: 0, busy: false, attempts: 0, recent: [] }));
    chat.jobs.push(job);
    this.pending++;
    this.pump();
  }

  /** Resolves when every queued message is delivered or given up, or at the deadline (true when empty). */
  async drain(deadlineMs: number): Promise<boolean> {
    if (!this.pending) return true;
    const empty = new Promise<true>((resolve) => this.idle.push(() => resolve(true)));
    const late = new Promise<false>((resolve) => setTimeout(resolve, deadlineMs, false).unref());
    return Promise.race([empty, late]);
  }

  /** Stops sending; queued jobs stay in the journal for the next start. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const c of this.controllers) c.abort();
  }

  private pump(): void {
    if (this.stopped) return;
    const now = Date.now();
    let wakeAt = Infinity;
    for (const [key, chat] of this.chats) {
      if (chat.busy) continue;
      if (!chat.jobs.length) {
        if (chat.readyAt <= now && (!chat.recent.length || chat.recent.at(-1)! < now - 60_000)) this.chats.delete(key); // nothing left to remember
        continue;
      }
      if (chat.readyAt > now) { wakeAt = Math.min(wakeAt, chat.readyAt); continue; }
      while (this.globalSends.length && this.globalSends[0]! <= now - 1000) this.globalSends.shift();
      if (this.globalSends.length >= this.limits.globalPerSecond) { wakeAt = Math.min(wakeAt, this.globalSends[0]! + 1000); break; }
      this.dispatch(chat, now);
    }
    if (wakeAt < Infinity && wakeAt !== this.timerAt) {
      clearTimeout(this.timer);
      this.timerAt = wakeAt;
      this.timer = setTimeout(() => { this.timerAt = Infinity; this.pump(); }, Math.max(0, wakeAt - Date.now()));
    }
  }

  private dispatch(chat: ChatQueue, now: number): void {
    const job = chat.jobs[0]!;
    const message = job.messages[job.sent]!;
    chat.busy = true;
    this.globalSends.push(now);
    const controller = new AbortController();
    this.controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.requestTimeoutMs ?? 10_000);
    this.call(message.method, message.payload, controller.signal).then(
      () => this.delivered(chat, job),
      (e: unknown) => this.failed(chat, job, e),
    ).catch((e: unknown) => this.log(`telegram: outbox bookkeeping failed: ${(e as Error).message}`))
      .finally(() => {
        clearTimeout(timeout);
        this.controllers.delete(controller);
        chat.busy = false;
        this.pump();
        if (!this.pending) for (const resolve of this.idle.splice(0)) resolve();
      });
  }

  private paced(chat: ChatQueue, job: OutboxJob): void {
    const now = Date.now();
    chat.readyAt = now + this.limits.perChatIntervalMs;
    if (isGroup(job.chatId)) {
      chat.recent.push(now);
      while (chat.recent.length && chat.recent[0]! <= now - 60_000) chat.recent.shift();
      if (chat.recent.length >= this.limits.groupPerMinute) chat.readyAt = Math.max(chat.readyAt, chat.recent[chat.recent.length - this.limits.groupPerMinute]! + 60_000);
    }
  }

  private delivered(chat: ChatQueue, job: OutboxJob): void {
    job.sent++;
    chat.attempts = 0;
    this.paced(chat, job);
    if (job.sent < job.messages.length) { this.options.journal?.progress(job); return; }
    this.finish(chat, job);
    this.stats.delivered++;
    const lost = this.undelivered.take(String(job.chatId));
    if (lost.length) this.enqueue({ chatId: job.chatId, messages: [{ method: 'sendMessage', payload: { chat_id: job.chatId, text: undeliveredNotice(lost) } }] });
  }

  private failed(chat: ChatQueue, job: OutboxJob, e: unknown): void {
    if (this.stopped) return; // aborted by stop(): the job stays journaled
    const failure = classify(e);
    const what = `${job.messages[job.sent]!.method} to chat ${job.chatId}`;
    if (failure.kind === 'flood') {
      this.stats.flood_waits++;
      chat.readyAt = Date.now() + failure.waitMs; // only this chat waits
      return;
    }
    chat.attempts++;
    if (failure.kind === 'permanent' || chat.attempts >= (this.options.maxAttempts ?? 10)) {
      this.log(`telegram: gave up ${what} after ${chat.attempts} attempt(s): ${(e as Error).message}`);
      this.stats.given_up++;
      chat.attempts = 0;
      this.finish(chat, job);
      if (job.question !== undefined) this.undelivered.note(String(job.chatId), job.question);
      return;
    }
    this.stats.retries++;
    this.log(`telegram: ${what} failed (attempt ${chat.attempts}), retrying: ${(e as Error).message}`);
    chat.readyAt = Date.now() + Math.min(60_000, 500 * 2 ** (chat.attempts - 1));
  }

  private finish(chat: ChatQueue, job: OutboxJob): void {
    chat.jobs.shift();
    this.pending--;
    this.options.journal?.done(job);
  }

  private log(message: string): void { (this.options.log ?? console.error)(message); }
}
