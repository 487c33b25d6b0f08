// Local `$ref`s of an OpenAPI document ("#/components/schemas/Pet", "#/components/examples/cat"), resolved by
// reference: the result shares objects with the document, and a recursive schema becomes a cyclic object (the
// runtime's schema sampler stops at a depth limit). A reference that cannot be followed is left as it is.
export function resolveRefs(value: unknown, document: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  const cached = seen.get(value);
  if (cached !== undefined) return cached;
  if (!Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string') {
    const target = pointer(document, (value as { $ref: string }).$ref);
    if (target === undefined) return value;
    seen.set(value, null);
    const resolved = resolveRefs(target, document, seen);
    seen.set(value, resolved);
    return resolved;
  }
  const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  seen.set(value, out);
  for (const [key, item] of Object.entries(value)) (out as Record<string, unknown>)[key] = resolveRefs(item, document, seen);
  return out;
}

/** The value a local JSON pointer names ("#/a/b~1c"), or undefined. */
function pointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(key in current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
