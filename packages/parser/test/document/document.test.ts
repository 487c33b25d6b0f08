// The typed document tree the runtime walks and the expression compiler reads.
import { describe, expect, it } from 'vitest';
import { isExpression, parsePolicyDocument } from '../../src/index.ts';
import type { ContentNode, PolicyDocument, PolicyNode } from '../../src/index.ts';

const TEXT = [
  '<policies>', // 1
  '  <inbound>', // 2
  '    <base />', // 3
  '    <azure-openai-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="500" token-quota="1000" token-quota-period="monthly" estimate-prompt-tokens="False" />', // 4
  '    <set-header name="x-id" exists-action="override">', // 5
  '      <value>@(context.RequestId.ToString())</value>', // 6
  '      <value>plain &amp; simple</value>', // 7
  '    </set-header>', // 8
  '  </inbound>', // 9
  '  <backend>', // 10
  '    <retry count="3" interval="1" condition="@(context.Response.StatusCode == 429)">', // 11
  '      <forward-request buffer-request-body="true" />', // 12
  '    </retry>', // 13
  '  </backend>', // 14
  '  <outbound />', // 15
  '</policies>', // 16
].join('\n');

function parsed(text: string): PolicyDocument {
  const r = parsePolicyDocument(text, { file: 'doc.xml' });
  expect(r.errors).toEqual([]);
  return r.document!;
}

const policy = (node: ContentNode | undefined): PolicyNode => {
  expect(node?.kind).toBe('policy');
  return node as PolicyNode;
};

describe('document tree', () => {
  const doc = parsed(TEXT);
  if (doc.kind !== 'policies') throw new Error('expected <policies>');

  it('keeps sections and policies in written order with positions', () => {
    expect(doc.sections.map((s) => [s.name, s.pos])).toEqual([
      ['inbound', { line: 2, column: 3 }],
      ['backend', { line: 10, column: 3 }],
      ['outbound', { line: 15, column: 3 }],
    ]);
    expect(doc.sections[0]!.children.map((c) => c.kind)).toEqual(['base', 'policy', 'policy']);
    expect(doc.sections[0]!.children[0]!.pos).toEqual({ line: 3, column: 5 });
  });

  it('names a policy canonically and keeps the element as written', () => {
    const limit = policy(doc.sections[0]!.children[1]);
    expect(limit.name).toBe('llm-token-limit');
    expect(limit.element).toBe('azure-openai-token-limit');
    expect(limit.pos).toEqual({ line: 4, column: 5 });
  });

  it('types attribute values: numbers, booleans, enums in their declared spelling', () => {
    const a = policy(doc.sections[0]!.children[1]).attributes;
    expect(a['tokens-per-minute']).toEqual({ name: 'tokens-per-minute', value: 500, pos: { line: 4, column: 72 }, defaulted: false });
    expect(a['token-quota-period']?.value).toBe('Monthly');
    expect(a['estimate-prompt-tokens']?.value).toBe(false);
    const key = a['counter-key']!.value;
    expect(isExpression(key) && key.code).toBe('context.Subscription.Id');
  });

  it('fills in schema defaults, marked as such', () => {
    const retry = policy(doc.sections[1]!.children[0]);
    expect(retry.attributes['first-fast-retry']).toEqual({
      name: 'first-fast-retry',
      value: false,
      pos: { line: 11, column: 5 },
      defaulted: true,
    });
  });

  it('keeps child elements with literal or expression text', () => {
    const header = policy(doc.sections[0]!.children[2]);
    const values = header.children.map((c) => (c.kind === 'element' ? c : undefined));
    expect(values.map((v) => v?.name)).toEqual(['value', 'value']);
    const [first, second] = values.map((v) => v!.children[0]);
    expect(first?.kind === 'text' && isExpression(first.value) && first.value.pos).toEqual({ line: 6, column: 14 });
    expect(second).toEqual({ kind: 'text', value: 'plain & simple', pos: { line: 7, column: 14 } });
  });

  it('nests policies inside policies', () => {
    const retry = policy(doc.sections[1]!.children[0]);
    expect(retry.children.map((c) => c.kind === 'policy' && c.name)).toEqual(['forward-request']);
  });

  it('lists every expression in document order, each locatable', () => {
    const r = parsePolicyDocument(TEXT, { file: 'doc.xml' });
    expect(r.expressions.map((e) => [e.form, e.code, e.pos.line])).toEqual([
      ['single', 'context.Subscription.Id', 4],
      ['single', 'context.RequestId.ToString()', 6],
      ['single', 'context.Response.StatusCode == 429', 11],
    ]);
    const e = r.expressions[2]!;
    expect(e.locate(e.code.indexOf('429'))).toEqual({ line: 11, column: 79 });
  });

  it('reads a fragment as its policies', () => {
    const f = parsed('<fragment>\n  <set-variable name="a" value="@{ return 1; }" />\n</fragment>');
    expect(f.kind).toBe('fragment');
    if (f.kind !== 'fragment') return;
    expect(f.policies.map((p) => [p.name, p.pos])).toEqual([['set-variable', { line: 2, column: 3 }]]);
    const value = f.policies[0]!.attributes['value']!.value;
    expect(isExpression(value) && [value.form, value.code]).toEqual(['block', ' return 1; ']);
  });

  it('accepts the id attribute on every policy', () => {
    const d = parsed('<policies><inbound><set-variable id="step-1" name="a" value="b" /></inbound></policies>');
    const p = d.kind === 'policies' ? policy(d.sections[0]!.children[0]) : undefined;
    expect(p?.attributes['id']?.value).toBe('step-1');
  });
});
