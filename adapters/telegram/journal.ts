/**
 * The outbox journal: an append-only JSON-lines file of queued answers and their progress, so that an update
 * counts as handled once its answer is written here (not only once it is sent), and a restart resumes the
 * answers still pending and recognises updates already answered. Appends are synchronous writes: they survive
 * the process stopping or crashing (not a power cut: no fsync, for latency). The file is compacted when most of
 * it is finished work.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OutboxJob } from './outbox.js';

type Entry =
  | { op: 'add'; job: OutboxJob }
  | { op: 'sent'; id: string; sent: number }
  | { op: 'done'; id: string }
  | { op: 'updates'; ids: number[] };

export interface JournalState {
  /** Answers still to deliver (with how many of their messages were delivered). */
  pending: OutboxJob[];
  /** Update ids answered (or being answered) recently, newest last. */
  updateIds: number[];
}

/** Where the outbox records its jobs: this file journal, or Redis when several instances share the bot (shared-journal.ts). */
export interface JobJournal {
  add(job: OutboxJob): void;
  progress(job: OutboxJob): void;
  done(job: OutboxJob): void;
  /** Records an update handled without any answer to send. */
  handled(updateId: number): void;
  close(): void;
}

export class OutboxJournal implements JobJournal {
  private fd: number;
  private readonly live = new Map<string, OutboxJob>();
  private readonly recentUpdates: number[] = [];
  private lines = 0;

  private constructor(private readonly path: string, state: JournalState, private readonly keepUpdates: number) {
    for (const job of state.pending) this.live.set(job.id, job);
    this.recentUpdates.push(...state.updateIds.slice(-keepUpdates));
    this.fd = this.rewrite();
  }

  /** Opens (creating) the journal at `path` and returns it with what it held. */
  static open(path: string, keepUpdates = 10_000): { journal: OutboxJournal; state: JournalState } {
    const state = existsSync(path) ? OutboxJournal.read(path) : { pending: [], updateIds: [] };
    mkdirSync(dirname(path), { recursive: true });
    return { journal: new OutboxJournal(path, state, keepUpdates), state };
  }

  static read(path: string): JournalState {
    const jobs = new Map<string, OutboxJob>();
    const updateIds: number[] = [];
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line) continue;
      let entry: Entry;
      try { entry = JSON.parse(line) as Entry; } catch { continue; } // a line torn by a crash mid-write
      if (entry.op === 'add') { jobs.set(entry.job.id, entry.job); if (entry.job.updateId !== undefined) updateIds.push(entry.job.updateId); }
      else if (entry.op === 'sent') { const job = jobs.get(entry.id); if (job) job.sent = entry.sent; }
      else if (entry.op === 'done') jobs.delete(entry.id);
      else if (entry.op === 'updates') updateIds.push(...entry.ids);
    }
    return { pending: [...jobs.values()], updateIds };
  }

  add(job: OutboxJob): void {
    this.live.set(job.id, job);
    if (job.updateId !== undefined) this.rememberUpdate(job.updateId);
    this.append({ op: 'add', job });
  }

  progress(job: OutboxJob): void { this.append({ op: 'sent', id: job.id, sent: job.sent }); }

  done(job: OutboxJob): void {
    this.live.delete(job.id);
    this.append({ op: 'done', id: job.id });
    // compact once the file is mostly finished work
    if (this.lines > 5_000 && this.lines > 4 * this.live.size) { closeSync(this.fd); this.fd = this.rewrite(); }
  }

  /** Records an update handled without any answer to send (so its redelivery after a restart is skipped too). */
  handled(updateId: number): void {
    this.rememberUpdate(updateId);
    this.append({ op: 'updates', ids: [updateId] });
  }

  close(): void { closeSync(this.fd); }

  private rememberUpdate(id: number): void {
    this.recentUpdates.push(id);
    if (this.recentUpdates.length > this.keepUpdates * 2) this.recentUpdates.splice(0, this.recentUpdates.length - this.keepUpdates);
  }

  private append(entry: Entry): void {
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.lines++;
  }

  /** Writes the live state to a new file and switches to it (rename: never a half-written journal). */
  private rewrite(): number {
    const tmp = `${this.path}.${process.pid}.tmp`;
    const updates: Entry = { op: 'updates', ids: this.recentUpdates.slice(-this.keepUpdates) };
    const body = [updates, ...[...this.live.values()].map((job): Entry => ({ op: 'add', job: { ...job, updateId: undefined } })), ...[...this.live.values()].filter((j) => j.sent).map((j): Entry => ({ op: 'sent', id: j.id, sent: j.sent }))];
    writeFileSync(tmp, body.map((e) => `${JSON.stringify(e)}\n`).join(''));
    renameSync(tmp, this.path);
    this.lines = body.length;
    return openSync(this.path, 'a');
  }
}
