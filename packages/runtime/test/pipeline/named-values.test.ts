// Named values ({{name}}, spec §1.4): substituted into the policy text before it is read, so a value can be a
// literal, part of a literal, or an expression that then runs per request.
import { describe, expect, it } from 'vitest';
import { harness } from '../support/run-policy.ts';

// The named values of api-management-howto-properties.md.
const NAMED_VALUES = {
  ContosoHeader: 'TrackingId',
  ContosoHeaderValue: 'a-secret-value',
  ExpressionProperty: '@(DateTime.Now.ToString())',
  ContosoHeaderValue2: 'This is a header value.',
};

const echo = (inbound: string) =>
  `<policies><inbound>${inbound}<return-response>
    <set-header name="x-tracking" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault("TrackingId", "absent"))</value></set-header>
    <set-header name="x-custom" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault("CustomHeader", "absent"))</value></set-header>
    <set-header name="x-encoded" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault("x-encoded", "absent"))</value></set-header>
  </return-response></inbound></policies>`;

describe('named values', () => {
  it('T41: {{ContosoHeader}} names the header and {{ContosoHeaderValue}} gives its value', async () => {
    const h = harness(echo('<set-header name="{{ContosoHeader}}" exists-action="override"><value>{{ContosoHeaderValue}}</value></set-header>'), { namedValues: NAMED_VALUES });
    expect((await h.send()).header('x-tracking')).toBe('a-secret-value');
  });

  it('T41: a named value holding an expression is evaluated per request ({{ExpressionProperty}} → the current date and time)', async () => {
    const h = harness(echo('<set-header name="CustomHeader" exists-action="override"><value>{{ExpressionProperty}}</value></set-header>'), { namedValues: NAMED_VALUES });
    const first = (await h.send()).header('x-custom');
    expect(first).not.toContain('DateTime');
    expect(first).toMatch(/2026/);
    h.clock.advance(366 * 24 * 3_600_000);
    const later = (await h.send()).header('x-custom');
    expect(later).toMatch(/2027/);
  });

  it('T41: a named value inside a C# string literal of an expression', async () => {
    const h = harness(
      echo('<set-header name="x-encoded" exists-action="override"><value>@($"The URL encoded value is {System.Net.WebUtility.UrlEncode("{{ContosoHeaderValue2}}")}")</value></set-header>'),
      { namedValues: NAMED_VALUES },
    );
    expect((await h.send()).header('x-encoded')).toBe('The URL encoded value is This+is+a+header+value.');
  });

  it('embedded in literal text; an unknown named value fails the load', async () => {
    const h = harness(echo('<set-header name="CustomHeader" exists-action="override"><value>id-{{ContosoHeader}}-end</value></set-header>'), { namedValues: NAMED_VALUES });
    expect((await h.send()).header('x-custom')).toBe('id-TrackingId-end');
    expect(() => harness(echo('<set-header name="x" exists-action="override"><value>{{Nope}}</value></set-header>'), { namedValues: NAMED_VALUES })).toThrow(/Nope/);
  });
});
