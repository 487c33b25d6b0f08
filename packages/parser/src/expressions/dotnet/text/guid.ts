// System.Guid: 32 hex digits kept lowercase in display order.
import { randomUUID } from 'node:crypto';
import { ExpressionError, OutRef, method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';
import { bytesArg } from './bytes.ts';

export class CsGuid {
  constructor(readonly hex: string) {}
}

export const EMPTY = new CsGuid('0'.repeat(32));

const SHAPES: readonly RegExp[] = [
  /^([0-9a-f]{32})$/i,
  /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i,
  /^\{([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}$/i,
  /^\(([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\)$/i,
];
const BY_FORMAT: Readonly<Record<string, number>> = { N: 0, D: 1, B: 2, P: 3 };

export function tryParseGuid(text: unknown, format?: string): CsGuid | null {
  if (typeof text !== 'string') return null;
  const s = text.trim();
  const shapes = format === undefined ? SHAPES : [SHAPES[BY_FORMAT[format.toUpperCase()] ?? -1]].filter((r) => r !== undefined);
  for (const re of shapes) {
    const m = re!.exec(s);
    if (m) return new CsGuid(m.slice(1).join('').toLowerCase());
  }
  return null;
}

function parseGuid(text: unknown, format?: string): CsGuid {
  if (text === null) throw new ExpressionError('Value cannot be null. (Parameter \'input\')', 'ArgumentNullException');
  const g = tryParseGuid(text, format);
  if (!g) throw new ExpressionError('Unrecognized Guid format.', 'FormatException');
  return g;
}

export function formatGuid(g: CsGuid, format?: string | null): string {
  const h = g.hex;
  const d = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  switch (format || 'D') {
    case 'N': case 'n': return h;
    case 'D': case 'd': return d;
    case 'B': case 'b': return `{${d}}`;
    case 'P': case 'p': return `(${d})`;
    case 'X': case 'x':
      return `{0x${h.slice(0, 8)},0x${h.slice(8, 12)},0x${h.slice(12, 16)},{${h.slice(16).match(/../g)!.map((b) => `0x${b}`).join(',')}}}`;
    default:
      throw new ExpressionError('Format string can be only "D", "d", "N", "n", "P", "p", "B", "b", "X" or "x".', 'FormatException');
  }
}

/** .NET's byte order: the first three fields little-endian, the last eight bytes as written. */
function toBytes(g: CsGuid): Uint8Array {
  const b = Uint8Array.from(g.hex.match(/../g)!, (x) => parseInt(x, 16));
  return Uint8Array.of(b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8));
}

function fromBytes(bytes: Uint8Array): CsGuid {
  if (bytes.length !== 16) throw new ExpressionError('Byte array for Guid must be exactly 16 bytes long. (Parameter \'b\')', 'ArgumentException');
  const b = bytes;
  const order = [b[3]!, b[2]!, b[1]!, b[0]!, b[5]!, b[4]!, b[7]!, b[6]!, ...b.subarray(8)];
  return new CsGuid(order.map((x) => x.toString(16).padStart(2, '0')).join(''));
}

function guid(v: unknown): CsGuid {
  if (v instanceof CsGuid) return v;
  throw new ExpressionError('Object must be of type Guid.', 'ArgumentException');
}

const compare = (a: CsGuid, b: CsGuid): number => (a.hex === b.hex ? 0 : a.hex < b.hex ? -1 : 1);

const instance: Record<string, MemberDecl> = {
  ToString: method('string', [0, 2], (self: CsGuid, [f]) => formatGuid(self, typeof f === 'string' ? f : null)),
  ToByteArray: method('byte[]', [0, 0], (self: CsGuid) => toBytes(self)),
  Equals: method('bool', [1, 1], (self: CsGuid, [o]) => o instanceof CsGuid && o.hex === self.hex),
  CompareTo: method('int', [1, 1], (self: CsGuid, [o]) => (o === null ? 1 : compare(self, guid(o)))),
};

const statics: Record<string, MemberDecl> = {
  NewGuid: method('Guid', [0, 0], () => new CsGuid(randomUUID().replace(/-/g, ''))),
  Empty: property('Guid', () => EMPTY),
  Parse: method('Guid', [1, 2], (_s, [s]) => parseGuid(s)),
  ParseExact: method('Guid', [2, 2], (_s, [s, f]) => parseGuid(s, String(f))),
  TryParse: method('bool', [2, 2], (_s, [s, out]) => {
    const g = tryParseGuid(s);
    if (out instanceof OutRef) out.value = g ?? EMPTY;
    return g !== null;
  }),
  TryParseExact: method('bool', [3, 3], (_s, [s, f, out]) => {
    const g = tryParseGuid(s, String(f));
    if (out instanceof OutRef) out.value = g ?? EMPTY;
    return g !== null;
  }),
};

export const guidType: TypeDecl = {
  name: 'Guid',
  aliases: ['System.Guid'],
  is: (v) => v instanceof CsGuid,
  construct: method('Guid', [1, 1], (_s, [v]) => (v instanceof Uint8Array ? fromBytes(bytesArg(v)) : parseGuid(v))),
  instance,
  static: statics,
  cast: (v) => guid(v),
  toString: (self: CsGuid, format) => formatGuid(self, format ?? null),
  equals: (a, b) => a instanceof CsGuid && b instanceof CsGuid && a.hex === b.hex,
  compare: (a, b) => compare(guid(a), guid(b)),
};
