// System.BitConverter (little-endian, as on every platform the gateway runs on).
import { ExpressionError, method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';
import { bytesArg } from './bytes.ts';

/** "AB-CD-EF": uppercase hex pairs joined by '-'. */
export function hyphenatedHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('-');
}

function getBytes(value: unknown, type: string): Uint8Array {
  if (typeof value === 'boolean') return Uint8Array.of(value ? 1 : 0);
  if (typeof value === 'string' && value.length === 1) {
    const c = value.charCodeAt(0);
    return Uint8Array.of(c & 0xff, c >> 8);
  }
  if (typeof value !== 'number') throw new ExpressionError('BitConverter.GetBytes needs a number, bool or char.');
  const width: Record<string, number> = { short: 2, ushort: 2, int: 4, uint: 4, long: 8, ulong: 8, float: 4, double: 8 };
  // Without a static type, integers in Int32 range are ints and everything else a double.
  const t = width[type] !== undefined ? type : Number.isInteger(value) && Math.abs(value) <= 2147483647 ? 'int' : 'double';
  const out = new Uint8Array(width[t]!);
  const dv = new DataView(out.buffer);
  switch (t) {
    case 'short': case 'ushort': dv.setUint16(0, value & 0xffff, true); break;
    case 'int': case 'uint': dv.setUint32(0, value >>> 0, true); break;
    case 'long': case 'ulong': dv.setBigUint64(0, BigInt.asUintN(64, BigInt(Math.trunc(value))), true); break;
    case 'float': dv.setFloat32(0, value, true); break;
    default: dv.setFloat64(0, value, true);
  }
  return out;
}

function reader(width: number, read: (dv: DataView) => number | boolean, returns: string) {
  return method(returns, [2, 2], (_s, [b, start]) => {
    const bytes = bytesArg(b, 'value');
    const i = Number(start);
    if (!Number.isInteger(i) || i < 0 || i >= bytes.length) {
      throw new ExpressionError('Index was out of range. Must be non-negative and less than the size of the collection. (Parameter \'startIndex\')', 'ArgumentOutOfRangeException');
    }
    if (i + width > bytes.length) throw new ExpressionError('Destination array is not long enough to copy all the items in the collection. Check array index and length. (Parameter \'value\')', 'ArgumentException');
    return read(new DataView(bytes.buffer, bytes.byteOffset + i, width));
  });
}

const statics: Record<string, MemberDecl> = {
  IsLittleEndian: property('bool', () => true),
  ToString: method('string', [1, 3], (_s, [b, start, length], inv) => {
    const bytes = bytesArg(b, 'value');
    const a = start === undefined ? 0 : Number(start);
    const n = length === undefined ? bytes.length - a : Number(length);
    if (a < 0 || n < 0 || a + n > bytes.length) throw new ExpressionError('Index was out of range. Must be non-negative and less than the size of the collection. (Parameter \'startIndex\')', 'ArgumentOutOfRangeException');
    inv.guard.step(n);
    return hyphenatedHex(bytes.subarray(a, a + n));
  }),
  GetBytes: method('byte[]', [1, 1], (_s, [v], inv) => getBytes(v, inv.argTypes[0] ?? 'dynamic')),
  ToInt16: reader(2, (dv) => dv.getInt16(0, true), 'short'),
  ToUInt16: reader(2, (dv) => dv.getUint16(0, true), 'ushort'),
  ToInt32: reader(4, (dv) => dv.getInt32(0, true), 'int'),
  ToUInt32: reader(4, (dv) => dv.getUint32(0, true), 'uint'),
  ToInt64: reader(8, (dv) => Number(dv.getBigInt64(0, true)), 'long'),
  ToUInt64: reader(8, (dv) => Number(dv.getBigUint64(0, true)), 'ulong'),
  ToSingle: reader(4, (dv) => dv.getFloat32(0, true), 'float'),
  ToDouble: reader(8, (dv) => dv.getFloat64(0, true), 'double'),
  ToBoolean: reader(1, (dv) => dv.getUint8(0) !== 0, 'bool'),
};

export const bitConverterType: TypeDecl = {
  name: 'BitConverter',
  aliases: ['System.BitConverter'],
  static: statics,
};
