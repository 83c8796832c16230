/** The guards under `serve`: request isolation in the HTTP server, graceful stop, and the last-resort handlers. */
import { describe, expect, it } from 'vitest';
import { send, startGracefulServer } from '../adapters/shared/http.js';
import { installLastResort } from '../adapters/shared/last-resort.js';

describe('the HTTP server under the webhooks', () => {
  it('a handler that throws answers 500 for that request only, logged with its context', async () => {
    const logged: string[] = [];
    const http = await startGracefulServer('test', async (req, res, ctx) => {
      if (req.url === '/bug') throw new TypeError('a bug in a handler');
      if (req.url === '/later') { ctx.track(Promise.reject(new Error('failed after the response'))); return send(res, 200); }
      send(res, 200, 'fine');
    }, 0, '127.0.0.1', (m) => void logged.push(m));
    const get = (path: string) => fetch(`http://127.0.0.1:${http.port}${path}`).then((r) => r.status);
    expect(await get('/bug')).toBe(500);
    expect(await get('/later')).toBe(200);
    expect(await get('/ok')).toBe(200);
    await http.stop(100);
    expect(logged.join('\n')).toMatch(/GET \/bug failed: a bug in a handler/);
    expect(logged.join('\n')).toMatch(/work after the response failed: failed after the response/);
  });

  it('stop refuses new requests with 503 but lets accepted work finish', async () => {
    let finished = false;
    const http = await startGracefulServer('test', async (_req, res, ctx) => {
      send(res, 200);
      ctx.track(new Promise((r) => setTimeout(r, 300)).then(() => { finished = true; }));
    }, 0, '127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${http.port}/`)).status).toBe(200);
    const stopping = http.stop(5000);
    expect(await stopping).toEqual({ unfinished: 0 });
    expect(finished).toBe(true);
  });

  it('work that outlives the deadline is reported, not waited for', async () => {
    const http = await startGracefulServer('test', async (_req, res, ctx) => { send(res, 200); ctx.track(new Promise(() => undefined)); }, 0, '127.0.0.1');
    await fetch(`http://127.0.0.1:${http.port}/`);
    const t0 = Date.now();
    expect(await http.stop(200)).toEqual({ unfinished: 1 });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('last-resort handlers', () => {
  const handlers = () => ({
    rejection: process.listeners('unhandledRejection').at(-1) as (reason: unknown) => void,
    exception: process.listeners('uncaughtException').at(-1) as (error: Error, origin: string) => void,
  });

  it('log and continue on a stray rejection or exception; stop only when the process is broken', () => {
    const logged: string[] = [];
    const broken: string[] = [];
    const remove = installLastResort({ log: (m) => void logged.push(m), onBroken: (r) => void broken.push(r), burst: 5 });
    try {
      const { rejection, exception } = handlers();
      rejection(new Error('a promise nobody awaited'));
      exception(new TypeError('a bug in a timer'), 'uncaughtException');
      expect(broken).toEqual([]);
      expect(logged.join('\n')).toMatch(/unhandled promise rejection \(service continues\): a promise nobody awaited/);
      expect(logged.join('\n')).toMatch(/uncaught exception: a bug in a timer/);
      exception(Object.assign(new Error('cannot allocate'), { code: 'ENOMEM' }), 'uncaughtException');
      expect(broken[0]).toMatch(/out of memory/);
    } finally { remove(); }
    const remove2 = installLastResort({ log: () => undefined, onBroken: (r) => void broken.push(r), burst: 5 });
    try {
      const { exception } = handlers();
      for (let i = 0; i < 5; i++) exception(new Error(`bug ${i}`), 'uncaughtException');
      expect(broken.at(-1)).toMatch(/5 uncaught exceptions within a minute/);
    } finally { remove2(); }
  });
});

describe('layering', () => {
  it('src/ never imports adapters/ (the composition root is adapters/serve.ts, handed to the CLI by bin/)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = new URL('../src/', import.meta.url).pathname;
    const offenders = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from\s+['"][./]*adapters\/|import\(\s*['"][./]*adapters\//.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
