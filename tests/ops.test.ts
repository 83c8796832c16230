/**
 * Operations, against a real `serve` child process and the fake platforms on 127.0.0.1: /healthz, /readyz and
 * /metrics over HTTP (on Slack's own port; on HEALTH_PORT in long polling), one structured log line per answer
 * without tokens or raw questions, and the refused / clarified questions kept beside the dataset, text only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveReports } from '../src/store/dataset.js';
import { agencyReport } from './helpers/fleet.js';
import { consistentTables } from './helpers/reports.js';
import { startLocalServer, waitFor, type LocalServer } from './helpers/local-server.js';
import { TOKEN, startFakeTelegram, type FakeTelegram } from './helpers/fake-telegram.js';

const CLI = fileURLToPath(new URL('../bin/disclosure-bot.js', import.meta.url));
const SECRET = 'test-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-test-ops-0123456789';

interface Served { child: ChildProcess; exited: Promise<number | null>; stderr: string[]; stdout: string[] }

function serve(dir: string, env: Record<string, string>): Served {
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dir], { env: { ...process.env, LOG_PRETTY: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  const stdout: string[] = [];
  child.stdout!.on('data', (c: Buffer) => stdout.push(c.toString()));
  child.stderr!.on('data', (c: Buffer) => stderr.push(c.toString()));
  return { child, stderr, stdout, exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

/** The JSON log lines written so far (a line is one object; anything else would fail the parse). */
const logLines = (s: Served) => s.stderr.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
const portFrom = (s: Served, pattern: RegExp) => waitFor(() => { const m = pattern.exec(s.stderr.join('')); return m ? Number(m[1]) : undefined; }, 15_000);
const get = async (port: number, path: string) => { const r = await fetch(`http://127.0.0.1:${port}${path}`); return { status: r.status, type: r.headers.get('content-type'), text: await r.text() }; };
/** The value of one sample line of the exposition, e.g. `disclosure_bot_answers_total{…}`. */
const sample = (exposition: string, series: string) => {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ops-'));
  saveReports(dir, [agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 321 }), agencyReport('高平市公安局', 2023, { ...consistentTables(), penalty: 5 })]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serve, watched from outside', { timeout: 60_000 }, () => {
  let slackApi: LocalServer;
  let telegram: FakeTelegram;
  beforeAll(async () => {
    slackApi = await startLocalServer((req) => {
      if (req.path === '/api/auth.test') return { json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } };
      if (req.path.startsWith('/respond/')) return { json: { ok: true } };
      return undefined;
    });
    telegram = await startFakeTelegram();
  });
  afterAll(async () => { await slackApi.close(); await telegram.server.close(); });

  it('Slack HTTP mode: health, readiness and metrics on its port; one hashed log line per answer; unanswered kept as text only', async () => {
    const served = serve(dir, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slackApi.url}api`, PORT: '0', LOG_SALT: 'a-salt-for-the-test-0123' });
    try {
      const port = await portFrom(served, /HTTP on port (\d+)/);
      const health = await get(port, '/healthz');
      expect(health.status).toBe(200);
      expect(JSON.parse(health.text)).toMatchObject({ status: 'ok' });
      const ready = await get(port, '/readyz');
      expect(ready.status).toBe(200);
      const checks = (JSON.parse(ready.text) as { checks: Array<{ name: string; ok: boolean; detail: string }> }).checks;
      expect(checks.map((c) => [c.name, c.ok])).toEqual([['dataset', true], ['slack', true]]);
      expect(checks[0]!.detail).toMatch(/2 report/);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(405);

      const ask = (i: number, text: string) => {
        const body = new URLSearchParams({ team_id: 'T1', channel_id: 'C1', user_id: `USER${i}`, command: '/disclosure', text, response_url: `${slackApi.url}respond/${i}` }).toString();
        const ts = Math.floor(Date.now() / 1000);
        const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
        return fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(ts) } }).then((r) => r.status);
      };
      const questions = ['高平市交通局2023年行政处罚多少件', '今天天气怎么样', '行政处罚多少件'];
      for (const [i, q] of questions.entries()) expect(await ask(i, q)).toBe(200);
      await waitFor(() => (slackApi.requests.filter((r) => r.path.startsWith('/respond/')).length === 3 ? true : undefined));
      await waitFor(() => (logLines(served).filter((l) => l.msg === 'answered').length === 3 ? true : undefined));

      const metrics = await get(port, '/metrics');
      expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(sample(metrics.text, 'disclosure_bot_answers_total{platform="slack",intent="value",outcome="answered"}')).toBe(1);
      expect(sample(metrics.text, 'disclosure_bot_refusals_total{platform="slack",reason="offTopic"}')).toBe(1);
      expect(sample(metrics.text, 'disclosure_bot_clarifications_total{platform="slack",intent="clarify"}')).toBe(1);
      expect(sample(metrics.text, 'disclosure_bot_answer_seconds_count{platform="slack",outcome="answered"}')).toBe(1);
      expect(sample(metrics.text, 'disclosure_bot_dataset_reports')).toBe(2);
      expect(sample(metrics.text, 'disclosure_bot_dataset_version')).toBeGreaterThan(0);
      expect(sample(metrics.text, 'disclosure_bot_active_sessions')).toBe(3);
      expect(metrics.text).toContain('# TYPE disclosure_bot_rate_limited_total counter');
      expect(metrics.text).toContain('# TYPE disclosure_bot_process_resident_memory_bytes gauge');

      const answered = logLines(served).filter((l) => l.msg === 'answered');
      expect(new Set(answered.map((l) => l.reqId)).size).toBe(3);
      expect(answered.map((l) => [l.platform, l.outcome, l.refused, l.clarify])).toEqual([['slack', 'answered', false, false], ['slack', 'refused', true, false], ['slack', 'clarified', false, true]]);
      for (const l of answered) {
        expect(l.latencyMs).toBeTypeOf('number');
        expect(l.questionHash).toMatch(/^[0-9a-f]{16}$/);
        expect(l.userHash).toMatch(/^[0-9a-f]{16}$/);
        expect(l).not.toHaveProperty('question');
      }
      const everything = served.stderr.join('') + served.stdout.join('');
      for (const secret of [BOT_TOKEN, SECRET, ...questions, 'USER0', 'USER1']) expect(everything).not.toContain(secret);

      // what was not answered: text, time, reason — never who asked
      const kept = readFileSync(join(dir, 'unanswered.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(kept.map((e) => [e.text, e.kind, e.reason])).toEqual([['今天天气怎么样', 'refuse', 'offTopic'], ['行政处罚多少件', 'clarify', undefined]]);
      expect(JSON.stringify(kept)).not.toMatch(/USER|slack:T1/);

      served.child.kill('SIGTERM');
      expect(await served.exited).toBe(0);
    } finally {
      served.child.kill('SIGKILL');
    }
  });

  it('long polling: HEALTH_PORT serves the endpoints; LOG_QUESTIONS=full logs the question, never the token', async () => {
    const served = serve(dir, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, TELEGRAM_STATE_DIR: join(dir, 'state'), HEALTH_PORT: '0', HEALTH_HOST: '127.0.0.1', LOG_QUESTIONS: 'full', UNANSWERED_LOG: 'off' });
    try {
      const port = await portFrom(served, /health port (\d+)/);
      expect((await get(port, '/healthz')).status).toBe(200);
      const ready = JSON.parse((await get(port, '/readyz')).text) as { ready: boolean; checks: Array<{ name: string; ok: boolean }> };
      expect(ready).toMatchObject({ ready: true, checks: [{ name: 'dataset', ok: true }, { name: 'telegram', ok: true }] });
      expect((await get(port, '/slack/events')).status).toBe(404);
      telegram.push({ message: { message_id: 1, date: 0, chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'A' }, text: '高平市交通局2023年行政处罚多少件' } });
      await waitFor(() => telegram.delivered[0]);
      const line = await waitFor(() => logLines(served).find((l) => l.msg === 'answered'));
      expect(line).toMatchObject({ platform: 'telegram', intent: 'value', outcome: 'answered', question: '高平市交通局2023年行政处罚多少件', user: 'tg:77:77' });
      expect(sample((await get(port, '/metrics')).text, 'disclosure_bot_answers_total{platform="telegram",intent="value",outcome="answered"}')).toBe(1);
      expect(served.stderr.join('')).not.toContain(TOKEN);

      served.child.kill('SIGTERM');
      expect(await served.exited).toBe(0);
    } finally {
      served.child.kill('SIGKILL');
    }
  });
});

describe('serve without a platform (lines piped in, no terminal)', { timeout: 60_000 }, () => {
  it('with HEALTH_PORT: the endpoints beside the chat, answers counted, stdout holding the answers only', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--data', dir], { env: { ...process.env, LOG_PRETTY: '0', HEALTH_PORT: '0', HEALTH_HOST: '127.0.0.1', UNANSWERED_LOG: 'off' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const served: Served = { child, stderr: [], stdout: [], exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
    child.stdout!.on('data', (c: Buffer) => served.stdout.push(c.toString()));
    child.stderr!.on('data', (c: Buffer) => served.stderr.push(c.toString()));
    try {
      const port = await portFrom(served, /health port (\d+)/);
      expect((await get(port, '/healthz')).status).toBe(200);
      // not ready until the chat's bot has loaded the dataset
      const readiness: number[] = [];
      for (const deadline = Date.now() + 15_000; readiness.at(-1) !== 200 && Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) readiness.push((await get(port, '/readyz')).status);
      expect(readiness.at(-1)).toBe(200);
      expect(readiness.every((s) => s === 503 || s === 200)).toBe(true);
      child.stdin!.write('高平市交通局2023年行政处罚多少件\n');
      await waitFor(() => (served.stdout.join('').includes('321') ? true : undefined), 15_000);
      expect(sample((await get(port, '/metrics')).text, 'disclosure_bot_answers_total{platform="terminal",intent="value",outcome="answered"}')).toBe(1);
      expect(served.stdout.join('')).not.toMatch(/"level"|reqId/);
      child.stdin!.end();
      expect(await served.exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
