// The Hono app: the admin routes, and every other request handed to the gateway handler, which writes to
// node's response itself (streaming) and tells Hono the response is already sent.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { ADMIN_PREFIX, mountAdmin, type AdminState } from '../admin/admin-routes.ts';
import type { GatewayHandler } from '../http/gateway-handler.ts';

export function createGatewayApp(handler: GatewayHandler, admin: AdminState): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>();
  mountAdmin(app as unknown as Hono, admin);
  app.all('*', (c) => {
    void handler.handle(c.env.incoming, c.env.outgoing);
    return RESPONSE_ALREADY_SENT;
  });
  return app;
}

// A Host that @hono/node-server accepts as it is (it answers 400 to a missing or odd one).
const PLAIN_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * node:http's listener. A proxied request whose target and Host Hono would take as they are goes straight to
 * the handler (what the app's catch-all route would do, minus Hono's Request, Context and routing: a few µs
 * per request); the admin prefix and anything unusual go through the Hono app, which decides as it always did.
 */
export function createRequestListener(handler: GatewayHandler, admin: AdminState): RequestListener {
  const viaHono = getRequestListener(createGatewayApp(handler, admin).fetch, { overrideGlobalObjects: false, autoCleanupIncoming: false });
  return (req: IncomingMessage, res: ServerResponse) => {
    if (isPlainProxyRequest(req)) void handler.handle(req, res);
    else void viaHono(req, res);
  };
}

function isPlainProxyRequest(req: IncomingMessage): boolean {
  const target = req.url ?? '';
  const host = req.headers.host;
  return (
    target.charCodeAt(0) === 0x2f /* '/' */ &&
    !target.startsWith(ADMIN_PREFIX) &&
    !target.includes('\\') &&
    host !== undefined &&
    PLAIN_HOST.test(host)
  );
}
