/**
 * SIGTERM during a burst, with `serve` as a child process (as it runs in production) against the fake platforms on
 * 127.0.0.1: it stops accepting, answers every request it accepted exactly once, and exits 0 within the deadline.
 * For Telegram, a restart then delivers nothing twice although every update is redelivered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settle, startLocalServer, waitFor, type LocalServer } from './helpers/local-server.js';
import { TOKEN, startFakeTelegram, type FakeTelegram } from './helpers/fake-telegram.js';

const CLI = fileURLToPath(new URL('../bin/disclosure-bot.js', import.meta.url));
const SECRET = 'test-signing-secret-0123456789';

interface Served { child: ChildProcess; port: number; exited: Promise<number | null>; output: string[]; killedAt?: number }

/** Starts `serve` with `env` and waits for the port it listens on. */
async function serve(env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdout!.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => output.push(c.toString()));
  const port = await waitFor(() => { const m = /port (\d+)/.exec(output.join('')); return m ? Number(m[1]) : undefined; }, 15_000);
  return { child, port, exited, output };
}

/** Fires `n` requests 5 ms apart and sends SIGTERM after `killAfter` of them; returns each one's status (0 = refused). */
async function burst(served: Served, n: number, killAfter: number, request: (i: number) => Promise<number>): Promise<number[]> {
  const pending: Promise<number>[] = [];
  for (let i = 0; i < n; i++) {
    if (i === killAfter) { served.child.kill('SIGTERM'); served.killedAt = Date.now(); }
    pending.push(request(i).catch(() => 0));
    await new Promise((r) => setTimeout(r, 5));
  }
  return Promise.all(pending);
}

// child processes starting and stopping: generous time limits, for a busy machine
describe('SIGTERM during a burst', { timeout: 90_000 }, () => {
  let slackApi: LocalServer;
  let telegram: FakeTelegram;
  beforeAll(async () => {
    slackApi = await startLocalServer(async (req) => {
      if (req.path === '/api/auth.test') return { json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } };
      if (req.path.startsWith('/respond/')) { await new Promise((r) => setTimeout(r, 300)); return { json: { ok: true } }; }
      return undefined;
    });
    telegram = await startFakeTelegram();
  });
  afterAll(async () => { await slackApi.close(); await telegram.server.close(); });

  it('Slack: every acknowledged command is answered exactly once, the rest refused, exit 0', async () => {
    const served = await serve({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slackApi.url}api`, PORT: '0' });
    const post = (i: number) => {
      const body = new URLSearchParams({ team_id: 'T1', channel_id: 'C1', user_id: `U${i}`, command: '/disclosure', text: '行政处罚多少件', response_url: `${slackApi.url}respond/${i}` }).toString();
      const ts = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      return fetch(`http://127.0.0.1:${served.port}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(ts) } }).then((r) => r.status);
    };
    const statuses = await burst(served, 60, 25, post);
    expect(await served.exited).toBe(0);
    expect(Date.now() - served.killedAt!).toBeLessThan(12_000); // the 10 s deadline, and exit
    const answers = (i: number) => slackApi.requests.filter((r) => r.path === `/respond/${i}`).length;
    const accepted = statuses.map((s, i) => [i, s] as const).filter(([, s]) => s === 200);
    expect(accepted.length).toBeGreaterThan(0); // how many got in before the signal depends on the machine
    for (const [i] of accepted) expect([i, answers(i)]).toEqual([i, 1]);
    for (const [i, s] of statuses.entries()) if (s !== 200) expect([i, s, answers(i)]).toEqual([i, s, 0]);
  });

  it('Telegram: accepted updates are answered once; after a restart, redelivered updates are not answered twice', async () => {
    const state = mkdtempSync(join(tmpdir(), 'tg-shutdown-'));
    const env = {
      TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/hook',
      TELEGRAM_WEBHOOK_SECRET: 'secret_token_0123456789', TELEGRAM_STATE_DIR: state, PORT: '0',
    };
    telegram.fault = (method) => (method === 'sendMessage' ? { delayMs: 200 } : undefined);
    const update = (i: number) => JSON.stringify({ update_id: 5000 + i, message: { message_id: i, date: 0, chat: { id: 7000 + i, type: 'private' }, from: { id: 7000 + i, is_bot: false, first_name: 'U' }, text: '行政处罚多少件' } });
    const post = (port: number) => (i: number) => fetch(`http://127.0.0.1:${port}/hook`, { method: 'POST', body: update(i), headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': env.TELEGRAM_WEBHOOK_SECRET } }).then((r) => r.status);
    try {
      const first = await serve(env);
      const statuses = await burst(first, 60, 25, post(first.port));
      expect(await first.exited).toBe(0);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
      // Telegram redelivers what got no 200 — and, to be safe, everything else too
      const second = await serve(env);
      for (let i = 0; i < 60; i++) expect(await post(second.port)(i)).toBe(200);
      const answered = (i: number) => telegram.delivered.filter((r) => r.body.chat_id === 7000 + i).length;
      await waitFor(() => (Array.from({ length: 60 }, (_, i) => answered(i)).every((n) => n > 0) ? true : undefined), 10_000);
      await settle(() => 0, 500);
      for (let i = 0; i < 60; i++) expect([i, answered(i)]).toEqual([i, 1]);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
