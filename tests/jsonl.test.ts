/**
 * `ask --jsonl`: every input line gets exactly one output line, whatever it holds, and the stream goes on.
 * Property-based (fast-check) in-process over the stream function; one child process for the CLI as users run it.
 */
import { spawn } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../src/bot/bot.js';
import { Dataset, BUNDLED_DATA } from '../src/store/dataset.js';
import { answerJsonl, readLines, type JsonlLimits } from '../src/cli/jsonl.js';

let bot: Bot;
beforeAll(() => { bot = new Bot(Dataset.open(BUNDLED_DATA)); });

/** Feeds `bytes` in chunks cut at the given positions (so UTF-8 characters are split across chunks). */
function chunked(bytes: Buffer, cuts: number[]): Readable {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let last = 0;
  for (const p of [...points, bytes.length]) { if (p > last) chunks.push(bytes.subarray(last, p)); last = p; }
  return Readable.from(chunks);
}

async function run(input: Readable, limits?: JsonlLimits): Promise<string[]> {
  const out = new PassThrough();
  const collected: Buffer[] = [];
  out.on('data', (c: Buffer) => collected.push(c));
  await answerJsonl(bot, input, out, limits);
  const text = Buffer.concat(collected).toString('utf8');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text ? text.slice(0, -1).split('\n') : [];
}

const question = fc.constantFrom('行政处罚多少件', '那行政强制呢', '泽州县交通运输局2023年收到多少申请', 'help', '', 'qqq');
/** One input line: a well-formed question, any JSON value, or any text (never containing a line break). */
const line = fc.oneof(
  fc.record({ id: fc.oneof(fc.integer(), fc.string()), session: fc.constantFrom('a', 'b'), text: fc.oneof(question, fc.string({ unit: 'binary' })) }).map((o) => JSON.stringify(o)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ id: fc.integer(), text: fc.jsonValue() }).map((o) => JSON.stringify(o)),
  fc.string({ unit: 'binary', maxLength: 300 }).map((s) => s.replace(/[\n\r]/g, ' ')),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b.filter((x) => x !== 10)).toString('latin1')),
);

describe('ask --jsonl stream', () => {
  it('answers every line with exactly one line, in order, whatever the lines hold and however they are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 12 }), async (lines, cuts) => {
        const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
        const out = await run(chunked(bytes, cuts));
        expect(out.length).toBe(lines.length);
        out.forEach((o, i) => {
          const reply = JSON.parse(o) as Record<string, unknown>;
          expect(typeof reply.text === 'string' || typeof reply.error === 'string').toBe(true);
          let input: unknown;
          try { input = JSON.parse(lines[i]!); } catch { input = undefined; }
          const id = (input as { id?: unknown } | null)?.id;
          if (typeof id === 'string' || typeof id === 'number') expect(reply.id).toBe(id);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('huge lines get an error line with their id, and the stream goes on', async () => {
    const limits: JsonlLimits = { maxLineBytes: 3000, maxQuestionChars: 200 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer(), fc.string({ unit: 'binary', minLength: 0, maxLength: 5000 })), { minLength: 1, maxLength: 6 }), async (items) => {
        const lines = items.map(([id, text]) => JSON.stringify({ id, text: text.replace(/[\n\r]/g, ' ') }));
        const out = (await run(Readable.from([Buffer.from(lines.map((l) => `${l}\n`).join(''))]), limits)).map((o) => JSON.parse(o) as Record<string, unknown>);
        expect(out.length).toBe(lines.length);
        out.forEach((o, i) => {
          expect(o.id).toBe(items[i]![0]);
          if (Buffer.byteLength(lines[i]!) > limits.maxLineBytes) expect(o.error).toMatch(/line too long/);
          else if ([...items[i]![1]].length > limits.maxQuestionChars) expect(o.error).toMatch(/question too long/);
        });
      }),
      { numRuns: 30 },
    );
  });

  it('a 5 MB line with the default limits: one error line naming the id, memory not held, next line answered', async () => {
    const big = JSON.stringify({ id: 'big', text: '行'.repeat(5_000_000 / 3) });
    const out = (await run(Readable.from([Buffer.from(`${big}\n{"id":2,"text":"行政处罚多少件"}\n`)]))).map((o) => JSON.parse(o));
    expect(out[0]).toMatchObject({ id: 'big', error: expect.stringMatching(/line too long/) });
    expect(out[1]).toMatchObject({ id: 2, text: expect.stringContaining('195 件') });
  });

  it('null, arrays, scalars and invalid JSON between questions: error lines with the id when there is one', async () => {
    const input = ['{"id":1,"text":"行政处罚多少件"}', 'null', '[1,2]', '42', '"text"', '{"id":5', '{"id":6,"text":7}', '', '{"id":8,"text":"行政处罚多少件"}'];
    const out = (await run(Readable.from([input.join('\n')]))).map((o) => JSON.parse(o));
    expect(out.length).toBe(input.length);
    expect(out[0].text).toContain('195 件');
    for (const o of out.slice(1, 8)) expect(o.error).toEqual(expect.any(String));
    expect(out[5].id).toBe(5);
    expect(out[6]).toMatchObject({ id: 6, error: expect.stringMatching(/"text" must be a string/) });
    expect(out[8]).toMatchObject({ id: 8, text: expect.stringContaining('195 件') });
  });

  it('a core that throws or answers asynchronously is handled', async () => {
    const throwing = { handle: () => { throw new Error('boom'); } };
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (c: Buffer) => lines.push(...c.toString().split('\n').filter(Boolean)));
    await answerJsonl(throwing, Readable.from(['{"id":1,"text":"x"}\n']), out);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 1, error: 'internal error: boom' });
    const asyncBot = { handle: async (t: string, s: string) => bot.handle(t, s) };
    lines.length = 0;
    await answerJsonl(asyncBot, Readable.from(['{"id":2,"text":"行政处罚多少件"}\n']), out);
    expect(JSON.parse(lines[0]!).text).toContain('195 件');
  });

  it('decodes a character split across chunks', async () => {
    const bytes = Buffer.from('{"id":1,"text":"处罚"}\n');
    const split = bytes.indexOf(Buffer.from('处')) + 1;
    const got: string[] = [];
    for await (const l of readLines(Readable.from([bytes.subarray(0, split), bytes.subarray(split)]))) got.push('text' in l ? l.text : '');
    expect(got).toEqual(['{"id":1,"text":"处罚"}']);
  });
});

describe('ask --jsonl as a command', () => {
  const cli = fileURLToPath(new URL('../bin/disclosure-bot.js', import.meta.url));

  it('with stdin left open, answers each line as it arrives, null included, and exits 0 at end of input', async () => {
    const child = spawn(process.execPath, [cli, 'ask', '--jsonl'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const received: string[] = [];
    let buffer = '';
    child.stdout.on('data', (c: Buffer) => { buffer += c.toString('utf8'); const parts = buffer.split('\n'); buffer = parts.pop()!; received.push(...parts); });
    const next = async (n: number) => { for (let i = 0; i < 1000 && received.length < n; i++) await new Promise((r) => setTimeout(r, 10)); return received[n - 1]; };
    child.stdin.write('{"id":1,"text":"行政处罚多少件"}\n');
    expect(JSON.parse((await next(1))!).text).toContain('195 件');
    child.stdin.write('null\n');
    expect(JSON.parse((await next(2))!).error).toMatch(/null/);
    child.stdin.write('{"id":3,"text":"行政处罚多少件"}\n');
    expect(JSON.parse((await next(3))!)).toMatchObject({ id: 3, text: expect.stringContaining('195 件') });
    child.stdin.end();
    expect(await new Promise((r) => child.on('close', r))).toBe(0);
  });
});
