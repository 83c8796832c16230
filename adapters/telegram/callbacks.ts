/**
 * Suggestion buttons carry their question in `callback_data`, which Telegram caps at 64 bytes (about 20 Chinese
 * characters). Short questions travel inline (survive restarts); longer ones are kept under a key made from the
 * question itself (the same on every instance, so with Redis a button made by one instance works on the others).
 */
import { createHash } from 'node:crypto';
import { MemoryValues, type KeptValues } from '../shared/values.js';
import { TELEGRAM_LIMITS } from './render.js';

const INLINE = 'q:';
const KEYED = 'k:';

export class CallbackQuestions {
  constructor(private readonly store: KeptValues = new MemoryValues()) {}

  /** The callback_data for a question (always ≤ 64 bytes); a keyed question is stored before this resolves. */
  async encode(question: string): Promise<string> {
    const inline = INLINE + question;
    if (Buffer.byteLength(inline, 'utf8') <= TELEGRAM_LIMITS.callbackData) return inline;
    // 96 bits of the question's hash: no two questions share a key in practice
    const key = createHash('sha256').update(question).digest('base64url').slice(0, 16);
    await this.store.set(key, question);
    return KEYED + key;
  }

  /** The question behind callback_data, or undefined when it is unknown or has been forgotten. */
  async decode(data: string): Promise<string | undefined> {
    if (data.startsWith(INLINE)) return data.slice(INLINE.length);
    if (data.startsWith(KEYED)) return this.store.get(data.slice(KEYED.length));
    return undefined;
  }
}
