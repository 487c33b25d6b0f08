import { corpusExpressions } from './corpus.ts';
import { tryCompileExpression } from '../../src/expressions/index.ts';
import { makeContext } from './helpers.ts';
const counts = new Map<string, number>();
for (const { file, source } of corpusExpressions()) {
  const r = tryCompileExpression(source, { file });
  if (!r.ok) continue;
  try { r.expression.evaluate(makeContext()); counts.set('OK', (counts.get('OK') ?? 0) + 1); }
  catch (e: any) { const k = `${e.exceptionType}: ${e.detail}`.slice(0, 150); counts.set(k, (counts.get(k) ?? 0) + 1); }
}
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(v, k);
