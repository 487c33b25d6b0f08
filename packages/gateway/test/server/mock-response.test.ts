// mock-response through the gateway (spec §3.10, T33): an API imported from an OpenAPI definition gives each
// operation its documented responses ($refs resolved), and mock-response answers from them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';

const PETSTORE = `
openapi: 3.0.1
info: { title: pets, version: '1' }
paths:
  /pets/{id}:
    get:
      operationId: getPet
      responses:
        '200':
          content:
            application/json:
              examples:
                cat: { $ref: '#/components/examples/cat' }
        '404':
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Error' }
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/Pet' } }
components:
  examples:
    cat: { value: { id: 1, name: Tom, kind: cat } }
  schemas:
    Pet:
      type: object
      properties:
        id: { type: integer }
        name: { type: string }
        parent: { $ref: '#/components/schemas/Pet' }
    Error:
      type: object
      properties:
        code: { type: integer, example: 404 }
        message: { type: string, default: not found }
`;

describe('mock-response from an OpenAPI definition', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const mock = (attributes: string) => policies({ inbound: `<mock-response ${attributes} />` });
    const dir = writeFixture({
      'apimx.yaml': `
apis:
  pets:
    path: pets-api
    subscriptionRequired: false
    operations: { openapi: petstore.yaml }
    operationPolicies: { getPet: get-pet.xml, listPets: list-pets.xml }
`,
      'petstore.yaml': PETSTORE,
      'get-pet.xml': mock('status-code="@(context.Request.MatchedParameters[&quot;id&quot;] == &quot;1&quot; ? 200 : 404)"'),
      'list-pets.xml': mock(''),
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('T33 mock-response: the documented example of the status, found through $refs', async () => {
    const response = await fetch(`${gateway.url}/pets-api/pets/1`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ id: 1, name: 'Tom', kind: 'cat' });
  });

  it("T33 mock-response: a sample of the status's schema when it has no example", async () => {
    const missing = await fetch(`${gateway.url}/pets-api/pets/2`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 404, message: 'not found' });
  });

  it('a recursive schema is sampled to a bounded depth', async () => {
    const list = (await (await fetch(`${gateway.url}/pets-api/pets`)).json()) as { id: number; name: string; parent: unknown }[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: 0, name: 'string', parent: { id: 0, name: 'string' } });
    let depth = 0;
    for (let pet: unknown = list[0]; pet !== null; pet = (pet as { parent: unknown }).parent) depth++;
    expect(depth).toBeGreaterThan(2);
    expect(depth).toBeLessThan(20);
  });
});
