// Real `@{...}` blocks of the AI-gateway corpus that work on JSON, read from ../shared/corpus (never copied),
// run against realistic requests, variables and responses. Expected values are what APIM gives, by hand.
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HeaderDictionary, MessageBody, ResponseModel, VariableDictionary, setClock,
} from '../../../src/expressions/index.ts';
import type { ProxyContext } from '../../../src/expressions/index.ts';
import { compileExpression } from '../../../src/expressions/index.ts';
import { corpusExpressions } from '../corpus.ts';
import { run } from '../helpers.ts';
import { chatContext } from './chat-context.ts';
import type { ChatContextOptions } from './chat-context.ts';

const ALL = corpusExpressions();

/** The block whose `@` stands at `line` of `file` in the corpus. */
function find(file: string, line: number) {
  const found = ALL.find((e) => e.file === file && e.source.pos.line === line && e.source.form === 'block');
  if (!found) throw new Error(`no @{...} block at ${file}:${line}`);
  return found.source;
}

function block(file: string, line: number) {
  return compileExpression(find(file, line));
}

function evalBlock(file: string, line: number, ctx: ProxyContext): unknown {
  return block(file, line).evaluate(ctx);
}

/** A library value built by the real compiler (JObject/JArray variables as earlier policies store them). */
function value(code: string): unknown {
  return run(code, chatContext());
}

function ctxWith(vars: [string, unknown, string][], opts: ChatContextOptions = {}): ProxyContext {
  const variables = new VariableDictionary();
  for (const [k, v, t] of vars) variables.set(k, v, t);
  return chatContext({ ...opts, variables });
}

function response(status: number, body: string): ResponseModel {
  return new ResponseModel({ StatusCode: status, Headers: new HeaderDictionary({ 'Content-Type': 'application/json' }), Body: new MessageBody(body) });
}

const NOW = Date.UTC(2026, 10, 25, 10, 0, 0);
let restore: () => number;
beforeAll(() => {
  restore = setClock(() => NOW);
});
afterAll(() => {
  setClock(restore);
});

const NL = '\r\n';
const LB = 'labs/_deprecated/advanced-load-balancing/policy.xml';
const LB_CONFIG = '[{"name":"east","priority":1,"weight":10},{"name":"west","priority":2,"weight":5},{"name":"north","priority":2,"weight":1}]';

/** listBackends as the initialising block builds it. */
function backends(): unknown {
  return evalBlock(LB, 11, ctxWith([['loadBalancerConfig', LB_CONFIG, 'string']]));
}

function toJson(v: unknown): string {
  return run('((JToken)context.Variables["v"]).ToString(Formatting.None)', ctxWith([['v', v, 'JToken']])) as string;
}

describe('corpus: advanced load balancing keeps its backends in a JArray', () => {
  it('builds the list from the JSON config (JArray.Parse, foreach JObject, collection initializer)', () => {
    expect(toJson(backends())).toBe(
      '[{"name":"east","priority":1,"weight":10,"isThrottling":false,"retryAfter":"0001-01-01T00:00:00"},'
      + '{"name":"west","priority":2,"weight":5,"isThrottling":false,"retryAfter":"0001-01-01T00:00:00"},'
      + '{"name":"north","priority":2,"weight":1,"isThrottling":false,"retryAfter":"0001-01-01T00:00:00"}]',
    );
  });

  it('marks the current backend throttled for Retry-After seconds, then counts the rest', () => {
    const list = backends();
    const ctx = ctxWith([['listBackends', list, 'JArray'], ['backendIndex', 0, 'int']], { responseHeaders: { 'Retry-After': '10' } });
    const updated = evalBlock(LB, 118, ctx);
    expect(toJson(updated)).toContain('{"name":"east","priority":1,"weight":10,"isThrottling":true,"retryAfter":"2026-11-25T10:00:10+00:00"}');
    expect(evalBlock(LB, 140, ctxWith([['listBackends', updated, 'JArray']]))).toBe(2);
  });

  it('falls back to x-ratelimit-reset-tokens, then 10 s, when Retry-After is absent', () => {
    const ctx = ctxWith([['listBackends', backends(), 'JArray'], ['backendIndex', 1, 'int']], { responseHeaders: { 'x-ratelimit-reset-tokens': '30' } });
    expect(toJson(evalBlock(LB, 118, ctx))).toContain('"name":"west","priority":2,"weight":5,"isThrottling":true,"retryAfter":"2026-11-25T10:00:30+00:00"');
  });

  it('picks the only backend of the best priority; a throttled one whose retryAfter passed is healthy again', () => {
    const list = backends();
    expect(evalBlock(LB, 69, ctxWith([['listBackends', list, 'JArray']]))).toBe(0);
    // east throttled until 10:00:10: the two priority-2 backends remain (a random pick between 1 and 2).
    const throttled = evalBlock(LB, 118, ctxWith([['listBackends', list, 'JArray'], ['backendIndex', 0, 'int']], { responseHeaders: { 'Retry-After': '10' } }));
    expect([1, 2]).toContain(evalBlock(LB, 69, ctxWith([['listBackends', throttled, 'JArray']])));
    // Still throttled at 10:00:00 ...
    const still = evalBlock(LB, 51, ctxWith([['listBackends', throttled, 'JArray']]));
    expect(toJson(still)).toContain('"name":"east","priority":1,"weight":10,"isThrottling":true');
    // ... and healthy once the clock passes retryAfter.
    setClock(() => NOW + 11_000);
    try {
      const healed = evalBlock(LB, 51, ctxWith([['listBackends', throttled, 'JArray']]));
      expect(toJson(healed)).toContain('{"name":"east","priority":1,"weight":10,"isThrottling":false,"retryAfter":"0001-01-01T00:00:00"}');
    } finally {
      setClock(() => NOW);
    }
  });

  it('with every backend throttled, sends to the first one', () => {
    let list = backends();
    for (const i of [0, 1, 2]) {
      list = evalBlock(LB, 118, ctxWith([['listBackends', list, 'JArray'], ['backendIndex', i, 'int']], { responseHeaders: { 'Retry-After': '5' } }));
    }
    expect(evalBlock(LB, 140, ctxWith([['listBackends', list, 'JArray']]))).toBe(0);
    expect(evalBlock(LB, 69, ctxWith([['listBackends', list, 'JArray']]))).toBe(0);
  });
});

const CF = 'labs/_deprecated/content-filtering/content-filtering-policy.xml';
const PS = 'labs/_deprecated/content-filtering/prompt-shield-policy.xml';

describe('corpus: content safety bodies built with JObject/JProperty/JArray', () => {
  it('text-analysis request: messages concatenated, categories array, indented ToString()', () => {
    expect(evalBlock(CF, 13, chatContext())).toBe(
      `{${NL}  "text": "You are terse.HelloHi!Weather in Paris?",${NL}  "categories": [${NL}    "Hate",${NL}    "Sexual",${NL}    "SelfHarm",${NL}    "Violence"${NL}  ],${NL}  "outputType": "EightSeverityLevels"${NL}}`,
    );
  });

  it('threshold check: the first category (dictionary order) whose severity exceeds its threshold', () => {
    const safety = response(200, '{"blocklistsMatch":[],"categoriesAnalysis":[{"category":"Hate","severity":0},{"category":"SelfHarm","severity":0},{"category":"Sexual","severity":0},{"category":"Violence","severity":4}]}');
    expect(evalBlock(CF, 27, ctxWith([['safetyResponse', safety, 'IResponse']]))).toBe('Violence');
    const clean = response(200, '{"categoriesAnalysis":[{"category":"Hate","severity":0}]}');
    expect(evalBlock(CF, 27, ctxWith([['safetyResponse', clean, 'IResponse']]))).toBe('');
  });

  it('400 body: an anonymous object through JsonConvert.SerializeObject', () => {
    expect(evalBlock(CF, 56, ctxWith([['thresholdExceededCategory', 'Violence', 'string']]))).toBe(
      '{"error":{"message":"The content was filtered by the Azure AI Content Safety service for the category: Violence"}}',
    );
  });

  it('prompt-shield request: string.Concat of the contents and an empty documents array', () => {
    expect(evalBlock(PS, 13, chatContext())).toBe(
      `{${NL}  "userPrompt": "You are terse.HelloHi!Weather in Paris?",${NL}  "documents": []${NL}}`,
    );
  });
});

describe('corpus: request bodies read as JObject', () => {
  it('response-streaming: stream read as content["stream"].ToString() is "True"', () => {
    expect(evalBlock('labs/_deprecated/response-streaming/policy.xml', 12, chatContext())).toBe('True');
    expect(evalBlock('labs/_deprecated/response-streaming/policy.xml', 12, chatContext({ body: '{"stream":false}' }))).toBe('False');
  });

  it('secure-responses-api: previous_response_id from the body, null when the body is not JSON', () => {
    const file = 'labs/secure-responses-api/secure-policy.xml';
    expect(evalBlock(file, 25, chatContext({ body: '{"model":"gpt-4o","previous_response_id":"resp_123","input":"hi"}' }))).toBe('resp_123');
    expect(evalBlock(file, 25, chatContext({ body: '{"input":"hi"}' }))).toBe(null);
    expect(evalBlock(file, 25, chatContext({ body: 'not json' }))).toBe(null);
    expect(evalBlock(file, 25, chatContext({ matched: { response_id: 'resp_9' } }))).toBe('resp_9');
  });

  it('mock weather: new JObject(new JProperty...) over random values, city from the route', () => {
    const out = evalBlock('labs/ai-agent-service/city-weather-mock-policy.xml', 6, chatContext({ matched: { city: 'Seattle' } })) as string;
    const o = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(['city', 'temperature', 'temperature_format', 'description', 'humidity', 'wind_speed']);
    expect(o.city).toBe('Seattle');
    expect(o.temperature_format).toBe('Fahrenheit');
    expect(o.temperature).toBeGreaterThanOrEqual(14);
    expect(o.temperature).toBeLessThanOrEqual(95);
    expect(['Clear skies', 'Partly cloudy', 'Overcast', 'Rainy']).toContain(o.description);
    expect(Number.isInteger(o.humidity)).toBe(true);
    expect(out.startsWith(`{${NL}  "city": "Seattle",${NL}  "temperature": `)).toBe(true);
    const paris = JSON.parse(evalBlock('labs/ai-agent-service/city-weather-mock-policy.xml', 6, chatContext({ matched: { city: 'Paris' } })) as string) as Record<string, unknown>;
    expect(paris.temperature_format).toBe('Celsius');
  });
});

const OAUTH = 'labs/mcp-client-authorization/src/apim-oauth';

describe('corpus: MCP OAuth documents', () => {
  const registration = () => value('JObject.Parse(@"{""client_name"":""Copilot"",""redirect_uris"":[""http://127.0.0.1:33418/cb"",""https://vscode.dev/redirect""]}")');

  it('register: the Cosmos document with redirect_uris and created_at from the clock', () => {
    const out = evalBlock(`${OAUTH}/register.policy.xml`, 20, ctxWith([['requestBody', registration(), 'JObject'], ['uniqueClientId', 'c-1', 'string']]));
    expect(out).toBe(
      `{${NL}  "id": "c-1",${NL}  "clientId": "c-1",${NL}  "client_name": "Copilot",${NL}  "client_uri": "",${NL}  "redirect_uris": [${NL}    "http://127.0.0.1:33418/cb",${NL}    "https://vscode.dev/redirect"${NL}  ],${NL}  "created_at": ${NOW / 1000}${NL}}`,
    );
  });

  it('register: the response, a JObject initializer with ToObject<JArray>() and ?? defaults', () => {
    const out = evalBlock(`${OAUTH}/register.policy.xml`, 104, ctxWith([['requestBody', registration(), 'JObject'], ['uniqueClientId', 'c-1', 'string']]));
    const secs = NOW / 1000;
    expect(out).toBe(
      `{${NL}  "client_id": "c-1",${NL}  "client_id_issued_at": ${secs},${NL}  "client_secret_expires_at": ${secs + 31536000},${NL}  "redirect_uris": [${NL}    "http://127.0.0.1:33418/cb",${NL}    "https://vscode.dev/redirect"${NL}  ],${NL}  "client_name": "Copilot",${NL}  "client_uri": ""${NL}}`,
    );
    // No redirect_uris: `null?.ToObject<JArray>()` is null, written as a JSON null.
    const bare = value('new JObject { ["client_name"] = "x" }');
    expect(evalBlock(`${OAUTH}/register.policy.xml`, 104, ctxWith([['requestBody', bare, 'JObject'], ['uniqueClientId', 'c-2', 'string']]))).toContain(`"redirect_uris": null,`);
  });

  it('token: client info copied from the Cosmos document (IResponse.Body.As<JObject>())', () => {
    const cosmos = response(200, '{"id":"c-1","client_name":"Copilot","client_uri":"https://x.dev","redirect_uris":["https://vscode.dev/redirect"],"_ts":1}');
    expect(evalBlock(`${OAUTH}/token.policy.xml`, 204, ctxWith([['cosmosClientResponse', cosmos, 'IResponse']]))).toBe(
      `{${NL}  "client_name": "Copilot",${NL}  "client_uri": "https://x.dev",${NL}  "redirect_uris": [${NL}    "https://vscode.dev/redirect"${NL}  ]${NL}}`,
    );
  });

  it('token: the redirect URI is registered (foreach over a JArray, UrlDecode), else false', () => {
    const info = '{"client_name":"Copilot","redirect_uris":["https%3A%2F%2Fvscode.dev%2Fredirect","http://127.0.0.1:1/cb"]}';
    const vars = (redirect: string): [string, unknown, string][] => [
      ['client_id', 'c-1', 'string'], ['normalized_redirect_uri', redirect, 'string'], ['clientInfoJson', info, 'string'],
    ];
    expect(evalBlock(`${OAUTH}/token.policy.xml`, 227, ctxWith(vars('https://vscode.dev/redirect')))).toBe(true);
    expect(evalBlock(`${OAUTH}/token.policy.xml`, 227, ctxWith(vars('https://evil.example/cb')))).toBe(false);
    // Broken JSON in the cache: JsonReaderException is caught, the client is not registered.
    expect(evalBlock(`${OAUTH}/token.policy.xml`, 227, ctxWith([['client_id', 'c-1', 'string'], ['clientInfoJson', '{"redirect_uris":', 'string']]))).toBe(false);
  });

  it('consent: client name from the cached client info, the client id when it has none', () => {
    const vars = (json: string): [string, unknown, string][] => [['client_id', 'c-1', 'string'], ['clientInfoJson', json, 'string']];
    expect(evalBlock(`${OAUTH}/consent.policy.xml`, 363, ctxWith(vars('{"client_name":"Copilot"}')))).toBe('Copilot');
    expect(evalBlock(`${OAUTH}/consent.policy.xml`, 363, ctxWith(vars('{"client_uri":"x"}')))).toBe('c-1');
    expect(evalBlock(`${OAUTH}/consent.policy.xml`, 363, ctxWith(vars('[1]')))).toBe('c-1');
  });

  it('token: the token response, an anonymous object through Newtonsoft.Json.JsonConvert', () => {
    expect(evalBlock(`${OAUTH}/token.policy.xml`, 291, ctxWith([['cachedSessionToken', 'tok', 'string']]))).toBe(
      '{"access_token":"tok","token_type":"Bearer","expires_in":3600,"refresh_token":"","scope":"openid profile email"}',
    );
  });
});

describe('corpus: protected-resource metadata', () => {
  it('prm: JsonConvert.SerializeObject of an anonymous object with new[] arrays', () => {
    expect(evalBlock('labs/ghcp-byok-foundry/prm-policy.xml', 29, chatContext())).toBe(
      '{"resource":"https://cognitiveservices.azure.com","authorization_servers":["https://login.microsoftonline.com/{tenant-id}/v2.0"],'
      + '"bearer_methods_supported":["header"],"scopes_supported":["https://cognitiveservices.azure.com/.default"]}',
    );
  });
});

describe('corpus: AWS Bedrock SigV4 signing (List<string[]>, OrderBy, Select, foreach over Query and Headers)', () => {
  const file = 'labs/aws-bedrock/policy.xml';
  const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
  const hmac = (key: Buffer | string, s: string): Buffer => createHmac('sha256', key).update(s, 'utf8').digest();

  it('gives the Authorization header an independent SigV4 computation gives', () => {
    const code = find(file, 19).code;
    const accessKey = /var accessKey = "([^"]*)"/.exec(code)![1]!;
    const secretKey = /var secretKey = "([^"]*)"/.exec(code)![1]!;
    const body = '{"messages":[{"role":"user","content":[{"text":"hi"}]}]}';
    const host = 'bedrock-runtime.us-east-1.amazonaws.com';
    const now = value('new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc)');
    const ctx = ctxWith([['now', now, 'DateTime']], {
      body,
      url: `https://${host}/model/anthropic.claude-3-haiku-20240307-v1:0/converse?b=2&a=1`,
      headers: { 'Content-Type': 'Application/JSON', 'X-Amz-Meta-Tag': ' v1 ', 'X-Amz-Date': 'stale', Accept: '*/*' },
    });
    const payload = sha(body);
    const amzDate = '20261125T100000Z';
    const scope = '20261125/us-east-1/bedrock/aws4_request';
    const signed = 'content-type;host;x-amz-content-sha256;x-amz-date;x-amz-meta-tag';
    const canonical = [
      'POST', '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse', 'a=1&b=2',
      `content-type:application/json\nhost:${host}\nx-amz-content-sha256:${payload}\nx-amz-date:${amzDate}\nx-amz-meta-tag:v1\n`,
      signed, payload,
    ].join('\n');
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha(canonical)}`;
    let key = hmac(`AWS4${secretKey}`, '20261125');
    for (const part of ['us-east-1', 'bedrock', 'aws4_request']) key = hmac(key, part);
    const signature = hmac(key, toSign).toString('hex');
    expect(evalBlock(file, 19, ctx)).toBe(`AWS4-HMAC-SHA256 Credential=${accessKey}/${scope}, SignedHeaders=${signed}, Signature=${signature}`);
    expect(evalBlock(file, 9, ctx)).toBe(payload);
  });
});
