/** Waits out Telegram's flood control: a 429 with `retry_after` is retried a bounded number of times. */
import { TelegramError, type Telegram } from 'telegraf';

export interface FloodRetryOptions {
  /** Retries after the first attempt. */
  retries?: number;
  /** A longer wait than this is not worth holding an answer for: the error is raised instead. */
  maxWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function retryOnFloodWait(telegram: Telegram, options: FloodRetryOptions = {}): void {
  const { retries = 3, maxWaitSeconds = 60, sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = options;
  const call = telegram.callApi.bind(telegram);
  telegram.callApi = (async (method: Parameters<typeof call>[0], payload: Parameters<typeof call>[1], extra?: Parameters<typeof call>[2]) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(method, payload, extra);
      } catch (e) {
        const wait = e instanceof TelegramError && e.code === 429 ? e.parameters?.retry_after : undefined;
        // getUpdates has its own flood handling in telegraf's polling loop
        if (wait === undefined || method === 'getUpdates' || attempt >= retries || wait > maxWaitSeconds) throw e;
        await sleep(wait * 1000);
      }
    }
  }) as typeof telegram.callApi;
}
