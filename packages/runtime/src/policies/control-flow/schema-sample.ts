// A sample value for a JSON Schema, for mock-response when the API definition has a schema but no example
// (spec §3.10: "generates sample responses from schemas"). [UNCONFIRMED] APIM's exact sample values are not
// documented: apimx takes the schema's own example, default, const or first enum value where there is one, else
// a fixed value per type ("string", 0, true, a date for format date-time...), every property of an object, and
// one item for an array. Recursive schemas stop at a depth limit (null there).
const MAX_DEPTH = 10;

const STRING_FORMATS: Readonly<Record<string, string>> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  email: 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-0000-0000-000000000000',
  byte: 'c3RyaW5n',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

export function sampleOf(schema: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > MAX_DEPTH) return null;
  if ('example' in schema) return schema['example'];
  if (Array.isArray(schema['examples']) && schema['examples'].length > 0) return schema['examples'][0];
  if ('default' in schema) return schema['default'];
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return schema['enum'][0];
  if (Array.isArray(schema['allOf'])) return mergeAll(schema['allOf'].map((part) => sampleOf(part, depth + 1)));
  for (const choice of ['oneOf', 'anyOf']) {
    const options = schema[choice];
    if (Array.isArray(options) && options.length > 0) return sampleOf(options[0], depth + 1);
  }
  switch (typeOf(schema)) {
    case 'object': {
      const properties = isObject(schema['properties']) ? schema['properties'] : {};
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(properties)) out[name] = sampleOf(property, depth + 1);
      return out;
    }
    case 'array':
      return schema['items'] === undefined ? [] : [sampleOf(schema['items'], depth + 1)];
    case 'string':
      return STRING_FORMATS[String(schema['format'])] ?? 'string';
    case 'integer':
    case 'number':
      return typeof schema['minimum'] === 'number' ? schema['minimum'] : 0;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function typeOf(schema: Record<string, unknown>): string | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  if (schema['properties'] !== undefined) return 'object';
  if (schema['items'] !== undefined) return 'array';
  return undefined;
}

function mergeAll(parts: unknown[]): unknown {
  if (parts.every(isObject)) return Object.assign({}, ...parts);
  return parts[0] ?? null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
