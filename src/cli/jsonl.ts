/**
 * The `ask --jsonl` stream: one {"id","session","text"} object per input line, exactly one output line per input
 * line, in order. Whatever a line holds (any JSON value, invalid JSON, invalid UTF-8, megabytes of text), it gets a
 * reply or an `error` line carrying the input's id when it has one, and the stream goes on.
 */
import type { Readable, Writable } from 'node:stream';
import type { Reply } from '../bot/reply.js';

/** What the stream needs from the core; `handle` may become asynchronous. */
export interface Answerer {
  handle(message: string, sessionId: string): Reply | Promise<Reply>;
}

export interface JsonlLimits {
  /** A line longer than this (bytes) is not parsed: it gets an error line (its id is still read from its start). */
  maxLineBytes: number;
  /** A question longer than this (code points) is not answered: nobody asks a report question that long. */
  maxQuestionChars: number;
}

export const JSONL_LIMITS: JsonlLimits = { maxLineBytes: 1 << 20, maxQuestionChars: 2000 };

/** A line as read: its text, or (when over the limit) the start of it and its full size. */
export type Line = { text: string } | { prefix: string; bytes: number };

/** How much of an overlong line is kept, to find its id. */
const PREFIX_BYTES = 4096;

/**
 * Splits a byte stream into lines (LF, with an optional CR before it), decoding each whole line as UTF-8 so a
 * character split across chunks is read right. Lines over `maxBytes` are not held in memory.
 */
export async function* readLines(input: AsyncIterable<Buffer | string>, maxBytes = JSONL_LIMITS.maxLineBytes): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const take = (piece: Buffer) => {
    size += piece.length;
    if (overflow) return;
    if (size > maxBytes) {
      overflow = true;
      const kept = Buffer.concat([...parts, piece]);
      parts = [kept.subarray(0, PREFIX_BYTES)];
      return;
    }
    parts.push(piece);
  };
  const finish = (): Line => {
    const bytes = Buffer.concat(parts);
    const line: Line = overflow ? { prefix: bytes.toString('utf8'), bytes: size } : { text: bytes.toString('utf8').replace(/\r$/, '') };
    parts = []; size = 0; overflow = false;
    return line;
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      take(buf.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    if (start < buf.length) take(buf.subarray(start));
  }
  if (size > 0 || parts.length) yield finish();
}

type Output = Record<string, unknown>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An id or session is echoed back only when it is a plain JSON scalar. */
const scalar = (v: unknown) => (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? v : undefined);

/** The id at the very start of an overlong line (`{"id": 7, …` or `{"id": "q7", …`), when it is there. */
function idFromPrefix(prefix: string): string | number | undefined {
  const m = /^\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|-?\d{1,20}(?:\.\d+)?)/.exec(prefix);
  if (!m) return undefined;
  try { return scalar(JSON.parse(m[1]!)) as string | number | undefined; } catch { return undefined; }
}

const errorLine = (error: string, id?: unknown, session?: unknown): Output => ({
  ...(id !== undefined ? { id } : {}), ...(session !== undefined ? { session } : {}), error,
});

/** The one output object for one input line. Never throws. */
export async function answerLine(bot: Answerer, line: Line, limits: JsonlLimits = JSONL_LIMITS): Promise<Output> {
  if (!('text' in line)) return errorLine(`line too long (${line.bytes} bytes; at most ${limits.maxLineBytes})`, idFromPrefix(line.prefix));
  if (!line.text.trim()) return errorLine('empty line: expected a JSON object {"id","session","text"}');
  let input: unknown;
  try { input = JSON.parse(line.text); } catch { return errorLine('invalid JSON line: expected a JSON object {"id","session","text"}', idFromPrefix(line.text)); }
  if (!isRecord(input)) return errorLine(`expected a JSON object {"id","session","text"}, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : `a ${typeof input}`}`);
  const id = 'id' in input ? (scalar(input.id) ?? null) : undefined;
  const session = scalar(input.session);
  if (typeof input.text !== 'string') return errorLine(`"text" must be a string${'text' in input ? '' : ' (missing)'}`, id, session);
  const length = [...input.text].length;
  if (length > limits.maxQuestionChars) return errorLine(`question too long (${length} characters; at most ${limits.maxQuestionChars})`, id, session);
  try {
    const r = await bot.handle(input.text, String(session ?? id ?? 'default'));
    return { id, session, text: r.text, intent: r.intent, confidence: r.confidence, refused: r.refused, facts: r.facts, suggestions: r.suggestions };
  } catch (e) {
    return errorLine(`internal error: ${e instanceof Error ? e.message : String(e)}`, id, session);
  }
}

/** Answers every line of `input` on `output`, one line each, in order, as each line arrives. */
export async function answerJsonl(bot: Answerer, input: AsyncIterable<Buffer | string> & Partial<Readable>, output: Writable, limits: JsonlLimits = JSONL_LIMITS): Promise<number> {
  let count = 0;
  for await (const line of readLines(input, limits.maxLineBytes)) {
    let out: string;
    try { out = JSON.stringify(await answerLine(bot, line, limits)); } catch (e) { out = JSON.stringify({ error: `internal error: ${(e as Error).message}` }); }
    count++;
    // respect back-pressure, so a fast producer and a slow reader do not pile replies up in memory
    if (!output.write(`${out}\n`)) await new Promise<void>((resolve) => output.once('drain', resolve));
  }
  return count;
}
