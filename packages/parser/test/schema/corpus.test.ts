// The real-world corpus (../shared/corpus/ai-gateway) against the declarations: every element name resolves,
// and the only documents the declarations refuse are the four zero-to-production files whose int attributes
// hold deployment placeholders (`count="{retry-count}"`, `tokens-per-minute="{tpm}"`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractElements } from './element-extractor.ts';
import { checkDocument, elementNames } from './schema-check.ts';

const CORPUS = resolve(import.meta.dirname, '../../../../../shared/corpus/ai-gateway');

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? xmlFiles(join(dir, e.name)) : e.name.endsWith('.xml') ? [join(dir, e.name)] : [],
  );
}

const files = xmlFiles(CORPUS).sort();
const docs = files.map((f) => ({ path: relative(CORPUS, f), roots: extractElements(readFileSync(f, 'utf8')) }));
const problems = docs.map((d) => ({ path: d.path, problems: checkDocument(d.roots) }));

describe('ai-gateway corpus against the policy declarations', () => {
  it('reads all 116 documents, each with a <policies> or <fragment> root', () => {
    expect(files).toHaveLength(116);
    for (const d of docs) expect(d.roots.map((r) => r.name)).toEqual([expect.stringMatching(/^(policies|fragment)$/)]);
  });

  it('resolves every element name used in the corpus', () => {
    const unknown = problems.flatMap((p) => p.problems.filter((x) => x.includes('unknown element')).map((x) => `${p.path}: ${x}`));
    expect(unknown).toEqual([]);
    const names = new Set<string>();
    for (const d of docs) elementNames(d.roots, names);
    expect(names.size).toBeGreaterThanOrEqual(60); // the extractor really walked the documents
  });

  it('accepts every document except the four zero-to-production ones, for their int placeholders only', () => {
    const failing = problems.filter((p) => p.problems.length > 0);
    expect(failing).toEqual([
      { path: 'labs/zero-to-production/policy-1.xml', problems: [expect.stringMatching(/retry@count: '\{retry-count\}' is not an integer/)] },
      { path: 'labs/zero-to-production/policy-2.xml', problems: [expect.stringMatching(/retry@count: '\{retry-count\}' is not an integer/)] },
      {
        path: 'labs/zero-to-production/policy-3.xml',
        problems: [
          expect.stringMatching(/token-limit@tokens-per-minute: '\{tpm\}' is not an integer/),
          expect.stringMatching(/retry@count: '\{retry-count\}' is not an integer/),
        ],
      },
      {
        path: 'labs/zero-to-production/policy-4.xml',
        problems: [
          expect.stringMatching(/token-limit@tokens-per-minute: '\{tpm\}' is not an integer/),
          expect.stringMatching(/retry@count: '\{retry-count\}' is not an integer/),
        ],
      },
    ]);
  });
});
