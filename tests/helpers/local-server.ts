/** A recording HTTP server on 127.0.0.1 for fake platform APIs, and polling for asynchronous deliveries. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface Routed { status?: number; json: unknown; headers?: Record<string, string> }
export type Route = (req: Recorded) => Routed | undefined | Promise<Routed | undefined>;

/** Parses JSON or form bodies; form values that hold JSON (Slack sends `blocks` that way) are decoded. */
function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (type?.includes('json')) { try { return JSON.parse(raw) as Record<string, unknown>; } catch { return { unparsed: raw }; } }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try { out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v; } catch { out[k] = v; }
  }
  return out;
}

export interface LocalServer {
  url: string;
  port: number;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startLocalServer(route: Route): Promise<LocalServer> {
  const requests: Recorded[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', async () => {
      const rec: Recorded = { path: (req.url ?? '').split('?')[0]!, headers: req.headers, body: parseBody(raw, req.headers['content-type']) };
      requests.push(rec);
      const out = (await route(rec)) ?? { status: 404, json: { ok: false, error: 'unknown_method' } };
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json', ...out.headers });
      res.end(JSON.stringify(out.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`, port, requests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Polls until `find` returns something (deliveries are asynchronous), failing after `ms`. */
export async function waitFor<T>(find: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for a delivery');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits a little and returns how many matching requests arrived (for "answered once" checks). */
export async function settle(count: () => number, ms = 300): Promise<number> {
  await new Promise((r) => setTimeout(r, ms));
  return count();
}
