// The completion itself: reply text (override, custom or default), cut to the token limit, and its token count.
import type { tokens } from '@apimx/runtime';
import type { OpContext } from './op-context.ts';
import { defaultReply } from './reply.ts';

export interface Generated {
  text: string;
  finishReason: 'stop' | 'length' | 'tool_calls';
  completionTokens: number;
}

export function generate(ctx: OpContext, encoder: tokens.TokenEncoder, lastUserText: string, maxTokens: number | undefined): Generated {
  const input = { route: ctx.route.name, model: ctx.model, lastUserText };
  let text = ctx.replyOverride ?? ctx.options.reply?.(input) ?? defaultReply(input);
  let finishReason: Generated['finishReason'] = 'stop';
  if (maxTokens !== undefined && maxTokens >= 0) {
    const ids = encoder.encode(text);
    if (ids.length > maxTokens) {
      // A cut inside a multi-byte character decodes to U+FFFD; drop it (whole characters only).
      text = encoder.decode(ids.slice(0, Math.floor(maxTokens))).replace(/\uFFFD+$/u, '');
      finishReason = 'length';
    }
  }
  return { text, finishReason, completionTokens: encoder.count(text) };
}
