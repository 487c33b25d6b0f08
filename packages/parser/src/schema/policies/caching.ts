// Response caching and the key/value cache (spec §3.12).
import type { PolicySchema } from '../types.ts';
import { ALL_SECTIONS, bool, int, oneOf, str, textChild } from './build.ts';

const cachingType = () =>
  oneOf(['prefer-external', 'external', 'internal'], {
    expr: false,
    default: 'prefer-external',
    doc: "apimx has one cache (the gateway's store, memory or Redis): all three values use it.",
  });

const cacheLookup: PolicySchema = {
  name: 'cache-lookup',
  sections: ['inbound'],
  oncePerSection: true,
  spec: '3.12',
  summary: 'Returns a cached response for GET requests (backend skipped on a hit).',
  attributes: {
    // The docs mark both vary-by-developer attributes required (and also name a default, false): required wins.
    'vary-by-developer': bool({ required: true }),
    'vary-by-developer-groups': bool({ required: true }),
    'caching-type': cachingType(),
    'downstream-caching-type': oneOf(['none', 'private', 'public'], { default: 'none' }),
    'must-revalidate': bool({ default: true }),
    'allow-private-response-caching': bool({ default: false }),
  },
  elements: {
    'vary-by-header': textChild({ expr: false }),
    'vary-by-query-parameter': textChild({ expr: false }),
  },
  text: 'none',
};

const cacheStore: PolicySchema = {
  name: 'cache-store',
  sections: ['outbound'],
  oncePerSection: true,
  spec: '3.12',
  summary: 'Caches the GET response for later cache-lookup.',
  attributes: {
    duration: int({ required: true, min: 0, doc: 'Seconds.' }),
    'cache-response': bool({ default: false, doc: 'Cache whatever the status (else 200 OK only).' }),
  },
  text: 'none',
};

const cacheLookupValue: PolicySchema = {
  name: 'cache-lookup-value',
  sections: ALL_SECTIONS,
  spec: '3.12',
  summary: 'Reads a cached value by key into a variable.',
  attributes: {
    key: str({ required: true }),
    'variable-name': str({ required: true, expr: false }),
    'default-value': str({ doc: 'Stored in the variable on a miss.' }),
    'caching-type': cachingType(),
  },
  text: 'none',
};

// §1.5 says once per section, but deployed corpus files (labs/_deprecated/advanced-load-balancing and the
// mcp-client-authorization OAuth flow) use it several times per section: not declared once-only.
const cacheStoreValue: PolicySchema = {
  name: 'cache-store-value',
  sections: ALL_SECTIONS,
  spec: '3.12',
  summary: 'Stores a value in the cache under a key for a duration.',
  attributes: {
    key: str({ required: true }),
    value: str({ required: true }),
    duration: int({ required: true, min: 0, doc: 'Seconds.' }),
    'caching-type': cachingType(),
  },
  text: 'none',
};

// Not in the spec; from cache-remove-value-policy.md and the corpus (labs/mcp-client-authorization).
const cacheRemoveValue: PolicySchema = {
  name: 'cache-remove-value',
  sections: ALL_SECTIONS,
  summary: 'Removes a cached value by key.',
  attributes: { key: str({ required: true }), 'caching-type': cachingType() },
  text: 'none',
};

export const CACHING_POLICIES: readonly PolicySchema[] = [
  cacheLookup,
  cacheStore,
  cacheLookupValue,
  cacheStoreValue,
  cacheRemoveValue,
];
