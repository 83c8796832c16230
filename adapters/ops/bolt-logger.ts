/** bolt's Logger interface over the structured logger, so Slack's own messages are JSON lines like ours. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/observe/log.js';

const LEVELS: Record<LogLevel, string> = { [LogLevel.DEBUG]: 'debug', [LogLevel.INFO]: 'info', [LogLevel.WARN]: 'warn', [LogLevel.ERROR]: 'error' };

export function boltLogger(logger: Logger, component: string): BoltLogger {
  let log = logger.child({ component });
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => log.debug(text(msg)),
    info: (...msg) => log.info(text(msg)),
    warn: (...msg) => log.warn(text(msg)),
    error: (...msg) => log.error(text(msg)),
    setLevel: (level) => { log.level = LEVELS[level]; },
    getLevel: () => (Object.entries(LEVELS).find(([, l]) => l === log.level)?.[0] as LogLevel | undefined) ?? LogLevel.INFO,
    setName: (name) => { log = logger.child({ component: name }); },
  };
}
