// The Hono app: the admin routes, and every other request handed to the gateway handler, which writes to
// node's response itself (streaming) and tells Hono the response is already sent.
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { mountAdmin, type AdminState } from '../admin/admin-routes.ts';
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
