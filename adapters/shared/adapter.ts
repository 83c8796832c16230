/** What `serve` gets back from starting a platform adapter. */
import type { Reply } from '../../src/bot/reply.js';
export interface RunningAdapter {
  name: string;
  /** One line for the start-up log: mode, port, command. */
  description: string;
  /** Stops accepting, lets accepted work finish within `deadlineMs` (default 10 s), then releases everything. */
  stop(deadlineMs?: number): Promise<void>;
}

/**
 * The one thing adapters need from the core (`Bot` implements it): a question and a session in, a Reply out.
 * Adapters await the result, so the core may answer synchronously or asynchronously.
 */
export interface Core {
  handle(message: string, sessionId: string): Reply | Promise<Reply>;
  /** A question for this session is coming: a core with shared conversations starts loading it (optional). */
  prepare?(sessionId: string): void;
}
