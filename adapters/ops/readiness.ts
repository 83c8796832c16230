/**
 * Whether this instance should be sent traffic (`/readyz`): every check passes (dataset loaded, platform
 * credentials accepted at start, Redis reachable when configured …) and it is not shutting down. Other parts
 * add their own checks (`readiness.add(...)`); a check that throws or takes too long counts as failed.
 */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

export type ReadinessCheck = () => CheckResult | Promise<CheckResult>;

export interface ReadinessReport {
  ready: boolean;
  checks: CheckResult[];
}

export class Readiness {
  /** The checks run on every /readyz, in order. */
  readonly checks: ReadinessCheck[] = [];
  private draining?: string;

  constructor(private readonly timeoutMs = 2000) {}

  add(check: ReadinessCheck): this {
    this.checks.push(check);
    return this;
  }

  /** From now on not ready (a stop has begun): a load balancer moves traffic away while accepted work finishes. */
  drain(reason: string): void { this.draining = reason; }

  async report(): Promise<ReadinessReport> {
    const checks = await Promise.all(this.checks.map((check, i) => this.run(check, i)));
    if (this.draining) checks.push({ name: 'shutdown', ok: false, detail: this.draining });
    return { ready: checks.every((c) => c.ok), checks };
  }

  private async run(check: ReadinessCheck, index: number): Promise<CheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<CheckResult>((resolve) => { timer = setTimeout(() => resolve({ name: `check ${index + 1}`, ok: false, detail: `no answer within ${this.timeoutMs} ms` }), this.timeoutMs); });
    try {
      return await Promise.race([Promise.resolve().then(check), late]);
    } catch (e) {
      return { name: `check ${index + 1}`, ok: false, detail: (e as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
