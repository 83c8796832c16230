/**
 * Suggestion buttons carry their question in `callback_data`, which Telegram caps at 64 bytes (about 20 Chinese
 * characters). Short questions travel inline (survive restarts); longer ones are kept here under a short key.
 */
import { TELEGRAM_LIMITS } from './render.js';

const INLINE = 'q:';
const KEYED = 'k:';

export class CallbackQuestions {
  private readonly byKey = new Map<string, string>();
  private next = 0;
  constructor(private readonly capacity = 10_000) {}

  /** The callback_data for a question (always ≤ 64 bytes). */
  encode(question: string): string {
    const inline = INLINE + question;
    if (Buffer.byteLength(inline, 'utf8') <= TELEGRAM_LIMITS.callbackData) return inline;
    const key = (this.next++).toString(36);
    this.byKey.set(key, question);
    if (this.byKey.size > this.capacity) this.byKey.delete(this.byKey.keys().next().value!);
    return KEYED + key;
  }

  /** The question behind callback_data, or undefined when it is unknown or has been forgotten. */
  decode(data: string): string | undefined {
    if (data.startsWith(INLINE)) return data.slice(INLINE.length);
    if (data.startsWith(KEYED)) return this.byKey.get(data.slice(KEYED.length));
    return undefined;
  }
}
