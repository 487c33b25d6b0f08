// set-backend-service (spec §3.5): the request goes to another base URL, or to a backend entity by id. The
// operation path and query stay; context.Request.Url becomes the new backend URL at once. A backend's
// credentials are added when the request is forwarded (forward-request), not here.
import { PolicyError } from '@apimx/parser';
import { resolveBackend } from '../../backends/resolve-backend.ts';
import type { RequestContext } from '../../context/request-context.ts';
import { errorBody, PolicyFault } from '../../pipeline/fault.ts';
import type { PolicyImplementation } from '../types.ts';

const UNSUPPORTED_PREFIXES = ['sf-', 'dapr-'];

export const setBackendService: PolicyImplementation = {
  name: 'set-backend-service',
  build(node, build) {
    for (const name of Object.keys(node.attributes)) {
      if (UNSUPPORTED_PREFIXES.some((prefix) => name.startsWith(prefix))) {
        const kind = name.startsWith('sf-') ? 'Service Fabric' : 'Dapr';
        throw new PolicyError(build.file, node.attributes[name]!.pos, `set-backend-service: ${name} is not supported (${kind} backends cannot run in apimx)`);
      }
    }
    if (node.attributes['backend-id']) {
      const backendId = build.string(node, 'backend-id');
      return {
        run(ctx) {
          const id = backendId(ctx);
          if (!id) throw invalid('backend-id is empty', ctx);
          const backend = resolveBackend(id, ctx);
          rebase(ctx, backend.url, backend.backendId);
        },
      };
    }
    const baseUrl = build.string(node, 'base-url');
    return {
      run(ctx) {
        const url = baseUrl(ctx);
        if (!url) throw invalid('base-url is empty', ctx);
        rebase(ctx, url, null);
      },
    };
  },
};

function rebase(ctx: RequestContext, baseUrl: string, backendId: string | null): void {
  if (!validBaseUrls.has(baseUrl)) {
    let parsed: URL;
    try {
      parsed = new URL(baseUrl);
    } catch {
      throw invalid(`base URL '${baseUrl}' is not an absolute URL`, ctx);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid(`base URL '${baseUrl}' is not http or https`, ctx);
    if (validBaseUrls.size >= 1024) validBaseUrls.clear();
    validBaseUrls.add(baseUrl);
  }
  // A URL nobody has read is still text: rebase the text (memoised) rather than parse it on every request.
  const text = ctx.Request.untouchedUrlText();
  if (text !== null) ctx.Request.retarget(ctx.backend.rebaseText(text, baseUrl, backendId));
  else ctx.backend.rebase(ctx.Request.Url, baseUrl, backendId);
}

// Base URLs already checked (a backend's url or a base-url comes by again and again).
const validBaseUrls = new Set<string>();

function invalid(message: string, ctx: RequestContext): PolicyFault {
  return new PolicyFault('set-backend-service', null, `set-backend-service: ${message}`, {
    status: 500,
    reason: 'Internal Server Error',
    body: errorBody(500, 'Internal server error', { activityId: ctx.requestId }),
  });
}
