// A scanned document written back out as well-formed XML parses strictly and yields the same tree.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument, toWellFormedXml } from '../../src/index.ts';
import type { PolicyDocument } from '../../src/index.ts';

const CORPUS = new URL('../../../../../shared/corpus/ai-gateway/', import.meta.url).pathname;
const corpusFiles = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.xml'))
  .map((e) => join(e.parentPath, e.name))
  .sort();

/** The document without positions or schemas: what must survive the round trip. */
function shape(document: PolicyDocument | undefined): unknown {
  return JSON.parse(
    JSON.stringify(document, (key, value: unknown) => {
      if (key === 'pos' || key === 'schema' || key === 'file') return undefined;
      if (value !== null && typeof value === 'object' && 'locate' in value) {
        const e = value as unknown as { form: string; code: string };
        return { form: e.form, code: e.code };
      }
      return value;
    }),
  );
}

describe('round trip through well-formed XML', () => {
  const sample = [
    '<policies>',
    '  <inbound>',
    `    <set-variable name='a' value='@(d["k"] + ")")' />`,
    '    <set-variable name="b" value="@(context.Request.Body.As<JObject>()["m"] != null && 1 < 2)" />',
    '    <set-variable name="c" value="@(&quot;x&quot; + &apos;y&apos;)" />',
    '    <set-header name="h" exists-action="override"><value>@($"{{{n}}} {(t ? "a" : "b")}")</value></set-header>',
    '    <!-- a comment with <tags> -->',
    '    <set-body><![CDATA[@{ return "<raw>"; }]]></set-body>',
    '  </inbound>',
    '</policies>',
  ].join('\n');

  it('makes a tolerant sample strictly well-formed', () => {
    expect(XMLValidator.validate(sample)).not.toBe(true);
    const wellFormed = toWellFormedXml(sample)!;
    expect(XMLValidator.validate(wellFormed)).toBe(true);
    const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(wellFormed);
    expect(tree.policies.inbound['set-variable'].map((v: { value: string }) => v.value)).toEqual([
      '@(d["k"] + ")")',
      '@(context.Request.Body.As<JObject>()["m"] != null && 1 < 2)',
      `@("x" + 'y')`,
    ]);
    expect(tree.policies.inbound['set-header'].value).toBe('@($"{{{n}}} {(t ? "a" : "b")}")');
    expect(tree.policies.inbound['set-body']).toBe('@{ return "<raw>"; }');
  });

  it('yields the same document for the sample', () => {
    const before = parsePolicyDocument(sample, { file: 's.xml' });
    const after = parsePolicyDocument(toWellFormedXml(sample)!, { file: 's.xml' });
    expect(before.errors).toEqual([]);
    expect(shape(after.document)).toEqual(shape(before.document));
    expect(after.expressions.map((e) => e.code)).toEqual(before.expressions.map((e) => e.code));
  });

  it(`does both for all ${corpusFiles.length} corpus files`, () => {
    expect(corpusFiles.length).toBe(116);
    for (const file of corpusFiles) {
      const text = readFileSync(file, 'utf8');
      const wellFormed = toWellFormedXml(text);
      expect(wellFormed, file).toBeDefined();
      expect(XMLValidator.validate(wellFormed!), file).toBe(true);
      const before = parsePolicyDocument(text, { file });
      const after = parsePolicyDocument(wellFormed!, { file });
      expect(before.document, file).toBeDefined();
      expect(shape(after.document), file).toEqual(shape(before.document));
      expect(after.expressions.map((e) => e.code), file).toEqual(before.expressions.map((e) => e.code));
    }
  });
});
