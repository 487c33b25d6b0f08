// Policy expressions: time per evaluation of a hot one-liner and of a ~30-line corpus block, and the time to
// compile every expression of the corpus. Measures only; `npm run bench` prints the lines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parsePolicyDocument } from '../packages/parser/src/parse-document.ts';
import type { ExpressionSource } from '../packages/parser/src/source.ts';
import {
  compileExpression, tryCompileExpression, HeaderDictionary, MessageBody, ProxyContext, RequestModel, Url, VariableDictionary,
} from '../packages/parser/src/expressions/index.ts';

const CORPUS = join(import.meta.dirname, '../../shared/corpus/ai-gateway');

function corpus(): { file: string; source: ExpressionSource }[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.xml')) files.push(p);
    }
  };
  walk(CORPUS);
  return files.flatMap((p) => {
    const file = relative(CORPUS, p);
    return parsePolicyDocument(readFileSync(p, 'utf8'), { file }).expressions.map((source) => ({ file, source }));
  });
}

function literal(code: string): ExpressionSource {
  return { form: 'single', code, pos: { line: 1, column: 1 }, locate: () => ({ line: 1, column: 1 }) };
}

function benchContext(): ProxyContext {
  // Variables the corpus's OAuth consent blocks read, so that their whole path runs (parse, loop, compare).
  const vars = new VariableDictionary();
  vars.set('client_id', 'abc', 'string');
  vars.set('normalized_redirect_uri', 'https://app/cb', 'string');
  vars.set('clientInfoJson', '{"client_name":"App","redirect_uris":["https://x/one","https://x/two","https://app/cb"]}', 'string');
  return new ProxyContext({
    Variables: vars,
    Request: new RequestModel({
      Method: 'POST',
      Headers: new HeaderDictionary({ 'x-user-id': 'alice', 'Content-Type': 'application/x-www-form-urlencoded' }),
      Url: Url.parse('https://apim.example.com/oauth/consent?client_id=abc&redirect_uri=https%3A%2F%2Fapp%2Fcb&state=xyz'),
      Body: new MessageBody('client_id=abc&redirect_uri=https%3A%2F%2Fapp%2Fcb&state=xyz&code_challenge=c1'),
    }),
  });
}

/** Median nanoseconds per call over `rounds` batches of `batch` calls. */
function median(fn: () => unknown, batch: number, rounds: number): number {
  for (let i = 0; i < batch; i++) fn();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) fn();
    times.push(Number(process.hrtime.bigint() - t0) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchExpressions(): Promise<string[]> {
  const lines: string[] = [];
  const ctx = benchContext();

  const header = compileExpression(literal('context.Request.Headers.GetValueOrDefault("x-user-id", "N/A")'));
  const ns = median(() => header.evaluate(ctx), 20_000, 25);
  lines.push(`  @(context.Request.Headers.GetValueOrDefault("x-user-id", "N/A")): ${(ns / 1000).toFixed(3)} µs/evaluation (median; target ≤ 1 µs)`);

  const all = corpus();
  // The longest corpus block of about 30 lines that runs to completion against the bench context.
  const blocks = all
    .filter(({ source }) => source.form === 'block')
    .map((e) => ({ ...e, lines: e.source.code.trim().split('\n').length }))
    .filter((e) => e.lines >= 15 && e.lines <= 40)
    .sort((a, b) => Math.abs(a.lines - 30) - Math.abs(b.lines - 30));
  for (const b of blocks) {
    const r = tryCompileExpression(b.source, { file: b.file });
    if (!r.ok) continue;
    try {
      r.expression.evaluate(benchContext());
    } catch {
      continue;
    }
    const c = benchContext();
    const perEval = median(() => {
      c.Request.Body = new MessageBody('client_id=abc&redirect_uri=https%3A%2F%2Fapp%2Fcb&state=xyz&code_challenge=c1');
      return r.expression.evaluate(c);
    }, 2_000, 15);
    lines.push(`  ${b.lines}-line @{...} block (${b.file}:${b.source.pos.line}): ${(perEval / 1000).toFixed(2)} µs/evaluation (median)`);
    break;
  }

  const compileRuns: number[] = [];
  let compiled = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    compiled = 0;
    for (const { file, source } of all) if (tryCompileExpression(source, { file }).ok) compiled++;
    compileRuns.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  compileRuns.sort((a, b) => a - b);
  lines.push(`  compile all ${all.length} corpus expressions (${compiled} compiled): ${compileRuns[2]!.toFixed(1)} ms (median of 5; first run ${compileRuns[4]!.toFixed(1)} ms max)`);
  return lines;
}
