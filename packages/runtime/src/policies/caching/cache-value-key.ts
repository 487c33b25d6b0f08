// The key space of cache-lookup-value / cache-store-value / cache-remove-value: one per service, shared by every
// API (as APIM's built-in cache is). caching-type (internal / external / prefer-external) all use the configured
// CacheStore: in memory by default, Redis when the gateway is configured with one.

export const VALUE_PREFIX = 'value\u0000';

export interface CachedValue {
  value: unknown;
  type: string;
}
