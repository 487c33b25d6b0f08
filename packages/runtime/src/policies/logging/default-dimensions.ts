// Dimensions the gateway fills in when a <dimension> names one without a value (spec §3.2, §3.12): emit-metric
// and the AI token-metric policies share them. `Backend ID` exists only for the LLM policies.
import type { RequestContext } from '../../context/request-context.ts';
import type { Getter } from '../types.ts';

// [UNCONFIRMED] a default dimension with nothing to report (no product, no subscription) is sent as an empty string.
const DEFAULTS: ReadonlyMap<string, Getter<string>> = new Map<string, Getter<string>>([
  ['api id', (ctx) => ctx.Api?.Id ?? ''],
  ['operation id', (ctx) => ctx.Operation?.Id ?? ''],
  ['product id', (ctx) => ctx.Product?.Id ?? ''],
  ['user id', (ctx) => ctx.User?.Id ?? ''],
  ['subscription id', (ctx) => ctx.Subscription?.Id ?? ''],
  ['location', (ctx) => ctx.Deployment.Region],
  ['gateway id', (ctx) => ctx.Deployment.GatewayId],
]);

const BACKEND_ID: Getter<string> = (ctx: RequestContext) => ctx.backend.backendId ?? '';

export const DEFAULT_DIMENSION_NAMES: readonly string[] = ['API ID', 'Operation ID', 'Product ID', 'User ID', 'Subscription ID', 'Location', 'Gateway ID'];

/** The gateway's value for a default dimension name (case-insensitive), or null when the name is not one. */
export function defaultDimension(name: string, options: { backendId?: boolean } = {}): Getter<string> | null {
  const key = name.trim().toLowerCase();
  if (options.backendId && key === 'backend id') return BACKEND_ID;
  return DEFAULTS.get(key) ?? null;
}
