// The prompt as the semantic cache and content safety read it, for each LLM API the gateway fronts.
import { describe, expect, it } from 'vitest';
import { RequestContext } from '../../../src/context/request-context.ts';
import { HeaderMap } from '../../../src/http/header-map.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import { joinedText, promptOf } from '../../../src/policies/ai/prompt-messages.ts';

function prompt(path: string, body: unknown) {
  const ctx = new RequestContext(
    memoryServices(),
    { method: 'POST', url: `https://apimx.local${path}`, headers: new HeaderMap(), body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), clientIp: '1.1.1.1' },
    { api: null, operation: null, product: null, subscription: null, user: null },
  );
  return promptOf(ctx);
}

describe('promptOf', () => {
  it('Chat Completions: every message with its role, text parts joined, images left out; Anthropic system first', () => {
    const chat = prompt('/openai/deployments/gpt-4o/chat/completions', {
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Look:' }, { type: 'image_url', image_url: { url: 'data:,' } }, { type: 'text', text: 'what is it?' }] },
        { role: 'assistant', content: null, tool_calls: [] },
      ],
      stream: true,
    });
    expect(chat).toEqual({ api: 'chat', streaming: true, messages: [{ role: 'developer', text: 'Be brief.' }, { role: 'user', text: 'Look:\nwhat is it?' }, { role: 'assistant', text: '' }] });
    expect(joinedText(chat!.messages)).toBe('Be brief.\nLook:\nwhat is it?');
    const anthropic = prompt('/anthropic/v1/messages', { system: [{ type: 'text', text: 'Sys' }], messages: [{ role: 'user', content: 'Hi' }] });
    expect(anthropic?.messages).toEqual([{ role: 'system', text: 'Sys' }, { role: 'user', text: 'Hi' }]);
  });

  it('Responses: instructions as a system message, input as a string or items; Completions: the prompt(s)', () => {
    expect(prompt('/openai/v1/responses', { model: 'gpt-4o', instructions: 'Sys', input: 'Hi' })).toEqual({
      api: 'responses',
      streaming: false,
      messages: [{ role: 'system', text: 'Sys' }, { role: 'user', text: 'Hi' }],
    });
    expect(prompt('/openai/v1/responses', { input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'A' }] }, { type: 'function_call_output', output: '42' }] })?.messages).toEqual([
      { role: 'user', text: 'A' },
      { role: 'tool', text: '42' },
    ]);
    expect(prompt('/openai/deployments/x/completions', { prompt: ['one', 'two'] })?.messages).toEqual([{ role: 'user', text: 'one' }, { role: 'user', text: 'two' }]);
  });

  it('no prompt for embeddings, non-JSON or non-object bodies', () => {
    expect(prompt('/openai/deployments/e/embeddings', { input: 'hello' })).toBeUndefined();
    expect(prompt('/anything', { input: 'hello', model: 'text-embedding-3-small' })).toBeUndefined();
    expect(prompt('/openai/deployments/gpt-4o/chat/completions', 'not json')).toBeUndefined();
    expect(prompt('/openai/deployments/gpt-4o/chat/completions', [1, 2])).toBeUndefined();
  });
});
