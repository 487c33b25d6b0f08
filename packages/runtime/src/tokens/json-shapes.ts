// Narrowing helpers for request and response JSON, which is untrusted and may have any shape.

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A finite, non-negative number, else undefined (usage fields from a misbehaving backend). */
export function asCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}
