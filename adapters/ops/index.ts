/**
 * Everything serve needs to be watched from outside, built once per process: the structured logger, the
 * Prometheus metrics, the readiness checks, the /healthz /readyz /metrics routes, and the observed cores handed
 * to the adapters. Other parts plug into it: `readiness.add(check)` (e.g. Redis reachable), `metrics.rateLimited`.
 */
import type { DestinationStream } from 'pino';
import { createLogger, readLogSettings, type Logger } from '../../src/observe/log.js';
import { Privacy } from '../../src/observe/privacy.js';
import { FileUnansweredLog, unansweredFileOf, type UnansweredSink } from '../../src/observe/unanswered.js';
import type { LiveDataset } from '../../src/store/live.js';
import type { Core } from '../shared/adapter.js';
import type { OpsConfig } from './config.js';
import { BotMetrics } from './metrics.js';
import { observeCore } from './observe.js';
import { Readiness } from './readiness.js';
import { opsRoutes, type OpsRoutes } from './routes.js';
import { ActiveSessions } from './sessions.js';

export { OpsEnv, readOpsConfig, type OpsConfig } from './config.js';
export { BotMetrics } from './metrics.js';
export { Readiness, type CheckResult, type ReadinessCheck } from './readiness.js';
export { startOpsServer, type OpsRoutes } from './routes.js';

/** What an adapter may report about its platform API (calls retried, calls given up). */
export interface ApiEvents {
  retry(): void;
  error(kind: string): void;
}

export interface ObservabilityOptions {
  config: OpsConfig;
  /** The dataset directory (or file): the unanswered log lives beside it unless UNANSWERED_LOG says otherwise. */
  dataPath: string;
  /** A logger to use instead of one made from LOG_LEVEL / LOG_PRETTY (tests). */
  logger?: Logger;
  /** Where the made logger writes (default stderr). */
  logDestination?: DestinationStream;
  env?: NodeJS.ProcessEnv;
}

export class Observability {
  readonly logger: Logger;
  readonly metrics = new BotMetrics();
  readonly readiness = new Readiness();
  readonly privacy: Privacy;
  readonly routes: OpsRoutes;
  readonly unanswered?: UnansweredSink;
  private readonly sessions = new ActiveSessions();
  private readonly platforms = new Map<string, string | undefined>();

  constructor(options: ObservabilityOptions) {
    const { config } = options;
    this.logger = options.logger ?? createLogger(readLogSettings(options.env ?? process.env), options.logDestination);
    this.privacy = new Privacy(config.questions, config.salt);
    this.routes = opsRoutes(this.readiness, this.metrics);
    this.metrics.countSessions = () => this.sessions.count;
    if (config.unansweredLog !== 'off') {
      const file = config.unansweredLog ?? unansweredFileOf(options.dataPath);
      this.unanswered = new FileUnansweredLog(file, (e) => this.logger.warn({ file, err: e.message }, 'cannot write the unanswered-questions log (read-only dataset directory?); not keeping unanswered questions'));
    }
  }

  /** The core an adapter gets: timed, counted, logged (see observe.ts). */
  observe(core: Core, platform: string): Core {
    return observeCore(core, platform, { logger: this.logger, metrics: this.metrics, privacy: this.privacy, sessions: this.sessions, unanswered: this.unanswered });
  }

  /** Dataset gauges, reload counts and the `dataset` readiness check follow the live dataset. */
  watchDataset(live: LiveDataset): void {
    const show = () => { this.metrics.datasetReports.set(live.current.size); this.metrics.datasetVersion.set(live.current.version); };
    show();
    live.onSwap(show);
    this.readiness.add(() => ({ name: 'dataset', ok: true, detail: `version ${live.current.version}, ${live.current.size} report(s)` }));
  }

  /** A platform that must have started (its credentials checked by auth.test / getMe) before the instance is ready. */
  expectPlatform(name: string): void {
    this.platforms.set(name, undefined);
    this.readiness.add(() => {
      const detail = this.platforms.get(name);
      return { name, ok: detail !== undefined, detail: detail ?? 'starting (credentials not yet checked)' };
    });
  }

  platformStarted(name: string, detail: string): void { this.platforms.set(name, detail); }

  /** Hooks an adapter calls when a platform API call is retried or given up. */
  apiEvents(platform: string): ApiEvents {
    return { retry: () => this.metrics.apiRetries.inc({ platform }), error: (kind) => this.metrics.apiErrors.inc({ platform, kind }) };
  }

  /** Follows the Telegram outbox's running totals (retries, 429 waits, answers given up). */
  watchOutbox(platform: string, stats: { retries: number; flood_waits: number; given_up: number }): void {
    this.metrics.addTotals(() => ({ platform, retries: stats.retries + stats.flood_waits, errors: { flood_wait: stats.flood_waits, undelivered: stats.given_up } }));
  }
}
