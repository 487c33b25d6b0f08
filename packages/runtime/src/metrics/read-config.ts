// Checks the `metrics` section of the gateway's configuration file and says which field is wrong.
import type { GatewayMetricsConfig } from './gateway-metrics.ts';

export class MetricsConfigError extends Error {}

type Json = Record<string, unknown>;

export function readMetricsConfig(value: unknown, where = 'metrics'): GatewayMetricsConfig {
  if (value === undefined) return { prometheus: true };
  const config = object(value, where);
  known(config, where, ['serviceName', 'prometheus', 'otlp', 'console', 'cardinalityLimit', 'usage']);
  const result: GatewayMetricsConfig = {};
  if (config['serviceName'] !== undefined) result.serviceName = string(config['serviceName'], `${where}.serviceName`);
  if (config['cardinalityLimit'] !== undefined) result.cardinalityLimit = positive(config['cardinalityLimit'], `${where}.cardinalityLimit`);
  const prometheus = config['prometheus'];
  if (typeof prometheus === 'boolean') result.prometheus = prometheus;
  else if (prometheus !== undefined) {
    const p = object(prometheus, `${where}.prometheus`);
    known(p, `${where}.prometheus`, ['port', 'host', 'endpoint', 'withoutTargetInfo']);
    result.prometheus = {
      ...(p['port'] === undefined ? {} : { port: port(p['port'], `${where}.prometheus.port`) }),
      ...(p['host'] === undefined ? {} : { host: string(p['host'], `${where}.prometheus.host`) }),
      ...(p['endpoint'] === undefined ? {} : { endpoint: string(p['endpoint'], `${where}.prometheus.endpoint`) }),
      ...(p['withoutTargetInfo'] === undefined ? {} : { withoutTargetInfo: boolean(p['withoutTargetInfo'], `${where}.prometheus.withoutTargetInfo`) }),
    };
  }
  if (config['otlp'] !== undefined) {
    const o = object(config['otlp'], `${where}.otlp`);
    known(o, `${where}.otlp`, ['url', 'headers', 'intervalMs', 'timeoutMs', 'temporality']);
    const url = string(o['url'], `${where}.otlp.url`);
    if (!/^https?:\/\//.test(url)) throw new MetricsConfigError(`${where}.otlp.url must be an http(s) URL, not "${url}"`);
    const temporality = o['temporality'];
    if (temporality !== undefined && temporality !== 'cumulative' && temporality !== 'delta') {
      throw new MetricsConfigError(`${where}.otlp.temporality must be "cumulative" or "delta"`);
    }
    result.otlp = {
      url,
      ...(o['headers'] === undefined ? {} : { headers: headers(o['headers'], `${where}.otlp.headers`) }),
      ...(o['intervalMs'] === undefined ? {} : { intervalMs: positive(o['intervalMs'], `${where}.otlp.intervalMs`) }),
      ...(o['timeoutMs'] === undefined ? {} : { timeoutMs: positive(o['timeoutMs'], `${where}.otlp.timeoutMs`) }),
      ...(temporality === undefined ? {} : { temporality }),
    };
  }
  const consoleConfig = config['console'];
  if (typeof consoleConfig === 'boolean') result.console = consoleConfig;
  else if (consoleConfig !== undefined) {
    const c = object(consoleConfig, `${where}.console`);
    known(c, `${where}.console`, ['intervalMs']);
    result.console = c['intervalMs'] === undefined ? {} : { intervalMs: positive(c['intervalMs'], `${where}.console.intervalMs`) };
  }
  const usage = config['usage'];
  if (usage === false) result.usage = false;
  else if (usage !== undefined && usage !== true) {
    const u = object(usage, `${where}.usage`);
    known(u, `${where}.usage`, ['retentionDays', 'maxBuckets']);
    result.usage = {
      ...(u['retentionDays'] === undefined ? {} : { retentionDays: positive(u['retentionDays'], `${where}.usage.retentionDays`) }),
      ...(u['maxBuckets'] === undefined ? {} : { maxBuckets: positive(u['maxBuckets'], `${where}.usage.maxBuckets`) }),
    };
  }
  return result;
}

function object(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MetricsConfigError(`${where} must be an object`);
  return value as Json;
}

function known(value: Json, where: string, keys: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw new MetricsConfigError(`${where}.${key} is not a known setting (known: ${keys.join(', ')})`);
  }
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string' || value === '') throw new MetricsConfigError(`${where} must be a non-empty string`);
  return value;
}

function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new MetricsConfigError(`${where} must be true or false`);
  return value;
}

function positive(value: unknown, where: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) throw new MetricsConfigError(`${where} must be a number above zero`);
  return value;
}

function port(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new MetricsConfigError(`${where} must be a port number (1-65535)`);
  }
  return value;
}

function headers(value: unknown, where: string): Record<string, string> {
  const map = object(value, where);
  for (const [name, header] of Object.entries(map)) string(header, `${where}.${name}`);
  return map as Record<string, string>;
}
