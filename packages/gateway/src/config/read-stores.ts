// The `stores:` section: where counters, the cache, the semantic cache's vectors and concurrency slots live.
// Memory (one instance) by default; Redis so that several apimx instances enforce one limit and share one cache.
import type { StoresConfig } from './config-types.ts';
import type { Fields } from './reader.ts';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function readStores(root: Fields, env: Readonly<Record<string, string | undefined>>): StoresConfig {
  const fields = root.object('stores');
  if (!fields) return { type: 'memory' };
  const type = fields.oneOf('type', ['memory', 'redis'] as const, 'memory');
  if (type === 'memory') {
    fields.only('type');
    return { type };
  }
  fields.only('type', 'url', 'keyPrefix', 'onUnavailable', 'commandTimeoutMs', 'connectTimeoutMs');
  const url = fields.string('url') ?? env['REDIS_URL'] ?? DEFAULT_REDIS_URL;
  if (!/^rediss?:\/\/./.test(url)) fields.fail('url', `expected a redis:// or rediss:// URL, found '${url}'`);
  return {
    type,
    url,
    keyPrefix: fields.string('keyPrefix', 'apimx:'),
    onUnavailable: fields.oneOf('onUnavailable', ['open', 'closed'] as const, 'open'),
    commandTimeoutMs: fields.integer('commandTimeoutMs', 250, 1, 60_000),
    connectTimeoutMs: fields.integer('connectTimeoutMs', 1000, 1, 60_000),
  };
}
