// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded. `expect` is dropped too:
// we send the body at once rather than wait for 100 Continue. `host` is always the backend's.

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'expect', 'host']);

/** Whether a lower-cased header name must not be forwarded; `extra` holds names listed in `Connection`. */
export function isHopByHop(lowerName: string, extra?: ReadonlySet<string>): boolean {
  return HOP_BY_HOP.has(lowerName) || lowerName.startsWith('proxy-') || (extra !== undefined && extra.has(lowerName));
}

const single = new Map<string, ReadonlySet<string>>();

/** Names a `Connection` header lists (`Connection: close, X-Foo`), lower-cased; undefined for none. */
export function connectionListed(values: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!values) return undefined;
  // Nearly every request and response says `Connection: keep-alive` (or close): parse each spelling once.
  if (values.length === 1) {
    let names = single.get(values[0]!);
    if (names === undefined) {
      names = parseListed(values);
      if (single.size >= 256) single.clear();
      single.set(values[0]!, names);
    }
    return names;
  }
  return parseListed(values);
}

function parseListed(values: readonly string[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const value of values) for (const name of value.split(',')) if (name.trim()) names.add(name.trim().toLowerCase());
  return names;
}
