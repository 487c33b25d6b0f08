// The real-world corpus (116 files as users paste them): only the four zero-to-production files fail, each at
// the attribute where a deployment placeholder stands for an integer APIM requires.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../src/index.ts';

const CORPUS = new URL('../../../../shared/corpus/ai-gateway/', import.meta.url).pathname;

describe('corpus check', () => {
  it('reports exactly the integer placeholders in labs/zero-to-production', () => {
    const files = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.xml'))
      .map((e) => relative(CORPUS, join(e.parentPath, e.name)))
      .sort();
    expect(files).toHaveLength(116);
    const errors: string[] = [];
    let failing = 0;
    for (const file of files) {
      const result = parsePolicyDocument(readFileSync(join(CORPUS, file), 'utf8'), { file });
      expect(result.document, file).toBeDefined();
      errors.push(...result.errors.map((e) => e.message));
      if (result.errors.length > 0) failing++;
    }
    const retry = "attribute 'count' of <retry> must be an integer, got '{retry-count}'";
    const tpm = "attribute 'tokens-per-minute' of <azure-openai-token-limit> must be an integer, got '{tpm}'";
    expect(errors).toEqual([
      `labs/zero-to-production/policy-1.xml:14:16: ${retry}`,
      `labs/zero-to-production/policy-2.xml:21:16: ${retry}`,
      `labs/zero-to-production/policy-3.xml:11:76: ${tpm}`,
      `labs/zero-to-production/policy-3.xml:23:16: ${retry}`,
      `labs/zero-to-production/policy-4.xml:14:76: ${tpm}`,
      `labs/zero-to-production/policy-4.xml:26:16: ${retry}`,
    ]);
    expect(failing).toBe(4);
  });
});
