/**
 * The HTTP server under both webhook adapters: every request isolated (an error answers 500 and is logged with
 * its context, it never reaches the process), bodies read whole as bytes with a size limit, and a graceful stop
 * that refuses new requests, lets in-flight work (including work after the response) finish within a deadline,
 * then closes every connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export class BodyTooLarge extends Error {}

/** The whole request body as one Buffer (so multi-byte characters split across TCP chunks decode right). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) { reject(new BodyTooLarge(`body over ${limit} bytes`)); req.resume(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Decodes UTF-8 strictly: a body that is not valid UTF-8 is refused rather than read with U+FFFD in it. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
export function decodeUtf8(body: Buffer): string | undefined {
  try { return utf8.decode(body); } catch { return undefined; }
}

export interface RequestContext {
  /** Work that continues after the response (answering, sending) and that a graceful stop must wait for. */
  track(work: Promise<unknown>): void;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, ctx: RequestContext) => Promise<void>;

export interface GracefulServer {
  server: Server;
  port: number;
  /** Stops accepting, waits for in-flight requests and tracked work up to `deadlineMs`, then closes everything. */
  stop(deadlineMs?: number): Promise<{ unfinished: number }>;
}

export function send(res: ServerResponse, status: number, body?: string | object): void {
  if (res.headersSent) { if (!res.writableEnded) res.end(); return; }
  // a content-length (never chunked encoding) lets the whole response go out in one write
  if (body === undefined) { res.writeHead(status, { 'content-length': 0 }).end(); return; }
  const json = typeof body !== 'string';
  const text = json ? JSON.stringify(body) : body;
  res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

export async function startGracefulServer(name: string, handler: Handler, port: number, host?: string, log: (message: string) => void = console.error): Promise<GracefulServer> {
  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;
  const track = (work: Promise<unknown>) => {
    const settled = work.then(() => undefined, (e: unknown) => log(`${name}: work after the response failed: ${errorText(e)}`));
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };
  const server = createServer((req, res) => {
    if (stopping) { res.setHeader('connection', 'close'); return send(res, 503, 'shutting down'); }
    track((async () => {
      try {
        await handler(req, res, { track });
      } catch (e) {
        log(`${name}: ${req.method} ${req.url?.split('?')[0]} failed: ${errorText(e)}`);
        send(res, 500);
      }
    })());
  });
  // a malformed request line or a reset connection is the client's problem, never the process's
  server.on('clientError', (_e, socket) => { if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n'); else socket.destroy(); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => { server.off('error', reject); resolve(); });
  });
  server.on('error', (e) => log(`${name}: server error: ${errorText(e)}`));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    async stop(deadlineMs = 10_000) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = new Promise<'late'>((resolve) => setTimeout(resolve, deadlineMs, 'late').unref());
      // requests that arrive meanwhile get 503; wait for the ones already accepted and their follow-up work
      while (inFlight.size) if ((await Promise.race([Promise.all([...inFlight]), deadline])) === 'late') break;
      const unfinished = inFlight.size;
      server.closeAllConnections();
      await closed;
      return { unfinished };
    },
  };
}

export const errorText = (e: unknown) => (e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}` : String(e));
