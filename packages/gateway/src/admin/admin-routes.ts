// The admin surface under the reserved prefix /apimx/: health, recent traces, and the metrics placeholder.
import type { Hono } from 'hono';
import type { GatewayModel } from '../model/gateway-model.ts';
import type { TraceRecorder } from './trace-recorder.ts';

export const ADMIN_PREFIX = '/apimx';

export interface AdminState {
  model(): GatewayModel;
  traces: TraceRecorder;
  startedAt: number;
  reloads(): { count: number; lastError: string | null };
}

export function mountAdmin(app: Hono, state: AdminState): void {
  app.get(`${ADMIN_PREFIX}/health`, (c) => {
    const model = state.model();
    return c.json({
      status: 'ok',
      service: model.config.service.name,
      config: model.config.file,
      apis: [...model.config.apis.values()].map((api) => ({ id: api.id, path: `/${api.path}` })),
      pipelines: model.pipelineCount,
      uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
      reloads: state.reloads(),
    });
  });
  app.get(`${ADMIN_PREFIX}/traces`, (c) => {
    const limit = Number(c.req.query('limit') ?? 50);
    return c.json(state.traces.recent(Number.isFinite(limit) && limit > 0 ? limit : 50));
  });
  app.get(`${ADMIN_PREFIX}/traces/:id`, (c) => {
    const trace = state.traces.find(c.req.param('id'));
    return trace ? c.json(trace) : c.json({ statusCode: 404, message: 'No recent trace with that request id' }, 404);
  });
  // Prometheus metrics come with the metrics issue; the route is reserved now so nothing else takes it.
  app.get(`${ADMIN_PREFIX}/metrics`, (c) => c.text('# apimx: Prometheus metrics are not implemented yet\n', 501));
  app.all(`${ADMIN_PREFIX}/*`, (c) => c.json({ statusCode: 404, message: 'Resource not found' }, 404));
}
