// Types one attribute value against its declaration: int → number, bool → boolean, enum → declared spelling,
// or the expression standing for it. Reports ill-typed values, out-of-range enums and forbidden expressions.
import type { AttributeValue } from '../document.ts';
import type { SourcePos } from '../source.ts';
import type { AttributeSchema } from '../schema/types.ts';
import { wholePlaceholder } from '../scan/placeholder.ts';
import { report, type BuildContext } from './context.ts';

const INT = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface RawAttribute {
  name: string;
  /** The value as XML decoded it, placeholders included. */
  raw: string;
  pos: SourcePos;
  /** Span of the value in the scanned text. */
  start: number;
  end: number;
}

/** The typed value, or undefined when it is ill-typed (the error is already reported). */
export function typeAttribute(
  ctx: BuildContext,
  owner: string,
  attr: RawAttribute,
  schema: AttributeSchema,
): AttributeValue | undefined {
  const what = `attribute '${attr.name}' of <${owner}>`;
  const index = wholePlaceholder(attr.raw);
  if (index !== undefined) {
    const expression = ctx.expression(index);
    if (!schema.expression) report(ctx, attr.pos, `${what} does not allow a policy expression`);
    return expression;
  }
  const text = ctx.literal(attr.raw);
  const type = schema.type;
  // A bare file's named values are unknown: their stand-ins say nothing about the real value's type.
  if (type.kind !== 'string' && ctx.hasStandIn(attr.start, attr.end)) return text;
  const value = text.trim();
  switch (type.kind) {
    case 'string':
      return text;
    case 'int':
    case 'number': {
      if (!(type.kind === 'int' ? INT : NUMBER).test(value)) {
        return fail(`${what} must be ${type.kind === 'int' ? 'an integer' : 'a number'}, got '${text}'`);
      }
      const n = Number(value);
      if (type.min !== undefined && n < type.min) return fail(`${what} must be at least ${type.min}, got ${n}`);
      if (type.max !== undefined && n > type.max) return fail(`${what} must be at most ${type.max}, got ${n}`);
      return n;
    }
    case 'bool': {
      // .NET's bool.Parse, which APIM uses, ignores case.
      const lower = value.toLowerCase();
      if (lower === 'true' || lower === 'false') return lower === 'true';
      return fail(`${what} must be true or false, got '${text}'`);
    }
    case 'enum': {
      const found = type.caseSensitive
        ? type.values.find((v) => v === value)
        : type.values.find((v) => v.toLowerCase() === value.toLowerCase());
      if (found !== undefined) return found;
      return fail(`${what} must be one of ${type.values.join(', ')}; got '${text}'`);
    }
  }

  function fail(message: string): undefined {
    report(ctx, attr.pos, message);
    return undefined;
  }
}
