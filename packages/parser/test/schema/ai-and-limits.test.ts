// Spot checks of the AI policies (spec §3.1–3.4) and the call limits (spec §3.8) against the spec's tables.
import { describe, expect, it } from 'vitest';
import { findPolicySchema } from '../../src/schema/index.ts';
import type { ElementSchema, PolicySchema } from '../../src/schema/index.ts';

function policy(name: string): PolicySchema {
  const p = findPolicySchema(name);
  if (!p) throw new Error(`no declaration for ${name}`);
  return p;
}

const names = (s: ElementSchema) => Object.keys(s.attributes).sort();
const required = (s: ElementSchema) => Object.entries(s.attributes).filter(([, a]) => a.required).map(([n]) => n).sort();
const noExpr = (s: ElementSchema) => Object.entries(s.attributes).filter(([, a]) => !a.expression).map(([n]) => n).sort();
/** Messages of the element's rules for the given attributes and children (literal values optional). */
function ruleErrors(s: ElementSchema, attrs: string[], children: string[] = [], literals?: Record<string, string>) {
  const map = literals ? new Map(Object.entries(literals)) : undefined;
  return (s.rules ?? []).map((r) => r.check(new Set(attrs), children, map)).filter((m) => m !== undefined);
}

describe('llm-token-limit / azure-openai-token-limit (spec §3.1)', () => {
  const p = policy('azure-openai-token-limit');

  it('is one declaration, inbound only, with exactly the documented attributes', () => {
    expect(p.name).toBe('llm-token-limit');
    expect(p.sections).toEqual(['inbound']);
    expect(names(p)).toEqual([
      'counter-key', 'estimate-prompt-tokens', 'remaining-quota-tokens-header-name', 'remaining-quota-tokens-variable-name',
      'remaining-tokens-header-name', 'remaining-tokens-variable-name', 'retry-after-header-name', 'retry-after-variable-name',
      'token-quota', 'token-quota-period', 'tokens-consumed-header-name', 'tokens-consumed-variable-name', 'tokens-per-minute',
    ]);
    expect(required(p)).toEqual(['counter-key', 'estimate-prompt-tokens']);
  });

  it('types the limits as integers, the period as the five documented words, and the header names as literals', () => {
    expect(p.attributes['tokens-per-minute']!.type.kind).toBe('int');
    expect(p.attributes['token-quota']!.type.kind).toBe('int');
    expect(p.attributes['token-quota-period']!.type).toEqual({ kind: 'enum', values: ['Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'] });
    expect(p.attributes['estimate-prompt-tokens']!.type.kind).toBe('bool');
    expect(p.attributes['retry-after-header-name']!.default).toBe('Retry-After');
    expect(noExpr(p)).toEqual([
      'remaining-quota-tokens-header-name', 'remaining-quota-tokens-variable-name', 'remaining-tokens-header-name',
      'remaining-tokens-variable-name', 'retry-after-header-name', 'retry-after-variable-name', 'tokens-consumed-header-name',
    ]);
  });

  it('requires a rate limit, a quota with its period, or both', () => {
    const base = ['counter-key', 'estimate-prompt-tokens'];
    expect(ruleErrors(p, [...base, 'tokens-per-minute'])).toEqual([]);
    expect(ruleErrors(p, [...base, 'token-quota', 'token-quota-period'])).toEqual([]);
    expect(ruleErrors(p, [...base, 'tokens-per-minute', 'token-quota', 'token-quota-period'])).toEqual([]);
    expect(ruleErrors(p, base)).toEqual([
      "a rate limit ('tokens-per-minute'), a quota ('token-quota' with 'token-quota-period'), or both is required",
    ]);
    expect(ruleErrors(p, [...base, 'token-quota'])).toEqual(["'token-quota' requires 'token-quota-period'"]);
    expect(ruleErrors(p, [...base, 'tokens-per-minute', 'token-quota-period'])).toEqual(["'token-quota-period' requires 'token-quota'"]);
  });
});

describe('llm-emit-token-metric / azure-openai-emit-token-metric (spec §3.2)', () => {
  const p = policy('llm-emit-token-metric');
  it('has a literal namespace defaulting to "API Management" and one or more dimensions', () => {
    expect(p.aliases).toEqual(['azure-openai-emit-token-metric']);
    expect(p.sections).toEqual(['inbound']);
    expect(names(p)).toEqual(['namespace', 'value']);
    expect(p.attributes.namespace).toMatchObject({ expression: false, default: 'API Management' });
    const dimension = p.elements!.dimension!;
    expect(dimension.min).toBe(1);
    expect(names(dimension)).toEqual(['name', 'value']);
    expect(required(dimension)).toEqual(['name']);
  });
});

describe('semantic cache (spec §3.3)', () => {
  it('lookup: inbound once, threshold 0..1, backend id and system-assigned auth required, vary-by children', () => {
    const p = policy('azure-openai-semantic-cache-lookup');
    expect(p.name).toBe('llm-semantic-cache-lookup');
    expect([p.sections, p.oncePerSection]).toEqual([['inbound'], true]);
    expect(names(p)).toEqual(['embeddings-backend-auth', 'embeddings-backend-id', 'ignore-system-messages', 'max-message-count', 'score-threshold']);
    expect(required(p)).toEqual(['embeddings-backend-auth', 'embeddings-backend-id', 'score-threshold']);
    expect(p.attributes['score-threshold']!.type).toEqual({ kind: 'number', min: 0, max: 1 });
    expect(p.attributes['embeddings-backend-auth']!.type).toEqual({ kind: 'enum', values: ['system-assigned'] });
    expect(p.attributes['ignore-system-messages']!.default).toBe(false);
    expect(p.elements!['vary-by']!.text).toBe('literal-or-expression');
  });

  it('store: outbound once, duration required, cache-response defaults to false', () => {
    const p = policy('azure-openai-semantic-cache-store');
    expect(p.name).toBe('llm-semantic-cache-store');
    expect([p.sections, p.oncePerSection]).toEqual([['outbound'], true]);
    expect(names(p)).toEqual(['cache-response', 'duration']);
    expect(required(p)).toEqual(['duration']);
    expect(p.attributes['cache-response']!.default).toBe(false);
  });
});

describe('llm-content-safety (spec §3.4)', () => {
  const p = policy('llm-content-safety');
  it('has the documented attributes, categories with named thresholds 0..7, and blocklist ids', () => {
    expect(p.sections).toEqual(['inbound', 'outbound']);
    expect(names(p)).toEqual(['backend-id', 'enforce-on-completions', 'shield-prompt', 'window-overlap-size', 'window-size']);
    expect(required(p)).toEqual(['backend-id']);
    const categories = p.elements!.categories!;
    expect(categories.attributes['output-type']).toMatchObject({
      type: { kind: 'enum', values: ['FourSeverityLevels', 'EightSeverityLevels'] },
      default: 'FourSeverityLevels',
    });
    const category = categories.elements!.category!;
    expect(category.attributes.name!.type).toEqual({ kind: 'enum', values: ['Hate', 'SelfHarm', 'Sexual', 'Violence'] });
    expect(category.attributes.threshold!.type).toEqual({ kind: 'int', min: 0, max: 7 });
    expect(required(category)).toEqual(['name', 'threshold']);
    expect(p.elements!.blocklists!.elements!.id!.text).toBe('literal-or-expression');
  });
});

describe('call limits (spec §3.8)', () => {
  const headers = ['remaining-calls-header-name', 'remaining-calls-variable-name', 'retry-after-header-name', 'retry-after-variable-name', 'total-calls-header-name'];

  it('rate-limit: inbound once, calls and a renewal period of at most 300 s, no expressions', () => {
    const p = policy('rate-limit');
    expect([p.sections, p.oncePerSection]).toEqual([['inbound'], true]);
    expect(names(p)).toEqual(['calls', ...headers, 'renewal-period'].sort());
    expect(required(p)).toEqual(['calls', 'renewal-period']);
    expect(noExpr(p)).toEqual(names(p));
    expect(p.attributes['renewal-period']!.type).toEqual({ kind: 'int', min: 1, max: 300 });
    const api = p.elements!.api!;
    expect(required(api)).toEqual(['calls', 'renewal-period']);
    expect(required(api.elements!.operation!)).toEqual(['calls', 'renewal-period']);
    expect(ruleErrors(api, ['calls', 'renewal-period'])).toEqual(["one of 'name' or 'id' is required"]);
  });

  it('rate-limit-by-key: key, calls and period required, all expressions but the header/variable names', () => {
    const p = policy('rate-limit-by-key');
    expect(names(p)).toEqual(['calls', 'counter-key', 'increment-condition', 'increment-count', ...headers, 'renewal-period'].sort());
    expect(required(p)).toEqual(['calls', 'counter-key', 'renewal-period']);
    expect(noExpr(p)).toEqual(headers);
    expect(p.attributes['increment-count']!.default).toBe(1);
  });

  it('quota: calls and/or bandwidth per fixed period', () => {
    const p = policy('quota');
    expect(names(p)).toEqual(['bandwidth', 'calls', 'renewal-period']);
    expect(required(p)).toEqual(['renewal-period']);
    expect(ruleErrors(p, ['renewal-period'])).toEqual(["one of 'calls' or 'bandwidth' is required"]);
    expect(ruleErrors(p, ['renewal-period', 'bandwidth'])).toEqual([]);
  });

  it('quota-by-key: renewal period 0 or at least 300 seconds', () => {
    const p = policy('quota-by-key');
    expect(names(p)).toEqual(['bandwidth', 'calls', 'counter-key', 'first-period-start', 'increment-condition', 'renewal-period']);
    expect(required(p)).toEqual(['counter-key', 'renewal-period']);
    const attrs = ['calls', 'counter-key', 'renewal-period'];
    expect(ruleErrors(p, attrs, [], { 'renewal-period': '0' })).toEqual([]);
    expect(ruleErrors(p, attrs, [], { 'renewal-period': '300' })).toEqual([]);
    expect(ruleErrors(p, attrs, [], { 'renewal-period': '299' })).toEqual(["'renewal-period' must be 0 (no renewal) or at least 300 seconds"]);
    expect(ruleErrors(p, attrs)).toEqual([]); // values unknown: the validator did not pass literals
  });

  it('limit-concurrency: any nested policies, key and a literal max-count', () => {
    const p = policy('limit-concurrency');
    expect(p.policies).toBe(true);
    expect(required(p)).toEqual(['key', 'max-count']);
    expect(noExpr(p)).toEqual(['max-count']);
  });
});
