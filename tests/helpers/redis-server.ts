/**
 * A real Redis for tests: Debian's redis-server on a free loopback port, no persistence, its own temporary
 * directory; stopped (and restarted on the same port) on demand. `.ci/run` installs redis-server when missing;
 * where it cannot be found the tests that need it are skipped with a message saying so.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The redis-server executable, or undefined when it is not installed. */
export function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

export const REDIS_MISSING = 'redis-server not found: the Redis tests are skipped (install it with `apt-get install -y redis-server`; .ci/run does so as root)';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts connections on the port and answers PING (bounded). */
async function answersPing(port: number, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      let data = '';
      socket.setTimeout(500, () => { socket.destroy(); resolve(false); });
      socket.on('data', (c) => { data += c; if (data.includes('PONG')) { socket.destroy(); resolve(true); } });
      socket.on('error', () => resolve(false));
      socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface TestRedis {
  port: number;
  url: string;
  /** Stops the server (SIGTERM, then waits for it to exit). */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted). */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
}

export async function startRedis(executable = findRedisServer()): Promise<TestRedis> {
  if (!executable) throw new Error(REDIS_MISSING);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'test-redis-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async () => {
    child = spawn(executable, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', join(dir, 'redis.log')], { stdio: 'ignore' });
    exited = new Promise((resolve) => child!.once('exit', () => resolve()));
    await answersPing(port);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port, url: `redis://127.0.0.1:${port}`, start, stop,
    close: async () => { await stop(); rmSync(dir, { recursive: true, force: true }); },
  };
}
