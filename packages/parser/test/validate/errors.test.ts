// The negative suite: one small document per error kind, each error asserted with its exact line and column.
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../src/index.ts';

const messages = (text: string): string[] => parsePolicyDocument(text, { file: 'bad.xml' }).errors.map((e) => e.message);

/** A document whose line 3 (indented four spaces, so policies start at column 5) is in `section`. */
const inSection = (section: string, ...lines: string[]): string =>
  ['<policies>', `  <${section}>`, ...lines.map((l) => `    ${l}`), `  </${section}>`, '</policies>'].join('\n');
const inbound = (...lines: string[]): string => inSection('inbound', ...lines);
const fragment = (...lines: string[]): string => ['<fragment>', ...lines.map((l) => `  ${l}`), '</fragment>'].join('\n');

describe('errors: reading the file', () => {
  it('not well-formed XML, at the mismatched closing tag', () => {
    expect(messages(inbound('<set-header name="a" exists-action="delete">'))).toEqual([
      "bad.xml:4:3: not well-formed XML: Expected closing tag 'set-header' (opened in line 3, col 5) instead of closing tag 'inbound'.",
    ]);
  });

  it('not well-formed XML after an expression: positions count the original expression text', () => {
    expect(messages(inbound('<set-variable name="v" value="@(a < b && "x" != "y")" / >'))).toEqual([
      "bad.xml:3:59: not well-formed XML: boolean attribute '/' is not allowed.",
    ]);
  });

  it('an unbalanced expression, at its @', () => {
    expect(messages(inbound('<set-variable name="v" value="@(foo(&quot;)" />'))).toEqual([
      "bad.xml:3:35: unbalanced expression: '@(' has no matching ')'",
    ]);
  });

  it('an unbalanced block in element text, at its @', () => {
    expect(messages(inbound('<set-body>@{ return "}"; </set-body>'))).toEqual([
      "bad.xml:3:15: unbalanced expression: '@{' has no matching '}'",
    ]);
  });
});

describe('errors: elements', () => {
  it('an unknown policy', () => {
    expect(messages(inbound('<frobnicate />'))).toEqual(['bad.xml:3:5: unknown policy <frobnicate>']);
  });

  it('an unknown child element', () => {
    expect(messages(inbound('<set-header name="a" exists-action="override">', '  <val>1</val>', '</set-header>'))).toEqual([
      'bad.xml:4:7: unknown element <val> in <set-header>',
    ]);
  });

  it('an element named after a JavaScript prototype member, refused where it stands rather than crashing', () => {
    expect(messages(inbound('<set-header name="a">', '  <constructor />', '</set-header>'))).toEqual([
      'bad.xml:4:7: cannot read the document: [SECURITY] Invalid name: "constructor" is a reserved JavaScript keyword that could cause prototype pollution',
    ]);
  });

  it('an unknown root element', () => {
    expect(messages('<policy>\n</policy>')).toEqual([
      'bad.xml:1:1: unknown root element <policy>: a policy document is <policies> or <fragment>',
    ]);
  });

  it('an unknown section', () => {
    expect(messages('<policies>\n  <inbund />\n</policies>')).toEqual([
      'bad.xml:2:3: unknown element <inbund> in <policies>: sections are <inbound>, <backend>, <outbound>, <on-error>',
    ]);
  });

  it('a policy its parent does not allow inside it', () => {
    expect(messages(inbound('<return-response>', '  <set-variable name="a" value="b" />', '</return-response>'))).toEqual([
      'bad.xml:4:7: <set-variable> is not allowed inside <return-response>',
    ]);
  });

  it('text where an element takes none', () => {
    expect(messages(inbound('<set-variable name="a" value="b">oops</set-variable>'))).toEqual([
      'bad.xml:3:38: <set-variable> does not take text',
    ]);
  });

  it('<base/> anywhere but directly in a section', () => {
    expect(messages(inbound('<choose>', '  <when condition="@(true)">', '    <base />', '  </when>', '</choose>'))).toEqual([
      'bad.xml:5:9: <base/> may appear only directly inside a section',
    ]);
  });
});

describe('errors: attributes', () => {
  it('an unknown attribute', () => {
    expect(messages(inbound('<set-variable name="v" value="1" colour="red" />'))).toEqual([
      "bad.xml:3:38: unknown attribute 'colour' on <set-variable>",
    ]);
  });

  it('a missing required attribute, at the element', () => {
    expect(messages(inbound('<set-variable value="1" />'))).toEqual([
      "bad.xml:3:5: <set-variable> is missing required attribute 'name'",
    ]);
  });

  it('a deployment placeholder where APIM requires an integer', () => {
    expect(messages(inbound('<rate-limit calls="{calls}" renewal-period="60" />'))).toEqual([
      "bad.xml:3:17: attribute 'calls' of <rate-limit> must be an integer, got '{calls}'",
    ]);
  });

  it('a deployment placeholder where a string is expected is legal', () => {
    expect(messages(inbound('<set-backend-service backend-id="{backend-id}" />'))).toEqual([]);
  });

  it('an integer out of its documented range', () => {
    expect(messages(inbound('<rate-limit calls="10" renewal-period="301" />'))).toEqual([
      "bad.xml:3:28: attribute 'renewal-period' of <rate-limit> must be at most 300, got 301",
    ]);
  });

  it('a boolean that is not true or false', () => {
    expect(messages(inbound('<llm-token-limit counter-key="k" tokens-per-minute="5" estimate-prompt-tokens="yes" />'))).toEqual([
      "bad.xml:3:60: attribute 'estimate-prompt-tokens' of <llm-token-limit> must be true or false, got 'yes'",
    ]);
  });

  it('an enum value out of range, naming the allowed values', () => {
    expect(messages(inbound('<llm-token-limit counter-key="k" token-quota="100" token-quota-period="day" estimate-prompt-tokens="false" />'))).toEqual([
      "bad.xml:3:56: attribute 'token-quota-period' of <llm-token-limit> must be one of Hourly, Daily, Weekly, Monthly, Yearly; got 'day'",
    ]);
  });

  it('an expression where the declaration forbids one', () => {
    expect(messages(inbound('<set-variable name="@(&quot;v&quot;)" value="1" />'))).toEqual([
      "bad.xml:3:19: attribute 'name' of <set-variable> does not allow a policy expression",
    ]);
  });

  it('an expression as the text of an element that takes literal text only', () => {
    expect(
      messages(inbound('<cache-lookup vary-by-developer="false" vary-by-developer-groups="false">', '  <vary-by-header>@(h)</vary-by-header>', '</cache-lookup>')),
    ).toEqual(['bad.xml:4:23: <vary-by-header> does not allow a policy expression as its text']);
  });

  it("a declaration's rule, at the element", () => {
    expect(messages(inbound('<llm-token-limit counter-key="k" token-quota="100" estimate-prompt-tokens="false" />'))).toEqual([
      "bad.xml:3:5: <llm-token-limit>: 'token-quota' requires 'token-quota-period'",
    ]);
  });
});

describe('errors: placement', () => {
  it('a policy in a section APIM does not allow it in', () => {
    expect(messages(inSection('outbound', '<rate-limit calls="10" renewal-period="60" />'))).toEqual([
      'bad.xml:3:5: <rate-limit> is not allowed in <outbound>; APIM allows it in inbound',
    ]);
  });

  it('a nested policy is checked against its section too', () => {
    expect(messages(inSection('outbound', '<choose>', '  <otherwise>', '    <rate-limit calls="1" renewal-period="60" />', '  </otherwise>', '</choose>'))).toEqual([
      'bad.xml:5:9: <rate-limit> is not allowed in <outbound>; APIM allows it in inbound',
    ]);
  });

  it('a once-per-section policy written twice, at the second', () => {
    expect(messages(inbound('<rate-limit calls="1" renewal-period="60" />', '<rate-limit calls="2" renewal-period="60" />'))).toEqual([
      'bad.xml:4:5: <rate-limit> may appear only once per section; <inbound> already has one at line 3, column 5',
    ]);
  });

  it('a duplicate section', () => {
    expect(messages('<policies>\n  <inbound />\n  <inbound />\n</policies>')).toEqual([
      'bad.xml:3:3: duplicate section <inbound>; the first is at line 2, column 3',
    ]);
  });

  it('<base/> inside a fragment', () => {
    expect(messages(fragment('<base />'))).toEqual(['bad.xml:2:3: <base/> is not allowed in a fragment']);
  });

  it('include-fragment inside a fragment, nested ones too', () => {
    expect(messages(fragment('<include-fragment fragment-id="a" />', '<choose><otherwise><include-fragment fragment-id="b" /></otherwise></choose>'))).toEqual([
      'bad.xml:2:3: <include-fragment> is not allowed in a fragment: fragments cannot include fragments',
      'bad.xml:3:22: <include-fragment> is not allowed in a fragment: fragments cannot include fragments',
    ]);
  });

  it('a section element inside a fragment', () => {
    expect(messages(fragment('<inbound />'))).toEqual(['bad.xml:2:3: section <inbound> is not allowed in a fragment']);
  });
});

describe('errors: a file with several problems', () => {
  it('reports them all, in document order', () => {
    expect(
      messages(inbound('<frobnicate />', '<set-variable value="1" />', '<retry count="{n}" interval="0" condition="@(true)" />')),
    ).toEqual([
      'bad.xml:3:5: unknown policy <frobnicate>',
      "bad.xml:4:5: <set-variable> is missing required attribute 'name'",
      "bad.xml:5:12: attribute 'count' of <retry> must be an integer, got '{n}'",
    ]);
  });
});
