// `new { a = 1, b }`: an anonymous object, as a null-prototype plain object (nothing inherited, so no host
// reach; the JSON serializer reads plain objects as anonymous types). Members are read by name at run time.
import { csError } from '../runtime/errors.ts';
import { setMemberTypes } from '../dotnet/json/member-types.ts';

const ANONYMOUS = new WeakSet<object>();

/** `types`: members' static types where the serializer needs them (floating-point members). */
export function makeAnonymous(props: readonly (readonly [string, unknown])[], types?: Readonly<Record<string, string>>): Record<string, unknown> {
  const o = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of props) Object.defineProperty(o, k, { value: v, enumerable: true, writable: false });
  ANONYMOUS.add(o);
  if (types) setMemberTypes(o, types);
  return o;
}

export function isAnonymous(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && ANONYMOUS.has(v);
}

export function anonymousMember(o: Record<string, unknown>, name: string): unknown {
  if (!Object.hasOwn(o, name)) throw csError('RuntimeBinderException', `The anonymous object has no member '${name}'.`);
  return o[name];
}
