// Entry points: C# source text to an ESTree (plus C# node kinds). Offsets in nodes are offsets into `code`.
import { tokTypes as tt } from 'acorn';
import { CsParser } from './cs-plugin.ts';
import type { AnyNode } from './nodes.ts';

const OPTIONS = { ecmaVersion: 2022, sourceType: 'script', allowReturnOutsideFunction: true, locations: false } as const;

export class SyntaxFailure extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

function rethrow(e: unknown): never {
  if (e instanceof SyntaxError && typeof (e as { pos?: unknown }).pos === 'number') {
    // acorn appends " (line:col)" of its own; positions are reported by the caller in the original file.
    throw new SyntaxFailure((e as unknown as { pos: number }).pos, e.message.replace(/ \(\d+:\d+\)$/, ''));
  }
  throw e;
}

/** `@( expression )`: one expression, nothing after it. */
export function parseSingle(code: string): AnyNode {
  try {
    const p = new (CsParser as any)(OPTIONS, code, 0); // eslint-disable-line @typescript-eslint/no-explicit-any
    p.nextToken();
    const expr = p.parseMaybeAssign();
    if (p.type !== tt.eof) throw new SyntaxFailure(p.start, `Unexpected '${code.slice(p.start, p.end)}' after the expression`);
    return expr as AnyNode;
  } catch (e) {
    return rethrow(e);
  }
}

/** `@{ statements }`: a statement list. */
export function parseBlock(code: string): AnyNode {
  try {
    return CsParser.parse(code, OPTIONS) as unknown as AnyNode;
  } catch (e) {
    return rethrow(e);
  }
}
