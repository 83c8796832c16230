/**
 * A fake Telegram Bot API on 127.0.0.1: getUpdates serves queued updates, sends are recorded, 429 on demand, and
 * any fault (500, 429 with retry_after, a hang, a delay) injected per request through `fault`.
 */
import { startLocalServer, type LocalServer, type Recorded } from './local-server.js';

/** What the fake does with one request instead of answering it: an error reply, a delay first, or never answering. */
export type Fault = { status: number; json: unknown } | { delayMs: number } | 'hang' | undefined;

export const TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
export const BOT_USER = { id: 999, is_bot: true, first_name: 'Disclosure', username: 'disclosure_test_bot' };
/** The fake serves under a sub-path, so the trailing-slash handling of the API root is exercised too. */
const ROOT = '/custom';

export interface FakeTelegram {
  server: LocalServer;
  /** The value for TELEGRAM_API_ROOT (deliberately without trailing slash). */
  apiRoot: string;
  api(method: string): Recorded[];
  push(update: Record<string, unknown>): void;
  /** Methods that fail once with 429 retry_after 1 before succeeding. */
  floodOnce: Set<string>;
  /** Decides a fault for each API call (by method and body); undefined answers normally. */
  fault?: (method: string, body: Record<string, unknown>) => Fault;
  /** sendMessage calls answered ok (a hung or refused attempt is not a delivery). */
  delivered: Recorded[];
  reset(): void;
}

export const flood = (retryAfter: number): Fault => ({ status: 429, json: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } } });
export const serverError: Fault = { status: 500, json: { ok: false, error_code: 500, description: 'Internal Server Error' } };

export async function startFakeTelegram(): Promise<FakeTelegram> {
  let queue: Record<string, unknown>[] = [];
  let nextUpdateId = 1;
  let messageId = 1000;
  const floodOnce = new Set<string>();
  const delivered: Recorded[] = [];
  const self = { fault: undefined as FakeTelegram['fault'] };
  const server = await startLocalServer(async (req) => {
    const method = req.path.split('/').pop()!;
    if (!req.path.startsWith(`${ROOT}/bot${TOKEN}/`)) return { status: 404, json: { ok: false, error_code: 404, description: 'Not Found' } };
    if (floodOnce.delete(method)) return { status: 429, json: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } };
    const fault = self.fault?.(method, req.body);
    if (fault === 'hang') return new Promise<never>(() => undefined);
    if (fault && 'delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
    else if (fault) return fault;
    if (method === 'sendMessage') delivered.push(req);
    switch (method) {
      case 'getMe': return { json: { ok: true, result: BOT_USER } };
      case 'getUpdates': {
        const offset = Number(req.body.offset ?? 0);
        // a short long-poll: wait up to 200 ms for an update
        for (let i = 0; i < 20 && !queue.some((u) => (u.update_id as number) >= offset); i++) await new Promise((r) => setTimeout(r, 10));
        const updates = queue.filter((u) => (u.update_id as number) >= offset);
        queue = queue.filter((u) => (u.update_id as number) < offset);
        return { json: { ok: true, result: updates } };
      }
      case 'sendMessage': return { json: { ok: true, result: { message_id: ++messageId, date: 0, chat: { id: req.body.chat_id, type: 'private' }, text: req.body.text } } };
      default: return { json: { ok: true, result: true } };
    }
  });
  const fake: FakeTelegram = {
    server,
    apiRoot: `${server.url}${ROOT.slice(1)}`,
    api: (method) => server.requests.filter((r) => r.path === `${ROOT}/bot${TOKEN}/${method}`),
    push: (update) => void queue.push({ update_id: nextUpdateId++, ...update }),
    floodOnce,
    get fault() { return self.fault; },
    set fault(f) { self.fault = f; },
    delivered,
    reset: () => { queue = []; server.requests.length = 0; delivered.length = 0; floodOnce.clear(); self.fault = undefined; },
  };
  return fake;
}
