// Embeddings `input` and legacy completions `prompt`: a string, an array of strings, a token array (numbers,
// already tokens) or an array of token arrays. No per-item overhead: the API reports exactly these counts.
import type { TokenEncoder } from './encoder.ts';

export function countTextInput(encoder: TokenEncoder, input: unknown): number {
  if (typeof input === 'string') return encoder.count(input);
  if (!Array.isArray(input)) return 0;
  let total = 0;
  for (const item of input) {
    if (typeof item === 'string') total += encoder.count(item);
    else if (typeof item === 'number') total += 1;
    else if (Array.isArray(item)) total += item.length;
  }
  return total;
}
