/**
 * Slack's HTTP endpoint, in place of bolt's HTTPReceiver: the body is read whole and checked before anything
 * trusts it. A request is processed only when it is signed with the signing secret, its timestamp is within
 * ±5 minutes, its exact signature has not been seen before (a replayed request is acknowledged and dropped), and
 * its body is a JSON object (form payloads decoded). Anything else is refused with a status, never a crash.
 * Every request is isolated, and stop() lets accepted requests finish (see shared/http.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { BodyTooLarge, decodeUtf8, errorText, readBody, send, startGracefulServer, type GracefulServer } from '../shared/http.js';
import type { OpsRoutes } from '../ops/routes.js';
import { MemoryClaims, type Claims } from '../shared/claims.js';

/**
 * The context property (bolt's customProperties) holding whether this is the first delivery of the request: a
 * Promise<boolean>, awaited by the app together with the rate check and the conversation load — one Redis round
 * trip for all three instead of one after the other.
 */
export const FRESH = 'disclosureBotFirstDelivery';

export interface SlackReceiverOptions {
  signingSecret: string;
  path?: string;
  /** How far a request's timestamp may be from this clock (Slack's recommendation: 5 minutes). */
  maxSkewSeconds?: number;
  maxBodyBytes?: number;
  /** Slack expects an acknowledgement within 3 s; an event no listener acknowledged is acknowledged then. */
  ackTimeoutMs?: number;
  log?: (message: string) => void;
  /** /healthz, /readyz, /metrics on the same port (see ops/routes.ts). */
  ops?: OpsRoutes;
  /** Where processed signatures are claimed (default: this process; shared with Redis, so a replay to another instance is dropped too). */
  signatures?: Claims;
}

type Verdict = { ok: true } | { ok: false; status: number; reason: string };

/** Checks `v0=hmac_sha256(secret, "v0:{timestamp}:{body}")` and the timestamp window. */
export function verifySlackRequest(secret: string, signature: unknown, timestamp: unknown, body: Buffer, maxSkewSeconds = 300, now = Date.now()): Verdict {
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, reason: 'missing signature or timestamp' };
  if (Math.abs(now / 1000 - Number(timestamp)) > maxSkewSeconds) return { ok: false, status: 401, reason: `timestamp ${timestamp} outside ±${maxSkewSeconds} s` };
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:`).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 401, reason: 'bad signature' };
  return { ok: true };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Slack request body: JSON (Events API) or a form (slash commands; interactivity sends its JSON in `payload`). */
export function parseSlackBody(text: string, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    if (contentType?.includes('application/json')) {
      const json: unknown = JSON.parse(text);
      return isRecord(json) ? json : undefined;
    }
    const form = Object.fromEntries(new URLSearchParams(text));
    if (typeof form.payload === 'string') {
      const payload: unknown = JSON.parse(form.payload);
      return isRecord(payload) ? payload : undefined;
    }
    return Object.keys(form).length ? form : undefined;
  } catch {
    return undefined;
  }
}

export class SlackReceiver implements Receiver {
  private app?: App;
  private http?: GracefulServer;
  /** Signatures already processed (a signature covers the timestamp, so a genuine retry has a new one). */
  private readonly signatures: Claims;
  private readonly path: string;
  private readonly log: (message: string) => void;

  constructor(private readonly options: SlackReceiverOptions) {
    this.path = options.path ?? '/slack/events';
    this.log = options.log ?? console.error;
    this.signatures = options.signatures ?? new MemoryClaims(50_000);
  }

  init(app: App): void { this.app = app; }

  async start(port: number, host?: string): Promise<GracefulServer> {
    this.http = await startGracefulServer('slack', (req, res, ctx) => this.handle(req, res, ctx), port, host, this.log);
    return this.http;
  }

  async stop(deadlineMs?: number): Promise<void> {
    const result = await this.http?.stop(deadlineMs);
    if (result?.unfinished) this.log(`slack: stopped with ${result.unfinished} request(s) unfinished after the deadline`);
  }

  private async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, ctx: { track(work: Promise<unknown>): void }): Promise<void> {
    if (this.options.ops && (await this.options.ops(req, res))) return;
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== this.path) return send(res, 404);
    let raw: Buffer;
    try { raw = await readBody(req, this.options.maxBodyBytes ?? 1 << 20); } catch (e) { return send(res, e instanceof BodyTooLarge ? 413 : 400); }
    const text = decodeUtf8(raw);
    const type = req.headers['content-type'];
    // Slack checks TLS with an unsigned ssl_check=1 form; it needs only a 200
    if (text !== undefined && !type?.includes('json') && new URLSearchParams(text).get('ssl_check') === '1') return send(res, 200);

    const signature = req.headers['x-slack-signature'];
    const verdict = verifySlackRequest(this.options.signingSecret, signature, req.headers['x-slack-request-timestamp'], raw, this.options.maxSkewSeconds);
    if (!verdict.ok) return send(res, verdict.status, verdict.reason);
    // a replayed request (the same signature) is acknowledged and not answered; whether this is the first delivery
    // is settled beside the rest of the answer's Redis work (see FRESH in app.ts), not before it
    const fresh = this.signatures.claim(signature as string);

    const body = text === undefined ? undefined : parseSlackBody(text, type);
    if (!body) return send(res, 400, 'body must be a JSON object or a form');
    if (body.type === 'url_verification') return send(res, 200, { challenge: body.challenge });
    // bolt reads these without checking them
    if (body.type === 'event_callback' && !(isRecord(body.event) && typeof body.event.type === 'string')) return send(res, 400, 'event_callback without an event');
    if (body.type === 'block_actions' && !(Array.isArray(body.actions) && isRecord(body.user))) return send(res, 400, 'block_actions without actions or user');

    let acked = false;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      send(res, 200, response === undefined || response === '' ? undefined : (response as string | object));
    };
    const timer = setTimeout(() => void ack(), this.options.ackTimeoutMs ?? 2500);
    const retry = Number(req.headers['x-slack-retry-num']);
    const event: ReceiverEvent = {
      body, ack, customProperties: { [FRESH]: fresh },
      ...(Number.isInteger(retry) ? { retryNum: retry } : {}),
      ...(typeof req.headers['x-slack-retry-reason'] === 'string' ? { retryReason: req.headers['x-slack-retry-reason'] } : {}),
    };
    // the answer is sent after the acknowledgement: a graceful stop waits for it
    ctx.track(
      this.app!.processEvent(event)
        .catch((e: unknown) => {
          this.log(`slack: processing ${describeBody(body)} failed: ${errorText(e)}`);
          if (!acked) { acked = true; send(res, 500); }
        })
        .finally(() => { clearTimeout(timer); void ack(); }),
    );
  }
}

/** A short description of a request for logs: its kind, never its content. */
function describeBody(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return `command ${body.command}`;
  const event = isRecord(body.event) ? body.event : undefined;
  if (event) return `event ${String(event.type)} (${String(body.event_id)})`;
  return `request of type ${String(body.type)}`;
}
