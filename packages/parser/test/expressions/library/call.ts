// Calls library declarations the way the compiler does: through TypeDecl members, with a real guard.
import { ExpressionError } from '../../../src/expressions/dotnet/registry.ts';
import type { Guard, Invocation, MemberDecl, TypeDecl, TypeModule } from '../../../src/expressions/dotnet/registry.ts';

export function budgetGuard(steps = 1_000_000, memory = 10_000_000): Guard & { used: number } {
  const g = {
    used: 0,
    step(n = 1) { g.used += n; if (g.used > steps) throw new ExpressionError('step budget exceeded'); },
    alloc(n: number) { memory -= n; if (memory < 0) throw new ExpressionError('allocation budget exceeded'); },
  };
  return g;
}

export function invocation(guard: Guard = budgetGuard(), typeArgs: string[] = [], argTypes: string[] = []): Invocation {
  return { typeArgs, argTypes, named: {}, guard };
}

export function typeOf(module: TypeModule, name: string): TypeDecl {
  const t = module.find((d) => d.name === name);
  if (!t) throw new Error(`no type ${name}`);
  return t;
}

function member(table: Readonly<Record<string, MemberDecl>> | undefined, name: string, type: TypeDecl): MemberDecl {
  const m = table?.[name];
  if (!m) throw new Error(`${type.name} has no member ${name}`);
  return m;
}

function run(m: MemberDecl, self: unknown, args: unknown[], inv: Invocation): unknown {
  if (m.kind === 'property') return m.get(self);
  if (args.length < m.arity[0] || args.length > m.arity[1]) throw new Error(`arity ${args.length} outside ${m.arity.join('..')}`);
  return m.invoke(self, args, inv);
}

/** `Type.Name(args)` or `Type.Name` for a static property. */
export function st(type: TypeDecl, name: string, ...args: unknown[]): any {
  return run(member(type.static, name, type), undefined, args, invocation());
}

/** `self.Name(args)` or `self.Name`. */
export function inst(type: TypeDecl, self: unknown, name: string, ...args: unknown[]): any {
  return run(member(type.instance, name, type), self, args, invocation());
}

/** `new Type(args)`. */
export function make(type: TypeDecl, ...args: unknown[]): any {
  if (!type.construct) throw new Error(`${type.name} has no constructor`);
  return type.construct.invoke(undefined, args, invocation());
}

/** `new Type(args)` where overloads differ by static argument type. */
export function makeTyped(type: TypeDecl, argTypes: string[], ...args: unknown[]): any {
  if (!type.construct) throw new Error(`${type.name} has no constructor`);
  return type.construct.invoke(undefined, args, invocation(budgetGuard(), [], argTypes));
}
