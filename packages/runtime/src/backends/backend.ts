// A backend entity as APIM's ARM/Bicep `properties` of Microsoft.ApiManagement/service/backends hold it
// (spec §4.1). Configuration hands these over as pasted; validate-backend.ts says what is wrong with them.

/** `credentials` of a backend: added to every request forwarded to it. */
export interface BackendCredentials {
  /** Header name → values (named values already substituted by whoever loads the configuration). */
  header?: Readonly<Record<string, readonly string[]>>;
  /** Query parameter name → values. */
  query?: Readonly<Record<string, readonly string[]>>;
  /** Sent as `Authorization: <scheme> <parameter>`. */
  authorization?: { scheme: string; parameter: string };
}

export interface BackendTls {
  validateCertificateChain?: boolean;
  validateCertificateName?: boolean;
}

export interface StatusCodeRange {
  min: number;
  max: number;
}

export interface FailureCondition {
  /** Failures within `interval` that trip the breaker. */
  count?: number;
  /** Share of failed calls within `interval` (ARM has it; semantics [UNCONFIRMED], see circuit-breaker.ts). */
  percentage?: number;
  /** ISO 8601 duration of the counting window. */
  interval?: string;
  statusCodeRanges?: readonly StatusCodeRange[];
  /** Free text in APIM; see error-reasons.ts for what apimx matches. */
  errorReasons?: readonly string[];
}

export interface CircuitBreakerRule {
  name?: string;
  failureCondition?: FailureCondition;
  /** ISO 8601 duration the breaker stays open. */
  tripDuration?: string;
  /** Stay open for the backend's Retry-After instead of tripDuration when it sends one. */
  acceptRetryAfter?: boolean;
}

export interface PoolMember {
  /** ARM id (`/subscriptions/.../backends/<name>`), the short `/backends/<name>`, or the bare name. */
  id: string;
  priority?: number | null;
  weight?: number | null;
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
  tls?: BackendTls;
  pool?: { services?: readonly PoolMember[]; sessionAffinity?: unknown };
  circuitBreaker?: { rules?: readonly CircuitBreakerRule[] };
}

/** The backend name a pool member's id refers to: the segment after the last `/backends/`. */
export function memberName(id: string): string {
  const at = id.toLowerCase().lastIndexOf('/backends/');
  return at < 0 ? id : id.slice(at + '/backends/'.length);
}

export function isPool(backend: BackendProperties): boolean {
  return backend.type?.toLowerCase() === 'pool';
}
