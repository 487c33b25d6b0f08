// Every `@(...)`/`@{...}` of the real-world corpus (../shared/corpus/ai-gateway), found by the parser's own
// scanner so that errors are located in the original files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parsePolicyDocument } from '../../src/parse-document.ts';
import type { ExpressionSource } from '../../src/source.ts';

export const CORPUS = join(import.meta.dirname, '../../../../../shared/corpus/ai-gateway');

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.xml')) out.push(p);
  }
  return out;
}

export interface CorpusExpression {
  file: string;
  source: ExpressionSource;
}

export function corpusExpressions(): CorpusExpression[] {
  const out: CorpusExpression[] = [];
  for (const path of walk(CORPUS, [])) {
    const file = relative(CORPUS, path);
    const r = parsePolicyDocument(readFileSync(path, 'utf8'), { file });
    for (const source of r.expressions) out.push({ file, source });
  }
  return out;
}

export function corpusFileCount(): number {
  return walk(CORPUS, []).length;
}
