/**
 * The structured logger (pino): one JSON object per line in production, readable lines in a terminal. Logs go
 * to stderr, so stdout stays for what a command prints (answers in the terminal chat, exports). pino-pretty is
 * used as a plain stream in this thread (no worker-thread transport), so a stop or a process.exit() loses no line
 * and leaves no thread behind; both destinations write synchronously.
 */
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

export interface LogSettings {
  level: LevelWithSilent;
  /** Human-readable lines instead of JSON. */
  pretty: boolean;
}

const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL (default info) and LOG_PRETTY (1 / 0; default: pretty only when stderr is a terminal). */
export function readLogSettings(env: NodeJS.ProcessEnv = process.env, isTTY = process.stderr.isTTY === true): LogSettings {
  const level = env.LOG_LEVEL || 'info';
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${level}"`);
  const flag = env.LOG_PRETTY;
  return { level: level as LevelWithSilent, pretty: flag === '1' || flag === 'true' || (isTTY && flag !== '0' && flag !== 'false') };
}

/**
 * Anything named like a secret is masked wherever it appears in a logged object — a second line of defence:
 * the code never hands the logger a token or a configuration object in the first place.
 */
const SECRET_PATHS = ['token', 'botToken', 'appToken', 'signingSecret', 'secret', 'authorization', 'password', 'redisUrl'].flatMap((k) => [k, `*.${k}`]);

/** A logger writing to `destination` (default: stderr). */
export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const options = { level: settings.level, base: { pid: process.pid }, redact: { paths: SECRET_PATHS, censor: '[secret]' } };
  if (settings.pretty) {
    const stream = pretty({ destination: destination ?? 2, sync: true, colorize: destination === undefined && process.stderr.isTTY === true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' });
    return pino(options, stream);
  }
  return pino(options, destination ?? pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything (the default of modules that log when given one). */
export const silentLogger = (): Logger => pino({ level: 'silent' });
