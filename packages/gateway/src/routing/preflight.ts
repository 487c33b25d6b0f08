// CORS preflights and routing (spec §3.11 cors). A browser's preflight is `OPTIONS` with `Origin` and
// `Access-Control-Request-Method`, and no custom headers, so no subscription key in a header.
//
// What APIM documents (cors-policy.md, rev 2024-07; api-management-cross-domain-policies.md "Preflight failures
// with CORS policy"; developer-portal-faq.md#cors):
// - the cors policy works at the global, product, API and operation scopes and answers preflights ("only the cors
//   policy is evaluated on the OPTIONS request during preflight"), so a preflight reaches the policies of an
//   operation although APIs (the Azure OpenAI import, most OpenAPI files) define no OPTIONS operation;
// - "if a request matches an operation with an OPTIONS method defined in the API", the preflight logic does not
//   run: that operation is used as for any request;
// - at product scope cors fails for a key sent in a header: "API Management requires the subscription key to
//   resolve the product" and "can't associate the OPTIONS call with a Product"; a key in the query string works.
//   At the global and API scopes it works without a key (the portal's "Enable CORS" puts it at global scope for
//   a console that sends the key in a header).
//
// What apimx does:
// - [INFERRED] a preflight is matched to an operation defined for OPTIONS on the path, else to the operation the
//   actual request will match: the method named by Access-Control-Request-Method (how a preflight can reach an
//   operation-scope cors); no operation for either → the usual 404. An OPTIONS without Origin or without
//   Access-Control-Request-Method is not a preflight and is routed as OPTIONS (404 without an OPTIONS operation).
// - [INFERRED] a preflight without a key where one is required is answered, not refused with 401, when the
//   request's pipeline without a product (global → API → operation) has cors at the top of inbound: that cors
//   answers it. Otherwise (no cors, or cors only at product scope) the 401 stands, APIM's documented failure. A
//   key that is sent (in the query) is checked as always: a valid one gives the product context, so product
//   cors answers; an invalid one is refused with 401.
// - A preflight routed to an operation whose pipeline has no cors at the top of inbound runs that pipeline as any
//   request (a nested cors answers when reached; without cors the OPTIONS goes to the backend, for backends with
//   their own CORS support, as the docs' "when the backends don't provide their own CORS support" implies).
import type { HeaderMap } from '@apimx/runtime';

/** The method a CORS preflight asks about (upper case), or null when the request is not a preflight. */
export function preflightMethod(method: string, headers: HeaderMap): string | null {
  if (method !== 'OPTIONS' || !headers.has('Origin')) return null;
  const requested = headers.first('Access-Control-Request-Method');
  return requested === undefined ? null : requested.trim().toUpperCase();
}
