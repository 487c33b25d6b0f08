import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probeHarness } from '../probe.ts';
import { upstream } from '../routing/support.ts';

/** A document whose outbound gives the response an XML body (set-body) and then runs `policy` on it. */
const converting = (policy: string, body: string, contentType = 'application/xml') =>
  harness(`<policies><inbound /><backend /><outbound>
    <set-header name="Content-Type" exists-action="override"><value>${contentType}</value></set-header>
    <set-body>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</set-body>
    ${policy}
  </outbound></policies>`);

const DIRECT = '<xml-to-json kind="direct" apply="always" consider-accept-header="false" />';

describe('xml-to-json', () => {
  it('T24 isMobile: the documented policy end to end: mobile=true on the backend URL and the XML answer turned into JSON', async () => {
    const server = await upstream((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="utf-8"?><forecast url="${req.url!.replace(/&/g, '&amp;')}"><day>Mon</day><day>Tue</day></forecast>`);
    });
    const h = harness({
      api: `<policies>
        <inbound>
          <set-variable name="isMobile" value="@(context.Request.Headers.GetValueOrDefault("User-Agent","").Contains("iPad") || context.Request.Headers.GetValueOrDefault("User-Agent","").Contains("iPhone"))" />
          <base />
          <choose>
            <when condition="@(context.Variables.GetValueOrDefault<bool>("isMobile"))">
              <set-query-parameter name="mobile" exists-action="override"><value>true</value></set-query-parameter>
            </when>
            <otherwise>
              <set-query-parameter name="mobile" exists-action="override"><value>false</value></set-query-parameter>
            </otherwise>
          </choose>
        </inbound>
        <backend><forward-request /></backend>
        <outbound>
          <base />
          <choose>
            <when condition="@(context.Variables.GetValueOrDefault<bool>("isMobile"))">
              <xml-to-json kind="direct" apply="always" consider-accept-header="false"/>
            </when>
          </choose>
        </outbound>
      </policies>`,
    });
    const identity = { backendUrl: `${server.url}/weather` };
    const mobile = await h.send({ headers: { 'User-Agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)' } }, identity);
    expect(mobile.header('content-type')).toBe('application/json');
    expect(JSON.parse(mobile.text)).toEqual({
      '?xml': { '@version': '1.0', '@encoding': 'utf-8' },
      forecast: { '@url': '/weather?mobile=true', day: ['Mon', 'Tue'] },
    });
    const desktop = await h.send({ headers: { 'User-Agent': 'Mozilla/5.0 (Windows NT 10.0)' } }, identity);
    expect(desktop.header('content-type')).toBe('application/xml');
    expect(desktop.text).toContain('<forecast url="/weather?mobile=false">');
  });

  it('T48 xml-to-json kind="direct": Json.NET shapes: attributes, grouped children, text, CDATA, comments, <a/> null and <a></a> ""', async () => {
    const response = await converting(
      DIRECT,
      '<order id="7" xmlns:x="urn:x"><x:item sku="a">1</x:item><note>first &amp; &#65;&#x42;</note><x:item>2</x:item><empty/><blank></blank><mixed>one<b>bold</b>two</mixed><raw><![CDATA[<kept>]]></raw><!-- c --></order>',
    ).send();
    expect(JSON.parse(response.text)).toEqual({
      order: {
        '@id': '7',
        '@xmlns:x': 'urn:x',
        'x:item': [{ '@sku': 'a', '#text': '1' }, '2'],
        note: 'first & AB',
        empty: null,
        blank: '',
        mixed: { '#text': ['one', 'two'], b: 'bold' },
        raw: { '#cdata-section': '<kept>' },
        '#comment': ' c ',
      },
    });
    expect(response.header('content-type')).toBe('application/json');
  });

  it('kind="javascript-friendly": no declaration or xmlns, attributes without @, $text, prefixes with _', async () => {
    const response = await converting(
      '<xml-to-json kind="javascript-friendly" apply="always" consider-accept-header="false" />',
      '<?xml version="1.0"?><order id="7" xmlns:x="urn:x"><x:item sku="a">1</x:item><x:item>2</x:item></order>',
    ).send();
    expect(JSON.parse(response.text)).toEqual({ order: { id: '7', x_item: [{ sku: 'a', $text: '1' }, '2'] } });
  });

  it('always-array-child-elements="true": a single child element is an array too', async () => {
    const response = await converting('<xml-to-json kind="direct" apply="always" consider-accept-header="false" always-array-child-elements="true" />', '<a><b>1</b><c><d>2</d></c></a>').send();
    expect(JSON.parse(response.text)).toEqual({ a: { b: ['1'], c: [{ d: ['2'] }] } });
  });

  it('apply="content-type-xml" converts only XML bodies; consider-accept-header (default true) needs an Accept asking for JSON', async () => {
    const onlyXml = '<xml-to-json kind="direct" apply="content-type-xml" consider-accept-header="false" />';
    expect((await converting(onlyXml, '<a>1</a>', 'text/plain').send()).text).toBe('<a>1</a>');
    expect(JSON.parse((await converting(onlyXml, '<a>1</a>', 'application/atom+xml; charset=utf-8').send()).text)).toEqual({ a: '1' });
    const byAccept = converting('<xml-to-json kind="direct" apply="always" />', '<a>1</a>');
    expect((await byAccept.send()).text).toBe('<a>1</a>');
    expect((await byAccept.send({ headers: { Accept: '*/*' } })).text).toBe('<a>1</a>');
    expect((await byAccept.send({ headers: { Accept: 'application/json;q=0, text/html' } })).text).toBe('<a>1</a>');
    expect(JSON.parse((await byAccept.send({ headers: { Accept: 'text/html, application/json;q=0.5' } })).text)).toEqual({ a: '1' });
  });

  it('in inbound it converts the request body the backend gets, with its Content-Type', async () => {
    const h = probeHarness(`<policies><inbound>${DIRECT}${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'POST', body: '<q><term>cats</term></q>', headers: { 'Content-Type': 'text/xml', 'Content-Length': '24' } });
    expect(JSON.parse(snapshots[0]!.body ?? '')).toEqual({ q: { term: 'cats' } });
    expect(snapshots[0]!.headers['Content-Type']).toEqual(['application/json']);
    expect(snapshots[0]!.headers['Content-Length']).toBeUndefined();
  });

  it('a body that is not XML, or that has a DTD, is an error of the policy (500); an empty body is left alone', async () => {
    const broken = await converting(`${DIRECT}`, '<a><b></a>').send();
    expect(broken.status).toBe(500);
    const dtd = await converting(DIRECT, '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>').send();
    expect(dtd.status).toBe(500);
    const h = harness(`<policies><inbound /><outbound>${DIRECT}<set-header name="x-error" exists-action="override"><value>none</value></set-header></outbound>
      <on-error><set-header name="x-error" exists-action="override"><value>@(context.LastError.Source + ": " + context.LastError.Message)</value></set-header></on-error></policies>`);
    expect((await h.send()).header('x-error')).toBe('none');
  });

  it('refuses an unknown kind from an expression at run time with a clear message', async () => {
    const h = harness(`<policies><inbound /><outbound><set-body>&lt;a/&gt;</set-body><xml-to-json kind="@(&quot;friendly&quot;)" apply="always" consider-accept-header="false" /></outbound>
      <on-error><set-header name="x-error" exists-action="override"><value>@(context.LastError.Message)</value></set-header></on-error></policies>`);
    const response = await h.send();
    expect(response.status).toBe(500);
    expect(response.header('x-error')).toBe('xml-to-json kind must be "direct" or "javascript-friendly", not "friendly"');
  });
});
