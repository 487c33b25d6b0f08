// A backend entity's tls settings (spec §4.1): certificate chain and name validation on by default, switched off
// per backend only. The upstream presents a self-signed certificate for backend.invalid (test/fixtures).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routing } from '../policies/routing/support.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url);
let upstream: Server;
let url = '';

beforeAll(async () => {
  upstream = createServer(
    { key: readFileSync(new URL('self-signed.key.pem', FIXTURES)), cert: readFileSync(new URL('self-signed.cert.pem', FIXTURES)) },
    (_req, res) => res.end('secure hello'),
  );
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

const POLICY = `<policies>
  <inbound><set-backend-service backend-id="b" /></inbound>
  <backend><forward-request timeout="5" /></backend>
  <outbound />
  <on-error><set-header name="x-reason" exists-action="override"><value>@(context.LastError.Reason)</value></set-header></on-error>
</policies>`;

async function call(tls?: { validateCertificateChain?: boolean; validateCertificateName?: boolean }) {
  const r = routing(POLICY, { b: { url, ...(tls ? { tls } : {}) } });
  const { response, text } = await r.run();
  return { status: response.status, reason: response.headers.first('x-reason'), body: await text() };
}

describe('backend tls', () => {
  it('validates the chain by default: a self-signed backend is a connection failure', async () => {
    expect(await call()).toMatchObject({ status: 500, reason: 'BackendConnectionFailure' });
  });

  it('with the chain check off, the name is still checked', async () => {
    expect(await call({ validateCertificateChain: false })).toMatchObject({ status: 500, reason: 'BackendConnectionFailure' });
  });

  it('with both checks off, the call goes through', async () => {
    expect(await call({ validateCertificateChain: false, validateCertificateName: false })).toMatchObject({ status: 200, body: 'secure hello' });
  });

  it('relaxing one backend does not relax the default for others', async () => {
    await call({ validateCertificateChain: false, validateCertificateName: false });
    expect(await call()).toMatchObject({ status: 500, reason: 'BackendConnectionFailure' });
  });
});
