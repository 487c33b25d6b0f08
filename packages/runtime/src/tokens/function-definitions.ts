// Function definitions as the chat API shows them to the model: not the JSON schema but a TypeScript
// namespace appended to the system message ("namespace functions { // description\ntype name = (_: {...})
// => any; }"). The format was reconstructed by hmarr/openai-chat-tokens (src/functions.ts) and
// pamelafox/openai-messages-token-helper (function_format.py) and checked there against the API's
// prompt_tokens; test/tokens/api-verified.test.ts holds those figures. Descriptions of properties nested
// inside an object property are not shown (both sources found the API drops them).
import { asObject, asString } from './json-shapes.ts';
import type { JsonObject } from './json-shapes.ts';

/** The functions of a chat `tools`/`functions` list or Responses `tools` (built-in tools have none). */
export function functionDefinitions(tools: readonly unknown[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const tool of tools) {
    const t = asObject(tool);
    const fn = asObject(t?.['function']) ?? (typeof t?.['name'] === 'string' ? t : undefined);
    if (fn !== undefined) out.push(fn);
  }
  return out;
}

export function formatFunctionDefinitions(functions: readonly JsonObject[]): string {
  const lines = ['namespace functions {', ''];
  for (const fn of functions) {
    const description = asString(fn['description']);
    if (description.length > 0) lines.push(`// ${description}`);
    const name = asString(fn['name']);
    const parameters = asObject(fn['parameters']);
    const properties = asObject(parameters?.['properties']);
    if (parameters !== undefined && properties !== undefined && Object.keys(properties).length > 0) {
      lines.push(`type ${name} = (_: {`);
      lines.push(formatProperties(parameters, 0));
      lines.push('}) => any;');
    } else {
      lines.push(`type ${name} = () => any;`);
    }
    lines.push('');
  }
  lines.push('} // namespace functions');
  return lines.join('\n');
}

function formatProperties(schema: JsonObject, indent: number): string {
  const properties = asObject(schema['properties']) ?? {};
  const required = Array.isArray(schema['required']) ? schema['required'] : [];
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const key of Object.keys(properties)) {
    const prop = asObject(properties[key]) ?? {};
    const description = asString(prop['description']);
    if (description.length > 0 && indent < 2) lines.push(`${pad}// ${description}`);
    lines.push(`${pad}${key}${required.includes(key) ? '' : '?'}: ${formatType(prop, indent)},`);
  }
  return lines.join('\n');
}

function formatType(prop: JsonObject, indent: number): string {
  if (Array.isArray(prop['anyOf'])) return prop['anyOf'].map((p) => formatType(asObject(p) ?? {}, indent)).join(' | ');
  const type = prop['type'];
  // A list of types ("string", "null"): no source shows how the API prints it; a union is our reading.
  if (Array.isArray(type)) return type.map((t) => formatType({ ...prop, type: t }, indent)).join(' | ');
  const values = Array.isArray(prop['enum']) ? prop['enum'] : undefined;
  switch (type) {
    case 'string':
      return values ? values.map((v) => `"${String(v)}"`).join(' | ') : 'string';
    case 'number':
    case 'integer':
      return values ? values.map((v) => String(v)).join(' | ') : 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'object':
      return `{\n${formatProperties(prop, indent + 2)}\n}`;
    case 'array': {
      const items = asObject(prop['items']);
      return items ? `${formatType(items, indent)}[]` : 'any[]';
    }
    default:
      // No type: "any" reproduces the API's count (pamelafox tests/functions.py, no_type: 59).
      return 'any';
  }
}
