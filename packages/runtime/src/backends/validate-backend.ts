// Checks a backend entity in APIM's ARM shape (spec §4) and says, with a JSON path, what APIM would refuse:
// the configuration layer reports these at load time; resolveBackend refuses a broken backend at request time.
import { isPool, memberName } from './backend.ts';
import { parseIsoDuration } from './iso-duration.ts';

export interface BackendIssue {
  /** JSON path of the offending value, under the prefix the caller gave. */
  path: string;
  message: string;
}

/** Pool members per pool [DOC backends.md]. */
export const MAX_POOL_MEMBERS = 30;
const MAX_ID_LENGTH = 80;
const MAX_URL_LENGTH = 2000;

type Json = Record<string, unknown>;

/** Validate every backend of a configuration (`id → properties` or `id → { name?, properties }`). */
export function validateBackends(backends: Readonly<Record<string, unknown>>, path = 'backends'): BackendIssue[] {
  const issues: BackendIssue[] = [];
  const lookup = (id: string): unknown => propertiesOf(backends[id]);
  for (const [id, entry] of Object.entries(backends)) issues.push(...validateBackend(id, entry, `${path}.${id}`, lookup));
  return issues;
}

/** Validate one backend; `lookup` finds the other backends' properties (for pool members). */
export function validateBackend(id: string, entry: unknown, path: string, lookup: (id: string) => unknown): BackendIssue[] {
  const issues: BackendIssue[] = [];
  const add = (at: string, message: string): void => void issues.push({ path: at, message });
  if (id.length < 1 || id.length > MAX_ID_LENGTH) add(path, `backend id must be 1 to ${MAX_ID_LENGTH} characters`);
  if (!isObject(entry)) return [...issues, { path, message: 'a backend must be an object' }];
  let props: Json = entry;
  if ('properties' in entry) {
    if (!isObject(entry.properties)) return [...issues, { path: `${path}.properties`, message: 'properties must be an object' }];
    props = entry.properties;
    path = `${path}.properties`;
  }
  const type = props.type ?? 'Single';
  if (typeof type !== 'string' || !/^(single|pool)$/i.test(type)) {
    add(`${path}.type`, `type must be 'Single' or 'Pool', got ${show(type)}`);
    return issues;
  }
  if (isPool(props)) validatePool(props, path, lookup, add);
  else validateSingle(props, path, add);
  return issues;
}

type Add = (path: string, message: string) => void;

function validateSingle(props: Json, path: string, add: Add): void {
  const { url, protocol } = props;
  if (url === undefined) add(`${path}.url`, 'url is required for a Single backend');
  else if (typeof url !== 'string' || !isAbsoluteUrl(url)) add(`${path}.url`, `url must be an absolute URL, got ${show(url)}`);
  else if (url.length > MAX_URL_LENGTH) add(`${path}.url`, `url must be at most ${MAX_URL_LENGTH} characters`);
  // ARM requires protocol; [INFERRED] apimx takes a pasted entity without it as 'http', the only one it speaks.
  if (protocol !== undefined && (typeof protocol !== 'string' || !/^(http|soap)$/i.test(protocol))) {
    add(`${path}.protocol`, `protocol must be 'http' or 'soap', got ${show(protocol)}`);
  }
  if (props.credentials !== undefined) validateCredentials(props.credentials, `${path}.credentials`, add);
  if (props.tls !== undefined) validateTls(props.tls, `${path}.tls`, add);
  if (props.circuitBreaker !== undefined) validateBreaker(props.circuitBreaker, `${path}.circuitBreaker`, add);
  if (props.pool !== undefined) add(`${path}.pool`, "pool is only allowed on a backend of type 'Pool'");
}

function validatePool(props: Json, path: string, lookup: (id: string) => unknown, add: Add): void {
  // APIM's own messages (MicrosoftDocs/azure-docs issue #122455).
  if (props.url !== undefined) add(`${path}.url`, 'Url is not supported for backend pool.');
  if (props.protocol !== undefined) add(`${path}.protocol`, 'Protocol is not supported for backend pool.');
  const pool = props.pool;
  if (!isObject(pool)) return add(`${path}.pool`, "a backend of type 'Pool' needs pool.services");
  const services = pool.services;
  if (!Array.isArray(services) || services.length === 0) return add(`${path}.pool.services`, 'pool.services must list at least one backend');
  if (services.length > MAX_POOL_MEMBERS) add(`${path}.pool.services`, `a pool holds at most ${MAX_POOL_MEMBERS} backends, got ${services.length}`);
  const seen = new Set<string>();
  services.forEach((member: unknown, i) => {
    const at = `${path}.pool.services[${i}]`;
    if (!isObject(member)) return add(at, 'a pool member must be an object with id, priority and weight');
    if (typeof member.id !== 'string' || member.id === '') return add(`${at}.id`, 'id must name a backend');
    const name = memberName(member.id);
    if (seen.has(name)) add(`${at}.id`, `backend '${name}' is listed twice`);
    seen.add(name);
    const target = lookup(name);
    if (target === undefined) add(`${at}.id`, `backend '${name}' is not defined`);
    else if (isObject(target) && typeof target.type === 'string' && /^pool$/i.test(target.type)) add(`${at}.id`, `backend '${name}' is a pool: pools cannot contain pools`);
    for (const key of ['priority', 'weight'] as const) {
      const value = member[key];
      if (value !== undefined && value !== null && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100)) {
        add(`${at}.${key}`, `${key} must be an integer from 0 to 100, got ${show(value)}`);
      }
    }
  });
}

function validateCredentials(credentials: unknown, path: string, add: Add): void {
  if (!isObject(credentials)) return add(path, 'credentials must be an object');
  for (const key of ['header', 'query'] as const) {
    const map = credentials[key];
    if (map === undefined) continue;
    if (!isObject(map)) {
      add(`${path}.${key}`, `${key} must map names to arrays of values`);
      continue;
    }
    for (const [name, values] of Object.entries(map)) {
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) add(`${path}.${key}.${name}`, 'must be an array of strings');
    }
  }
  const authorization = credentials.authorization;
  if (authorization !== undefined) {
    if (!isObject(authorization) || typeof authorization.scheme !== 'string' || typeof authorization.parameter !== 'string') {
      add(`${path}.authorization`, 'authorization must be { scheme, parameter } strings');
    }
  }
}

function validateTls(tls: unknown, path: string, add: Add): void {
  if (!isObject(tls)) return add(path, 'tls must be an object');
  for (const key of ['validateCertificateChain', 'validateCertificateName']) {
    if (tls[key] !== undefined && typeof tls[key] !== 'boolean') add(`${path}.${key}`, `${key} must be true or false`);
  }
}

function validateBreaker(breaker: unknown, path: string, add: Add): void {
  if (!isObject(breaker)) return add(path, 'circuitBreaker must be an object with rules');
  const rules = breaker.rules;
  if (!Array.isArray(rules) || rules.length === 0) return add(`${path}.rules`, 'circuitBreaker.rules must hold one rule');
  // "currently only ONE rule supported" [DOC backends.md].
  if (rules.length > 1) add(`${path}.rules`, `a backend supports one circuit breaker rule, got ${rules.length}`);
  rules.forEach((rule: unknown, i) => validateRule(rule, `${path}.rules[${i}]`, add));
}

function validateRule(rule: unknown, path: string, add: Add): void {
  if (!isObject(rule)) return add(path, 'a rule must be an object');
  if (typeof rule.name !== 'string' || rule.name === '') add(`${path}.name`, 'name is required');
  duration(rule.tripDuration, `${path}.tripDuration`, add);
  if (rule.acceptRetryAfter !== undefined && typeof rule.acceptRetryAfter !== 'boolean') add(`${path}.acceptRetryAfter`, 'acceptRetryAfter must be true or false');
  const condition = rule.failureCondition;
  const at = `${path}.failureCondition`;
  if (!isObject(condition)) return add(at, 'failureCondition is required');
  const { count, percentage, statusCodeRanges, errorReasons } = condition;
  if (count === undefined && percentage === undefined) add(at, 'failureCondition needs count or percentage');
  if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 1)) add(`${at}.count`, `count must be a whole number of 1 or more, got ${show(count)}`);
  if (percentage !== undefined && !(typeof percentage === 'number' && percentage > 0 && percentage <= 100)) {
    add(`${at}.percentage`, `percentage must be more than 0 and at most 100, got ${show(percentage)}`);
  }
  duration(condition.interval, `${at}.interval`, add);
  if (statusCodeRanges === undefined && errorReasons === undefined) add(at, 'failureCondition needs statusCodeRanges or errorReasons');
  if (statusCodeRanges !== undefined) {
    if (!Array.isArray(statusCodeRanges)) add(`${at}.statusCodeRanges`, 'statusCodeRanges must be an array of { min, max }');
    else statusCodeRanges.forEach((range: unknown, i) => validateRange(range, `${at}.statusCodeRanges[${i}]`, add));
  }
  if (errorReasons !== undefined && !(Array.isArray(errorReasons) && errorReasons.every((r) => typeof r === 'string'))) {
    add(`${at}.errorReasons`, 'errorReasons must be an array of strings');
  }
}

function validateRange(range: unknown, path: string, add: Add): void {
  if (!isObject(range)) return add(path, 'a status code range must be { min, max }');
  const { min, max } = range;
  const status = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599;
  if (!status(min)) add(`${path}.min`, `min must be an HTTP status code (100-599), got ${show(min)}`);
  if (!status(max)) add(`${path}.max`, `max must be an HTTP status code (100-599), got ${show(max)}`);
  if (status(min) && status(max) && (min as number) > (max as number)) add(path, `min ${min} is above max ${max}`);
}

function duration(value: unknown, path: string, add: Add): void {
  if (value === undefined) return add(path, 'an ISO 8601 duration is required (e.g. "PT1M")');
  const ms = typeof value === 'string' ? parseIsoDuration(value) : null;
  if (ms === null || ms <= 0) add(path, `must be a positive ISO 8601 duration in weeks, days, hours, minutes or seconds (e.g. "PT30S"), got ${show(value)}`);
}

function propertiesOf(entry: unknown): unknown {
  return isObject(entry) && 'properties' in entry ? entry.properties : entry;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Not only http(s): the gateway's configuration names in-process mocks as mock://name, and rewrites them.
function isAbsoluteUrl(text: string): boolean {
  return URL.canParse(text);
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
