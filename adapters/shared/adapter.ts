/** What `serve` gets back from starting a platform adapter. */
import type { Reply } from '../../src/bot/reply.js';
export interface RunningAdapter {
  name: string;
  /** One line for the start-up log: mode, port, command. */
  description: string;
  stop(): Promise<void>;
}

/** The one thing adapters need from the core (`Bot` implements it): a question and a session in, a Reply out. */
export interface Core {
  handle(message: string, sessionId: string): Reply;
}
