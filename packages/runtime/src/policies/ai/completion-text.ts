// The text a model answered, for content safety on completions: from a whole JSON response (Chat Completions,
// legacy Completions, Responses, Anthropic Messages) or from one streamed event's data (the text deltas).
import { asObject } from '../../tokens/json-shapes.ts';
import { contentText } from './prompt-messages.ts';

/** Every text of a JSON completion, one per line; '' when it has none. */
export function completionText(json: unknown): string {
  const body = asObject(json);
  if (body === undefined) return '';
  const texts: string[] = [];
  const choices = body['choices'];
  if (Array.isArray(choices)) {
    for (const item of choices) {
      const choice = asObject(item);
      if (choice === undefined) continue;
      if (typeof choice['text'] === 'string') texts.push(choice['text']);
      const message = asObject(choice['message']);
      if (message !== undefined) texts.push(contentText(message['content']));
    }
  }
  const output = body['output']; // Responses
  if (Array.isArray(output)) for (const item of output) texts.push(contentText(asObject(item)?.['content']));
  if (Array.isArray(body['content'])) texts.push(contentText(body['content'])); // Anthropic
  return texts.filter((t) => t !== '').join('\n');
}

/** The text one SSE event adds to the completion; '' for events that carry none (and for `[DONE]`). */
export function deltaText(data: string): string {
  if (data === '[DONE]' || data.length === 0) return '';
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return '';
  }
  const event = asObject(json);
  if (event === undefined) return '';
  const choices = event['choices'];
  if (Array.isArray(choices)) {
    let text = '';
    for (const item of choices) {
      const choice = asObject(item);
      const piece = asObject(choice?.['delta'])?.['content'] ?? choice?.['text'];
      if (typeof piece === 'string') text += piece;
    }
    return text;
  }
  if (event['type'] === 'response.output_text.delta' && typeof event['delta'] === 'string') return event['delta'];
  if (event['type'] === 'content_block_delta') {
    const text = asObject(event['delta'])?.['text'];
    return typeof text === 'string' ? text : '';
  }
  return '';
}
