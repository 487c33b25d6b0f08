// Which member of a pool's group gets the next request: smooth weighted round-robin (nginx's algorithm).
// Equal weights give the plain rotation a, b, c, a, b, c; unequal ones spread picks in proportion, interleaved
// rather than in bursts, and deterministic, so tests can state exact sequences.
import type { PoolEntry } from './compiled-backend.ts';

export class PoolBalancer {
  /** Pool id → member id → current weight. */
  private readonly current = new Map<string, Map<string, number>>();

  /**
   * Pick one of `candidates` (non-empty, all available). [INFERRED] weight 0 members get traffic only when no
   * member of positive weight is available; among themselves they rotate evenly.
   */
  pick(poolId: string, candidates: readonly PoolEntry[]): PoolEntry {
    const weighted = candidates.filter((entry) => entry.weight > 0);
    const pool = weighted.length > 0 ? weighted : candidates.map((entry) => ({ id: entry.id, weight: 1 }));
    let weights = this.current.get(poolId);
    if (!weights) this.current.set(poolId, (weights = new Map()));
    let total = 0;
    let best: PoolEntry | undefined;
    let bestWeight = -Infinity;
    for (const entry of pool) {
      const weight = (weights.get(entry.id) ?? 0) + entry.weight;
      weights.set(entry.id, weight);
      total += entry.weight;
      if (weight > bestWeight) {
        best = entry;
        bestWeight = weight;
      }
    }
    weights.set(best!.id, bestWeight - total);
    return candidates.find((entry) => entry.id === best!.id)!;
  }
}
