/**
 * One JSON POST over a keep-alive connection pool, with a time limit: how the adapters send answers (Slack's
 * response_url, Telegram's sendMessage). fetch/node-fetch opened a connection per message and cost more CPU than
 * answering the question.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface PostResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export class PostError extends Error {
  constructor(message: string, readonly kind: 'timeout' | 'network') { super(message); }
}

export type JsonPoster = (url: string | URL, payload: unknown, options?: { timeoutMs?: number; signal?: AbortSignal }) => Promise<PostResult>;

export function createJsonPoster(defaultTimeoutMs = 10_000): JsonPoster {
  const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };
  return (url, payload, options = {}) => new Promise<PostResult>((resolve, reject) => {
    const target = typeof url === 'string' ? new URL(url) : url;
    if (target.protocol !== 'https:' && target.protocol !== 'http:') return reject(new PostError(`not an http(s) URL: ${target.protocol}`, 'network'));
    const body = JSON.stringify(payload);
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST', agent: agents[target.protocol], timeout: timeoutMs, ...(options.signal ? { signal: options.signal } : {}),
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => reject(new PostError(e.message, 'network')));
    });
    req.on('timeout', () => req.destroy(new PostError(`no answer within ${timeoutMs} ms`, 'timeout')));
    req.on('error', (e) => reject(e instanceof PostError ? e : new PostError(e.message, 'network')));
    req.end(body);
  });
}
