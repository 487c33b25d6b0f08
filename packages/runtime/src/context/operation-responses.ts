// The responses an operation's API definition documents (OpenAPI 3 `responses`, $refs resolved by whoever read the
// definition): what mock-response builds its answer from (spec §3.10). The gateway passes them with the request
// (RequestIdentity.responses); an operation without a definition has none.

/** Status code ("200", "2XX" or "default") → the documented response. */
export type OperationResponses = Readonly<Record<string, DocumentedResponse>>;

export interface DocumentedResponse {
  /** Media type ("application/json") → its example(s) and schema, in the definition's order. */
  content?: Readonly<Record<string, DocumentedContent>>;
}

export interface DocumentedContent {
  example?: unknown;
  /** Named examples; the first one with a value is used. */
  examples?: Readonly<Record<string, { value?: unknown }>>;
  /** A JSON Schema (OpenAPI's subset). */
  schema?: unknown;
}
