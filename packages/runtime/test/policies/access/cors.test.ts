import { OperationInfo } from '@apimx/parser';
import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';

const doc = (policy: string) => `<policies><inbound>${policy}</inbound><backend /><outbound /><on-error /></policies>`;
const T36 = `<cors allow-credentials="true">
  <allowed-origins><origin>http://localhost:8080/</origin><origin>http://example.com/</origin></allowed-origins>
  <allowed-methods preflight-result-max-age="300"><method>GET</method><method>POST</method><method>PATCH</method><method>DELETE</method></allowed-methods>
  <allowed-headers><header>x-zumo-installation-id</header><header>x-zumo-application</header><header>x-zumo-version</header><header>x-zumo-auth</header><header>content-type</header><header>accept</header></allowed-headers>
  <expose-headers><header>x-zumo-installation-id</header><header>x-zumo-application</header></expose-headers>
</cors>
<rate-limit-by-key calls="1" renewal-period="60" counter-key="after-cors" />`;

const preflight = (origin: string, method = 'PATCH', headers = 'content-type, x-zumo-auth') => ({
  method: 'OPTIONS',
  headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': headers },
});

describe('cors', () => {
  it('T36 CORS: a preflight from an allowed origin is answered by the policy with the CORS headers', async () => {
    const h = harness(doc(T36));
    const response = await h.send(preflight('http://localhost:8080'));
    expect(response.status).toBe(200);
    expect(response.header('Access-Control-Allow-Origin')).toBe('http://localhost:8080');
    expect(response.header('Access-Control-Allow-Credentials')).toBe('true');
    expect(response.header('Access-Control-Max-Age')).toBe('300');
    expect(response.header('Access-Control-Allow-Methods')).toBe('PATCH');
    expect(response.header('Access-Control-Allow-Headers')).toBe('content-type,x-zumo-auth');
    expect(response.text).toBe('');
    // The flow ended at cors: the rate limit after it never counted the preflights.
    await h.send(preflight('http://example.com'));
    expect((await h.send({ headers: { Origin: 'http://example.com' } })).status).toBe(200);
  });

  it('T36 CORS: a preflight from another origin, or for a method or header not allowed, gets an empty 200', async () => {
    const h = harness(doc(T36));
    for (const request of [preflight('http://evil.example'), preflight('http://localhost:8080', 'PUT'), preflight('http://localhost:8080', 'GET', 'x-other')]) {
      const response = await h.send(request);
      expect(response.status).toBe(200);
      expect(response.header('Access-Control-Allow-Origin')).toBeUndefined();
      expect(response.text).toBe('');
    }
  });

  it('T36 CORS: an actual request from an allowed origin gets Allow-Origin, Allow-Credentials and Expose-Headers', async () => {
    const h = harness(doc(T36));
    const response = await h.send({ method: 'POST', headers: { Origin: 'http://localhost:8080' } });
    expect(response.status).toBe(200);
    expect(response.header('Access-Control-Allow-Origin')).toBe('http://localhost:8080');
    expect(response.header('Access-Control-Allow-Credentials')).toBe('true');
    expect(response.header('Access-Control-Expose-Headers')).toBe('x-zumo-installation-id,x-zumo-application');
    expect(response.header('Vary')).toBe('Origin');
  });

  it('[UNCONFIRMED] terminate-unmatched-request defaults to false (the attribute table): a request from another origin goes on without CORS headers', async () => {
    const h = harness(doc(T36));
    const response = await h.send({ headers: { Origin: 'http://other.example' } });
    expect(response.status).toBe(200);
    expect(response.header('Access-Control-Allow-Origin')).toBeUndefined();
    expect((await h.send({ headers: { Origin: 'http://other.example' } })).status).toBe(429); // the flow went on
  });

  it('terminate-unmatched-request="true": an unmatched GET gets an empty 200 and the flow ends', async () => {
    const h = harness(doc(T36.replace('<cors allow-credentials="true">', '<cors allow-credentials="true" terminate-unmatched-request="true">')));
    for (let i = 0; i < 2; i++) {
      const response = await h.send({ headers: { Origin: 'http://other.example' } });
      expect(response.status).toBe(200);
      expect(response.header('Access-Control-Allow-Origin')).toBeUndefined();
    }
  });

  it('origin * allows any origin; without credentials the header is *; methods default to GET and POST', async () => {
    const h = harness(doc('<cors><allowed-origins><origin>*</origin></allowed-origins><allowed-headers><header>*</header></allowed-headers></cors>'));
    const actual = await h.send({ headers: { Origin: 'https://anything.example' } });
    expect(actual.header('Access-Control-Allow-Origin')).toBe('*');
    const post = await h.send(preflight('https://anything.example', 'POST', 'x-whatever'));
    expect(post.header('Access-Control-Allow-Origin')).toBe('*');
    expect(post.header('Access-Control-Allow-Headers')).toBe('x-whatever');
    expect(post.header('Access-Control-Max-Age')).toBeUndefined();
    expect((await h.send(preflight('https://anything.example', 'DELETE', ''))).header('Access-Control-Allow-Origin')).toBeUndefined();
  });

  it('requests without Origin are not touched; OPTIONS without Access-Control-Request-Method is not a preflight', async () => {
    const h = harness(doc(T36));
    const plain = await h.send({ method: 'OPTIONS' });
    expect(plain.header('Access-Control-Allow-Origin')).toBeUndefined();
    expect((await h.send({ method: 'OPTIONS' })).status).toBe(429); // the flow went on to the rate limit
  });

  it('a preflight runs only the cors policies: policies before cors (here inherited from global) and in other sections do not run', async () => {
    const h = harness({
      global: `<policies><inbound><rate-limit-by-key calls="1" renewal-period="60" counter-key="global" /></inbound><backend /><outbound /></policies>`,
      api: `<policies><inbound><base />${T36}</inbound><outbound><set-header name="x-outbound" exists-action="override"><value>ran</value></set-header></outbound></policies>`,
    });
    for (let i = 0; i < 3; i++) {
      const response = await h.send(preflight('http://localhost:8080'));
      expect(response.status).toBe(200);
      expect(response.header('Access-Control-Allow-Origin')).toBe('http://localhost:8080');
      expect(response.header('x-outbound')).toBeUndefined();
    }
    // The approved request then runs everything: the global rate limit counts it (and the next one is refused).
    const actual = await h.send({ method: 'PATCH', headers: { Origin: 'http://localhost:8080' } });
    expect([actual.status, actual.header('x-outbound')]).toEqual([200, 'ran']);
    expect((await h.send({ method: 'PATCH', headers: { Origin: 'http://localhost:8080' } })).status).toBe(429);
  });

  it('an unmatched preflight tries the next cors of inbound when terminate-unmatched-request is false; true answers an empty 200 at once', async () => {
    const cors = (origin: string, terminate: boolean) =>
      `<cors terminate-unmatched-request="${terminate}"><allowed-origins><origin>${origin}</origin></allowed-origins><allowed-headers><header>*</header></allowed-headers></cors>`;
    const chain = (terminate: boolean) =>
      harness({
        global: `<policies><inbound>${cors('https://global.example', false)}</inbound><backend /><outbound /></policies>`,
        api: `<policies><inbound>${cors('https://api.example', terminate)}<base /></inbound></policies>`,
      });
    const tried = await chain(false).send(preflight('https://global.example', 'GET', ''));
    expect(tried.header('Access-Control-Allow-Origin')).toBe('https://global.example');
    expect((await chain(false).send(preflight('https://api.example', 'GET', ''))).header('Access-Control-Allow-Origin')).toBe('https://api.example');
    const none = await chain(false).send(preflight('https://nobody.example', 'GET', ''));
    expect([none.status, none.text, none.header('Access-Control-Allow-Origin')]).toEqual([200, '', undefined]);
    const terminated = await chain(true).send(preflight('https://global.example', 'GET', ''));
    expect([terminated.status, terminated.header('Access-Control-Allow-Origin')]).toEqual([200, undefined]);
  });

  it('an operation defined for OPTIONS is not a preflight: its policies run and cors does not answer', async () => {
    const h = harness(doc(`${T36}<return-response><set-status code="204" reason="No Content" /></return-response>`));
    const response = await h.send(preflight('http://localhost:8080'), { operation: new OperationInfo({ Id: 'options', Method: 'OPTIONS', Name: 'options', UrlTemplate: '/' }) });
    expect(response.status).toBe(204);
    expect(response.header('Access-Control-Max-Age')).toBeUndefined();
  });
});

