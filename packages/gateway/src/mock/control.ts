// The control API under /__mock/, for tests and demos driving a running backend:
//   GET  /__mock/health            {status, name}
//   GET  /__mock/stats             counters (see stats.ts)
//   POST /__mock/reset             clear counters, scripted failures and stored responses
//   GET  /__mock/failures          scripted answers still pending
//   POST /__mock/failures          append: [{status, retryAfter, fail, message, latencyMs, count}] or {failures: [...]}
//   DELETE /__mock/failures        drop the script
//   POST /__mock/config            change {latencyMs, chunkDelayMs, failRate, failStatus} while running
import type { ServerResponse } from 'node:http';
import { errorBody } from './errors.ts';
import { sendJson } from './http-io.ts';
import type { MockFailure } from './options.ts';

export interface ControlTarget {
  name: string;
  stats: unknown;
  pendingFailures(): MockFailure[];
  enqueueFailures(failures: MockFailure[]): void;
  clearFailures(): void;
  reset(): void;
  configure(patch: LiveConfig): void;
}

export interface LiveConfig {
  latencyMs?: number;
  chunkDelayMs?: number;
  failRate?: number;
  failStatus?: number;
}

export function handleControl(target: ControlTarget, method: string, path: string, body: Buffer, res: ServerResponse): void {
  const route = `${method} ${path.split('?')[0]}`;
  switch (route) {
    case 'GET /__mock/health':
      return sendJson(res, 200, { status: 'ok', name: target.name });
    case 'GET /__mock/stats':
      return sendJson(res, 200, target.stats);
    case 'POST /__mock/reset':
      target.reset();
      return sendJson(res, 200, { ok: true });
    case 'GET /__mock/failures':
      return sendJson(res, 200, { failures: target.pendingFailures() });
    case 'DELETE /__mock/failures':
      target.clearFailures();
      return sendJson(res, 200, { failures: [] });
    case 'POST /__mock/failures': {
      const parsed = parse(body);
      const list = Array.isArray(parsed) ? parsed : (parsed as { failures?: unknown } | undefined)?.failures;
      const failures = Array.isArray(list) ? list.map(toFailure) : undefined;
      if (failures === undefined || failures.includes(undefined)) {
        return sendJson(res, 400, errorBody('Expected an array of {status?, retryAfter?, fail?: "reset" | "mid-stream", message?, latencyMs?, count?}.', 'invalid_request_error'));
      }
      target.enqueueFailures(failures as MockFailure[]);
      return sendJson(res, 200, { failures: target.pendingFailures() });
    }
    case 'POST /__mock/config': {
      const patch = toConfig(parse(body));
      if (patch === undefined) {
        return sendJson(res, 400, errorBody('Expected {latencyMs?, chunkDelayMs?, failRate?, failStatus?} with numbers.', 'invalid_request_error'));
      }
      target.configure(patch);
      return sendJson(res, 200, { ok: true });
    }
    default:
      return sendJson(res, 404, errorBody(`Unknown control route ${route}`, 'invalid_request_error'));
  }
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

const NUMBER_FIELDS = ['status', 'retryAfter', 'latencyMs', 'count'] as const;

function toFailure(value: unknown): MockFailure | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const out: MockFailure = {};
  for (const key of NUMBER_FIELDS) {
    if (v[key] === undefined) continue;
    if (typeof v[key] !== 'number' || !Number.isFinite(v[key])) return undefined;
    out[key] = v[key];
  }
  if (v['fail'] !== undefined) {
    if (v['fail'] !== 'reset' && v['fail'] !== 'mid-stream') return undefined;
    out.fail = v['fail'];
  }
  if (typeof v['message'] === 'string') out.message = v['message'];
  return out;
}

function toConfig(value: unknown): LiveConfig | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const out: LiveConfig = {};
  for (const key of ['latencyMs', 'chunkDelayMs', 'failRate', 'failStatus'] as const) {
    if (v[key] === undefined) continue;
    if (typeof v[key] !== 'number' || !Number.isFinite(v[key]) || v[key] < 0) return undefined;
    out[key] = v[key];
  }
  return out;
}
