/** `disclosure-bot <command>`: ingest, audit, export, ask, chat, serve. Arguments parsed with node:util parseArgs. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { BUNDLED_DATA, Dataset, DatasetError, DatasetWriter, eachReport } from '../store/dataset.js';
import { migrateFolder } from '../store/legacy.js';
import { checkContinuity } from '../audit/continuity.js';
import { csvLines, jsonLines } from '../export/export.js';
import { RULES } from '../audit/rules.js';
import { runIngest } from './ingest.js';
// the question engine (tokenizer, dictionaries) is loaded only by the commands that answer, so ingest starts fast
const runAsk: typeof import('./ask.js').runAsk = async (...a) => (await import('./ask.js')).runAsk(...a);
const runChat: typeof import('./chat.js').runChat = async (...a) => (await import('./chat.js')).runChat(...a);
const runUnanswered = async (...a: Parameters<typeof import('./unanswered.js').runUnanswered>) => (await import('./unanswered.js')).runUnanswered(...a);
const parseSince = async (value: string) => (await import('./unanswered.js')).parseSince(value);
const runGen = async (...a: Parameters<typeof import('./gen.js').runGen>) => (await import('./gen.js')).runGen(...a);

/** A subcommand; commands that live outside src/ (serve, in adapters/) are handed to main() by bin/. */
export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const DATA_OPTION = { data: { type: 'string' as const, short: 'd' } };

const COMMANDS: Record<string, Command> = {
  ingest: {
    summary: 'parse raw reports (text, HTML, PDF, Word) into the dataset',
    usage: `disclosure-bot ingest FILE|DIR... [--data DIR] [--agency NAME] [--year N] [--keep-going]

  Parses each report (.txt .htm .html .pdf .docx; a DIR stands for the report files in it), validates it,
  audits it and stores it in DIR/reports.sqlite (default: the bundled data/), all reports in one transaction:
  a new dataset version that a running serve picks up. Text and HTML may be UTF-8, UTF-16 or GBK/GB18030.
  Re-ingesting the same agency and year replaces it. Nothing is written unless every file parses.

  --data DIR     dataset directory
  --agency NAME  override the agency found in the report (only with one FILE)
  --year N       the report's year: overrides the year found, and settles a report whose title, 统计期限
                 and body state different years (ingest refuses such a report without it; only with one FILE)
  --keep-going   write the reports that parse even if others fail (exit code 1 still says some failed)

  example: disclosure-bot ingest data/raw/zezhou-transport-2023.txt`,
    options: { ...DATA_OPTION, agency: { type: 'string' }, year: { type: 'string' }, 'keep-going': { type: 'boolean' } },
    async run(v, files) {
      if (!files.length) { console.error('ingest: no FILE given (see --help)'); return 2; }
      const year = v.year ? Number(v.year) : undefined;
      if (v.year && (!Number.isInteger(year) || year! < 2000 || year! > 2100)) { console.error(`ingest: --year must be a year, got "${v.year}"`); return 2; }
      return runIngest(files, { dataDir: dataDir(v), agency: v.agency as string | undefined, year, keepGoing: Boolean(v['keep-going']) });
    },
  },
  init: {
    summary: 'create an empty dataset',
    usage: `disclosure-bot init --data DIR

  Creates DIR/reports.sqlite holding no reports (ask, serve … then answer "no reports yet" instead of an error).
  Does nothing to a dataset that already exists but commit a new (unchanged) version.`,
    options: { ...DATA_OPTION },
    async run(v) {
      if (typeof v.data !== 'string') { console.error('init: --data DIR is required'); return 2; }
      const version = new DatasetWriter(dataDir(v)).finish();
      console.log(`dataset ${dataDir(v)} ready (version ${version})`);
      return 0;
    },
  },
  migrate: {
    summary: 'convert a dataset folder of the old format (index.json + reports/) into reports.sqlite',
    usage: `disclosure-bot migrate --from OLD_DIR [--data NEW]

  Reads every report of OLD_DIR (index.json, reports/*.json) and writes them in one batch into the dataset NEW
  (default: OLD_DIR itself, beside the old files, which can be deleted afterwards). Opening an old folder with
  any command does the same automatically.`,
    options: { ...DATA_OPTION, from: { type: 'string' } },
    async run(v) {
      if (typeof v.from !== 'string') { console.error('migrate: --from OLD_DIR is required'); return 2; }
      const from = resolve(v.from);
      const to = typeof v.data === 'string' ? resolve(v.data) : from;
      let result;
      try { result = migrateFolder(from, to); } catch (e) { console.error(`migrate: ${(e as Error).message}`); return 1; }
      console.log(`migrated ${result.reports} report(s) from ${from} into ${result.file}`);
      return 0;
    },
  },
  audit: {
    summary: 'check every report for internal consistency',
    usage: `disclosure-bot audit [--data DIR] [REPORT]

  Prints each finding with its rule id and severity, then checks 结转 continuity across each agency's
  consecutive years (CROSS.CARRY_OVER). REPORT filters by agency name (substring) or id.
  Exits 1 when a finding of severity error exists.

  example: disclosure-bot audit 交通运输局`,
    options: { ...DATA_OPTION },
    async run(v, args) {
      const dir = dataDir(v);
      const wanted = args[0];
      let errors = 0;
      let seen = 0;
      for (const r of eachReport(dir, (e) => !wanted || e.id === wanted || e.agency.includes(wanted) || `${e.agency}${e.year}`.includes(wanted))) {
        seen++;
        console.log(`${r.agency} ${r.year}年: ${r.findings.length ? `${r.findings.length} 项发现` : `全部 ${Object.keys(RULES).length} 条规则通过`}`);
        for (const f of r.findings) {
          if (f.severity === 'error') errors++;
          console.log(`  [${f.severity}] ${f.rule}: ${f.message}`);
        }
      }
      if (!seen) { console.error(wanted ? `audit: no report matches "${wanted}"` : 'audit: the dataset is empty'); return 1; }
      // across reports: 结转 continuity between each agency's consecutive years
      const data = Dataset.open(dir);
      const { pairs, breaks } = checkContinuity(data, wanted ? new Set(data.summaries.filter((e) => e.agency.includes(wanted) || e.id === wanted).map((e) => e.agency)) : undefined);
      if (pairs) {
        console.log(`结转衔接（${pairs} 组相邻年度）：${breaks.length ? `${breaks.length} 组不衔接` : '全部一致'}`);
        for (const b of breaks) console.log(`  [error] CROSS.CARRY_OVER: ${b.agency} ${b.year} 年“上年结转” ${b.carriedOver} 件 ≠ ${b.year - 1} 年“结转下年度继续办理” ${b.previousCarriedForward} 件`);
      }
      return errors || breaks.length ? 1 : 0;
    },
  },
  export: {
    summary: 'export the dataset as CSV or JSONL (one row per report)',
    usage: `disclosure-bot export [--data DIR] --format csv|jsonl

  Columns: agency, year, then every cell id of METRICS.md (number, empty/null for blank, n/a), then report facts,
  then "undetermined": the cells the report prints but whose number could not be read (written empty), with the reason.

  example: disclosure-bot export --format csv > reports.csv`,
    options: { ...DATA_OPTION, format: { type: 'string', short: 'f' } },
    async run(v) {
      const format = v.format ?? 'csv';
      if (format !== 'csv' && format !== 'jsonl') { console.error(`export: --format must be csv or jsonl, got "${format}"`); return 2; }
      const lines = format === 'csv' ? csvLines(eachReport(dataDir(v))) : jsonLines(eachReport(dataDir(v)));
      for (const line of lines) {
        // respect back-pressure so a 100,000-report export does not pile up in memory
        if (!process.stdout.write(`${line}\n`)) await new Promise((r) => process.stdout.once('drain', r));
      }
      return 0;
    },
  },
  ask: {
    summary: 'answer one question, or JSONL questions from stdin',
    usage: `disclosure-bot ask [--data DIR] [--json] "问题"
disclosure-bot ask --jsonl [--data DIR] < questions.jsonl

  --json    print the whole reply as JSON
  --jsonl   read {"id","session","text"} lines from stdin, write one reply line each (same session = one conversation)

  example: disclosure-bot ask "泽州县交通局2023年行政处罚多少件"`,
    options: { ...DATA_OPTION, json: { type: 'boolean' }, jsonl: { type: 'boolean' } },
    run: (v, args) => runAsk(dataDir(v), { json: Boolean(v.json), jsonl: Boolean(v.jsonl), question: args.join(' ') }),
  },
  chat: {
    summary: 'interactive terminal chat (reads lines when stdin is piped)',
    usage: `disclosure-bot chat [--data DIR]

  Type a question; /help for examples, /reset to forget the conversation, /quit to leave.`,
    options: { ...DATA_OPTION },
    run: (v) => runChat(dataDir(v)),
  },
  gen: {
    summary: 'generate synthetic, internally consistent reports (for tests and benchmarks)',
    usage: `disclosure-bot gen --reports N --out DIR [--seed N] [--years 2021-2025] [--raw-only]

  Writes N reports in the standard format to DIR/raw/*.txt (real regions, real-looking department names,
  every table identity holding, 结转 continuous between an agency's years) and ingests them into DIR as a
  dataset, so "disclosure-bot ask --data DIR …" works at once. --raw-only skips the ingest.

  example: npm run gen -- --reports 10000 --out /tmp/reports-10k`,
    options: { reports: { type: 'string', short: 'n' }, out: { type: 'string', short: 'o' }, seed: { type: 'string' }, years: { type: 'string' }, 'raw-only': { type: 'boolean' } },
    async run(v) {
      const reports = Number(v.reports);
      if (!Number.isInteger(reports) || reports < 1 || reports > 1_000_000) { console.error('gen: --reports must be a number from 1 to 1000000'); return 2; }
      if (typeof v.out !== 'string' || !v.out) { console.error('gen: --out DIR is required'); return 2; }
      const years = /^(\d{4})-(\d{4})$/.exec(String(v.years ?? '2021-2025'));
      if (!years || Number(years[1]) > Number(years[2])) { console.error(`gen: --years must look like 2021-2025, got "${v.years}"`); return 2; }
      const seed = v.seed === undefined ? 1 : Number(v.seed);
      if (!Number.isInteger(seed)) { console.error('gen: --seed must be an integer'); return 2; }
      return runGen({ reports, out: resolve(v.out), seed, years: [Number(years[1]), Number(years[2])], rawOnly: Boolean(v['raw-only']) });
    },
  },
  unanswered: {
    summary: 'the questions users asked and did not get an answer to, most frequent first, grouped by wording',
    usage: `disclosure-bot unanswered [--data DIR|FILE.jsonl] [--since 7d] [--limit N] [--json]

  Reads DIR/unanswered.jsonl, where serve keeps every question it refused, asked back about (clarify) or did
  not understand — the text only, with the time and the reason, never who asked — and prints the most frequent,
  near-identical wordings grouped together (normalized like the bot reads them; numbers and years count as one).

  --since T   only questions asked in the last T (30m, 24h, 7d, 2w) or since a date (2026-01-31)
  --limit N   how many groups to print (default 20)
  --json      one JSON object per group: count, example, variants, reasons, lastAt

  example: disclosure-bot unanswered --since 7d --limit 30`,
    options: { ...DATA_OPTION, since: { type: 'string' }, limit: { type: 'string', short: 'n' }, json: { type: 'boolean' } },
    async run(v) {
      const since = typeof v.since === 'string' ? await parseSince(v.since) : undefined;
      if (typeof v.since === 'string' && !since) { console.error(`unanswered: --since must look like 7d, 24h, 30m, 2w or 2026-01-31, got "${v.since}"`); return 2; }
      const limit = v.limit === undefined ? 20 : Number(v.limit);
      if (!Number.isInteger(limit) || limit < 1) { console.error(`unanswered: --limit must be a positive whole number, got "${v.limit}"`); return 2; }
      return runUnanswered({ path: dataDir(v), since, limit, json: Boolean(v.json) });
    },
  },
};

function dataDir(v: Record<string, unknown>): string {
  return typeof v.data === 'string' ? resolve(v.data) : BUNDLED_DATA;
}

function mainHelp(commands: Record<string, Command>): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return `disclosure-bot — answers questions about 政府信息公开工作年度报告

usage: disclosure-bot <command> [options]

commands:
${Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "disclosure-bot <command> --help" for a command's options.`;
}

/** Runs a command; `extra` adds commands defined outside src/ (bin/ passes `serve` from adapters/). */
export async function main(argv: string[], extra: Record<string, Command> = {}): Promise<number> {
  const commands = { ...COMMANDS, ...extra };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { console.log(mainHelp(commands)); return name ? 0 : 2; }
  const command = commands[name];
  if (!command) { console.error(`disclosure-bot: unknown command "${name}"\n\n${mainHelp(commands)}`); return 2; }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    console.error(`${name}: ${(e as Error).message}\n\n${command.usage}`);
    return 2;
  }
  if (parsed.values.help) { console.log(command.usage); return 0; }
  try {
    return await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals);
  } catch (e) {
    // a missing, foreign or newer dataset: say which and what to do, never answer as if it were empty
    if (e instanceof DatasetError) { console.error(`${name}: ${e.message}`); return 1; }
    throw e;
  }
}
