// Member binding: at compile time where the receiver's type is declared (fast path), through the value's
// declaration at run time otherwise. Member tables are read with Object.hasOwn only, so nothing inherited from
// JS objects (constructor, __proto__, toString...) is ever reachable.
import type { IndexerDecl, Invocation, MemberDecl, TypeDecl, TypeName } from '../dotnet/registry.ts';
import type { TypeSystem } from '../types/type-system.ts';
import { csError } from '../runtime/errors.ts';

export function ownMember(table: Readonly<Record<string, MemberDecl>> | undefined, name: string): MemberDecl | undefined {
  return table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

export function instanceMember(ts: TypeSystem, d: TypeDecl | undefined, name: string): MemberDecl | undefined {
  for (let c = d, n = 0; c && n < 20; c = ts.base(c), n++) {
    const m = ownMember(c.instance, name);
    if (m) return m;
  }
  return undefined;
}

export function staticMember(ts: TypeSystem, d: TypeDecl, name: string): MemberDecl | undefined {
  for (let c: TypeDecl | undefined = d, n = 0; c && n < 20; c = c.base ? ts.declFor(c.base) : undefined, n++) {
    const m = ownMember(c.static, name);
    if (m) return m;
  }
  return undefined;
}

/** The first method named `name` along the base chain. In an invocation C# drops non-invocable members
 *  from the lookup, so `list.Count()` and `jarray.Last()` reach the LINQ methods past the properties. */
export function methodOf(ts: TypeSystem, d: TypeDecl | undefined, name: string): MemberDecl | undefined {
  for (let c = d, n = 0; c && n < 20; c = ts.base(c), n++) {
    const m = ownMember(c.instance, name);
    if (m?.kind === 'method') return m;
  }
  return undefined;
}

/** Members of a static type, `Nullable<T>` members first for `T?`. */
export function memberOfType(ts: TypeSystem, t: TypeName, name: string): MemberDecl | undefined {
  if (t.endsWith('?')) {
    const n = ts.named('Nullable');
    const m = n ? ownMember(n.instance, name) : undefined;
    if (m) return m;
  }
  return instanceMember(ts, ts.declFor(t), name);
}

/** A per-site cache of the member found for the last run-time declaration. */
export function dynamicMember(ts: TypeSystem, name: string, invoked = false): (v: unknown) => MemberDecl {
  let lastDecl: TypeDecl | undefined;
  let lastMember: MemberDecl | undefined;
  return (v) => {
    const d = ts.declOf(v);
    if (d === lastDecl && lastMember) return lastMember;
    const m = (invoked ? methodOf(ts, d, name) : undefined) ?? instanceMember(ts, d, name);
    if (!m) {
      throw csError('RuntimeBinderException', `'${d?.name ?? typeof v}' does not contain a definition for '${name}' that policy expressions may use.`);
    }
    lastDecl = d;
    lastMember = m;
    return m;
  };
}

export function dynamicIndexer(ts: TypeSystem): (v: unknown) => IndexerDecl {
  return (v) => {
    const d = ts.declOf(v);
    const ix = d ? ts.indexer(d) : undefined;
    if (!ix) throw csError('RuntimeBinderException', `Cannot apply indexing with [] to a value of type '${d?.name ?? typeof v}'.`);
    return ix;
  };
}

export function resultType(m: MemberDecl, receiver: TypeName, typeArgs: readonly TypeName[], argTypes: readonly TypeName[]): TypeName {
  if (m.kind === 'property') return typeof m.type === 'string' ? m.type : m.type(receiver);
  return typeof m.returns === 'string' ? m.returns : m.returns(receiver, typeArgs, argTypes);
}

export function makeInvocation(typeArgs: readonly TypeName[], argTypes: readonly TypeName[], receiverType?: TypeName): Invocation {
  const inv: Invocation = { typeArgs, argTypes, named: Object.create(null) as Record<string, unknown>, guard: { step() {}, alloc() {} } };
  if (receiverType !== undefined && receiverType !== 'dynamic') inv.receiverType = receiverType;
  return inv;
}
