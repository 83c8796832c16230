/**
 * What a log line may say about who asked what (`LOG_QUESTIONS`): `off` — neither the question nor the user;
 * `hashed` (default) — a salted SHA-256 prefix of each, enough to count repeats and follow one conversation
 * without being able to read it back; `full` — both as they are (for a test deployment, never by default).
 */
import { createHash, randomBytes } from 'node:crypto';

export const QUESTION_LOGGING = ['off', 'hashed', 'full'] as const;
export type QuestionLogging = (typeof QUESTION_LOGGING)[number];

export class Privacy {
  /**
   * `salt`: set LOG_SALT to the same value on every instance so their hashes can be joined; without it each
   * process draws its own, and hashes from two processes cannot be compared (nor reversed by a dictionary).
   */
  constructor(readonly mode: QuestionLogging = 'hashed', private readonly salt: string = randomBytes(16).toString('hex')) {}

  /** The fields a log line carries for a question: `question`, `questionHash` or nothing. */
  question(text: string): { question?: string; questionHash?: string } {
    if (this.mode === 'full') return { question: text };
    if (this.mode === 'hashed') return { questionHash: this.hash(`q:${text}`) };
    return {};
  }

  /** The same for a user or conversation id. */
  user(id: string): { user?: string; userHash?: string } {
    if (this.mode === 'full') return { user: id };
    if (this.mode === 'hashed') return { userHash: this.hash(`u:${id}`) };
    return {};
  }

  private hash(text: string): string {
    return createHash('sha256').update(this.salt).update('\u0000').update(text).digest('hex').slice(0, 16);
  }
}
