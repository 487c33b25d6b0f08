import { describe, expect, it } from 'vitest';
import { validateBackends } from '../../src/backends/index.ts';

const single = { url: 'https://a.example/openai', protocol: 'http' };
const breaker = {
  rules: [{ name: 'r', failureCondition: { count: 1, interval: 'PT1M', statusCodeRanges: [{ min: 429, max: 429 }], errorReasons: ['Server errors'] }, tripDuration: 'PT1M', acceptRetryAfter: true }],
};

describe('backend validation (ARM shape)', () => {
  it('accepts the shapes users paste: bare properties, ARM resources, full ARM ids as pool members', () => {
    const issues = validateBackends({
      'openai-1': { name: 'openai-1', properties: { ...single, circuitBreaker: breaker, credentials: { header: { 'api-key': ['k'] }, authorization: { scheme: 'Bearer', parameter: 't' } }, tls: { validateCertificateChain: true, validateCertificateName: false } } },
      'openai-2': single,
      pool: {
        type: 'Pool',
        pool: {
          services: [
            { id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ApiManagement/service/apim/backends/openai-1', priority: 1, weight: 3 },
            { id: '/backends/openai-2', priority: 2, weight: null },
          ],
        },
      },
    });
    expect(issues).toEqual([]);
  });

  it('reports pool errors with their JSON path: APIM messages for url/protocol, unknown ids, nested pools, ranges, duplicates', () => {
    const issues = validateBackends(
      {
        a: single,
        inner: { type: 'Pool', pool: { services: [{ id: 'a' }] } },
        outer: {
          type: 'Pool',
          url: 'https://x.example',
          protocol: 'http',
          pool: { services: [{ id: '/backends/missing' }, { id: '/backends/inner' }, { id: 'a', priority: 101, weight: -1 }, { id: 'a', weight: 1.5 }] },
        },
      },
      '$.backends',
    );
    expect(issues).toEqual([
      { path: '$.backends.outer.url', message: 'Url is not supported for backend pool.' },
      { path: '$.backends.outer.protocol', message: 'Protocol is not supported for backend pool.' },
      { path: '$.backends.outer.pool.services[0].id', message: "backend 'missing' is not defined" },
      { path: '$.backends.outer.pool.services[1].id', message: "backend 'inner' is a pool: pools cannot contain pools" },
      { path: '$.backends.outer.pool.services[2].priority', message: 'priority must be an integer from 0 to 100, got 101' },
      { path: '$.backends.outer.pool.services[2].weight', message: 'weight must be an integer from 0 to 100, got -1' },
      { path: '$.backends.outer.pool.services[3].id', message: "backend 'a' is listed twice" },
      { path: '$.backends.outer.pool.services[3].weight', message: 'weight must be an integer from 0 to 100, got 1.5' },
    ]);
  });

  it('allows 30 members and refuses 31', () => {
    const members: Record<string, unknown> = {};
    for (let i = 0; i < 31; i++) members[`b${i}`] = single;
    const ids = Object.keys(members).map((id) => ({ id }));
    expect(validateBackends({ ...members, p: { type: 'Pool', pool: { services: ids.slice(0, 30) } } })).toEqual([]);
    expect(validateBackends({ ...members, p: { type: 'Pool', pool: { services: ids } } })).toEqual([
      { path: 'backends.p.pool.services', message: 'a pool holds at most 30 backends, got 31' },
    ]);
  });

  it('a pool needs members; a single backend needs an absolute url; protocol may be left out but not wrong', () => {
    expect(validateBackends({ ok: { url: 'mock://aoai-mock/openai' }, p: { type: 'Pool', pool: { services: [] } }, s: { url: '/relative', protocol: 'grpc' }, t: { type: 'Cluster' } })).toEqual([
      { path: 'backends.p.pool.services', message: 'pool.services must list at least one backend' },
      { path: 'backends.s.url', message: 'url must be an absolute URL, got "/relative"' },
      { path: 'backends.s.protocol', message: "protocol must be 'http' or 'soap', got \"grpc\"" },
      { path: 'backends.t.type', message: `type must be 'Single' or 'Pool', got "Cluster"` },
    ]);
  });

  it('checks circuit breaker rules: one rule, ISO 8601 durations, count, status ranges', () => {
    const bad = {
      ...single,
      circuitBreaker: {
        rules: [
          { name: 'r', failureCondition: { count: 0, interval: '1 minute', statusCodeRanges: [{ min: 599, max: 500 }, { min: 42, max: 429 }] }, tripDuration: 'P1M', acceptRetryAfter: 'yes' },
          breaker.rules[0],
        ],
      },
    };
    expect(validateBackends({ bad })).toEqual([
      { path: 'backends.bad.circuitBreaker.rules', message: 'a backend supports one circuit breaker rule, got 2' },
      { path: 'backends.bad.circuitBreaker.rules[0].tripDuration', message: 'must be a positive ISO 8601 duration in weeks, days, hours, minutes or seconds (e.g. "PT30S"), got "P1M"' },
      { path: 'backends.bad.circuitBreaker.rules[0].acceptRetryAfter', message: 'acceptRetryAfter must be true or false' },
      { path: 'backends.bad.circuitBreaker.rules[0].failureCondition.count', message: 'count must be a whole number of 1 or more, got 0' },
      { path: 'backends.bad.circuitBreaker.rules[0].failureCondition.interval', message: 'must be a positive ISO 8601 duration in weeks, days, hours, minutes or seconds (e.g. "PT30S"), got "1 minute"' },
      { path: 'backends.bad.circuitBreaker.rules[0].failureCondition.statusCodeRanges[0]', message: 'min 599 is above max 500' },
      { path: 'backends.bad.circuitBreaker.rules[0].failureCondition.statusCodeRanges[1].min', message: 'min must be an HTTP status code (100-599), got 42' },
    ]);
  });

  it('checks credentials and tls shapes', () => {
    const issues = validateBackends({ s: { ...single, credentials: { header: { 'api-key': 'not-an-array' }, authorization: { scheme: 'Bearer' } }, tls: { validateCertificateChain: 'no' } } });
    expect(issues).toEqual([
      { path: 'backends.s.credentials.header.api-key', message: 'must be an array of strings' },
      { path: 'backends.s.credentials.authorization', message: 'authorization must be { scheme, parameter } strings' },
      { path: 'backends.s.tls.validateCertificateChain', message: 'validateCertificateChain must be true or false' },
    ]);
  });
});
