// Cosine distance between embeddings, made cheap: vectors are scaled to unit length once (when stored, and once
// per query), so that the distance is half the squared Euclidean distance, a sum that only grows; a comparison
// stops as soon as the sum passes the limit, which for unrelated vectors and a tight threshold is after a few
// percent of the dimensions.

/** `vector` scaled to unit length (a new array); null for a zero, empty or non-finite vector, which has no direction. */
export function unitVector(vector: ArrayLike<number>): Float32Array | null {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  if (!(sum > 0) || !Number.isFinite(sum)) return null;
  const scale = 1 / Math.sqrt(sum);
  const out = new Float32Array(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! * scale;
  return out;
}

const BLOCK = 64;

/**
 * The cosine distance between two unit vectors of the same length, when it is at most `limit`; Infinity as soon
 * as it is known to be more (checked every 64 dimensions, so the inner loop stays a plain sum).
 */
export function distanceWithin(a: Float32Array, b: Float32Array, limit: number): number {
  const bound = limit * 2;
  const n = a.length;
  let sum = 0;
  let i = 0;
  while (i < n) {
    const end = i + BLOCK < n ? i + BLOCK : n;
    for (; i < end; i++) {
      const d = a[i]! - b[i]!;
      sum += d * d;
    }
    if (sum > bound) return Infinity;
  }
  return sum / 2;
}
