// Spot checks of routing, transformation, control flow, access, caching and logging declarations against
// the spec (§3.5–3.7, §3.9–3.12).
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
function ruleErrors(s: ElementSchema, attrs: string[], children: string[] = [], literals?: Record<string, string>) {
  const map = literals ? new Map(Object.entries(literals)) : undefined;
  return (s.rules ?? []).map((r) => r.check(new Set(attrs), children, map)).filter((m) => m !== undefined);
}

describe('routing (spec §3.5–3.7)', () => {
  it('set-backend-service takes exactly one of base-url and backend-id', () => {
    const p = policy('set-backend-service');
    expect(p.sections).toEqual(['inbound', 'backend']);
    expect(ruleErrors(p, ['backend-id'])).toEqual([]);
    expect(ruleErrors(p, ['base-url'])).toEqual([]);
    expect(ruleErrors(p, [])).toEqual(["one of 'base-url' or 'backend-id' is required"]);
    expect(ruleErrors(p, ['base-url', 'backend-id'])).toEqual(["only one of 'base-url', 'backend-id' may be given"]);
  });

  it('forward-request: backend only, documented defaults, literal-only buffering flags', () => {
    const p = policy('forward-request');
    expect(p.sections).toEqual(['backend']);
    expect(p.attributes.timeout).toMatchObject({ default: 300, expression: true });
    expect(p.attributes['http-version']).toMatchObject({ type: { kind: 'enum', values: ['1', '2or1', '2'] }, default: '1', expression: false });
    expect(p.attributes['buffer-response']).toMatchObject({ default: true, expression: false });
    expect(p.attributes['buffer-request-body']).toMatchObject({ default: false, expression: false });
    expect(p.attributes['fail-on-error-status-code']).toMatchObject({ default: false, expression: false });
    expect(ruleErrors(p, ['timeout', 'timeout-ms'])).toEqual(["only one of 'timeout', 'timeout-ms' may be given"]);
  });

  it('retry: condition, count 1..50 and interval required; any child policy', () => {
    const p = policy('retry');
    expect(required(p)).toEqual(['condition', 'count', 'interval']);
    expect(p.attributes.count!.type).toEqual({ kind: 'int', min: 1, max: 50 });
    expect(p.attributes['first-fast-retry']!.default).toBe(false);
    expect(p.policies).toBe(true);
    expect(p.sections).toEqual(['inbound', 'backend', 'outbound', 'on-error']);
  });
});

describe('transformation (spec §3.9, §2.4)', () => {
  it('set-header / set-query-parameter: name required, the four exists-actions, <value> children', () => {
    for (const n of ['set-header', 'set-query-parameter']) {
      const p = policy(n);
      expect(names(p), n).toEqual(['exists-action', 'name']);
      expect(p.attributes['exists-action'], n).toMatchObject({ type: { kind: 'enum', values: ['override', 'skip', 'append', 'delete'] }, default: 'override' });
      expect(p.elements!.value!.text, n).toBe('literal-or-expression');
    }
    expect(policy('set-query-parameter').sections).toEqual(['inbound', 'backend']);
  });

  it('set-body: text or expression body; template and xsi-nil are literals', () => {
    const p = policy('set-body');
    expect(p.text).toBe('literal-or-expression');
    expect(p.sections).toEqual(['inbound', 'backend', 'outbound']);
    expect(p.attributes['xsi-nil']).toMatchObject({ type: { kind: 'enum', values: ['blank', 'null'] }, default: 'blank', expression: false });
    expect(p.attributes.template!.expression).toBe(false);
  });

  it('set-variable: literal name, required value; set-method text; set-status int code', () => {
    expect(required(policy('set-variable'))).toEqual(['name', 'value']);
    expect(policy('set-variable').attributes.name!.expression).toBe(false);
    expect(policy('set-method')).toMatchObject({ sections: ['inbound', 'on-error'], text: 'literal-or-expression' });
    expect(policy('set-status').attributes.code!.type.kind).toBe('int');
  });

  it('json-to-xml / xml-to-json: required apply (and kind) enums', () => {
    expect(policy('json-to-xml').attributes.apply!.type).toEqual({ kind: 'enum', values: ['always', 'content-type-json'] });
    expect(required(policy('xml-to-json'))).toEqual(['apply', 'kind']);
    expect(policy('xml-to-json').attributes.kind!.type).toEqual({ kind: 'enum', values: ['javascript-friendly', 'direct'] });
  });
});

describe('control flow and calls (spec §3.10)', () => {
  it('choose: <when condition> and one trailing <otherwise>, both holding any policy', () => {
    const p = policy('choose');
    expect(required(p.elements!.when!)).toEqual(['condition']);
    expect(p.elements!.when!.policies).toBe(true);
    expect(p.elements!.otherwise!).toMatchObject({ policies: true, max: 1 });
    expect(ruleErrors(p, [], ['when', 'when', 'otherwise'])).toEqual([]);
    expect(ruleErrors(p, [], ['when', 'otherwise', 'otherwise'])).toEqual(['<otherwise> may appear only once']);
  });

  it('return-response holds only set-status, set-header and set-body', () => {
    const p = policy('return-response');
    expect(p.policies).toEqual(['set-status', 'set-header', 'set-body']);
    expect(p.attributes['response-variable-name']!.expression).toBe(false);
  });

  it('send-request: variable required, mode new|copy, set-url unless copying, request-shaping policies inside', () => {
    const p = policy('send-request');
    expect(required(p)).toEqual(['response-variable-name']);
    expect(p.attributes.mode).toMatchObject({ type: { kind: 'enum', values: ['new', 'copy'] }, default: 'new' });
    expect(p.attributes.timeout!.default).toBe(60);
    expect(p.policies).toEqual(expect.arrayContaining(['set-method', 'set-header', 'set-body', 'authentication-managed-identity', 'authentication-certificate']));
    expect(ruleErrors(p, ['response-variable-name'], ['set-method'])).toEqual(['<set-url> is required unless mode="copy"']);
    expect(ruleErrors(p, ['response-variable-name', 'mode'], [], { mode: 'Copy' })).toEqual([]);
    expect(ruleErrors(p, ['response-variable-name', 'mode'], [], { mode: 'new' })).toEqual(['<set-url> is required unless mode="copy"']);
    expect(ruleErrors(p, ['response-variable-name', 'mode'], [])).toEqual([]); // mode is an expression: unknown
  });
});

describe('access (spec §3.11)', () => {
  it('check-header: all four attributes required', () => {
    expect(required(policy('check-header'))).toEqual(['failed-check-error-message', 'failed-check-httpcode', 'ignore-case', 'name']);
  });

  it('ip-filter: allow|forbid and at least one address or range', () => {
    const p = policy('ip-filter');
    expect(p.attributes.action).toMatchObject({ required: true, type: { kind: 'enum', values: ['allow', 'forbid'] } });
    expect(ruleErrors(p, ['action'], [])).toEqual(['at least one <address> or <address-range> is required']);
    expect(ruleErrors(p, ['action'], ['address-range'])).toEqual([]);
    expect(required(p.elements!['address-range']!)).toEqual(['from', 'to']);
  });

  it('cors: once in inbound, one required <allowed-origins> with at least one <origin>', () => {
    const p = policy('cors');
    expect([p.sections, p.oncePerSection]).toEqual([['inbound'], true]);
    expect(p.elements!['allowed-origins']).toMatchObject({ min: 1, max: 1 });
    expect(p.elements!['allowed-origins']!.elements!.origin!.min).toBe(1);
    expect(p.elements!['allowed-methods']!.attributes['preflight-result-max-age']!.default).toBe(0);
  });

  it('validate-jwt: exactly one token source, 401 by default, the documented child elements', () => {
    const p = policy('validate-jwt');
    expect(ruleErrors(p, [])).toEqual(["one of 'header-name' or 'query-parameter-name' or 'token-value' is required"]);
    expect(ruleErrors(p, ['header-name', 'token-value'])).toEqual(["only one of 'header-name', 'query-parameter-name', 'token-value' may be given"]);
    expect(p.attributes['failed-validation-httpcode']!.default).toBe(401);
    expect(Object.keys(p.elements!).sort()).toEqual(['audiences', 'decryption-keys', 'issuer-signing-keys', 'issuers', 'openid-config', 'required-claims']);
    const claim = p.elements!['required-claims']!.elements!.claim!;
    expect(claim.attributes.match).toMatchObject({ type: { kind: 'enum', values: ['all', 'any'] }, default: 'all' });
  });

  it('authentication-managed-identity: resource required; identity and variable names are literals', () => {
    const p = policy('authentication-managed-identity');
    expect(required(p)).toEqual(['resource']);
    expect(p.attributes['client-id']!.expression).toBe(false);
    expect(p.attributes['output-token-variable-name']!.expression).toBe(false);
  });
});

describe('caching and logging (spec §3.12)', () => {
  it('cache-lookup-value / cache-store-value', () => {
    expect(required(policy('cache-lookup-value'))).toEqual(['key', 'variable-name']);
    expect(policy('cache-lookup-value').attributes['variable-name']!.expression).toBe(false);
    expect(required(policy('cache-store-value'))).toEqual(['duration', 'key', 'value']);
    expect(policy('cache-lookup').attributes['caching-type']).toMatchObject({
      type: { kind: 'enum', values: ['prefer-external', 'external', 'internal'] },
      default: 'prefer-external',
    });
  });

  it('emit-metric: literal name and namespace, double value defaulting to 1, 1..10 dimensions', () => {
    const p = policy('emit-metric');
    expect(required(p)).toEqual(['name']);
    expect(p.attributes.namespace).toMatchObject({ default: 'API Management', expression: false });
    expect(p.attributes.value).toMatchObject({ type: { kind: 'number' }, default: 1, expression: true });
    expect(p.elements!.dimension).toMatchObject({ min: 1, max: 10 });
  });

  it('trace: severity levels and exactly one <message>; log-to-eventhub: partition id or key', () => {
    const t = policy('trace');
    expect(t.attributes.severity).toMatchObject({ type: { kind: 'enum', values: ['verbose', 'information', 'error'] }, default: 'verbose' });
    expect(t.elements!.message).toMatchObject({ min: 1, max: 1 });
    const l = policy('log-to-eventhub');
    expect(ruleErrors(l, ['logger-id', 'partition-id', 'partition-key'])).toEqual(["only one of 'partition-id', 'partition-key' may be given"]);
    expect(l.text).toBe('literal-or-expression');
  });
});
