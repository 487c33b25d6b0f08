// <openid-config url> (spec §3.11): the issuer and signing keys published by an OpenID provider, fetched over HTTP
// (the discovery document, then its jwks_uri) and cached per gateway: refreshed hourly, and refetched when a token
// names an unknown `kid`, at most every 5 minutes. Fetches happen at most once at a time per URL. The global fetch
// is fine here: it runs once an hour, not per request.
import type { Clock } from '../../../clock.ts';
import type { RuntimeServices } from '../../../services.ts';
import { jwkKey, type SigningKey } from './signing-key.ts';

const REFRESH_MS = 60 * 60_000;
const UNKNOWN_KID_MS = 5 * 60_000;
const TIMEOUT_MS = 10_000;

export interface OpenIdConfig {
  issuer: string | null;
  keys: readonly SigningKey[];
}

interface Entry {
  config?: OpenIdConfig;
  fetchedAt: number;
  pending?: Promise<OpenIdConfig>;
}

const caches = new WeakMap<RuntimeServices, Map<string, Entry>>();

export function openIdCache(services: RuntimeServices): OpenIdSource {
  let cache = caches.get(services);
  if (!cache) caches.set(services, (cache = new Map()));
  return new OpenIdSource(cache, services.clock);
}

export class OpenIdSource {
  constructor(
    private readonly entries: Map<string, Entry>,
    private readonly clock: Clock,
  ) {}

  /** The cached config when fresh (and knowing `kid` when given), else a fetch. */
  get(url: string, kid: string | null): OpenIdConfig | Promise<OpenIdConfig> {
    const now = this.clock.now();
    const entry = this.entries.get(url);
    if (entry?.pending) return entry.pending;
    if (entry?.config) {
      const fresh = now - entry.fetchedAt < REFRESH_MS;
      const knowsKid = kid === null || entry.config.keys.some((key) => key.id === kid);
      if (fresh && (knowsKid || now - entry.fetchedAt < UNKNOWN_KID_MS)) return entry.config;
    }
    const next: Entry = { fetchedAt: entry?.fetchedAt ?? 0, config: entry?.config };
    next.pending = load(url).then(
      (config) => {
        this.entries.set(url, { config, fetchedAt: this.clock.now() });
        return config;
      },
      (error: unknown) => {
        // Keep serving the last good config when a refresh fails; fail only when there is none.
        if (entry?.config) {
          this.entries.set(url, { config: entry.config, fetchedAt: this.clock.now() });
          return entry.config;
        }
        this.entries.delete(url);
        throw error;
      },
    );
    this.entries.set(url, next);
    return next.pending;
  }
}

async function load(url: string): Promise<OpenIdConfig> {
  const discovery = await getJson(url);
  const issuer = typeof discovery['issuer'] === 'string' ? discovery['issuer'] : null;
  const jwksUri = discovery['jwks_uri'];
  if (typeof jwksUri !== 'string') throw new Error(`the OpenID configuration at ${url} has no jwks_uri`);
  const jwks = await getJson(jwksUri);
  const keys = Array.isArray(jwks['keys']) ? jwks['keys'] : [];
  return {
    issuer,
    keys: keys.map((jwk) => (jwk && typeof jwk === 'object' ? jwkKey(jwk as Record<string, unknown>) : null)).filter((key): key is SigningKey => key !== null),
  };
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const body: unknown = await response.json();
  if (body === null || typeof body !== 'object') throw new Error(`GET ${url} did not answer a JSON object`);
  return body as Record<string, unknown>;
}
