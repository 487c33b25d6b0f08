// A backend's credentials applied to the request being forwarded (spec §4.1: header and query values added,
// authorization as `Authorization: scheme parameter`). They go on the wire only: policies never see them in
// context.Request, as in APIM where they are added by the forwarder.
import { HeaderMap } from '../http/header-map.ts';
import type { BackendCredentials } from './backend.ts';

export interface CredentialedTarget {
  url: string;
  headers: HeaderMap;
}

/** The URL and headers to send; `headers` is returned untouched (not copied) when there is nothing to add. */
export function applyCredentials(credentials: BackendCredentials | undefined, url: string, headers: HeaderMap): CredentialedTarget {
  if (!credentials) return { url, headers };
  const { header, query, authorization } = credentials;
  let outHeaders = headers;
  if (header || authorization) {
    outHeaders = headers.clone();
    // [INFERRED] a credential header replaces a value the client sent (an api-key the backend must get is the
    // backend's, not the caller's).
    if (header) for (const [name, values] of Object.entries(header)) outHeaders.set(name, values);
    if (authorization) outHeaders.set('Authorization', `${authorization.scheme} ${authorization.parameter}`.trim());
  }
  let outUrl = url;
  if (query && Object.keys(query).length > 0) {
    const parsed = new URL(url);
    for (const [name, values] of Object.entries(query)) {
      parsed.searchParams.delete(name);
      for (const value of values) parsed.searchParams.append(name, value);
    }
    outUrl = parsed.href;
  }
  return { url: outUrl, headers: outHeaders };
}
