// Tokens of `tools` (function definitions) by the openai-cookbook rule ("How to count tokens with tiktoken", §7),
// which the cookbook checks against the API (e.g. 101 prompt tokens for its weather example on gpt-4o, 105 on gpt-4).
import type { EncodingName, Encoder } from './tokenizer.ts';

const PROP_INIT = 3;
const PROP_KEY = 3;
const ENUM_INIT = -3;
const ENUM_ITEM = 3;
const FUNC_END = 12;

export function countToolTokens(encoder: Encoder, encoding: EncodingName, tools: readonly unknown[]): number {
  const funcInit = encoding === 'o200k_base' ? 7 : 10;
  let total = 0;
  let functions = 0;
  for (const tool of tools) {
    // Chat nests the definition under `function`; the Responses API puts it on the tool itself.
    const t = record(tool);
    const fn = record(t?.['function']) ?? (typeof t?.['name'] === 'string' ? t : undefined);
    if (fn === undefined) continue;
    functions += 1;
    total += funcInit;
    total += encoder.count(`${str(fn['name'])}:${stripDot(str(fn['description']))}`);
    const properties = record(record(fn['parameters'])?.['properties']);
    const keys = properties === undefined ? [] : Object.keys(properties);
    if (keys.length === 0) continue;
    total += PROP_INIT;
    for (const key of keys) {
      const prop = record(properties![key]) ?? {};
      total += PROP_KEY;
      const values = prop['enum'];
      if (Array.isArray(values)) {
        total += ENUM_INIT;
        for (const item of values) total += ENUM_ITEM + encoder.count(String(item));
      }
      total += encoder.count(`${key}:${str(prop['type'])}:${stripDot(str(prop['description']))}`);
    }
  }
  return functions > 0 ? total + FUNC_END : 0;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function stripDot(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}
