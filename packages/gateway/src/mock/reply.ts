// The reply text: deterministic from the request, so tests and caches see the same answer for the same question.
import type { ReplyInput } from './options.ts';

const MAX_ECHO = 200;

export function defaultReply(input: ReplyInput): string {
  const said = input.lastUserText.replace(/\s+/g, ' ').trim();
  if (said.length === 0) return `This is a mock reply from ${input.model}.`;
  const echo = said.length > MAX_ECHO ? `${said.slice(0, MAX_ECHO)}…` : said;
  return `This is a mock reply from ${input.model}. You said: "${echo}"`;
}

/** Stream pieces, each word with its leading whitespace, as OpenAI's token deltas look; joined they are the text. */
export function splitForStream(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}
