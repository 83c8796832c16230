/**
 * The Prometheus metrics of one serve process (prom-client), in a registry of its own so several bots in one
 * process (tests) never share counters. Names follow Prometheus conventions: `_total` counters, `_seconds`
 * durations, labels with few values (platform, intent, outcome, refusal reason) — never a user or a question.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How an answer turned out, for the `outcome` label: a Reply's kind folded into four. */
export type Outcome = 'answered' | 'refused' | 'clarified' | 'help';

/** Counts a source reports as running totals (e.g. the Telegram outbox's stats), turned into counter increments. */
type TotalsSource = () => { platform: string; retries: number; errors: Record<string, number> };

export class BotMetrics {
  readonly registry = new Registry();
  private readonly sources: Array<{ read: TotalsSource; last: { retries: number; errors: Record<string, number> } }> = [];

  readonly answers = new Counter({
    name: 'disclosure_bot_answers_total', help: 'Messages answered, by platform, intent and outcome (answered, refused, clarified, help).',
    labelNames: ['platform', 'intent', 'outcome'] as const, registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: 'disclosure_bot_refusals_total', help: 'Refused questions by reason (notUnderstood, unknownAgency, notInReport …).',
    labelNames: ['platform', 'reason'] as const, registers: [this.registry],
  });
  readonly clarifications = new Counter({
    name: 'disclosure_bot_clarifications_total', help: 'Questions answered with a question back (which one did you mean?).',
    labelNames: ['platform', 'intent'] as const, registers: [this.registry],
  });
  readonly answerSeconds = new Histogram({
    name: 'disclosure_bot_answer_seconds', help: 'Time to answer one message in the core (understanding and answering, not sending).',
    labelNames: ['platform', 'outcome'] as const, registers: [this.registry],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  readonly answerFailures = new Counter({
    name: 'disclosure_bot_answer_failures_total', help: 'Messages whose answering threw (the user got the polite error message).',
    labelNames: ['platform'] as const, registers: [this.registry],
  });
  readonly apiErrors = new Counter({
    name: 'disclosure_bot_platform_api_errors_total', help: 'Platform API calls that failed, by kind (undelivered = given up after retries, flood_wait = 429).',
    labelNames: ['platform', 'kind'] as const, registers: [this.registry],
    collect: () => this.pullSources(),
  });
  readonly apiRetries = new Counter({
    name: 'disclosure_bot_platform_api_retries_total', help: 'Platform API calls attempted again after a failure.',
    labelNames: ['platform'] as const, registers: [this.registry],
    collect: () => this.pullSources(),
  });
  readonly datasetReports = new Gauge({ name: 'disclosure_bot_dataset_reports', help: 'Reports in the dataset version being answered from.', registers: [this.registry] });
  readonly datasetVersion = new Gauge({ name: 'disclosure_bot_dataset_version', help: 'The committed dataset version being answered from.', registers: [this.registry] });
  readonly datasetReloads = new Counter({
    name: 'disclosure_bot_dataset_reloads_total', help: 'Dataset reloads (a new ingest picked up, or SIGHUP), by result.',
    labelNames: ['result'] as const, registers: [this.registry],
  });
  readonly activeSessions = new Gauge({
    name: 'disclosure_bot_active_sessions', help: 'Conversations that asked within the last 30 minutes on this instance.',
    registers: [this.registry],
    collect: () => { if (this.countSessions) this.activeSessions.set(this.countSessions()); },
  });
  /** Read at every scrape for `disclosure_bot_active_sessions`. */
  countSessions?: () => number;
  /** Incremented by the rate limiter (shared state) when a user is told to slow down; no answer work is done. */
  readonly rateLimited = new Counter({
    name: 'disclosure_bot_rate_limited_total', help: 'Messages refused because their user went over the per-user rate limit.',
    labelNames: ['platform'] as const, registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    // CPU, memory, event-loop lag, GC: what tells an overloaded instance from a slow one
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'disclosure_bot_' });
  }

  /** Reads running totals from `read` at every scrape (an adapter's own statistics) and adds what grew. */
  addTotals(read: TotalsSource): void {
    this.sources.push({ read, last: { retries: 0, errors: {} } });
  }

  /** The text a Prometheus scrape receives, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private pullSources(): void {
    for (const source of this.sources) {
      const now = source.read();
      if (now.retries > source.last.retries) this.apiRetries.inc({ platform: now.platform }, now.retries - source.last.retries);
      for (const [kind, n] of Object.entries(now.errors)) {
        const before = source.last.errors[kind] ?? 0;
        if (n > before) this.apiErrors.inc({ platform: now.platform, kind }, n - before);
      }
      source.last = { retries: now.retries, errors: { ...now.errors } };
    }
  }
}
