import { describe, expect, it } from 'vitest';
import type { OperationResponses } from '../../../src/context/operation-responses.ts';
import { harness } from '../../support/run-policy.ts';

// An operation's documented responses, as the gateway reads them from an OpenAPI definition.
const RESPONSES: OperationResponses = {
  '200': {
    content: {
      'application/json': { example: { id: 7, name: 'Ada' } },
      'application/xml': { example: '<pet><id>7</id></pet>' },
    },
  },
  '201': {
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: {
            id: { type: 'integer', format: 'int64' },
            name: { type: 'string' },
            status: { type: 'string', enum: ['available', 'sold'] },
            tags: { type: 'array', items: { type: 'string' } },
            created: { type: 'string', format: 'date-time' },
            owner: { allOf: [{ type: 'object', properties: { id: { type: 'integer', minimum: 1 } } }, { type: 'object', properties: { verified: { type: 'boolean' } } }] },
          },
        },
      },
      'application/xml': { schema: { type: 'object', properties: { id: { type: 'integer' }, 'pet name': { type: 'string', example: 'Rex & co' } } } },
    },
  },
  '404': { content: { 'application/json': { examples: { missing: { value: { error: 'not found' } } } } } },
  '4XX': { content: { 'text/plain': { example: 'client error' } } },
  default: { content: { 'application/json': { example: { error: 'unexpected' } } } },
  '204': {},
};

describe('mock-response', () => {
  it('T33 mock-response: <mock-response/> answers 200 with the example of the first documented content type', async () => {
    const h = harness('<policies><inbound><mock-response /></inbound></policies>');
    const response = await h.send({}, { responses: RESPONSES });
    expect(response.status).toBe(200);
    expect(response.header('content-type')).toBe('application/json');
    expect(JSON.parse(response.text)).toEqual({ id: 7, name: 'Ada' });
  });

  it("T33 mock-response: status-code='200' content-type picks that media type's example", async () => {
    const h = harness("<policies><inbound><mock-response status-code='200' content-type='application/xml'/></inbound></policies>");
    const response = await h.send({}, { responses: RESPONSES });
    expect(response.header('content-type')).toBe('application/xml');
    expect(response.text).toBe('<pet><id>7</id></pet>');
  });

  it('T33 mock-response: without an example, a sample generated from the schema (JSON and XML)', async () => {
    const json = await harness('<policies><inbound><mock-response status-code="201" content-type="application/json" /></inbound></policies>').send({}, { responses: RESPONSES });
    expect(json.status).toBe(201);
    expect(JSON.parse(json.text)).toEqual({
      id: 0,
      name: 'string',
      status: 'available',
      tags: ['string'],
      created: '2026-01-01T00:00:00Z',
      owner: { id: 1, verified: true },
    });
    const xml = await harness('<policies><inbound><mock-response status-code="201" content-type="application/xml" /></inbound></policies>').send({}, { responses: RESPONSES });
    expect(xml.text).toBe('<root><id>0</id><pet_name>Rex &amp; co</pet_name></root>');
  });

  it('named examples; a status without an entry falls back to its range, then to default', async () => {
    const send = (status: number) => harness(`<policies><inbound><mock-response status-code="${status}" /></inbound></policies>`).send({}, { responses: RESPONSES });
    expect(JSON.parse((await send(404)).text)).toEqual({ error: 'not found' });
    const conflict = await send(409);
    expect([conflict.header('content-type'), conflict.text]).toEqual(['text/plain', 'client error']);
    expect(JSON.parse((await send(500)).text)).toEqual({ error: 'unexpected' });
  });

  it('T33 mock-response: no content documented (or none for the content type, or no definition) → empty body', async () => {
    const noContent = await harness('<policies><inbound><mock-response status-code="204" /></inbound></policies>').send({}, { responses: RESPONSES });
    expect([noContent.status, noContent.text, noContent.header('content-type')]).toEqual([204, '', undefined]);
    const otherType = await harness('<policies><inbound><mock-response content-type="text/csv" /></inbound></policies>').send({}, { responses: RESPONSES });
    expect([otherType.text, otherType.header('content-type')]).toEqual(['', 'text/csv']);
    const noDefinition = await harness("<policies><inbound><mock-response status-code='200' content-type='application/json'/></inbound></policies>").send();
    expect([noDefinition.status, noDefinition.text, noDefinition.header('content-type')]).toEqual([200, '', 'application/json']);
  });

  it('answers the given status with its reason phrase', async () => {
    const h = harness('<policies><inbound><mock-response status-code="404" /></inbound></policies>');
    const response = await h.send();
    expect(response.status).toBe(404);
    expect(response.reason).toBe('Not Found');
  });

  it('[UNCONFIRMED] outbound does not run after mock-response: it ends the flow like return-response', async () => {
    const h = harness(`<policies>
      <inbound><mock-response /></inbound>
      <backend><forward-request /></backend>
      <outbound><set-header name="x-outbound" exists-action="override"><value>ran</value></set-header><set-body>not this</set-body></outbound>
    </policies>`);
    const response = await h.send({}, { responses: RESPONSES });
    expect(response.header('x-outbound')).toBeUndefined();
    expect(JSON.parse(response.text)).toEqual({ id: 7, name: 'Ada' });
  });
});
