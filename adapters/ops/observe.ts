/**
 * The core as the adapters see it, observed: every message gets a request id, its answer is timed, counted by
 * platform, intent and outcome, logged as one structured line (the question and user only as LOG_QUESTIONS
 * allows), and, when it was refused or asked back, kept as text in the unanswered log. The adapters are unchanged:
 * serve hands each one its own observed core.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Reply } from '../../src/bot/reply.js';
import type { Logger } from '../../src/observe/log.js';
import type { Privacy } from '../../src/observe/privacy.js';
import { unansweredEntry, type UnansweredSink } from '../../src/observe/unanswered.js';
import type { Core } from '../shared/adapter.js';
import type { BotMetrics, Outcome } from './metrics.js';
import type { ActiveSessions } from './sessions.js';

export interface ObserveDeps {
  logger: Logger;
  metrics: BotMetrics;
  privacy: Privacy;
  sessions: ActiveSessions;
  unanswered?: UnansweredSink;
}

export function outcomeOf(reply: Reply): Outcome {
  if (reply.kind === 'refuse') return 'refused';
  if (reply.kind === 'clarify') return 'clarified';
  if (reply.kind === 'help') return 'help';
  return 'answered';
}

export function observeCore(core: Core, platform: string, deps: ObserveDeps): Core {
  const { logger, metrics, privacy, sessions, unanswered } = deps;
  return {
    async handle(message, sessionId) {
      const reqId = randomUUID();
      const started = performance.now();
      sessions.touch(sessionId);
      let reply: Reply;
      try {
        reply = await core.handle(message, sessionId);
      } catch (e) {
        metrics.answerFailures.inc({ platform });
        logger.error({ reqId, platform, err: (e as Error).message, ...privacy.user(sessionId), ...privacy.question(message) }, 'answering failed');
        throw e;
      }
      const seconds = (performance.now() - started) / 1000;
      const outcome = outcomeOf(reply);
      metrics.answers.inc({ platform, intent: reply.intent, outcome });
      metrics.answerSeconds.observe({ platform, outcome }, seconds);
      if (reply.kind === 'refuse') metrics.refusals.inc({ platform, reason: reply.reason });
      if (reply.kind === 'clarify') metrics.clarifications.inc({ platform, intent: reply.intent });
      logger.info({
        reqId, platform, intent: reply.intent, kind: reply.kind, outcome,
        refused: reply.refused, clarify: reply.kind === 'clarify', ...(reply.kind === 'refuse' ? { reason: reply.reason } : {}),
        latencyMs: Math.round(seconds * 100_000) / 100,
        ...privacy.user(sessionId), ...privacy.question(message),
      }, 'answered');
      const entry = unanswered && unansweredEntry(message, reply, platform);
      if (entry) unanswered!.record(entry);
      return reply;
    },
  };
}
