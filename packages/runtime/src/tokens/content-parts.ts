// Multi-part message content: the text of text parts (chat `text`, Responses `input_text`/`output_text`,
// Anthropic `text`) and a flat 1200 tokens per image, the maximum APIM's token-limit policy charges an image
// when it estimates (spec §3.1 item 7). Audio and file parts are not estimated (0): APIM documents nothing.
import type { TokenEncoder } from './encoder.ts';
import { asObject } from './json-shapes.ts';

export const IMAGE_TOKENS = 1200;

const IMAGE_PARTS = new Set(['image_url', 'input_image', 'image']);

export interface PartsCount {
  tokens: number;
  images: number;
}

export function countContentParts(encoder: TokenEncoder, parts: readonly unknown[]): PartsCount {
  let tokens = 0;
  let images = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      tokens += encoder.count(part);
      continue;
    }
    const p = asObject(part);
    if (p === undefined) continue;
    if (typeof p['text'] === 'string') tokens += encoder.count(p['text']);
    else if (typeof p['refusal'] === 'string') tokens += encoder.count(p['refusal']);
    else if (IMAGE_PARTS.has(String(p['type']))) {
      tokens += IMAGE_TOKENS;
      images += 1;
    }
  }
  return { tokens, images };
}
