/** Conversation state per session: what the last question was about, so follow-ups can fill the gaps. */

export interface ConversationContext {
  agency?: string;
  year?: number;
  intent?: string;
  /** Row concept ids of the last metric question. */
  rows?: string[];
  /** Column concept ids of the last metric question. */
  columns?: string[];
  /** Metric ids last answered (for "where is this number"). */
  metrics?: string[];
  /** The last question across reports, so "那行政强制呢" / "那2022年呢" re-ask it with the new part. */
  cross?: { text: string; years: number[]; rows: string[] };
}

export interface SessionStore {
  get(id: string): ConversationContext | undefined;
  set(id: string, context: ConversationContext): void;
  delete(id: string): void;
}

/** In-memory store, bounded (least recently used evicted) and with expiry. */
export class MemorySessionStore implements SessionStore {
  private readonly map = new Map<string, { context: ConversationContext; at: number }>();
  constructor(private readonly maxSessions = 10_000, private readonly ttlMs = 30 * 60_000, private readonly now = () => Date.now()) {}

  get(id: string): ConversationContext | undefined {
    const e = this.map.get(id);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) { this.map.delete(id); return undefined; }
    this.map.delete(id);
    this.map.set(id, { context: e.context, at: this.now() });
    return e.context;
  }

  set(id: string, context: ConversationContext): void {
    this.map.delete(id);
    this.map.set(id, { context, at: this.now() });
    while (this.map.size > this.maxSessions) this.map.delete(this.map.keys().next().value as string);
  }

  delete(id: string): void { this.map.delete(id); }

  get size(): number { return this.map.size; }
}
