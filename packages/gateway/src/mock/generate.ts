// The completion itself: reply text (override, custom or default), cut to the token limit, and its token count.
import type { OpContext } from './op-context.ts';
import { defaultReply } from './reply.ts';
import type { Encoder } from './tokenizer.ts';

export interface Generated {
  text: string;
  finishReason: 'stop' | 'length' | 'tool_calls';
  completionTokens: number;
}

export function generate(ctx: OpContext, encoder: Encoder, lastUserText: string, maxTokens: number | undefined): Generated {
  const input = { route: ctx.route.name, model: ctx.model, lastUserText };
  let text = ctx.replyOverride ?? ctx.options.reply?.(input) ?? defaultReply(input);
  let finishReason: Generated['finishReason'] = 'stop';
  if (maxTokens !== undefined && maxTokens >= 0) {
    const cut = encoder.truncate(text, maxTokens);
    text = cut.text;
    if (cut.truncated) finishReason = 'length';
  }
  return { text, finishReason, completionTokens: encoder.count(text) };
}
