// Calling library declarations directly, as the compiler will.
import type { Invocation, MemberDecl, MethodDecl, PropertyDecl, TypeDecl, TypeModule } from '../../../src/expressions/dotnet/registry.ts';
import { jsonTypes } from '../../../src/expressions/dotnet/json/index.ts';
import { collectionTypes } from '../../../src/expressions/dotnet/collections/index.ts';
import { linqTypes } from '../../../src/expressions/dotnet/collections/linq.ts';

const ALL: TypeModule = [...jsonTypes, ...collectionTypes, ...linqTypes];

export function decl(name: string): TypeDecl {
  const d = ALL.find((x) => x.name === name);
  if (!d) throw new Error(`no decl ${name}`);
  return d;
}

export function inv(typeArgs: string[] = [], argTypes: string[] = []): Invocation {
  return { typeArgs, argTypes, named: {}, guard: { step() {}, alloc() {} } };
}

/** Finds an instance member along the base chain, as the compiler does. */
export function member(type: string, name: string): MemberDecl {
  for (let d: TypeDecl | undefined = decl(type); d; d = d.base ? decl(d.base) : undefined) {
    const m = d.instance?.[name];
    if (m) return m;
  }
  throw new Error(`no member ${type}.${name}`);
}

export function call(type: string, self: unknown, name: string, args: unknown[] = [], typeArgs: string[] = [], argTypes: string[] = []): unknown {
  return (member(type, name) as MethodDecl).invoke(self, args, inv(typeArgs, argTypes));
}

export function get(type: string, self: unknown, name: string): unknown {
  return (member(type, name) as PropertyDecl).get(self);
}

export function callStatic(type: string, name: string, args: unknown[] = [], typeArgs: string[] = []): unknown {
  return (decl(type).static![name] as MethodDecl).invoke(undefined, args, inv(typeArgs));
}

export function construct(type: string, args: unknown[] = [], typeArgs: string[] = [], argTypes: string[] = []): unknown {
  return decl(type).construct!.invoke(undefined, args, inv(typeArgs, argTypes));
}
