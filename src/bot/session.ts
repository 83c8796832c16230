/** Conversation state per session: the understood frame of the last question, so follow-ups can fill the gaps. */
import type { Frame } from '../understand/frame.js';

export interface SessionStore {
  get(id: string): Frame | undefined;
  set(id: string, frame: Frame): void;
  delete(id: string): void;
}

/** In-memory store, bounded (least recently used evicted) and with expiry. */
export class MemorySessionStore implements SessionStore {
  private readonly map = new Map<string, { frame: Frame; at: number }>();
  constructor(private readonly maxSessions = 10_000, private readonly ttlMs = 30 * 60_000, private readonly now = () => Date.now()) {}

  get(id: string): Frame | undefined {
    const e = this.map.get(id);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) { this.map.delete(id); return undefined; }
    this.map.delete(id);
    this.map.set(id, { frame: e.frame, at: this.now() });
    return e.frame;
  }

  set(id: string, frame: Frame): void {
    this.map.delete(id);
    this.map.set(id, { frame, at: this.now() });
    while (this.map.size > this.maxSessions) this.map.delete(this.map.keys().next().value as string);
  }

  delete(id: string): void { this.map.delete(id); }

  get size(): number { return this.map.size; }
}
