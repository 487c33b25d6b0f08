// Builders for the SSE bodies OpenAI sends (chat chunks, Responses events), for the stream tests.

export function chatStream(contents: string[], usage?: object): string {
  const chunk = (delta: object, finish: string | null = null): string =>
    `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }], usage: null })}\n\n`;
  let out = chunk({ role: 'assistant', content: '' });
  for (const content of contents) out += chunk({ content });
  out += chunk({}, 'stop');
  if (usage !== undefined) out += `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [], usage })}\n\n`;
  return `${out}data: [DONE]\n\n`;
}

export function responsesStream(deltas: string[], usage?: object): string {
  const event = (type: string, body: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
  let out = event('response.created', { response: { id: 'r1', status: 'in_progress', usage: null } });
  out += event('response.output_item.added', { output_index: 0, item: { id: 'm1', type: 'message' } });
  for (const delta of deltas) out += event('response.output_text.delta', { item_id: 'm1', output_index: 0, delta });
  if (usage !== undefined) out += event('response.completed', { response: { id: 'r1', status: 'completed', usage } });
  return out;
}

/** The text cut into pieces of `size` bytes (cutting UTF-8 characters too). */
export function pieces(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}
