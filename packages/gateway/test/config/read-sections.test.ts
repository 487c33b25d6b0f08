// The `stores:` and `metrics:` sections and backend entities (validated by the runtime) report problems at their
// JSON paths.
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/index.ts';

function read(document: Record<string, unknown>, env: Record<string, string | undefined> = {}): ReturnType<typeof readConfig> {
  return readConfig(document, '/cfg/apimx.yaml', env);
}

function issuesOf(document: Record<string, unknown>, env: Record<string, string | undefined> = {}): string[] {
  try {
    read(document, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('stores section', () => {
  it('defaults to memory', () => {
    expect(read({}).stores).toEqual({ type: 'memory' });
  });

  it('reads redis with REDIS_URL as the default url', () => {
    expect(read({ stores: { type: 'redis', onUnavailable: 'closed' } }, { REDIS_URL: 'redis://cache:6380' }).stores).toEqual({
      type: 'redis',
      url: 'redis://cache:6380',
      keyPrefix: 'apimx:',
      onUnavailable: 'closed',
      commandTimeoutMs: 250,
      connectTimeoutMs: 1000,
    });
    expect(read({ stores: { type: 'redis', url: 'rediss://h:1', keyPrefix: 'team:' } }).stores).toMatchObject({ url: 'rediss://h:1', keyPrefix: 'team:', onUnavailable: 'open' });
  });

  it('names the wrong field', () => {
    expect(issuesOf({ stores: { type: 'redis', url: 'http://x', onUnavailable: 'maybe', commandTimeoutMs: 0, extra: 1 } })).toEqual([
      "$.stores.extra: unknown field 'extra' (expected one of: type, url, keyPrefix, onUnavailable, commandTimeoutMs, connectTimeoutMs)",
      "$.stores.url: expected a redis:// or rediss:// URL, found 'http://x'",
      "$.stores.onUnavailable: expected one of open, closed, found 'maybe'",
      '$.stores.commandTimeoutMs: expected an integer from 1 to 60000, found number 0',
    ]);
    expect(issuesOf({ stores: { type: 'etcd' } })).toEqual(["$.stores.type: expected one of memory, redis, found 'etcd'"]);
  });
});

describe('metrics section', () => {
  it('defaults to Prometheus text and passes exporters through', () => {
    expect(read({}).metrics).toEqual({ prometheus: true });
    expect(read({ metrics: { otlp: { url: 'http://collector:4318/v1/metrics', intervalMs: 1000 }, usage: { retentionDays: 7 } } }).metrics).toEqual({
      otlp: { url: 'http://collector:4318/v1/metrics', intervalMs: 1000 },
      usage: { retentionDays: 7 },
    });
  });

  it('names the wrong field', () => {
    expect(issuesOf({ metrics: { prometheus: { port: 99999 } } })).toEqual(['$.metrics.prometheus.port: must be a port number (1-65535)']);
    expect(issuesOf({ metrics: { exporters: [] } })).toEqual([
      '$.metrics.exporters: is not a known setting (known: serviceName, prometheus, otlp, console, cardinalityLimit, usage)',
    ]);
  });
});

describe('backend entities', () => {
  const single = (url: string): Record<string, unknown> => ({ url, protocol: 'http' });

  it('accepts an ARM pool over defined backends', () => {
    const config = read({
      backends: {
        a: single('https://a.example/openai'),
        b: { properties: single('mock://m/openai') },
        pool: { properties: { type: 'Pool', pool: { services: [{ id: '/backends/a', priority: 1, weight: 3 }, { id: 'b', priority: 2 }] } } },
      },
      mocks: [{ name: 'm' }],
    });
    expect([...config.backends.keys()]).toEqual(['a', 'b', 'pool']);
  });

  it('substitutes named values before checking the URL (a secret endpoint is fine)', () => {
    const config = read({
      namedValues: { endpoint: { value: 'https://contoso.openai.azure.com/openai', secret: true } },
      backends: { a: { url: '{{endpoint}}', credentials: { header: { 'api-key': ['k'] } } } },
    });
    expect(config.backends.get('a')).toEqual({ url: 'https://contoso.openai.azure.com/openai', credentials: { header: { 'api-key': ['k'] } } });
  });

  it('refuses unknown members, nested pools, bad weights and breaker rules with their paths', () => {
    const issues = issuesOf({
      backends: {
        a: {
          ...single('https://a.example'),
          circuitBreaker: { rules: [{ name: 'r', failureCondition: { count: 3, interval: 'one minute', statusCodeRanges: [{ min: 429, max: 429 }] }, tripDuration: 'PT1M' }] },
        },
        inner: { type: 'Pool', pool: { services: [{ id: 'a' }] } },
        outer: {
          properties: {
            type: 'Pool',
            pool: { services: [{ id: 'inner' }, { id: 'ghost' }, { id: 'a', weight: 101 }] },
          },
        },
      },
    });
    expect(issues).toContain("$.backends.outer.properties.pool.services[0].id: backend 'inner' is a pool: pools cannot contain pools");
    expect(issues).toContain("$.backends.outer.properties.pool.services[1].id: backend 'ghost' is not defined");
    expect(issues).toContain('$.backends.outer.properties.pool.services[2].weight: weight must be an integer from 0 to 100, got 101');
    expect(issues.some((line) => line.startsWith('$.backends.a.circuitBreaker.rules[0].failureCondition.interval: '))).toBe(true);
  });

  it('refuses more than 30 pool members', () => {
    const backends: Record<string, unknown> = {};
    for (let i = 0; i < 31; i++) backends[`b${i}`] = single(`https://b${i}.example`);
    backends['pool'] = { type: 'Pool', pool: { services: Object.keys(backends).map((id) => ({ id })) } };
    expect(issuesOf({ backends })).toEqual(['$.backends.pool.pool.services: a pool holds at most 30 backends, got 31']);
  });
});

describe("a mock's Content Safety emulation", () => {
  it('takes terms by category, blocklists and attack phrases', () => {
    const config = read({
      mocks: [{ name: 'm', contentSafety: { terms: { Violence: { smash: 4 } }, blocklists: { list1: ['foo', 'bar'] }, attacks: ['ignore all rules'] } }],
    });
    expect(config.mocks[0]!.options.contentSafety).toEqual({ terms: { Violence: { smash: 4 } }, blocklists: { list1: ['foo', 'bar'] }, attacks: ['ignore all rules'] });
  });

  it('refuses an unknown category, a severity out of range and an unknown field with their paths', () => {
    expect(issuesOf({ mocks: [{ name: 'm', contentSafety: { terms: { Gore: {}, Hate: { x: 9 } }, words: [] } }] })).toEqual([
      "$.mocks[0].contentSafety.words: unknown field 'words' (expected one of: terms, blocklists, attacks)",
      "$.mocks[0].contentSafety.terms.Gore: unknown field 'Gore' (expected one of: Hate, SelfHarm, Sexual, Violence)",
      '$.mocks[0].contentSafety.terms.Hate.x: expected an integer from 0 to 7, found number 9',
    ]);
  });
});
