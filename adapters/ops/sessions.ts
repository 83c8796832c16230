/** The conversations active on this instance: ids seen within a window, oldest forgotten first (bounded). */
export class ActiveSessions {
  /** Insertion order is recency order: a touched id is moved to the end. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs = 30 * 60_000, private readonly max = 100_000, private readonly now = () => Date.now()) {}

  touch(id: string): void {
    this.seen.delete(id);
    this.seen.set(id, this.now());
    this.prune();
  }

  get count(): number {
    this.prune();
    return this.seen.size;
  }

  private prune(): void {
    const oldest = this.now() - this.windowMs;
    for (const [id, at] of this.seen) {
      if (at >= oldest && this.seen.size <= this.max) break;
      this.seen.delete(id);
    }
  }
}
