// context.Deployment (spec §2.2): GatewayId and Gateway.Id/IsManaged come from the runtime's deployment options
// (services.deployment.gatewayId and .managed), so a policy can route by gateway (T13).
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { DeploymentOptions } from '../../src/services.ts';
import { backendOf, policies, routing, upstream } from '../policies/routing/support.ts';

const deployment = (gatewayId: string, managed?: boolean): DeploymentOptions => ({ region: 'local', serviceName: 'apimx', gatewayId, ...(managed === undefined ? {} : { managed }) });

describe('context.Deployment', () => {
  it('T13: route by gateway: factory-gateway → backend-on-prem, other self-hosted gateways → self-hosted-backend, managed → the API backend', async () => {
    const server = await upstream(((req, res) => res.end(req.url)) as http.RequestListener);
    // Verbatim from backends.md.
    const inbound = `<choose>
        <when condition="@(context.Deployment.Gateway.Id == "factory-gateway")">
            <set-backend-service backend-id="backend-on-prem" />
        </when>
        <when condition="@(context.Deployment.Gateway.IsManaged == false)">
            <set-backend-service backend-id="self-hosted-backend" />
        </when>
        <otherwise />
    </choose>`;
    const routed = routing(policies(inbound), {
      'backend-on-prem': { url: `${server.url}/on-prem`, protocol: 'http' },
      'self-hosted-backend': { url: `${server.url}/self-hosted`, protocol: 'http' },
    });
    const send = async (options: DeploymentOptions) => {
      routed.services.deployment = options;
      return (await routed.run({}, backendOf(server, '/op', '/api-default'))).text();
    };
    expect(await send(deployment('factory-gateway'))).toBe('/on-prem/op');
    expect(await send(deployment('branch-gateway'))).toBe('/self-hosted/op');
    expect(await send(deployment('managed'))).toBe('/api-default/op');
  });

  it('GatewayId and Gateway.Id are the configured id; IsManaged defaults to whether that id is "managed" and can be set', async () => {
    const routed = routing(
      policies(`<set-variable name="d" value="@(context.Deployment.GatewayId + "|" + context.Deployment.Gateway.Id + "|" + context.Deployment.Gateway.IsManaged)" /><return-response />`, ''),
    );
    const read = async (options: DeploymentOptions) => {
      routed.services.deployment = options;
      return (await routed.run()).ctx.Variables.get('d');
    };
    expect(await read(deployment('managed'))).toBe('managed|managed|True');
    expect(await read(deployment('factory-gateway'))).toBe('factory-gateway|factory-gateway|False');
    expect(await read(deployment('edge', true))).toBe('edge|edge|True');
    expect(await read(deployment('managed', false))).toBe('managed|managed|False');
  });
});
