/**
 * What users asked and did not get: refused, clarified and not-understood questions, kept as text only (no user,
 * no session) with the time and why, so the team can read the most frequent ones and teach the bot new wording.
 * Behind a small interface, so a shared store (e.g. Redis) can replace the file when several instances serve.
 */
import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Reply } from '../bot/reply.js';
import { MAX_QUESTION_LENGTH } from '../understand/normalize.js';

export const UNANSWERED_FILE = 'unanswered.jsonl';

export interface UnansweredEntry {
  /** ISO time it was asked. */
  at: string;
  text: string;
  /** `refuse` or `clarify`. */
  kind: 'refuse' | 'clarify';
  intent: string;
  /** The refusal's reason (notUnderstood, unknownAgency, notInReport …). */
  reason?: string;
  platform?: string;
}

export interface UnansweredSink {
  record(entry: UnansweredEntry): void;
}

/** The entry to keep for a reply, or undefined when the reply answered the question. */
export function unansweredEntry(question: string, reply: Reply, platform?: string, at = new Date()): UnansweredEntry | undefined {
  if (reply.kind !== 'refuse' && reply.kind !== 'clarify') return undefined;
  const text = question.trim().slice(0, MAX_QUESTION_LENGTH);
  if (!text) return undefined;
  return { at: at.toISOString(), text, kind: reply.kind, intent: reply.intent, ...(reply.kind === 'refuse' ? { reason: reply.reason } : {}), ...(platform ? { platform } : {}) };
}

/** Where the log of a dataset lives: beside reports.sqlite (`path` is the dataset directory or its file). */
export function unansweredFileOf(path: string): string {
  let isFile = false;
  try { isFile = statSync(path).isFile(); } catch { /* a directory to be */ }
  return join(isFile ? dirname(path) : path, UNANSWERED_FILE);
}

/**
 * Appends one JSON line per entry. A line is one small write (O_APPEND), so instances sharing a directory do not
 * interleave inside a line. When the file cannot be written (a read-only dataset directory), `onUnwritable` is
 * told once and later entries are dropped: the bot answers on.
 */
export class FileUnansweredLog implements UnansweredSink {
  private broken = false;
  constructor(readonly file: string, private readonly onUnwritable: (e: Error) => void = () => undefined) {}

  record(entry: UnansweredEntry): void {
    if (this.broken) return;
    try {
      appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o640 });
    } catch (e) {
      this.broken = true;
      this.onUnwritable(e as Error);
    }
  }
}

/** The entries of a log file asked at or after `since`; malformed lines are skipped and counted. */
export function readUnanswered(file: string, since?: Date): { entries: UnansweredEntry[]; skipped: number } {
  if (!existsSync(file)) return { entries: [], skipped: 0 };
  const entries: UnansweredEntry[] = [];
  let skipped = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    let e: Partial<UnansweredEntry>;
    try { e = JSON.parse(line) as Partial<UnansweredEntry>; } catch { skipped++; continue; }
    const time = typeof e.at === 'string' ? Date.parse(e.at) : NaN;
    if (typeof e.text !== 'string' || !e.text || Number.isNaN(time) || (e.kind !== 'refuse' && e.kind !== 'clarify')) { skipped++; continue; }
    if (since && time < since.getTime()) continue;
    entries.push({ at: e.at!, text: e.text, kind: e.kind, intent: String(e.intent ?? ''), ...(typeof e.reason === 'string' ? { reason: e.reason } : {}), ...(typeof e.platform === 'string' ? { platform: e.platform } : {}) });
  }
  return { entries, skipped };
}
