/**
 * Posting to a slash command's `response_url` ourselves instead of through bolt's `respond`: one keep-alive
 * connection pool (bolt's fetch opened a connection per answer and was the adapter's biggest cost under load),
 * a time limit per attempt, and a few retries on 5xx, 429 and network errors, like the Web API client's.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface ResponderOptions {
  retries?: number;
  timeoutMs?: number;
}

export type Responder = (url: string, message: Record<string, unknown>) => Promise<void>;

class ResponseError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly waitMs = 0) { super(message); }
}

export function createResponder(options: ResponderOptions = {}): Responder {
  const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };
  const { retries = 3, timeoutMs = 10_000 } = options;

  const once = (url: URL, body: string) => new Promise<void>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', agent: agents[url.protocol as 'http:' | 'https:'], headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs }, (res) => {
      res.resume(); // the body ("ok") is not needed, but must be read for the connection to be reused
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve();
        const wait = Number(res.headers['retry-after']) * 1000;
        reject(new ResponseError(`response_url answered ${status}`, status >= 500 || status === 429, Number.isFinite(wait) ? wait : 0));
      });
      res.on('error', (e) => reject(new ResponseError(e.message, true)));
    });
    req.on('timeout', () => req.destroy(new ResponseError(`response_url did not answer within ${timeoutMs} ms`, true)));
    req.on('error', (e) => reject(e instanceof ResponseError ? e : new ResponseError(e.message, true)));
    req.end(body);
  });

  return async (url, message) => {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error(`response_url is not an http(s) URL: ${url}`);
    const body = JSON.stringify(message);
    for (let attempt = 0; ; attempt++) {
      try {
        return await once(target, body);
      } catch (e) {
        const retryable = !(e instanceof ResponseError) || e.retryable;
        if (!retryable || attempt >= retries) throw e;
        const wait = e instanceof ResponseError && e.waitMs ? e.waitMs : Math.min(3000, 300 * 2 ** attempt);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  };
}
