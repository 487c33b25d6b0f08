// Which BPE encoding a model uses, and the encoders themselves: each rank table (several MB) is imported on
// first use only, once per process, so a gateway that never estimates never pays for it.
import { Tiktoken } from 'js-tiktoken/lite';
import { TokenEncoder } from './encoder.ts';

export type EncodingName = 'o200k_base' | 'cl100k_base';

const O200K = /^(gpt-4o|gpt-4\.|gpt-5|chatgpt-4o|o\d|gpt-oss|gpt-image|computer-use|codex)/;
const CL100K = /^(gpt-4|gpt-35|gpt-3\.5|text-embedding-|davinci-002|babbage-002)/;

/**
 * o200k_base for the gpt-4o generation and later (gpt-4o, gpt-4.1, gpt-4.5, gpt-5, o1/o3/o4, chatgpt-4o);
 * cl100k_base for gpt-4, gpt-3.5 (Azure spells it gpt-35) and the text-embedding models.
 * Unknown or missing model (an Azure deployment named "prod-chat", a third-party model): o200k_base, the
 * encoding of every current OpenAI model, so an estimate is always possible.
 */
export function encodingForModel(model: string | undefined): EncodingName {
  if (model === undefined) return 'o200k_base';
  // "openai/gpt-4o" (router-style names) and "GPT-4o" mean the same model.
  // Fine-tuned models ("ft:gpt-3.5-turbo:org::id") use their base model's encoding.
  const m = model.trim().toLowerCase().replace(/^.*\//, '').replace(/^ft:/, '');
  if (O200K.test(m)) return 'o200k_base';
  if (CL100K.test(m)) return 'cl100k_base';
  return 'o200k_base';
}

const loading = new Map<EncodingName, Promise<TokenEncoder>>();
const loaded = new Map<EncodingName, TokenEncoder>();

/** The encoder for `name`, imported and built on the first call; later calls share it. */
export function loadEncoder(name: EncodingName): Promise<TokenEncoder> {
  let pending = loading.get(name);
  if (pending === undefined) {
    pending = importRanks(name).then((ranks) => {
      const encoder = new TokenEncoder(name, new Tiktoken(ranks));
      loaded.set(name, encoder);
      return encoder;
    });
    // A failed import may be retried by a later call.
    pending.catch(() => loading.delete(name));
    loading.set(name, pending);
  }
  return pending;
}

/** The encoder when already loaded (no await on the hot path), else undefined. */
export function loadedEncoder(name: EncodingName): TokenEncoder | undefined {
  return loaded.get(name);
}

/** Load both encodings now, e.g. at start-up when a policy document uses estimation. */
export async function preloadEncoders(): Promise<void> {
  await Promise.all([loadEncoder('o200k_base'), loadEncoder('cl100k_base')]);
}

async function importRanks(name: EncodingName) {
  const mod = name === 'o200k_base'
    ? await import('js-tiktoken/ranks/o200k_base')
    : await import('js-tiktoken/ranks/cl100k_base');
  return mod.default;
}
