// The admin surface under the reserved prefix /apimx/: health, recent traces, Prometheus metrics, the token usage
// summary, and each backend's circuit-breaker state.
import { PROMETHEUS_CONTENT_TYPE, UsageQueryError, type BackendStateView, type GatewayMetrics } from '@apimx/runtime';
import type { Hono } from 'hono';
import type { GatewayModel } from '../model/gateway-model.ts';
import type { SecretRedactor } from '../config/secrets.ts';
import type { LoggerStatus } from '../services/logger-sinks.ts';
import type { StoresStatus } from '../services/gateway-services.ts';
import type { TraceRecorder } from './trace-recorder.ts';

export const ADMIN_PREFIX = '/apimx';

export interface AdminState {
  model(): GatewayModel;
  traces: TraceRecorder;
  startedAt: number;
  reloads(): { count: number; lastError: string | null };
  /** The gateway's metrics; without them /apimx/metrics and /apimx/usage answer 404. */
  metrics?: GatewayMetrics;
  /** Every configured backend's state (breakers, pool members). */
  backends?(): BackendStateView[];
  /** Where counters live, for /apimx/health. */
  stores?(): StoresStatus;
  /** Every secret named value seen since start: shown as `{{name}}` in what these routes serve. */
  secrets?: SecretRedactor;
  /** Each logger's sink and its last write error, for /apimx/health. */
  loggers?(): Record<string, LoggerStatus>;
}

export function mountAdmin(app: Hono, state: AdminState): void {
  const redact = <T>(value: T): T => state.secrets?.redactDeep(value) ?? value;
  app.get(`${ADMIN_PREFIX}/health`, (c) => {
    const model = state.model();
    return c.json(redact({
      status: 'ok',
      service: model.config.service.name,
      config: model.config.file,
      apis: [...model.config.apis.values()].map((api) => ({ id: api.id, path: `/${api.path}` })),
      pipelines: model.pipelineCount,
      uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
      reloads: state.reloads(),
      stores: state.stores?.() ?? { type: 'memory' },
      loggers: state.loggers?.() ?? {},
    }));
  });
  app.get(`${ADMIN_PREFIX}/traces`, (c) => {
    const limit = Number(c.req.query('limit') ?? 50);
    return c.json(redact(state.traces.recent(Number.isFinite(limit) && limit > 0 ? limit : 50)));
  });
  app.get(`${ADMIN_PREFIX}/traces/:id`, (c) => {
    const trace = state.traces.find(c.req.param('id'));
    return trace ? c.json(redact(trace)) : c.json({ statusCode: 404, message: 'No recent trace with that request id' }, 404);
  });
  app.get(`${ADMIN_PREFIX}/metrics`, async (c) => {
    if (!state.metrics?.prometheusEnabled) return c.json({ statusCode: 404, message: 'Prometheus metrics are turned off (metrics.prometheus: false)' }, 404);
    return c.body(await state.metrics.scrape(), 200, { 'content-type': PROMETHEUS_CONTENT_TYPE });
  });
  app.get(`${ADMIN_PREFIX}/usage`, (c) => {
    if (!state.metrics?.ledger) return c.json({ statusCode: 404, message: 'The usage summary is turned off (metrics.usage: false)' }, 404);
    try {
      return c.json(state.metrics.usage(new URL(c.req.url).searchParams));
    } catch (error) {
      if (error instanceof UsageQueryError) return c.json({ statusCode: 400, message: error.message }, 400);
      throw error;
    }
  });
  app.get(`${ADMIN_PREFIX}/backends`, (c) => c.json({ backends: state.backends?.() ?? [] }));
  app.all(`${ADMIN_PREFIX}/*`, (c) => c.json({ statusCode: 404, message: 'Resource not found' }, 404));
}
