// One request through one pipeline. This is Runtime.handle with the context kept, so the trace recorder can
// read what the request did (variables, LastError, trace messages, the backend chosen).
import { RequestContext, type GatewayRequest, type GatewayResponse, type Pipeline, type RequestIdentity, type RuntimeServices } from '@apimx/runtime';

export interface Handled {
  response: GatewayResponse;
  context: RequestContext;
}

export async function runRequest(services: RuntimeServices, pipeline: Pipeline, request: GatewayRequest, identity: RequestIdentity): Promise<Handled> {
  const context = new RequestContext(services, request, identity);
  await pipeline.run(context);
  return { response: toResponse(context), context };
}

/** As the runtime's own toGatewayResponse: a body whose bytes are known gets its real length. */
function toResponse(context: RequestContext): GatewayResponse {
  const { Response } = context;
  const body = Response.Body?.toWire();
  const headers = Response.Headers;
  if (body instanceof Uint8Array) {
    headers.delete('Transfer-Encoding');
    headers.set('Content-Length', String(body.length));
  }
  return { status: Response.StatusCode, reason: Response.StatusReason || undefined, headers, body };
}
