/** Remembers the last N ids seen, so a platform's redelivery of the same event is processed once. */
export class RecentIds {
  private readonly seen = new Set<string>();
  constructor(private readonly capacity = 5000) {}

  /** True the first time an id is offered, false for a repeat. */
  firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  has(id: string): boolean { return this.seen.has(id); }

  /** Un-claims an id whose processing failed, so the platform's redelivery is processed. */
  forget(id: string): void { this.seen.delete(id); }
}
