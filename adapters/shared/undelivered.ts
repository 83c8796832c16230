/**
 * Answers that could not be delivered (the platform kept failing after retries), remembered per conversation so
 * the user is told as soon as a later message to them gets through — an answer must never vanish silently.
 */
export class Undelivered {
  private readonly byKey = new Map<string, string[]>();
  constructor(private readonly capacity = 10_000, private readonly perKey = 3) {}

  note(key: string, question: string): void {
    const list = this.byKey.get(key) ?? [];
    this.byKey.delete(key); // re-insert: most recent last, oldest conversations forgotten first
    this.byKey.set(key, [...list, question].slice(-this.perKey));
    if (this.byKey.size > this.capacity) this.byKey.delete(this.byKey.keys().next().value!);
  }

  /** The questions whose answers were lost for `key`, forgetting them. */
  take(key: string): string[] {
    const list = this.byKey.get(key) ?? [];
    this.byKey.delete(key);
    return list;
  }
}

/** The notice sent after a later answer got through. */
export function undeliveredNotice(questions: string[]): string {
  const quoted = questions.map((q) => `「${q.length > 40 ? `${q.slice(0, 39)}…` : q}」`).join('、');
  return `（抱歉，之前 ${questions.length} 个问题的回答未能送达：${quoted}。如仍需要，请再问一次。）\n(Sorry: the answer to an earlier question could not be delivered; please ask again if you still need it.)`;
}
