// send-one-way-request: fire and forget. The request leaves and the pipeline goes on at once; nothing about the
// call (a bad URL, a refused connection, a timeout) can fail the request: failures are written to the traces.
import type { RequestContext } from '../../context/request-context.ts';
import { defaultForwarder } from '../../http/forwarder.ts';
import type { PolicyImplementation } from '../types.ts';
import { requestTemplate } from './outgoing-request.ts';

const SOURCE = 'send-one-way-request';

export const sendOneWayRequest: PolicyImplementation = {
  name: SOURCE,
  build(node, build) {
    const template = requestTemplate(node, build);
    const timeout = build.number(node, 'timeout');
    const forwarder = build.services.forwarder ?? defaultForwarder();
    return {
      readsRequestBody: template.readsRequestBody,
      run(ctx) {
        // Nothing here may fail the request: building the call (expressions, a token) and sending it are both
        // caught and traced. No client signal: the call outlives the request that made it.
        const send = async (): Promise<void> => {
          const request = await template.create(ctx);
          if (!request.url) throw new Error('no URL to call (set-url is missing or empty)');
          const timeoutMs = (timeout(ctx) ?? 60) * 1000;
          const call = `${request.method} ${request.url}`;
          let result;
          try {
            result = await forwarder.forward({ method: request.method, url: request.url, headers: request.headers, body: request.body, clientIp: ctx.Request.IpAddress }, request.url, { timeoutMs });
          } catch (error) {
            throw new Error(`${call} failed: ${(error as Error).message}`, { cause: error });
          }
          // Drain so the socket goes back to the pool.
          if (!(result.body instanceof Uint8Array)) result.body.resume();
          if (result.status >= 400) trace(ctx, 'warning', `${call} answered ${result.status}`);
        };
        send().catch((error: unknown) => trace(ctx, 'error', (error as Error).message));
      },
    };
  },
};

function trace(ctx: RequestContext, severity: string, message: string): void {
  ctx.traces.push({ source: SOURCE, severity, message });
}
