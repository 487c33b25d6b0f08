// System.Text.StringBuilder over a JS string; every growth is charged to the guard's allocation budget.
import { exactNumbers, ExpressionError, method, property } from '../registry.ts';
import type { Guard, MemberDecl, TypeDecl } from '../registry.ts';
import { displayString } from './display.ts';

export class CsStringBuilder {
  text = '';
}

function sb(v: unknown): CsStringBuilder {
  if (v instanceof CsStringBuilder) return v;
  throw new ExpressionError('Object must be a StringBuilder.', 'ArgumentException');
}

function grow(self: CsStringBuilder, piece: string, guard: Guard): CsStringBuilder {
  guard.alloc(piece.length);
  guard.step(1);
  self.text += piece;
  return self;
}

/** Composite formatting ("{0}", "{1,5}", "{0:yyyy-MM-dd}"): alignment is honoured; a format specifier goes to
 *  the value's own ToString(format) (DateTime, TimeSpan, Guid...); numbers print without one. */
export function compositeFormat(format: string, args: unknown[], argTypes: readonly string[]): string {
  return format.replace(/\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}/g, (whole, index?: string, align?: string, spec?: string) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const i = Number(index);
    if (i >= args.length) throw new ExpressionError('Index (zero based) must be greater than or equal to zero and less than the size of the argument list.', 'ArgumentOutOfRangeException');
    const text = displayString(args[i], argTypes[i], spec);
    if (!align) return text;
    const width = Number(align);
    return width < 0 ? text.padEnd(-width) : text.padStart(width);
  });
}

function checkIndex(self: CsStringBuilder, index: unknown, name = 'index'): number {
  const i = Number(index);
  if (!Number.isInteger(i) || i < 0 || i > self.text.length) {
    throw new ExpressionError(`Index was out of range. Must be non-negative and less than or equal to the size of the collection. (Parameter '${name}')`, 'ArgumentOutOfRangeException');
  }
  return i;
}

const instance: Record<string, MemberDecl> = {
  Append: method('StringBuilder', [1, 3], (s, args, inv) => {
    // Append(char, repeatCount) and Append(string, start, count).
    if (args.length === 2) {
      const n = Number(args[1]);
      if (n < 0) throw new ExpressionError('Count cannot be less than zero. (Parameter \'repeatCount\')', 'ArgumentOutOfRangeException');
      inv.guard.alloc(n);
      return grow(sb(s), String(args[0]).repeat(n), inv.guard);
    }
    if (args.length === 3) {
      const text = displayString(args[0], inv.argTypes[0]);
      const a = Number(args[1]), n = Number(args[2]);
      if (a < 0 || n < 0 || a + n > text.length) throw new ExpressionError('Index was out of range. Must be non-negative and less than the size of the collection. (Parameter \'startIndex\')', 'ArgumentOutOfRangeException');
      return grow(sb(s), text.slice(a, a + n), inv.guard);
    }
    return grow(sb(s), Array.isArray(args[0]) && inv.argTypes[0] === 'char[]' ? args[0].join('') : displayString(args[0], inv.argTypes[0]), inv.guard);
  }),
  AppendLine: method('StringBuilder', [0, 1], (s, args, inv) => grow(sb(s), `${args.length ? displayString(args[0], inv.argTypes[0]) : ''}\n`, inv.guard)),
  AppendFormat: method('StringBuilder', [2, 10], (s, [format, ...rest], inv) => {
    const list = rest.length === 1 && Array.isArray(rest[0]) && inv.argTypes[1] === 'object[]' ? rest[0] : rest;
    return grow(sb(s), compositeFormat(String(format), list, inv.argTypes.slice(1)), inv.guard);
  }),
  Insert: method('StringBuilder', [2, 3], (s, [index, value, count], inv) => {
    const self = sb(s);
    const i = checkIndex(self, index);
    const piece = displayString(value, inv.argTypes[1]).repeat(count === undefined ? 1 : Number(count));
    inv.guard.alloc(piece.length);
    self.text = self.text.slice(0, i) + piece + self.text.slice(i);
    return self;
  }),
  Remove: method('StringBuilder', [2, 2], (s, [start, length]) => {
    const self = sb(s);
    const a = Number(start), n = Number(length);
    if (a < 0 || n < 0 || a + n > self.text.length) throw new ExpressionError('Index was out of range. Must be non-negative and less than the size of the collection. (Parameter \'startIndex\')', 'ArgumentOutOfRangeException');
    self.text = self.text.slice(0, a) + self.text.slice(a + n);
    return self;
  }),
  Replace: method('StringBuilder', [2, 4], (s, [from, to], inv) => {
    const self = sb(s);
    const a = String(from);
    if (a === '') throw new ExpressionError('The value cannot be an empty string. (Parameter \'oldValue\')', 'ArgumentException');
    inv.guard.step(self.text.length);
    self.text = self.text.split(a).join(to === null ? '' : String(to));
    inv.guard.alloc(self.text.length);
    return self;
  }),
  Clear: method('StringBuilder', [0, 0], (s) => { sb(s).text = ''; return s; }),
  ToString: method('string', [0, 2], (s, [start, length]) => {
    const t = sb(s).text;
    if (start === undefined) return t;
    const a = Number(start);
    return t.slice(a, a + Number(length));
  }),
  Length: property('int', (s) => sb(s).text.length, (s, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new ExpressionError('Length cannot be less than zero. (Parameter \'value\')', 'ArgumentOutOfRangeException');
    const self = sb(s);
    self.text = n <= self.text.length ? self.text.slice(0, n) : self.text.padEnd(n, '\0');
  }),
  Capacity: property('int', (s) => Math.max(16, sb(s).text.length)),
};

// Formatting members print a long past 2^53 or a decimal in full.
for (const name of ['Append', 'AppendLine', 'AppendFormat', 'Insert']) instance[name] = exactNumbers(instance[name]!);

export const stringBuilderType: TypeDecl = {
  name: 'StringBuilder',
  aliases: ['System.Text.StringBuilder'],
  is: (v) => v instanceof CsStringBuilder,
  construct: method('StringBuilder', [0, 2], (_s, [v], inv) => {
    const b = new CsStringBuilder();
    if (typeof v === 'string') grow(b, v, inv.guard);
    return b;
  }),
  indexer: {
    type: 'char',
    get: (s, i) => {
      const t = sb(s).text;
      const k = Number(i);
      if (!Number.isInteger(k) || k < 0 || k >= t.length) throw new ExpressionError('Index was out of range. Must be non-negative and less than the size of the collection. (Parameter \'index\')', 'ArgumentOutOfRangeException');
      return t[k];
    },
    set: (s, i, v) => {
      const self = sb(s);
      const k = Number(i);
      if (!Number.isInteger(k) || k < 0 || k >= self.text.length) throw new ExpressionError('Index was out of range. Must be non-negative and less than the size of the collection. (Parameter \'index\')', 'ArgumentOutOfRangeException');
      self.text = self.text.slice(0, k) + String(v) + self.text.slice(k + 1);
    },
  },
  instance,
  toString: (s) => sb(s).text,
};
