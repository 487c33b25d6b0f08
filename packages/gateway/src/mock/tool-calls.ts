// Tool calls: when a chat request forces a function (tool_choice "required" or {type: "function", function: {name}}),
// the mock answers with a call to it, arguments filled from the JSON schema (first enum value, the user's text for
// strings, 0, false, [], {}), so agent loops can run offline. With tool_choice "auto" the mock answers in text.
import { newId } from './ids.ts';

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export function forcedToolCall(tools: unknown, toolChoice: unknown, userText: string): ToolCall | undefined {
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  const functions = tools
    .map((t) => (t as { function?: { name?: unknown; parameters?: unknown } } | null)?.function)
    .filter((f): f is { name: string; parameters?: unknown } => typeof f?.name === 'string');
  let chosen: { name: string; parameters?: unknown } | undefined;
  if (toolChoice === 'required') {
    chosen = functions[0];
  } else if (toolChoice !== null && typeof toolChoice === 'object') {
    const name = (toolChoice as { function?: { name?: unknown } }).function?.name;
    chosen = functions.find((f) => f.name === name);
  }
  if (chosen === undefined) return undefined;
  return {
    id: newId('call', '_'),
    type: 'function',
    function: { name: chosen.name, arguments: JSON.stringify(sampleValue(chosen.parameters, userText) ?? {}) },
  };
}

function sampleValue(schema: unknown, text: string): unknown {
  if (schema === null || typeof schema !== 'object') return null;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s['enum']) && s['enum'].length > 0) return s['enum'][0];
  switch (s['type']) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (s['properties'] ?? {}) as Record<string, unknown>;
      const required = Array.isArray(s['required']) ? (s['required'] as unknown[]) : Object.keys(props);
      for (const key of Object.keys(props)) if (required.includes(key)) out[key] = sampleValue(props[key], text);
      return out;
    }
    case 'string':
      return text;
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return null;
  }
}
