/** The operations settings from the environment (health port, logging, the unanswered log), validated with zod. */
import { z } from 'zod';
import { QUESTION_LOGGING } from '../../src/observe/privacy.js';

const blankIsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const OpsEnv = z
  .object({
    /** A port of its own for /healthz, /readyz and /metrics (Socket Mode and long polling have no HTTP server). */
    HEALTH_PORT: blankIsUnset(z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65535)),
    HEALTH_HOST: blankIsUnset(z.string().min(1)),
    LOG_LEVEL: blankIsUnset(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be fatal, error, warn, info, debug, trace or silent' })),
    LOG_PRETTY: blankIsUnset(z.enum(['0', '1', 'true', 'false'], { error: 'must be 1 or 0' })),
    LOG_QUESTIONS: blankIsUnset(z.enum(QUESTION_LOGGING, { error: `must be ${QUESTION_LOGGING.join(', ')}` })),
    /** Shared by every instance so their hashed ids and questions can be joined. */
    LOG_SALT: blankIsUnset(z.string().min(16, 'should be at least 16 characters')),
    /** `off`, or a file (default: unanswered.jsonl in the dataset directory). */
    UNANSWERED_LOG: blankIsUnset(z.string().min(1)),
  })
  .transform((env) => ({
    healthPort: env.HEALTH_PORT,
    healthHost: env.HEALTH_HOST,
    questions: env.LOG_QUESTIONS ?? ('hashed' as const),
    salt: env.LOG_SALT,
    unansweredLog: env.UNANSWERED_LOG,
  }));
export type OpsConfig = z.output<typeof OpsEnv>;

/** The settings, or the list of problems (in the words serve prints for its own configuration). */
export function readOpsConfig(env: NodeJS.ProcessEnv = process.env): { config: OpsConfig } | { problems: string[] } {
  const result = OpsEnv.safeParse(env);
  if (result.success) return { config: result.data };
  return { problems: result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`) };
}
