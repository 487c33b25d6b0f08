// A backend entity as APIM's ARM/Bicep `properties` of Microsoft.ApiManagement/service/backends hold it (spec §4.1),
// limited to what routing needs now. Pools and circuit breakers (`type: Pool`, `pool`, `circuitBreaker`) are
// typed so configuration can carry them; resolveBackend refuses them until the backends issue implements them.

/** `credentials` of a backend: added to every request forwarded to it. */
export interface BackendCredentials {
  /** Header name → values (named values already substituted by whoever loads the configuration). */
  header?: Readonly<Record<string, readonly string[]>>;
  /** Query parameter name → values. */
  query?: Readonly<Record<string, readonly string[]>>;
  /** Sent as `Authorization: <scheme> <parameter>`. */
  authorization?: { scheme: string; parameter: string };
}

export interface BackendProperties {
  /** Runtime URL of a Single backend; the base URL requests are rebased on. */
  url?: string;
  /** `http` or `soap`. */
  protocol?: string;
  /** `Single` (default) or `Pool`. */
  type?: string;
  description?: string;
  title?: string;
  credentials?: BackendCredentials;
  pool?: unknown;
  circuitBreaker?: unknown;
}
