/**
 * What the tests of each round of unseen questions share: the reports they ask about (parsed from the bundled raw
 * text and the fixture files, as ingest would) and a conversation helper.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Bot } from '../../src/bot/bot.js';
import { parseReport } from '../../src/ingest/parse.js';
import type { Report } from '../../src/model/schema.js';
import type { Reply } from '../../src/bot/reply.js';

/** The bundled report as published, then fixture reports by file name. */
export const SEED = 'data/raw/zezhou-transport-2023.txt';
export const fixtureReport = (name: string) => `tests/fixtures/reports/${name}`;
/** The bundled report and the five real reports of the corpus in one dataset (003 is 018 again). */
export const PUBLISHED = [SEED, ...['018.html', '021.txt', '007.txt', '013.html', '012.txt'].map(fixtureReport)];

const fromRoot = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** Each file (a path from the repository root) parsed as ingest reads it. */
export const parseReports = (paths: string[]): Report[] => paths.map((p) => parseReport(readFileSync(fromRoot(p), 'utf8'), { sourceFile: p }));

/** A bot over `reports` that does not warm up, on a fixed day (relative years stay put). */
export const botOver = (reports: Report[]) => new Bot(reports, { warmUp: false, today: () => new Date('2026-11-28') });

/** Conversations over any bot: each call asks its questions in turn in a new session and returns the last reply. */
export function conversations(prefix: string): (bot: Bot, ...questions: string[]) => Reply {
  let n = 0;
  return (bot, ...questions) => {
    const session = `${prefix}-${n++}`;
    return questions.map((q) => bot.handle(q, session)).pop()!;
  };
}
