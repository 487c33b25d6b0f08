// Origin matching for cors: `*` alone allows any origin; otherwise scheme, host and port are compared (default
// ports 80/443, host case-insensitive), so the documented `http://localhost:8080/` matches a browser's
// `Origin: http://localhost:8080`.

export type OriginMatcher = (origin: string) => boolean;

export function originMatcher(allowed: readonly string[]): OriginMatcher {
  if (allowed.some((origin) => origin.trim() === '*')) return () => true;
  const normalised = new Set(allowed.map(normaliseOrigin).filter((origin): origin is string => origin !== null));
  return (origin) => {
    const candidate = normaliseOrigin(origin);
    return candidate !== null && normalised.has(candidate);
  };
}

export function normaliseOrigin(text: string): string | null {
  try {
    const url = new URL(text.trim());
    const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
    return `${url.protocol}//${url.hostname.toLowerCase()}:${port}`;
  } catch {
    return null;
  }
}
