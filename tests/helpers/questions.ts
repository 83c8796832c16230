/**
 * Replays question sets (JSONL in the shared dev set's format) through the real `ask --jsonl` contract — the
 * built CLI in a child process, as users and ../shared/bin/qa-eval.mjs run it — and scores each answer exactly as
 * qa-eval.mjs does: `expect` all met (alternatives split by |, whole numbers matched whole), no `forbid` in the
 * text, `refuse` met by a refusal. A wrong answer is one stated as an answer (not refused, not a clarifying
 * question) that fails its expectation: the worst outcome.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Question {
  id: string;
  session?: string;
  text: string;
  expect: string[];
  forbid?: string[];
  refuse?: boolean;
  category?: string;
  style?: string;
  followup_of?: string;
}

export interface Answer {
  id: string;
  text?: string;
  intent?: string;
  refused?: boolean;
  facts?: unknown[];
  error?: string;
}

export interface Scored {
  question: Question;
  answer: Answer | undefined;
  ok: boolean;
  /** Stated as an answer, and not the expected one. */
  wrong: boolean;
}

export interface Score {
  results: Scored[];
  pass: number;
  wrong: Scored[];
  failed: Scored[];
  accuracy: number;
}

export const CLI = fileURLToPath(new URL('../../bin/disclosure-bot.js', import.meta.url));

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Newest modification time of the .ts files under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The CLI runs the compiled dist/ (built by `npm ci`/`npm install` via prepare): replaying questions through a
 * dist older than src/ would score code that is no longer there, so say so instead.
 */
export function assertBuilt(): void {
  let built = 0;
  try { built = statSync(join(ROOT, 'dist/src/cli/main.js')).mtimeMs; } catch { /* not built */ }
  if (built < newest(join(ROOT, 'src'))) throw new Error('dist/ is missing or older than src/: run `npm run build` before replaying the questions');
}

export function readQuestions(file: string): Question[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Question);
}

/** Runs the questions through `disclosure-bot ask --jsonl --data DIR` in one child process. */
export function askJsonl(questions: Question[], dataDir: string): Map<string, Answer> {
  const input = questions.map((q) => JSON.stringify({ id: q.id, session: q.session, text: q.text })).join('\n') + '\n';
  const r = spawnSync(process.execPath, [CLI, 'ask', '--jsonl', '--data', dataDir], { input, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300_000 });
  if (r.status !== 0) throw new Error(`ask --jsonl exited with ${r.status}: ${r.stderr?.slice(-2000)}`);
  const answers = new Map<string, Answer>();
  for (const line of r.stdout.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try { const a = JSON.parse(t) as Answer; answers.set(String(a.id), a); } catch { /* not an answer line */ }
  }
  return answers;
}

// ---- scoring, as ../shared/bin/qa-eval.mjs does it
const norm = (s: unknown) => String(s ?? '').replace(/\s+/g, '').replace(/[—–－]/g, '-').replace(/：/g, ':');

/** A whole number matches only as a whole number (195 not in 1950 nor 19.5); anything else is a substring. */
export function has(hay: string, needle: string): boolean {
  const n = norm(needle);
  if (/^\d+(\.\d+)?$/.test(n)) return new RegExp(`(?<![\\d.])${n.replace('.', '\\.')}(?![\\d]|\\.\\d)`).test(hay);
  return hay.includes(n);
}

export function scoreAnswer(q: Question, a: Answer | undefined): Scored {
  const hay = a ? norm(a.text) + '\n' + norm(JSON.stringify(a.facts ?? [])) : '';
  let ok: boolean;
  if (!a) ok = false;
  else if (q.refuse) ok = a.refused === true;
  else ok = a.refused !== true && q.expect.every((e) => e.split('|').some((alt) => has(hay, alt))) && !(q.forbid ?? []).some((f) => has(norm(a.text), f));
  const wrong = !ok && !!a && a.refused !== true && a.intent !== 'clarify';
  return { question: q, answer: a, ok, wrong };
}

export function score(questions: Question[], answers: Map<string, Answer>): Score {
  const results = questions.map((q) => scoreAnswer(q, answers.get(q.id)));
  const pass = results.filter((r) => r.ok).length;
  return { results, pass, wrong: results.filter((r) => r.wrong), failed: results.filter((r) => !r.ok), accuracy: questions.length ? pass / questions.length : 1 };
}

/** One line per failure: id, question, what was expected, what came back. */
export function explain(s: Scored): string {
  const q = s.question;
  const want = q.refuse ? 'a refusal' : `${JSON.stringify(q.expect)}${q.forbid?.length ? ` without ${JSON.stringify(q.forbid)}` : ''}`;
  const a = s.answer;
  const got = !a ? '(no answer)' : `${a.refused ? '[refused] ' : ''}[${a.intent ?? a.error}] ${String(a.text ?? a.error ?? '').replace(/\n/g, ' ⏎ ').slice(0, 240)}`;
  return `${q.id} ${q.text}\n    expected ${want}\n    got ${got}`;
}
