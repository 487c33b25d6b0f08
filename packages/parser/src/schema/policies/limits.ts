// Call-based rate limits, quotas and concurrency (spec §3.8). The token-based limit lives in ai.ts.
import type { AttributeSchema, ChildElementSchema, ElementRule, PolicySchema } from '../types.ts';
import { ALL_SECTIONS, anyOf, bool, int, str } from './build.ts';

const calls = (o: { required?: boolean; expr?: boolean } = {}) => int({ min: 1, ...o, doc: 'Max calls in the window.' });
// Sliding windows of rate limits are at most 300 seconds (spec §3.8).
const ratePeriod = (expr: boolean) => int({ required: true, min: 1, max: 300, expr, doc: 'Window in seconds (max 300).' });
const bandwidth = () => int({ expr: false, min: 1, doc: 'Max kilobytes per period.' });

const nameOrId: ElementRule = {
  description: "an API or operation is referenced by 'name' or 'id'",
  check: (present) => (present.has('name') || present.has('id') ? undefined : "one of 'name' or 'id' is required"),
};

const counterHeaders = {
  'retry-after-header-name': str({ expr: false, default: 'Retry-After' }),
  'retry-after-variable-name': str({ expr: false }),
  'remaining-calls-header-name': str({ expr: false }),
  'remaining-calls-variable-name': str({ expr: false }),
  'total-calls-header-name': str({ expr: false }),
};

function scopedLimit(quota: boolean, operation: boolean): ChildElementSchema {
  const attributes: Record<string, AttributeSchema> = quota
    ? { name: str({ expr: false }), id: str({ expr: false }), calls: calls({ expr: false }), bandwidth: bandwidth(), 'renewal-period': int({ expr: false, min: 0 }) }
    : { name: str({ expr: false }), id: str({ expr: false }), calls: calls({ required: true, expr: false }), 'renewal-period': ratePeriod(false) };
  const schema: ChildElementSchema = { attributes, text: 'none', rules: quota ? [nameOrId, anyOf('calls', 'bandwidth')] : [nameOrId] };
  if (!operation) schema.elements = { operation: scopedLimit(quota, true) };
  return schema;
}

const rateLimit: PolicySchema = {
  name: 'rate-limit',
  sections: ['inbound'],
  oncePerSection: true,
  spec: '3.8',
  summary: 'Limits calls per subscription in a sliding window; 429 when exceeded.',
  attributes: { calls: calls({ required: true, expr: false }), 'renewal-period': ratePeriod(false), ...counterHeaders },
  elements: { api: scopedLimit(false, false) },
  text: 'none',
};

const rateLimitByKey: PolicySchema = {
  name: 'rate-limit-by-key',
  sections: ['inbound'],
  spec: '3.8',
  summary: 'Limits calls per key value in a sliding window; 429 when exceeded.',
  attributes: {
    calls: calls({ required: true }),
    'renewal-period': ratePeriod(true),
    'counter-key': str({ required: true, doc: 'One counter per key value.' }),
    'increment-condition': bool({ doc: 'Whether this request counts.' }),
    'increment-count': int({ min: 0, default: 1, doc: 'Amount added per counted request.' }),
    ...counterHeaders,
  },
  text: 'none',
};

const quota: PolicySchema = {
  name: 'quota',
  sections: ['inbound'],
  oncePerSection: true,
  spec: '3.8',
  summary: 'Limits calls and/or kilobytes per subscription per fixed period; 403 when exceeded.',
  attributes: {
    calls: calls({ expr: false }),
    bandwidth: bandwidth(),
    'renewal-period': int({ required: true, expr: false, min: 0, doc: 'Fixed window in seconds; 0 = lifetime.' }),
  },
  elements: { api: scopedLimit(true, false) },
  text: 'none',
  rules: [anyOf('calls', 'bandwidth')],
};

// renewal-period: "minimum 300; 0 = infinite" (spec §3.8), which one int range cannot say.
const quotaPeriod: ElementRule = {
  description: "'renewal-period' is 0 or at least 300",
  check(_present, _children, literals) {
    const text = literals?.get('renewal-period');
    if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
    const n = Number(text);
    return n === 0 || n >= 300 ? undefined : "'renewal-period' must be 0 (no renewal) or at least 300 seconds";
  },
};

const quotaByKey: PolicySchema = {
  name: 'quota-by-key',
  sections: ['inbound'],
  spec: '3.8',
  summary: 'Limits calls and/or kilobytes per key value per fixed period; 403 when exceeded.',
  attributes: {
    calls: calls({ expr: false }),
    bandwidth: bandwidth(),
    'counter-key': str({ required: true }),
    'increment-condition': bool(),
    'renewal-period': int({ required: true, expr: false, min: 0, doc: 'Fixed window in seconds; 0 = lifetime.' }),
    'first-period-start': str({ expr: false, default: '0001-01-01T00:00:00Z', doc: 'ISO 8601 start of the first period.' }),
  },
  text: 'none',
  rules: [anyOf('calls', 'bandwidth'), quotaPeriod],
};

const limitConcurrency: PolicySchema = {
  name: 'limit-concurrency',
  sections: ALL_SECTIONS,
  spec: '3.8',
  summary: 'Runs its child policies for at most max-count requests at once per key; 429 beyond.',
  attributes: {
    key: str({ required: true }),
    'max-count': int({ required: true, expr: false, min: 1 }),
  },
  policies: true,
  text: 'none',
};

export const LIMIT_POLICIES: readonly PolicySchema[] = [rateLimit, rateLimitByKey, quota, quotaByKey, limitConcurrency];
