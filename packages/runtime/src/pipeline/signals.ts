// Control-flow signals that end the flow on purpose (not errors): return-response and mock-response.
// [UNCONFIRMED] whether outbound runs after return-response: the docs say the policy "aborts pipeline
// execution and returns" the response, so apimx ends the whole flow there; outbound does not run.

export class EndOfFlow {
  constructor(readonly source: string) {}
}
