// Control-flow signals that end the flow on purpose (not errors): return-response and mock-response.
// [UNCONFIRMED] whether outbound runs after return-response: the docs say the policy "aborts pipeline
// execution and returns" the response, so apimx ends the whole flow there; outbound does not run.

export class EndOfFlow {
  constructor(readonly source: string) {}
}

/**
 * A cache-lookup hit: the cached response stands, the rest of inbound and the backend are skipped, and outbound
 * runs on it (spec §3.12 "backend skipped"). [UNCONFIRMED] that outbound runs on a hit; APIM's traces show the
 * outbound section (cache-store skipping a cached response), so apimx runs it.
 */
export class SkipToOutbound extends EndOfFlow {}
