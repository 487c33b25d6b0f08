// service.gatewayId: which gateway this apimx is, as context.Deployment shows it. T13 (route by gateway) over
// HTTP: the factory gateway, another self-hosted gateway and the managed one (the default) each reach their backend.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

const T13 = `<base />
<choose>
    <when condition="@(context.Deployment.Gateway.Id == "factory-gateway")">
        <set-backend-service backend-id="backend-on-prem" />
    </when>
    <when condition="@(context.Deployment.Gateway.IsManaged == false)">
        <set-backend-service backend-id="self-hosted-backend" />
    </when>
    <otherwise />
</choose>`;

const DEPLOYMENT = '<set-header name="x-deployment" exists-action="override"><value>@(context.Deployment.GatewayId + "|" + context.Deployment.Gateway.IsManaged + "|" + context.Deployment.ServiceName + "|" + context.Deployment.Region)</value></set-header>';

describe('service.gatewayId and context.Deployment', () => {
  let upstream: Upstream;
  let gateway: RunningGateway;
  let dir: string;

  const config = (service: string): string => `
service: ${service}
backends:
  backend-on-prem: { url: "${upstream.url}/on-prem" }
  self-hosted-backend: { url: "${upstream.url}/self-hosted" }
apis:
  a: { path: a, serviceUrl: "${upstream.url}/default", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: / } ], policy: api.xml }
`;

  beforeAll(async () => {
    upstream = await startUpstream((req, res) => res.end(req.url));
    dir = writeFixture({ 'apimx.yaml': config('{ name: contoso, region: West Europe }'), 'api.xml': policies({ inbound: T13, outbound: `<base />${DEPLOYMENT}` }) });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function call(): Promise<[string, string | null]> {
    const reply = await fetch(`${gateway.url}/a/`);
    return [await reply.text(), reply.headers.get('x-deployment')];
  }

  it('T13: the managed gateway (no gatewayId) keeps the API default backend', async () => {
    expect(await call()).toEqual(['/default/', 'managed|True|contoso|West Europe']);
  });

  it('T13: gateway factory-gateway goes to backend-on-prem', async () => {
    writeFileSync(`${dir}/apimx.yaml`, config('{ name: contoso, region: Factory Floor, gatewayId: factory-gateway }'));
    expect(await gateway.reload()).toMatchObject({ ok: true });
    expect(await call()).toEqual(['/on-prem/', 'factory-gateway|False|contoso|Factory Floor']);
  });

  it('T13: any other self-hosted gateway goes to self-hosted-backend', async () => {
    writeFileSync(`${dir}/apimx.yaml`, config('{ name: contoso, region: Edge, gatewayId: edge-gw }'));
    expect(await gateway.reload()).toMatchObject({ ok: true });
    expect(await call()).toEqual(['/self-hosted/', 'edge-gw|False|contoso|Edge']);
  });
});
