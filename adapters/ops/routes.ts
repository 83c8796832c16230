/**
 * The operations endpoints, served beside the webhook on the adapters' own HTTP port, or on HEALTH_PORT when
 * nothing else listens (Socket Mode, long polling):
 *   GET /healthz  200 while the process runs and serves HTTP (liveness: restart it when this fails)
 *   GET /readyz   200 when every readiness check passes, else 503 — with the checks as JSON either way
 *   GET /metrics  Prometheus text exposition
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send, startGracefulServer, type GracefulServer } from '../shared/http.js';
import type { BotMetrics } from './metrics.js';
import type { Readiness } from './readiness.js';

/** Answers the request when it is for one of the endpoints; false when it is not (the caller handles it). */
export type OpsRoutes = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

export function opsRoutes(readiness: Readiness, metrics: BotMetrics, started = Date.now()): OpsRoutes {
  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (!(OPS_PATHS as readonly (string | undefined)[]).includes(path)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.setHeader('allow', 'GET, HEAD'); send(res, 405); return true; }
    // never cached by a proxy: each probe must see the state of now
    res.setHeader('cache-control', 'no-store');
    if (path === '/healthz') send(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
    else if (path === '/readyz') { const report = await readiness.report(); send(res, report.ready ? 200 : 503, report); }
    else {
      const { contentType, body } = await metrics.exposition();
      res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) }).end(req.method === 'HEAD' ? undefined : body);
    }
    return true;
  };
}

/** A small server of its own for the endpoints (HEALTH_PORT), for modes that have no HTTP server. */
export function startOpsServer(routes: OpsRoutes, port: number, host?: string, log?: (message: string) => void): Promise<GracefulServer> {
  return startGracefulServer('health', async (req, res) => { if (!(await routes(req, res))) send(res, 404); }, port, host, log);
}
