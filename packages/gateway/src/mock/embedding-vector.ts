// Deterministic embeddings in which similar texts get similar vectors: words and character trigrams of the
// normalised text are hashed (feature hashing, signed) into the dimensions, then the vector is L2-normalised.
// Texts sharing words and spellings share features, so their cosine is high; unrelated texts land near 0.

const WORD_WEIGHT = 1;
const TRIGRAM_WEIGHT = 0.5;

/** Lower-case, accents and apostrophes dropped ("what's" → "whats"), anything else non-alphanumeric a space. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function embedText(text: string, dimensions: number): Float32Array {
  const vector = new Float64Array(dimensions);
  const norm = normaliseText(text);
  for (const word of norm.split(' ')) if (word.length > 0) add(vector, `w:${word}`, WORD_WEIGHT);
  const padded = ` ${norm} `;
  for (let i = 0; i + 3 <= padded.length; i++) add(vector, `c:${padded.slice(i, i + 3)}`, TRIGRAM_WEIGHT);
  return normalise(vector);
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function add(vector: Float64Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  // A second, mixed hash picks the sign so that colliding features cancel rather than pile up.
  const sign = Math.imul(h ^ (h >>> 16), 0x45d9f3b) & 1 ? -1 : 1;
  const i = h % vector.length;
  vector[i] = vector[i]! + sign * weight;
}

function normalise(vector: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const out = new Float32Array(vector.length);
  if (sum === 0) {
    // Empty text: a fixed unit vector rather than NaNs.
    if (out.length > 0) out[0] = 1;
    return out;
  }
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! * inv;
  return out;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
