// System.Convert: base64 and hex, and the numeric/boolean/string conversions policies use.
import { Buffer } from 'node:buffer';
import { exactNumbers, ExpressionError, method } from '../registry.ts';
import { parseNumber } from '../numbers.ts';
import type { Invocation, MemberDecl, TypeDecl } from '../registry.ts';
import { bytesArg, plain, range, stringArg, view } from './bytes.ts';
import { displayString } from './display.ts';

const BAD_BASE64 = 'The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding characters, or an illegal character among the padding characters.';
export const BAD_FORMAT = 'Input string was not in a correct format.';

/** Convert.FromBase64String: whitespace is ignored; anything else outside the alphabet is an error. */
export function fromBase64(text: string): Uint8Array {
  const s = text.replace(/[ \t\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new ExpressionError(BAD_BASE64, 'FormatException');
  if (s.length % 4 !== 0) throw new ExpressionError('Invalid length for a Base-64 char array or string.', 'FormatException');
  return plain(Buffer.from(s, 'base64'));
}

export function toBase64(bytes: Uint8Array): string {
  return view(bytes).toString('base64');
}

export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0) throw new ExpressionError('The input is not a valid hex string as its length is not a multiple of 2. (Parameter \'s\')', 'FormatException');
  if (!/^[0-9A-Fa-f]*$/.test(text)) throw new ExpressionError('The input is not a valid hex string as it contains a non-hex character.', 'FormatException');
  return plain(Buffer.from(text, 'hex'));
}

interface IntType { name: string; min: number; max: number }
const INT32: IntType = { name: 'Int32', min: -2147483648, max: 2147483647 };
const INT64: IntType = { name: 'Int64', min: -9223372036854775808, max: 9223372036854775807 };
const INT16: IntType = { name: 'Int16', min: -32768, max: 32767 };
const BYTE: IntType = { name: 'Byte', min: 0, max: 255 };

function overflow(t: IntType): never {
  throw new ExpressionError(`Value was either too large or too small for ${t.name === 'Int32' || t.name === 'Int64' || t.name === 'Int16' ? 'an' : 'an unsigned'} ${t.name === 'Byte' ? 'byte' : t.name}.`, 'OverflowException');
}

/** Banker's rounding, as Convert.ToInt32(double) does. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** A primitive behind a boxed value (JValue and friends expose it as `value`). */
function unbox(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array) && !Array.isArray(v) && 'value' in v) {
    const inner = (v as { value: unknown }).value;
    if (inner === null || ['string', 'number', 'boolean'].includes(typeof inner)) return inner;
  }
  return v;
}

function toInteger(raw: unknown, t: IntType, argType?: string, fromBase?: unknown): number {
  const v = unbox(raw);
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    if (argType === 'char') return v;
    if (!Number.isFinite(v)) overflow(t);
    const r = roundHalfEven(v);
    if (r < t.min || r > t.max) overflow(t);
    return r + 0;
  }
  if (typeof v === 'string') {
    if (argType === 'char') return v.charCodeAt(0);
    if (fromBase !== undefined) return parseInBase(v, Number(fromBase), t);
    const m = /^\s*([+-]?)(\d+)\s*$/.exec(v);
    if (!m) throw new ExpressionError(BAD_FORMAT, 'FormatException');
    const n = Number(m[1] + m[2]);
    if (n < t.min || n > t.max) overflow(t);
    return n + 0;
  }
  throw new ExpressionError(`Unable to cast object to type 'System.IConvertible'.`, 'InvalidCastException');
}

function parseInBase(s: string, base: number, t: IntType): number {
  if (![2, 8, 10, 16].includes(base)) throw new ExpressionError('Invalid Base. (Parameter \'fromBase\')', 'ArgumentException');
  if (base === 10) return toInteger(s, t);
  let digits = s.trim();
  if (base === 16) digits = digits.replace(/^0x/i, '');
  const valid = base === 2 ? /^[01]+$/ : base === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/;
  if (!valid.test(digits)) throw new ExpressionError('Could not find any recognizable digits.', 'FormatException');
  const bits = t === INT64 ? 64n : t === INT16 ? 16n : t === BYTE ? 8n : 32n;
  let n = BigInt(base === 16 ? `0x${digits}` : base === 8 ? `0o${digits}` : `0b${digits}`);
  if (n >= 1n << bits) overflow(t);
  // Non-decimal bases read the two's-complement bit pattern.
  if (t !== BYTE && n >= 1n << (bits - 1n)) n -= 1n << bits;
  return Number(n);
}

export function toDouble(raw: unknown): number {
  const v = unbox(raw);
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim().replace(/,/g, '');
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
      if (/^[+-]?(Infinity|∞)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
      if (s === 'NaN') return NaN;
      throw new ExpressionError(BAD_FORMAT, 'FormatException');
    }
    return Number(s);
  }
  throw new ExpressionError(`Unable to cast object to type 'System.IConvertible'.`, 'InvalidCastException');
}

export function toBoolean(raw: unknown): boolean {
  const v = unbox(raw);
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
    throw new ExpressionError(`String '${v}' was not recognized as a valid Boolean.`, 'FormatException');
  }
  throw new ExpressionError(`Unable to cast object to type 'System.IConvertible'.`, 'InvalidCastException');
}

function convertToString(v: unknown, inv: Invocation, toBase?: unknown): string | null {
  if (toBase !== undefined && typeof v === 'number') {
    const base = Number(toBase);
    if (![2, 8, 10, 16].includes(base)) throw new ExpressionError('Invalid Base. (Parameter \'toBase\')', 'ArgumentException');
    if (base === 10) return String(v);
    const bits = inv.argTypes[0] === 'long' ? 64n : inv.argTypes[0] === 'byte' ? 8n : inv.argTypes[0] === 'short' ? 16n : 32n;
    const n = BigInt(Math.trunc(v));
    return (n < 0n ? n + (1n << bits) : n).toString(base);
  }
  // Convert.ToString((string)null) is null; other nulls print as "".
  if (v === null) return inv.argTypes[0] === 'string' ? null : '';
  return displayString(unbox(v), inv.argTypes[0]);
}

/** ChangeType(value, type): the type arrives as a name (typeof(int) → 'int'). */
function changeType(v: unknown, type: unknown, inv: Invocation): unknown {
  const name = typeof type === 'string' ? type : (type as { name?: string } | null)?.name ?? '';
  switch (name.replace(/^System\./, '')) {
    case 'int': case 'Int32': return toInteger(v, INT32);
    case 'long': case 'Int64': return toInteger(v, INT64);
    case 'short': case 'Int16': return toInteger(v, INT16);
    case 'byte': case 'Byte': return toInteger(v, BYTE);
    case 'double': case 'Double': case 'float': case 'Single': case 'decimal': case 'Decimal': return toDouble(v);
    case 'bool': case 'Boolean': return toBoolean(v);
    case 'string': case 'String': return convertToString(v, inv);
    case 'object': case 'Object': return v;
    default: throw new ExpressionError(`Invalid cast from '${typeof v}' to '${name}'.`, 'InvalidCastException');
  }
}

const integer = (t: IntType) => method(t === INT64 ? 'long' : t === INT16 ? 'short' : t === BYTE ? 'byte' : 'int', [1, 2],
  (_s, [v, b], inv) => toInteger(v, t, inv.argTypes[0], b));

const statics: Record<string, MemberDecl> = {
  ToBase64String: method('string', [1, 4], (_s, [b, offset, length], inv) => {
    const bytes = bytesArg(b, 'inArray');
    const [start, n] = range(bytes.length, offset, length);
    inv.guard.step(n);
    return toBase64(bytes.subarray(start, start + n));
  }),
  FromBase64String: method('byte[]', [1, 1], (_s, [s], inv) => {
    const text = stringArg(s, 's');
    inv.guard.step(text.length);
    return fromBase64(text);
  }),
  ToHexString: method('string', [1, 3], (_s, [b, offset, length], inv) => {
    const bytes = bytesArg(b, 'inArray');
    const [start, n] = range(bytes.length, offset, length);
    inv.guard.step(n);
    return view(bytes.subarray(start, start + n)).toString('hex').toUpperCase();
  }),
  FromHexString: method('byte[]', [1, 1], (_s, [s], inv) => {
    const text = stringArg(s, 's');
    inv.guard.step(text.length);
    return fromHex(text);
  }),
  ToInt32: integer(INT32),
  ToInt64: integer(INT64),
  ToInt16: integer(INT16),
  ToByte: integer(BYTE),
  ToDouble: method('double', [1, 2], (_s, [v]) => toDouble(v)),
  ToSingle: method('float', [1, 2], (_s, [v]) => Math.fround(toDouble(v))),
  // From text, decimal.Parse's exact value and scale ("1.10" stays 1.10m).
  ToDecimal: method('decimal', [1, 2], (_s, [v]) => (typeof v === 'string' ? parseNumber('decimal', v) : toDouble(v))),
  ToBoolean: method('bool', [1, 2], (_s, [v]) => toBoolean(v)),
  ToString: method('string', [1, 2], (_s, [v, b], inv) => convertToString(v, inv, typeof b === 'number' ? b : undefined)),
  ToChar: method('char', [1, 1], (_s, [v]) => {
    if (typeof v === 'string' && v.length === 1) return v;
    const code = toInteger(v, { name: 'Char', min: 0, max: 65535 });
    return String.fromCharCode(code);
  }),
  ChangeType: method('object', [2, 3], (_s, [v, t], inv) => changeType(v, t, inv)),
  IsDBNull: method('bool', [1, 1], () => false),
};

statics.ToString = exactNumbers(statics.ToString!);

export const convertType: TypeDecl = {
  name: 'Convert',
  aliases: ['System.Convert'],
  static: statics,
};
