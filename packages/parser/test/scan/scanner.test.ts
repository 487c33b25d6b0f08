// The tolerant scan: every C# construct that could hide a closing delimiter, every XML form around it.
import { describe, expect, it } from 'vitest';
import { scanPolicyText } from '../../src/scan/scanner.ts';
import { parsePolicyDocument } from '../../src/index.ts';

/** The code of each protected expression, in order. */
function codes(xml: string): string[] {
  const scan = scanPolicyText(xml);
  expect(scan.error).toBeUndefined();
  return scan.expressions.map((e) => e.code);
}

describe('scanner: C# constructs inside expressions', () => {
  it('keeps raw double quotes inside a double-quoted attribute', () => {
    const xml = '<a x="@(h.GetValueOrDefault("a)", ""))" y="1"/>';
    expect(codes(xml)).toEqual(['h.GetValueOrDefault("a)", "")']);
    const tag = scanPolicyText(xml).tags[0]!;
    expect(tag.attributes.map((a) => a.name)).toEqual(['x', 'y']);
  });

  it('honours escapes in regular strings', () => {
    expect(codes('<a x="@("\\")" + s)"/>')).toEqual(['"\\")" + s']);
  });

  it('reads verbatim strings with doubled quotes', () => {
    expect(codes('<a x="@(@"c:\\d"")" + "y")"/>')).toEqual(['@"c:\\d"")" + "y"']);
  });

  it('reads interpolated strings with nested braces, quotes, escaped braces and formats', () => {
    const code = '$"{(ok ? "}" : "{")} and {d["k)"]} {{lit)}} {t:yyyy-MM-dd}"';
    expect(codes(`<a x="@(${code})"/>`)).toEqual([code]);
  });

  it('reads interpolated verbatim strings in both spellings', () => {
    const a = '$@"a ""q"" {v["x)"]} {{ )"';
    const b = '@$"{n} ""}"""';
    expect(codes(`<a x="@(${a} + ${b})"/>`)).toEqual([`${a} + ${b}`]);
  });

  it('reads char literals, escaped ones included', () => {
    expect(codes(`<a x="@(s.Split('(')[0] + ')' + '\\'' + '\\u0029')"/>`)).toEqual([
      `s.Split('(')[0] + ')' + '\\'' + '\\u0029'`,
    ]);
  });

  it('skips line and block comments inside a block', () => {
    const code = ' // a } here\n  /* and } here */ return "}"; ';
    expect(codes(`<set-body>@{${code}}</set-body>`)).toEqual([code]);
  });

  it('keeps generics, comparisons and && in element text away from the XML step', () => {
    const code = 'context.Request.Body.As<JObject>()["a"] != null && 1 < 2';
    const scan = scanPolicyText(`<set-body>@(${code})</set-body>`);
    expect(scan.expressions.map((e) => e.code)).toEqual([code]);
    expect(scan.text).not.toContain('<JObject>');
    expect(scan.text).not.toContain('&&');
  });
});

describe('scanner: XML forms around expressions', () => {
  it('accepts single-quoted attributes', () => {
    expect(codes(`<a x='@(d["k"])' y='2'/>`)).toEqual(['d["k"]']);
  });

  it('decodes entities of the XML-escaped form, balancing on the decoded characters', () => {
    const xml = '<a x="@(&quot;)&quot; + (1 &lt; 2 &amp;&amp; b) + &apos;)&apos; + &#x27;(&#39;)"/>';
    expect(codes(xml)).toEqual([`")" + (1 < 2 && b) + ')' + '('`]);
  });

  it('reads an expression inside CDATA raw, without decoding entities', () => {
    expect(codes('<set-body><![CDATA[ @{ return "<x>&amp;)"; } ]]></set-body>')).toEqual([' return "<x>&amp;)"; ']);
  });

  it('ignores expressions in XML comments, even unbalanced ones', () => {
    expect(codes('<a><!-- @( ) " <b> --><c x="@(1)"/></a>')).toEqual(['1']);
  });

  it('records every start tag in document order with name and attribute offsets', () => {
    const xml = '<?xml version="1.0"?>\n<a>\n  <b k="v"/><!-- <x/> --><c>t</c>\n</a>';
    const scan = scanPolicyText(xml);
    expect(scan.tags.map((t) => t.name)).toEqual(['a', 'b', 'c']);
    const b = scan.tags[1]!;
    expect(xml.slice(b.at, b.at + 2)).toBe('<b');
    expect(xml.slice(b.attributes[0]!.at, b.attributes[0]!.valueAt)).toBe('k="');
  });

  it('protects an expression opening a value even when text follows, leaving it literal later', () => {
    const r = parsePolicyDocument(
      '<policies><inbound><set-header name="a"><value>@(x) tail</value></set-header></inbound></policies>',
      { file: 'f.xml' },
    );
    expect(r.errors).toEqual([]);
    expect(r.expressions).toEqual([]);
  });

  it('reports an unbalanced expression at its @', () => {
    const scan = scanPolicyText('<a>\n  <b x="@(foo("bar")" />\n</a>');
    expect(scan.error).toEqual({ message: "unbalanced expression: '@(' has no matching ')'", at: 12 });
  });
});
