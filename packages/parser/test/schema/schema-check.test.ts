// The test-side extractor and checker themselves: they must see through C# expressions and must report what
// the declarations refuse, or the corpus test above them would prove nothing.
import { describe, expect, it } from 'vitest';
import { EXPR, extractElements } from './element-extractor.ts';
import { checkDocument } from './schema-check.ts';

const doc = (inbound: string, outbound = '') =>
  `<policies><inbound>${inbound}</inbound><backend><base /></backend><outbound>${outbound}</outbound><on-error /></policies>`;

describe('test element extractor', () => {
  it('skips raw quotes, generics, comments, verbatim and interpolated strings inside expressions', () => {
    const text = doc(`
      <set-variable name="a" value="@(context.Request.Body.As<JObject>(preserveContent: true)["x"] != null && 1 < 2)" />
      <set-body>@{
        // it's a "comment" with <tags> and a ) paren
        var s = @"C:\\path ""quoted"" <b>";
        var t = $"{context.Variables["k"]} {(1 > 0 ? "}" : "{")}";
        char c = '"'; char d = '\\'';
        /* <fake-element attr="x"> ( */
        return s + t + c + d;
      }</set-body>
      <!-- <not-a-policy/> -->
      <![CDATA[ <also-not/> ]]>`);
    const [root] = extractElements(text);
    const inbound = root!.children[0]!;
    expect(inbound.children.map((c) => c.name)).toEqual(['set-variable', 'set-body']);
    expect(inbound.children[0]!.attributes.get('value')).toBe(EXPR);
    expect(inbound.children[0]!.attributes.get('name')).toBe('a');
    expect(root!.children.map((c) => c.name)).toEqual(['inbound', 'backend', 'outbound', 'on-error']);
  });

  it('decodes entities and reads single-quoted attributes', () => {
    const [root] = extractElements(doc(`<set-header name='x-a' exists-action="append"><value>&quot;v&quot;</value></set-header>`));
    expect(root!.children[0]!.children[0]!.attributes).toEqual(new Map([['name', 'x-a'], ['exists-action', 'append']]));
  });
});

describe('test schema checker', () => {
  const check = (inbound: string, outbound = '') => checkDocument(extractElements(doc(inbound, outbound)));

  it('accepts a well-formed AI gateway policy', () => {
    expect(check(`
      <llm-token-limit counter-key="@(context.Subscription.Id)" token-quota="1000" token-quota-period="Daily" estimate-prompt-tokens="true" />
      <choose><when condition="@(true)"><set-backend-service backend-id="pool" /></when><otherwise><base /></otherwise></choose>`,
    `<llm-semantic-cache-store duration="60" />`)).toEqual([]);
  });

  it('lists unknown elements, bad enum values, missing attributes and misplaced policies', () => {
    expect(check(`
      <not-a-policy />
      <llm-token-limit counter-key="k" tokens-per-minute="10" estimate-prompt-tokens="yes" token-quota="5" token-quota-period="day" />
      <set-header><value>x</value><valeu>y</valeu></set-header>
      <forward-request />`)).toEqual([
      'inbound/not-a-policy: unknown element <not-a-policy> (line 2)',
      "inbound/llm-token-limit@estimate-prompt-tokens: 'yes' is not true or false (line 3)",
      "inbound/llm-token-limit@token-quota-period: 'day' is not one of Hourly, Daily, Weekly, Monthly, Yearly (line 3)",
      "inbound/set-header: missing attribute 'name' (line 4)",
      'inbound/set-header/valeu: unknown element <valeu> (line 4)',
      'inbound/forward-request: <forward-request> is not allowed in inbound (line 5)',
    ]);
  });

  it('refuses expressions where the docs forbid them and policies a parent does not list', () => {
    expect(check(`<set-variable name="@(&quot;n&quot;)" value="v" />
      <return-response><set-variable name="a" value="b" /><set-status code="200" /></return-response>`)).toEqual([
      'inbound/set-variable@name: expression not allowed (line 1)',
      'inbound/return-response/set-variable: unknown element <set-variable> (line 2)',
    ]);
  });

  it('checks child counts and rules', () => {
    expect(check(`<trace source="s" /><send-request response-variable-name="r" /><choose><otherwise /><when condition="true" /></choose>`)).toEqual([
      'inbound/trace: needs at least 1 <message> (line 1)',
      'inbound/send-request: <set-url> is required unless mode="copy" (line 1)',
      'inbound/choose: <otherwise> must come after every <when> (line 1)',
    ]);
    expect(check(`<send-request mode="copy" response-variable-name="r" />`)).toEqual([]);
  });
});
