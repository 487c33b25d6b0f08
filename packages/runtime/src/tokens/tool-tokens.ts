// Tokens of function definitions by the openai-cookbook rule ("How to count tokens with tiktoken", section 7),
// checked there against the API: its weather example is 105 prompt tokens on gpt-4 and 101 on gpt-4o.
// Per function: an opening (7 on o200k_base, 10 on cl100k_base) + "name:description"; per property an opening
// of 3 (once), 3 per key, "key:type:description", and for an enum -3 then 3 + the item's tokens per item;
// a trailing period is dropped from descriptions; 12 closes the whole list. Nested object properties are not
// covered by the rule and are not counted (an under-estimate for deep schemas).
import type { TokenEncoder } from './encoder.ts';
import { asObject, asString } from './json-shapes.ts';

const PROP_INIT = 3;
const PROP_KEY = 3;
const ENUM_INIT = -3;
const ENUM_ITEM = 3;
const FUNC_END = 12;

/**
 * Chat `tools` ({type: "function", function: {...}}), legacy chat `functions` and Responses tools (the
 * definition on the tool itself). Built-in tools (web_search, file_search...) have no definition to count.
 */
export function countToolTokens(encoder: TokenEncoder, tools: readonly unknown[]): number {
  const funcInit = encoder.name === 'o200k_base' ? 7 : 10;
  let total = 0;
  let functions = 0;
  for (const tool of tools) {
    const t = asObject(tool);
    const fn = asObject(t?.['function']) ?? (typeof t?.['name'] === 'string' ? t : undefined);
    if (fn === undefined) continue;
    functions += 1;
    total += funcInit + encoder.count(`${asString(fn['name'])}:${stripDot(asString(fn['description']))}`);
    const properties = asObject(asObject(fn['parameters'])?.['properties']);
    if (properties === undefined) continue;
    const keys = Object.keys(properties);
    if (keys.length === 0) continue;
    total += PROP_INIT;
    for (const key of keys) {
      const prop = asObject(properties[key]) ?? {};
      total += PROP_KEY;
      const values = prop['enum'];
      if (Array.isArray(values)) {
        total += ENUM_INIT;
        for (const item of values) total += ENUM_ITEM + encoder.count(String(item));
      }
      total += encoder.count(`${key}:${typeText(prop['type'])}:${stripDot(asString(prop['description']))}`);
    }
  }
  return functions > 0 ? total + FUNC_END : 0;
}

/** JSON Schema allows a list of types ("string", "null"); Python's f-string would print the list. */
function typeText(type: unknown): string {
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return `[${type.map((t) => `'${String(t)}'`).join(', ')}]`;
  return '';
}

function stripDot(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}
