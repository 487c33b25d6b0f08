// The plain text of a message's content (a string, or parts with `text`), which the mock's reply echoes.

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') texts.push(part);
    else if (part !== null && typeof part === 'object' && typeof (part as Record<string, unknown>)['text'] === 'string') {
      texts.push((part as Record<string, string>)['text']!);
    }
  }
  return texts.join(' ');
}
