// `{{name}}` substitution: from a map, inside string literals, positions kept in the original file.
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../src/index.ts';
import { tryCompileExpression } from '../../src/expressions/index.ts';

const doc = (body: string): string => `<policies>\n<inbound>\n${body}\n</inbound>\n</policies>`;

describe('named values', () => {
  it('substitutes inside C# string literals and literal attribute text', () => {
    const r = parsePolicyDocument(
      doc('<set-header name="x-{{suffix}}" exists-action="override"><value>@("https://{{host}}/" + "{{host}}")</value></set-header>'),
      { file: 'n.xml', namedValues: { host: 'api.example.com', suffix: 'trace' } },
    );
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.expressions.map((e) => e.code)).toEqual(['"https://api.example.com/" + "api.example.com"']);
    const policy = r.document?.kind === 'policies' ? r.document.sections[0]!.children[0] : undefined;
    expect(policy?.kind === 'policy' && policy.attributes['name']?.value).toBe('x-trace');
  });

  it('types a substituted value like a written one', () => {
    const r = parsePolicyDocument(
      doc('<retry count="{{retries}}" interval="0" condition="@(true)"><set-header name="a" exists-action="delete" /></retry>'),
      { file: 'n.xml', namedValues: new Map([['retries', '3']]) },
    );
    expect(r.errors).toEqual([]);
    const retry = r.document?.kind === 'policies' ? r.document.sections[0]!.children[0] : undefined;
    expect(retry?.kind === 'policy' && retry.attributes['count']?.value).toBe(3);
  });

  it('reports an unknown name at its position when a configuration is given', () => {
    const r = parsePolicyDocument(doc('<set-variable name="v" value="{{known}}-{{missing}}" />'), {
      file: 'n.xml',
      namedValues: { known: 'k' },
    });
    expect(r.errors.map((e) => e.message)).toEqual(["n.xml:3:41: unknown named value '{{missing}}'"]);
  });

  it('does not also call the stand-in of an unknown name ill-typed', () => {
    const r = parsePolicyDocument(doc('<rate-limit calls="{{limit}}" renewal-period="60" />'), { file: 'n.xml', namedValues: {} });
    expect(r.errors.map((e) => e.message)).toEqual(["n.xml:3:20: unknown named value '{{limit}}'"]);
  });

  it('without a configuration, notes each name once and checks with a stand-in', () => {
    const r = parsePolicyDocument(
      doc('<retry count="{{retries}}" interval="{{retries}}" condition="@(true)"><set-header name="a" exists-action="delete" /></retry>'),
      { file: 'n.xml' },
    );
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([
      'n.xml:3:15: note: named value {{retries}} is not known without a configuration; checked with a stand-in',
    ]);
  });

  it('keeps positions after a substitution in the original file', () => {
    // The value is longer than the reference: the error after it must still point at the original column.
    const r = parsePolicyDocument(doc('<set-variable name="{{n}}" value="1" bogus="x" />'), {
      file: 'n.xml',
      namedValues: { n: 'a-much-longer-variable-name' },
    });
    expect(r.errors.map((e) => e.message)).toEqual(["n.xml:3:38: unknown attribute 'bogus' on <set-variable>"]);
  });

  it('maps expression offsets back through entities and substitutions', () => {
    const text = doc('<set-variable name="v" value="@(&quot;{{h}}&quot; + boom)" />');
    const r = parsePolicyDocument(text, { file: 'n.xml', namedValues: { h: 'hello-world' } });
    const e = r.expressions[0]!;
    expect(e.code).toBe('"hello-world" + boom');
    expect(e.pos).toEqual({ line: 3, column: 31 });
    const at = e.locate(e.code.indexOf('boom'));
    const line = text.split('\n')[at.line - 1]!;
    expect(line.slice(at.column - 1, at.column + 3)).toBe('boom');
  });

  it('without a configuration, a named value written as C# code gets a stand-in that compiles', () => {
    const r = parsePolicyDocument(
      doc([
        '<set-variable name="n" value="@({{numericNv}} + 1)" />',
        '<set-variable name="s" value="@("{{host}}:" + {{port}})" />',
        '<set-variable name="b" value="@({{flag}} ? {{my-limit}} * 2 : 0)" />',
        '<set-body>@{ /* {{comment}} */ var url = @"https://{{host}}/"; return url + {{path.suffix}}; }</set-body>',
      ].join('\n')),
      { file: 'n.xml' },
    );
    expect(r.errors).toEqual([]);
    expect(r.expressions.map((e) => e.code)).toEqual([
      '((dynamic)null) + 1',
      '"host:" + ((dynamic)null)',
      '((dynamic)null) ? ((dynamic)null) * 2 : 0',
      ' /* comment */ var url = @"https://host/"; return url + ((dynamic)null); ',
    ]);
    for (const source of r.expressions) {
      const compiled = tryCompileExpression(source);
      expect(compiled.ok ? '' : compiled.error.message).toBe('');
    }
    // Notes name each value once, at its place in the file.
    expect(r.notes).toContain('n.xml:3:33: note: named value {{numericNv}} is not known without a configuration; checked with a stand-in');
    expect(r.notes).toHaveLength(7);
  });

  it('a compile error after a code stand-in is reported where the file has it', () => {
    const r = parsePolicyDocument(doc('<set-variable name="n" value="@({{numericNv}} + nope)" />'), { file: 'n.xml' });
    const compiled = tryCompileExpression(r.expressions[0]!);
    expect(compiled.ok ? '' : compiled.error.message).toMatch(/:3:49: The name 'nope' does not exist/);
  });
});
