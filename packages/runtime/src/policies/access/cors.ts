// cors (spec §3.11, T36). A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered by the
// policy itself: 200 with the CORS headers when origin, method and headers are allowed, an empty 200 otherwise.
// When cors is a direct child of inbound, a preflight runs the cors policies alone (pipeline/preflight.ts: the
// docs' "only the cors policy is evaluated on the OPTIONS request during preflight"), and an unmatched one with
// terminate-unmatched-request="false" lets the next cors try; a cors nested deeper (in choose) answers when reached.
// An actual request from an allowed origin gets Access-Control-Allow-Origin (and -Credentials, -Expose-Headers) on
// whatever response ends the flow; from another origin it goes on without them, unless terminate-unmatched-request
// is true and it is a GET or HEAD: then an empty 200.
// [UNCONFIRMED] the default of terminate-unmatched-request: the attribute table says false, the "common issues"
// text says true (spec §10.6). apimx follows the attribute table, the reference part of the page: false, so an
// unmatched simple request goes on without CORS headers unless the policy asks for true.
import type { RequestContext } from '../../context/request-context.ts';
import { ContextResponse } from '../../context/request-context.ts';
import { isPreflight } from '../../pipeline/preflight.ts';
import { EndOfFlow } from '../../pipeline/signals.ts';
import { PolicyError } from '@apimx/parser';
import type { PolicyImplementation } from '../types.ts';
import { textList } from './text-list.ts';
import { originMatcher } from './cors-origins.ts';

const DEFAULT_METHODS = ['GET', 'POST'];

export const corsPolicy: PolicyImplementation = {
  name: 'cors',
  build(node, build) {
    const list = (wrapper: string, item: string): readonly string[] | null => {
      const items = textList(build, node, wrapper, item);
      if (!items.present) return null;
      // [UNCONFIRMED] whether APIM evaluates expressions here; apimx reads these lists as literal text.
      if (!items.constant) throw new PolicyError(build.file, node.pos, `cors: <${wrapper}> entries must be literal text`);
      return items.constant;
    };
    const allowCredentials = build.bool(node, 'allow-credentials');
    const terminate = build.bool(node, 'terminate-unmatched-request');
    const origins = originMatcher(list('allowed-origins', 'origin') ?? []);
    const anyOrigin = (list('allowed-origins', 'origin') ?? []).some((origin) => origin.trim() === '*');
    const methods = (list('allowed-methods', 'method') ?? DEFAULT_METHODS).map((method) => method.trim().toUpperCase());
    const anyMethod = methods.includes('*');
    const headers = (list('allowed-headers', 'header') ?? []).map((header) => header.trim().toLowerCase());
    const anyHeader = headers.includes('*');
    const exposed = (list('expose-headers', 'header') ?? []).map((header) => header.trim()).join(',');
    const methodsElement = build.elements(node, 'allowed-methods')[0];
    const maxAge = methodsElement ? build.number(methodsElement, 'preflight-result-max-age') : () => 0;

    function allowOrigin(ctx: RequestContext, origin: string, credentials: boolean): string {
      // With credentials a browser refuses `*`, so the origin is echoed (as for any listed origin).
      return anyOrigin && !credentials ? '*' : origin;
    }

    /** Answers the preflight (true), or false when unmatched and terminate-unmatched-request is not true. */
    function preflight(ctx: RequestContext, origin: string): boolean {
      const method = (ctx.Request.Headers.first('Access-Control-Request-Method') ?? '').trim().toUpperCase();
      const requested = (ctx.Request.Headers.joined('Access-Control-Request-Headers') ?? '')
        .split(',')
        .map((header) => header.trim())
        .filter((header) => header !== '');
      const matched =
        origins(origin) &&
        (anyMethod || methods.includes(method)) &&
        (anyHeader || requested.every((header) => headers.includes(header.toLowerCase())));
      if (!matched && terminate(ctx) !== true) return false;
      const response = (ctx.Response = new ContextResponse());
      if (matched) {
        const credentials = allowCredentials(ctx) === true;
        response.Headers.set('Access-Control-Allow-Origin', allowOrigin(ctx, origin, credentials));
        if (credentials) response.Headers.set('Access-Control-Allow-Credentials', 'true');
        response.Headers.set('Access-Control-Allow-Methods', method);
        if (requested.length > 0) response.Headers.set('Access-Control-Allow-Headers', requested.join(','));
        const age = maxAge(ctx) ?? 0;
        if (age > 0) response.Headers.set('Access-Control-Max-Age', String(age));
        if (!anyOrigin || credentials) response.Headers.set('Vary', 'Origin');
      }
      return true;
    }

    return {
      answerPreflight(ctx) {
        return preflight(ctx, ctx.Request.Headers.first('Origin') ?? '');
      },
      run(ctx) {
        const origin = ctx.Request.Headers.first('Origin');
        if (origin === undefined) return;
        if (isPreflight(ctx)) {
          // Reached in the normal flow (nested in choose...): no other cors is tried; unmatched is an empty 200.
          if (!preflight(ctx, origin)) ctx.Response = new ContextResponse();
          throw new EndOfFlow(node.element);
        }
        if (!origins(origin)) {
          if (terminate(ctx) === true && (ctx.Request.Method === 'GET' || ctx.Request.Method === 'HEAD')) {
            ctx.Response = new ContextResponse();
            throw new EndOfFlow(node.element);
          }
          return;
        }
        const credentials = allowCredentials(ctx) === true;
        const value = allowOrigin(ctx, origin, credentials);
        ctx.onComplete.push((done) => {
          const headers = done.Response.Headers;
          headers.set('Access-Control-Allow-Origin', value);
          if (credentials) headers.set('Access-Control-Allow-Credentials', 'true');
          if (exposed) headers.set('Access-Control-Expose-Headers', exposed);
          if (value !== '*') headers.append('Vary', 'Origin');
        });
      },
    };
  },
};
