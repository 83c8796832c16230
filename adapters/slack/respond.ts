/**
 * Posting to a slash command's `response_url` ourselves instead of through bolt's `respond`: a keep-alive
 * connection pool (bolt's fetch opened a connection per answer and was the adapter's biggest cost under load),
 * a time limit per attempt, and a few retries on 5xx, 429 and network errors, like the Web API client's.
 */
import { createJsonPoster } from '../shared/post.js';

export interface ResponderOptions {
  retries?: number;
  timeoutMs?: number;
  /** Called before each attempt after the first (metrics). */
  onRetry?: () => void;
}

export type Responder = (url: string, message: Record<string, unknown>) => Promise<void>;

export function createResponder(options: ResponderOptions = {}): Responder {
  const { retries = 3, timeoutMs = 10_000 } = options;
  const post = createJsonPoster(timeoutMs);
  return async (url, message) => {
    for (let attempt = 0; ; attempt++) {
      let retryable = true;
      let waitMs = Math.min(3000, 300 * 2 ** attempt);
      let failure: Error;
      try {
        const res = await post(url, message);
        if (res.status >= 200 && res.status < 300) return;
        retryable = res.status >= 500 || res.status === 429;
        const after = Number(res.headers['retry-after']);
        if (Number.isFinite(after) && after > 0) waitMs = after * 1000;
        failure = new Error(`response_url answered ${res.status}`);
      } catch (e) {
        failure = e as Error; // timeouts and network errors are worth another try
      }
      if (!retryable || attempt >= retries) throw failure;
      options.onRetry?.();
      await new Promise((r) => setTimeout(r, waitMs));
    }
  };
}
