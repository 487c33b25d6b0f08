// The declarations are consistent with themselves and with the spec's §1.5 table of sections.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_POLICY_SCHEMAS, findPolicySchema } from '../../src/schema/index.ts';
import type { AttributeSchema, ElementSchema, Section } from '../../src/schema/index.ts';
import { SECTIONS } from '../../src/schema/types.ts';
import { literalProblem } from './schema-check.ts';

const SPEC = resolve(import.meta.dirname, '../../../../../shared/spec/apim-semantics.md');

/** Every element schema (policies and their nested children) with a readable path. */
function allElements(): { path: string; schema: ElementSchema }[] {
  const out: { path: string; schema: ElementSchema }[] = [];
  const walk = (path: string, schema: ElementSchema) => {
    out.push({ path, schema });
    for (const [name, child] of Object.entries(schema.elements ?? {})) walk(`${path}/${name}`, child);
  };
  for (const p of ALL_POLICY_SCHEMAS) walk(p.name, p);
  return out;
}

function allAttributes(): { path: string; attr: AttributeSchema }[] {
  return allElements().flatMap(({ path, schema }) =>
    Object.entries(schema.attributes).map(([name, attr]) => ({ path: `${path}@${name}`, attr })),
  );
}

/** Rows of the spec's §1.5 table: policy name → sections (I, B, O, E). */
function specSectionTable(): Map<string, Section[]> {
  const text = readFileSync(SPEC, 'utf8');
  const start = text.indexOf('### 1.5 Where policies may appear');
  const end = text.indexOf('\n## 2.', start);
  const letters: Record<string, Section> = { I: 'inbound', B: 'backend', O: 'outbound', E: 'on-error' };
  const table = new Map<string, Section[]>();
  for (const line of text.slice(start, end).split('\n')) {
    const m = /^\| ([a-z][a-z-]+) \| ([IBOE ,]+?)(?: \(.*?\))? \|/.exec(line);
    if (m) table.set(m[1]!, m[2]!.split(/[ ,]+/).filter(Boolean).map((l) => letters[l]!));
  }
  return table;
}

// Where the declarations knowingly differ from §1.5, and why (each also commented at the declaration).
const SECTION_DEVIATIONS: Record<string, Section[]> = {
  // Deployed corpus file labs/mcp-client-authorization/.../token.policy.xml uses it in outbound.
  'authentication-managed-identity': ['inbound', 'outbound'],
  // The error-handling page (spec §5.1) lists trace among the policies allowed in on-error.
  trace: ['inbound', 'backend', 'outbound', 'on-error'],
};

describe('policy declarations', () => {
  it('declare each element name once (names and aliases) and resolve every one of them', () => {
    const names = ALL_POLICY_SCHEMAS.flatMap((p) => [p.name, ...(p.aliases ?? [])]);
    expect(names.length).toBeGreaterThan(50);
    expect(new Set(names).size).toBe(names.length);
    for (const p of ALL_POLICY_SCHEMAS) {
      for (const n of [p.name, ...(p.aliases ?? [])]) expect(findPolicySchema(n), n).toBe(p);
    }
    expect(findPolicySchema('no-such-policy')).toBeUndefined();
  });

  it('use kebab-case names everywhere', () => {
    const kebab = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
    for (const { path, schema } of allElements()) {
      for (const part of path.split('/')) expect(part, path).toMatch(kebab);
      for (const a of Object.keys(schema.attributes)) expect(a, `${path}@${a}`).toMatch(kebab);
    }
  });

  it('pair every llm-* policy that has an azure-openai-* twin in one declaration', () => {
    const twins = ['token-limit', 'emit-token-metric', 'semantic-cache-lookup', 'semantic-cache-store'];
    for (const t of twins) {
      expect(findPolicySchema(`llm-${t}`)).toBeDefined();
      expect(findPolicySchema(`azure-openai-${t}`)).toBe(findPolicySchema(`llm-${t}`));
    }
  });

  it('give every policy a one-line summary, valid non-empty sections and a spec reference where the spec has one', () => {
    const specText = readFileSync(SPEC, 'utf8');
    for (const p of ALL_POLICY_SCHEMAS) {
      expect(p.summary, p.name).toMatch(/^[^\n]{10,120}$/);
      expect(p.sections.length, p.name).toBeGreaterThan(0);
      expect(new Set(p.sections).size, p.name).toBe(p.sections.length);
      for (const s of p.sections) expect(SECTIONS, p.name).toContain(s);
      if (p.spec !== undefined) expect(specText, `${p.name} §${p.spec}`).toContain(`### ${p.spec} `);
      else expect(specText, `${p.name} is in the spec, so it needs a section`).not.toMatch(new RegExp(`#### \`${p.name}\``));
    }
  });

  it('never give a required attribute a default, and give every default a legal value', () => {
    const attrs = allAttributes();
    expect(attrs.length).toBeGreaterThan(200);
    for (const { path, attr } of attrs) {
      if (attr.required) expect(attr.default, path).toBeUndefined();
      if (attr.default === undefined) continue;
      const t = attr.type;
      if (t.kind === 'int' || t.kind === 'number') expect(typeof attr.default, path).toBe('number');
      else if (t.kind === 'bool') expect(typeof attr.default, path).toBe('boolean');
      else expect(typeof attr.default, path).toBe('string');
      expect(literalProblem(attr, String(attr.default)), path).toBeUndefined();
    }
  });

  it('give enums distinct values and ranges a sane order', () => {
    for (const { path, attr } of allAttributes()) {
      const t = attr.type;
      if (t.kind === 'enum') {
        expect(t.values.length, path).toBeGreaterThan(0);
        expect(new Set(t.values.map((v) => v.toLowerCase())).size, path).toBe(t.values.length);
      }
      if ((t.kind === 'int' || t.kind === 'number') && t.min !== undefined && t.max !== undefined) {
        expect(t.min, path).toBeLessThanOrEqual(t.max);
      }
    }
  });

  it('name only declared policies in `policies` lists, and keep child counts consistent', () => {
    for (const { path, schema } of allElements()) {
      if (Array.isArray(schema.policies)) {
        for (const n of schema.policies) expect(findPolicySchema(n), `${path} lists ${n}`).toBeDefined();
      }
      for (const [name, child] of Object.entries(schema.elements ?? {})) {
        expect(findPolicySchema(name) === undefined || schema.policies === undefined, `${path}/${name} shadows a policy`).toBe(true);
        if (child.min !== undefined && child.max !== undefined) expect(child.min, `${path}/${name}`).toBeLessThanOrEqual(child.max);
      }
      for (const r of schema.rules ?? []) expect(r.description.length, path).toBeGreaterThan(5);
    }
  });

  it('declare every policy of the spec §1.5 table with exactly its sections (documented deviations aside)', () => {
    const table = specSectionTable();
    expect(table.size).toBeGreaterThanOrEqual(40);
    for (const [name, sections] of table) {
      const schema = findPolicySchema(name);
      expect(schema, name).toBeDefined();
      expect([...schema!.sections].sort(), name).toEqual([...(SECTION_DEVIATIONS[name] ?? sections)].sort());
    }
  });

  it('allow in on-error every policy the error-handling page lists (spec §5.1)', () => {
    const onError = ['choose', 'set-variable', 'find-and-replace', 'return-response', 'set-header', 'set-method',
      'set-status', 'send-request', 'send-one-way-request', 'log-to-eventhub', 'json-to-xml', 'xml-to-json',
      'limit-concurrency', 'mock-response', 'retry', 'trace', 'include-fragment', 'emit-metric',
      'cache-lookup-value', 'cache-store-value'];
    for (const n of onError) expect(findPolicySchema(n)?.sections, n).toContain('on-error');
  });
});
