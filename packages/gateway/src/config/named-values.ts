// Named values (spec §1.4): `name: "text"`, `name: { value, secret }` or `name: { env: VAR, secret }` (the value
// read from the environment at start, so real keys stay out of the file).
import { Fields, describe } from './reader.ts';
import { childPath, type ConfigIssue } from './config-error.ts';

export interface NamedValues {
  values: Map<string, string>;
  secret: Set<string>;
}

export function readNamedValues(root: Fields, env: Readonly<Record<string, string | undefined>>): NamedValues {
  const values = new Map<string, string>();
  const secret = new Set<string>();
  for (const [name, raw, path] of root.entries('namedValues')) {
    if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
      values.set(name, String(raw));
      continue;
    }
    const fields = Fields.of(root.issues, path, raw);
    if (!fields) continue;
    fields.only('value', 'env', 'secret');
    if (fields.bool('secret', false)) secret.add(name);
    const variable = fields.string('env');
    if (variable !== undefined) {
      const value = env[variable];
      if (value === undefined) fields.fail('env', `environment variable ${variable} is not set`);
      else values.set(name, value);
    } else {
      const value = fields.string('value');
      if (value === undefined) fields.fail('value', 'is required (or give env)');
      else values.set(name, value);
    }
  }
  return { values, secret };
}

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

/** Every string inside `value` with `{{name}}` substituted; an unknown name is an issue at its JSON path. */
export function substituteDeep(value: unknown, values: ReadonlyMap<string, string>, path: string, issues: ConfigIssue[]): unknown {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (whole, name: string) => {
      const found = values.get(name.trim());
      if (found === undefined) {
        issues.push({ path, message: `unknown named value '{{${name}}}'` });
        return whole;
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => substituteDeep(item, values, `${path}[${i}]`, issues));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = substituteDeep(item, values, childPath(path, key), issues);
    return out;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  issues.push({ path, message: `unsupported value ${describe(value)}` });
  return value;
}
