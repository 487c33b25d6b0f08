// Tokens the chat API adds for function definitions and for tool_choice / function_call, by the rule
// hmarr/openai-chat-tokens and pamelafox/openai-messages-token-helper checked against the API's prompt_tokens
// (figures in test/tokens/api-verified.test.ts): the definitions' TypeScript text (function-definitions.ts)
// + 9; 4 less when the request has a system message (the definitions join it instead of opening their own);
// tool_choice "none" 1 more, a named function 7 + its name (function_call {name} 4 + the name); "auto"
// nothing. The same rule reproduces the openai-cookbook's tools example on gpt-4 (105) and gpt-4o (101).
import type { TokenEncoder } from './encoder.ts';
import { formatFunctionDefinitions, functionDefinitions } from './function-definitions.ts';
import { asObject, asString } from './json-shapes.ts';

const DEFINITIONS_OVERHEAD = 9;
export const JOINED_SYSTEM_SAVING = 4;
const CHOICE_NONE = 1;
const CHOICE_NAMED_TOOL = 7;
const CHOICE_NAMED_FUNCTION = 4;

/** The definitions' cost, 0 when the list defines no function (built-in tools only). */
export function countToolTokens(encoder: TokenEncoder, tools: readonly unknown[]): number {
  const functions = functionDefinitions(tools);
  if (functions.length === 0) return 0;
  return encoder.count(formatFunctionDefinitions(functions)) + DEFINITIONS_OVERHEAD;
}

/**
 * tool_choice ({type: "function", function: {name}}, or "none"/"auto") or legacy function_call ({name}).
 * "required" (tools API, later than the sources) is not covered by any reported figure: counted as "auto".
 */
export function countToolChoiceTokens(encoder: TokenEncoder, choice: unknown): number {
  if (choice === 'none') return CHOICE_NONE;
  const c = asObject(choice);
  if (c === undefined) return 0;
  const fn = asObject(c['function']);
  if (fn !== undefined) return CHOICE_NAMED_TOOL + encoder.count(asString(fn['name']));
  if (typeof c['name'] !== 'string') return 0;
  // Responses API spells a named tool choice flat: {type: "function", name}.
  return (c['type'] === 'function' ? CHOICE_NAMED_TOOL : CHOICE_NAMED_FUNCTION) + encoder.count(c['name']);
}
