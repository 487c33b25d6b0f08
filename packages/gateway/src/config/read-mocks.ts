// `mocks:` (apimx's own): in-process mock backends, each `{ name, port, ...options }`. Every option is checked
// here, so a misspelt one is an error rather than a mock that silently ignores it.
import { HARM_CATEGORIES } from '../mock/content-safety-lexicon.ts';
import type { ContentSafetyOptions } from '../mock/index.ts';
import type { MockConfig, MockOptions } from './config-types.ts';
import { Fields } from './reader.ts';

const OPTIONS = ['region', 'latencyMs', 'chunkDelayMs', 'failRate', 'failStatus', 'failures', 'apiKey', 'models', 'contentSafety'];

export function readMocks(root: Fields): MockConfig[] {
  const mocks: MockConfig[] = [];
  for (const [raw, path] of root.list('mocks')) {
    const fields = Fields.of(root.issues, path, raw)?.only('name', 'port', ...OPTIONS);
    if (!fields) continue;
    const name = fields.required('name');
    if (name !== undefined && mocks.some((m) => m.name === name)) fields.fail('name', `a mock named '${name}' is already defined`);
    const port = fields.integer('port', 0, 0, 65535);
    if (name !== undefined) mocks.push({ name, port, options: readOptions(fields) });
  }
  return mocks;
}

function readOptions(fields: Fields): MockOptions {
  const options: MockOptions = {};
  const region = fields.string('region');
  if (region !== undefined) options.region = region;
  const apiKey = fields.string('apiKey');
  if (apiKey !== undefined) options.apiKey = apiKey;
  for (const key of ['latencyMs', 'chunkDelayMs'] as const) if (fields.has(key)) options[key] = fields.integer(key, 0, 0, 600_000);
  if (fields.has('failRate')) options.failRate = number(fields, 'failRate', 0, 1);
  if (fields.has('failStatus')) options.failStatus = fields.integer('failStatus', 500, 100, 599);
  if (fields.has('models')) options.models = fields.strings('models');
  if (fields.has('failures')) options.failures = readFailures(fields);
  const contentSafety = fields.object('contentSafety');
  if (contentSafety) options.contentSafety = readContentSafety(contentSafety);
  return options;
}

function readFailures(fields: Fields): NonNullable<MockOptions['failures']> {
  const failures: NonNullable<MockOptions['failures']> = [];
  for (const [raw, path] of fields.list('failures')) {
    const entry = Fields.of(fields.issues, path, raw)?.only('status', 'retryAfter', 'fail', 'message', 'latencyMs', 'count');
    if (!entry) continue;
    const failure: NonNullable<MockOptions['failures']>[number] = {};
    if (entry.has('status')) failure.status = entry.integer('status', 500, 100, 599);
    if (entry.has('retryAfter')) failure.retryAfter = number(entry, 'retryAfter', 0, 86_400);
    if (entry.has('fail')) failure.fail = entry.oneOf('fail', ['reset', 'mid-stream'] as const, 'reset');
    const message = entry.string('message');
    if (message !== undefined) failure.message = message;
    if (entry.has('latencyMs')) failure.latencyMs = entry.integer('latencyMs', 0, 0, 600_000);
    if (entry.has('count')) failure.count = entry.integer('count', 1, 1);
    failures.push(failure);
  }
  return failures;
}

/** The Content Safety emulation's word lists: `terms` (category → term → severity 0-7), `blocklists`, `attacks`. */
function readContentSafety(fields: Fields): ContentSafetyOptions {
  const options: ContentSafetyOptions = {};
  fields.only('terms', 'blocklists', 'attacks');
  const terms = fields.object('terms');
  if (terms?.only(...HARM_CATEGORIES)) {
    const byCategory: NonNullable<ContentSafetyOptions['terms']> = {};
    for (const category of HARM_CATEGORIES) {
      const entries = terms.object(category);
      if (!entries) continue;
      const severities: Record<string, number> = {};
      for (const [term] of terms.entries(category)) severities[term] = entries.integer(term, 0, 0, 7);
      byCategory[category] = severities;
    }
    options.terms = byCategory;
  }
  if (fields.has('blocklists')) {
    const blocklists: Record<string, string[]> = {};
    const lists = fields.object('blocklists');
    for (const [name] of fields.entries('blocklists')) blocklists[name] = lists!.strings(name);
    options.blocklists = blocklists;
  }
  if (fields.has('attacks')) options.attacks = fields.strings('attacks');
  return options;
}

function number(fields: Fields, key: string, min: number, max: number): number {
  const value = fields.value[key];
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  fields.fail(key, `expected a number from ${min} to ${max}, found ${JSON.stringify(value)}`);
  return min;
}
