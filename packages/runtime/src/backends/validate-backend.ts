// Checks a backend entity in APIM's ARM shape (spec §4) and says, with a JSON path, what APIM would refuse:
// the configuration layer reports these at load time; resolveBackend refuses a broken backend at request time.
import { isPool, memberName } from './backend.ts';
import { validateBreaker } from './validate-breaker.ts';
import { isObject, show, type Add, type BackendIssue, type Json } from './validate-shape.ts';

export type { BackendIssue } from './validate-shape.ts';

/** Pool members per pool [DOC backends.md]. */
export const MAX_POOL_MEMBERS = 30;
const MAX_ID_LENGTH = 80;
const MAX_URL_LENGTH = 2000;


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

function propertiesOf(entry: unknown): unknown {
  return isObject(entry) && 'properties' in entry ? entry.properties : entry;
}

// Not only http(s): the gateway's configuration names in-process mocks as mock://name, and rewrites them.
function isAbsoluteUrl(text: string): boolean {
  return URL.canParse(text);
}
