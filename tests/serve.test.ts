/** `serve` as `npm start` runs it: configuration from the environment, adapters started, clean stop on SIGTERM. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { runServe } from '../adapters/serve.js';
import { saveReports } from '../src/store/dataset.js';
import { consistentTables } from './helpers/reports.js';
import { agencyReport } from './helpers/fleet.js';
import { waitFor } from './helpers/local-server.js';
import { TOKEN, startFakeTelegram, type FakeTelegram } from './helpers/fake-telegram.js';

let fake: FakeTelegram;
let dir: string;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeTelegram();
  dir = mkdtempSync(join(tmpdir(), 'serve-'));
  saveReports(dir, [agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 321 })]);
});
afterAll(async () => { await fake.server.close(); rmSync(dir, { recursive: true, force: true }); });
afterEach(() => { process.env = { ...saved }; vi.restoreAllMocks(); });

it('starts the Telegram adapter from the environment, answers, reloads the dataset on SIGHUP, and stops on SIGTERM', async () => {
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  process.env.TELEGRAM_BOT_TOKEN = TOKEN;
  process.env.TELEGRAM_API_ROOT = fake.apiRoot;
  process.env.TELEGRAM_STATE_DIR = join(dir, 'state');
  const serving = runServe(dir);
  await waitFor(() => fake.api('getUpdates')[0], 15_000); // start-up builds the dataset view and the bot: slow on a busy machine
  fake.push({ message: { message_id: 1, date: 0, chat: { id: 7, type: 'private' }, from: { id: 7, is_bot: false, first_name: 'A' }, text: '行政处罚多少件' } });
  expect(String((await waitFor(() => fake.api('sendMessage')[0])).body.text)).toContain('321 件');
  // a new ingest, then SIGHUP: the next answer comes from the new version, in the same conversation
  saveReports(dir, [agencyReport('高平市交通运输局', 2023, { ...consistentTables(), penalty: 654 })]);
  process.emit('SIGHUP');
  fake.push({ message: { message_id: 2, date: 0, chat: { id: 7, type: 'private' }, from: { id: 7, is_bot: false, first_name: 'A' }, text: '行政处罚多少件' } });
  expect(String((await waitFor(() => fake.api('sendMessage')[1])).body.text)).toContain('654 件');
  process.emit('SIGTERM');
  expect(await serving).toBe(0);
});

it('refuses to start with malformed configuration, listing every problem', async () => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
  process.env.SLACK_BOT_TOKEN = 'xoxb-1';
  process.env.TELEGRAM_BOT_TOKEN = 'not-a-token';
  process.env.TELEGRAM_WEBHOOK_URL = 'http://insecure.example.org/hook';
  expect(await runServe(dir)).toBe(2);
  const text = errors.join('\n');
  for (const v of ['SLACK_SIGNING_SECRET', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET']) expect(text).toContain(v);
});

it('refuses to start, saying why, when REDIS_URL is set but Redis does not answer', async () => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
  process.env.TELEGRAM_BOT_TOKEN = TOKEN;
  process.env.TELEGRAM_API_ROOT = fake.apiRoot;
  process.env.REDIS_URL = 'redis://:secret-password@127.0.0.1:1'; // nothing listens on port 1
  const before = fake.api('getUpdates').length;
  expect(await runServe(dir)).toBe(1);
  const text = errors.join('\n');
  expect(text).toMatch(/cannot start — Redis at redis:\/\/.*127\.0\.0\.1:1.* is unreachable/);
  expect(text).not.toContain('secret-password');
  expect(fake.api('getUpdates')).toHaveLength(before); // no adapter started
});

it('refuses a malformed REDIS_URL or rate limit before starting anything', async () => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
  process.env.TELEGRAM_BOT_TOKEN = TOKEN;
  process.env.REDIS_URL = 'http://127.0.0.1:6379';
  process.env.RATE_LIMIT_PER_MINUTE = '-1';
  expect(await runServe(dir)).toBe(2);
  expect(errors.join('\n')).toMatch(/REDIS_URL must be a redis:\/\/[\s\S]*RATE_LIMIT_PER_MINUTE must be 0 \(off\) or more/);
});
