// C# operators over compiled operands: numeric promotion with int wrap-around and integer division by static
// type, string concatenation with .NET ToString, value equality, lifted nulls, and op_* overloads of library
// types. Where a static type is unknown ('dynamic'), arithmetic falls back to JS numbers: `/` is then a
// floating-point division (documented fallback), `+` concatenates when either value is a string.
import type { MethodDecl, TypeName } from '../dotnet/registry.ts';
import type { TypeSystem } from '../types/type-system.ts';
import { INTEGRAL, NUMERIC, promote, stripNullable } from '../types/type-names.ts';
import { csCompare, csEquals, toNetString } from '../runtime/convert.ts';
import { csError } from '../runtime/errors.ts';
import { longArithmetic, longBitwise, longShift } from '../dotnet/int64.ts';
import type { Int64 } from '../dotnet/int64.ts';
import { compareDecimal, decimalArithmetic } from '../dotnet/decimal.ts';
import type { CExpr, Ev, Frame } from './frame.ts';
import type { AnyNode } from '../syntax/nodes.ts';

export interface OpEnv {
  ts: TypeSystem;
  fail(node: AnyNode, message: string): never;
  /** Canonical form of a type a declaration returns ('dynamic' when it is not declared). */
  norm(t: TypeName): TypeName;
}

const NOGUARD = { step(): void {}, alloc(): void {} };
const divideByZero = () => csError('DivideByZeroException', 'Attempted to divide by zero.');

export const isNum = (t: TypeName): boolean => NUMERIC.has(stripNullable(t)) || stripNullable(t) === 'char';
const isDyn = (t: TypeName): boolean => t === 'dynamic' || t === 'object' || t === 'null';

/** A char operand as its code; other values unchanged. */
function numeric(e: CExpr): Ev {
  if (stripNullable(e.t) === 'char') {
    const ev = e.ev;
    return (f) => {
      const v = ev(f);
      return typeof v === 'string' ? v.charCodeAt(0) : v;
    };
  }
  return e.ev;
}

function wrap(t: TypeName, v: number): number {
  switch (t) {
    case 'int': return v | 0;
    case 'uint': return v >>> 0;
    default: return v;
  }
}

const OP_NAMES: Record<string, string> = {
  '+': 'op_Addition', '-': 'op_Subtraction', '*': 'op_Multiply', '/': 'op_Division', '%': 'op_Modulus',
};

function findOperator(env: OpEnv, name: string, types: TypeName[]): { m: MethodDecl; owner: TypeName } | undefined {
  for (const t of types) {
    const d = env.ts.declFor(stripNullable(t));
    const m = d ? env.ts.staticMember(d, name) : undefined;
    if (m && m.kind === 'method') return { m, owner: t };
  }
  return undefined;
}

function runtimeOperator(env: OpEnv, op: string, a: unknown, b: unknown): unknown {
  const name = OP_NAMES[op]!;
  for (const v of [a, b]) {
    const d = v !== null && typeof v === 'object' ? env.ts.declOf(v) : undefined;
    const m = d ? env.ts.staticMember(d, name) : undefined;
    if (m && m.kind === 'method') return m.invoke(undefined, [a, b], { typeArgs: [], argTypes: ['dynamic', 'dynamic'], named: {}, guard: NOGUARD });
  }
  throw csError('InvalidOperationException', `Operator '${op}' cannot be applied to these operands.`);
}

function concat(env: OpEnv, l: CExpr, r: CExpr): CExpr {
  const ts = env.ts;
  const ls = l.t === 'string' ? (f: Frame) => (l.ev(f) as string | null) ?? '' : (f: Frame) => toNetString(ts, l.ev(f), l.t);
  const rs = r.t === 'string' ? (f: Frame) => (r.ev(f) as string | null) ?? '' : (f: Frame) => toNetString(ts, r.ev(f), r.t);
  return {
    t: 'string',
    node: l.node,
    ev: (f) => {
      const s = (ls(f) as string) + (rs(f) as string);
      if (s.length > 4096) { f.rt.guard.alloc(s.length); f.rt.guard.chargeValue(s); }
      return s;
    },
  };
}

export function binary(env: OpEnv, node: AnyNode, op: string, l: CExpr, r: CExpr): CExpr {
  const ts = env.ts;
  switch (op) {
    case '==': case '!=': return equality(env, node, op === '!=', l, r);
    case '<': case '>': case '<=': case '>=': return comparison(env, node, op, l, r);
    case '&': case '|': case '^': return bitwise(env, node, op, l, r);
    case '<<': case '>>': {
      const a = numeric(l);
      const b = numeric(r);
      const t = promote(l.t, 'int');
      if (t === 'long' || t === 'ulong') {
        const unsigned = t === 'ulong';
        return { t, node, ev: (f) => longShift(op, a(f) as Int64, b(f) as number, unsigned) };
      }
      // JS masks the count to 5 bits as C# does for int; uint shifts right logically.
      if (t === 'uint') return { t, node, ev: op === '<<' ? (f) => ((a(f) as number) << (b(f) as number)) >>> 0 : (f) => (a(f) as number) >>> (b(f) as number) };
      return { t, node, ev: op === '<<' ? (f) => wrap(t, (a(f) as number) << (b(f) as number)) : (f) => (a(f) as number) >> (b(f) as number) };
    }
    case '+': case '-': case '*': case '/': case '%': break;
    default: env.fail(node, `Operator '${op}' is not C#`);
  }
  if (op === '+' && (l.t === 'string' || r.t === 'string' || (l.t === 'char' && r.t === 'string'))) return concat(env, l, r);
  if (isNum(l.t) && isNum(r.t)) return arithmetic(node, op, l, r);
  if (!isDyn(l.t) && !isDyn(r.t)) {
    const found = findOperator(env, OP_NAMES[op]!, [l.t, r.t]);
    if (!found) env.fail(node, `Operator '${op}' cannot be applied to operands of type '${l.t}' and '${r.t}'`);
    const { m } = found;
    const argTypes = [l.t, r.t];
    const t = env.norm(typeof m.returns === 'string' ? m.returns : m.returns(found.owner, [], argTypes));
    const inv = { typeArgs: [], argTypes, named: {}, guard: NOGUARD };
    return { t, node, ev: (f) => m.invoke(undefined, [l.ev(f), r.ev(f)], { ...inv, guard: f.rt.guard }) };
  }
  // `object` is a static type, not `dynamic`: C# has no arithmetic on it (CS0019); a cast is needed.
  refuseObjectOperands(env, node, op, l, r);
  // At least one side's type is unknown: decide on the values.
  const a = l.ev;
  const b = r.ev;
  return {
    t: op === '+' && (l.t === 'string' || r.t === 'string') ? 'string' : 'dynamic',
    node,
    ev: (f) => {
      const x = a(f);
      const y = b(f);
      if (op === '+' && (typeof x === 'string' || typeof y === 'string')) {
        // char + dynamic is concatenation when the dynamic side holds a string (an untyped lambda
        // accumulator: `Aggregate("", (acc, m) => acc + s[0])`), arithmetic when it holds a number.
        const charSide = l.t === 'char' ? 'l' : r.t === 'char' ? 'r' : null;
        const other = charSide === 'l' ? y : x;
        if (charSide === null || (typeof other === 'string' && !(l.t === 'char' && r.t === 'char'))) {
          return toNetString(ts, x, l.t) + toNetString(ts, y, r.t);
        }
      }
      if (x === null || y === null || x === undefined || y === undefined) return null;
      if (typeof x === 'number' && typeof y === 'number') return jsArith(op, x, y);
      return runtimeOperator(env, op, x, y);
    },
  };
}

function refuseObjectOperands(env: OpEnv, node: AnyNode, op: string, l: CExpr, r: CExpr): void {
  const object = (t: TypeName): boolean => stripNullable(t) === 'object';
  if ((object(l.t) && r.t !== 'dynamic') || (object(r.t) && l.t !== 'dynamic')) {
    env.fail(node, `Operator '${op}' cannot be applied to operands of type '${l.t}' and '${r.t}'`);
  }
}

function jsArith(op: string, x: number, y: number): number {
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return x / y;
    default: return x % y;
  }
}

function arithmetic(node: AnyNode, op: string, l: CExpr, r: CExpr): CExpr {
  const t = promote(l.t, r.t);
  const nullable = l.t.endsWith('?') || r.t.endsWith('?') || l.t === 'null' || r.t === 'null';
  const a = numeric(l);
  const b = numeric(r);
  const integral = INTEGRAL.has(t);
  let core: (x: number, y: number) => unknown;
  if (t === 'long' || t === 'ulong') {
    const unsigned = t === 'ulong';
    core = (x, y) => longArithmetic(op, x, y, unsigned);
  } else if (t === 'decimal') {
    core = (x, y) => decimalArithmetic(op, x, y);
  } else switch (op) {
    case '+': core = t === 'int' ? (x, y) => (x + y) | 0 : (x, y) => wrap(t, x + y); break;
    case '-': core = t === 'int' ? (x, y) => (x - y) | 0 : (x, y) => wrap(t, x - y); break;
    case '*': core = t === 'int' ? (x, y) => Math.imul(x, y) : (x, y) => wrap(t, x * y); break;
    case '/':
      core = integral || t === 'decimal'
        ? (x, y) => {
          if (y === 0) throw divideByZero();
          return integral ? wrap(t, Math.trunc(x / y)) : x / y;
        }
        : (x, y) => x / y;
      break;
    default:
      core = integral || t === 'decimal'
        ? (x, y) => {
          if (y === 0) throw divideByZero();
          return x % y;
        }
        : (x, y) => x % y;
  }
  if (nullable) {
    return { t: `${t}?`, node, ev: (f) => {
      const x = a(f) as number | null;
      const y = b(f) as number | null;
      return x === null || y === null ? null : core(x, y);
    } };
  }
  return { t, node, ev: (f) => core(a(f) as number, b(f) as number) };
}

function equality(env: OpEnv, node: AnyNode, negate: boolean, l: CExpr, r: CExpr): CExpr {
  const ts = env.ts;
  let ev: (f: Frame) => boolean;
  if (l.t === 'null' || r.t === 'null') {
    const other = l.t === 'null' ? r.ev : l.ev;
    ev = (f) => {
      const v = other(f);
      return v === null || v === undefined;
    };
  } else if ((l.t === 'string' && r.t === 'string') || (l.t === 'bool' && r.t === 'bool') || (l.t === 'char' && r.t === 'char')) {
    ev = (f) => (l.ev(f) ?? null) === (r.ev(f) ?? null);
  } else if (isNum(l.t) && isNum(r.t)) {
    const a = numeric(l);
    const b = numeric(r);
    if (promote(l.t, r.t) === 'decimal') {
      // 1.10m == 1.1m: decimals compare by value, whatever their scale.
      ev = (f) => {
        const x = a(f) ?? null;
        const y = b(f) ?? null;
        return x === null || y === null ? x === y : compareDecimal(x, y) === 0;
      };
    } else {
      // A long past 2^53 is a BigInt; against a double, C# compares the double values.
      ev = (f) => {
        const x = a(f) ?? null;
        const y = b(f) ?? null;
        return x === y || (typeof x === 'bigint' || typeof y === 'bigint' ? x !== null && y !== null && Number(x) === Number(y) : false);
      };
    }
  } else {
    ev = (f) => csEquals(ts, l.ev(f), r.ev(f));
  }
  return { t: 'bool', node, ev: negate ? (f) => !ev(f) : ev };
}

function comparison(env: OpEnv, node: AnyNode, op: string, l: CExpr, r: CExpr): CExpr {
  const test = (c: number): boolean => (op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0);
  if (isNum(l.t) && isNum(r.t)) {
    const a = numeric(l);
    const b = numeric(r);
    if (promote(l.t, r.t) === 'decimal') {
      return { t: 'bool', node, ev: (f) => {
        const x = a(f);
        const y = b(f);
        return x === null || y === null || x === undefined || y === undefined ? false : test(compareDecimal(x, y));
      } };
    }
    // number and BigInt compare exactly with JS's relational operators.
    const ev = (f: Frame): boolean => {
      const x = a(f) as number | null;
      const y = b(f) as number | null;
      if (x === null || y === null) return false;
      return op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
    };
    return { t: 'bool', node, ev };
  }
  if (!isDyn(l.t) && !isDyn(r.t)) {
    const d = env.ts.declFor(stripNullable(l.t));
    const owner = d ? env.ts.find(d, 'compare') : undefined;
    if (!owner?.compare || l.t === 'string') env.fail(node, `Operator '${op}' cannot be applied to operands of type '${l.t}' and '${r.t}'`);
    const cmp = owner.compare.bind(owner);
    return { t: 'bool', node, ev: (f) => {
      const x = l.ev(f);
      const y = r.ev(f);
      return x === null || y === null ? false : test(cmp(x, y));
    } };
  }
  refuseObjectOperands(env, node, op, l, r);
  const ts = env.ts;
  return { t: 'bool', node, ev: (f) => {
    let x = l.ev(f);
    let y = r.ev(f);
    if (x === null || y === null || x === undefined || y === undefined) return false;
    if (typeof x === 'string' && typeof y === 'number' && x.length === 1) x = x.charCodeAt(0);
    if (typeof y === 'string' && typeof x === 'number' && y.length === 1) y = y.charCodeAt(0);
    return test(csCompare(ts, x, y));
  } };
}

function bitwise(env: OpEnv, node: AnyNode, op: string, l: CExpr, r: CExpr): CExpr {
  if (stripNullable(l.t) === 'bool' || stripNullable(r.t) === 'bool') {
    const fn = op === '&' ? (x: boolean, y: boolean) => x && y : op === '|' ? (x: boolean, y: boolean) => x || y : (x: boolean, y: boolean) => x !== y;
    return { t: 'bool', node, ev: (f) => {
      const x = l.ev(f) as boolean;
      const y = r.ev(f) as boolean;
      return fn(x, y);
    } };
  }
  if (!isNum(l.t) && !isDyn(l.t)) {
    // Flags enums are numbers with the enum as static type.
    const d = env.ts.declFor(l.t);
    if (!d) env.fail(node, `Operator '${op}' cannot be applied to operand of type '${l.t}'`);
  }
  const a = numeric(l);
  const b = numeric(r);
  const t = isNum(l.t) && isNum(r.t) ? promote(l.t, r.t) : isNum(l.t) ? r.t : l.t;
  if (t === 'long' || t === 'ulong') {
    const unsigned = t === 'ulong';
    return { t, node, ev: (f) => longBitwise(op as '&' | '|' | '^', a(f) as Int64, b(f) as Int64, unsigned) };
  }
  const fn = op === '&' ? (x: number, y: number) => x & y : op === '|' ? (x: number, y: number) => x | y : (x: number, y: number) => x ^ y;
  return { t, node, ev: (f) => fn(a(f) as number, b(f) as number) };
}
