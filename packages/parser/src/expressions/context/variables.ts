// context.Variables: IReadOnlyDictionary<string, object> whose entries remember their C# type, so that
// GetValueOrDefault<T> can throw on a type mismatch as the docs say (spec §2.2). set-variable stores the
// compiled expression's `resultType`; a literal value is a 'string'.
import type { TypeName } from '../dotnet/registry.ts';

export interface VariableEntry {
  value: unknown;
  /** Canonical C# type ('string', 'int', 'JObject', 'IResponse'...), or 'dynamic' when not known. */
  type: TypeName;
}

export class VariableDictionary {
  private readonly map = new Map<string, VariableEntry>();
  /** Told of every name set (the request trace's "variables it set"); unset on the normal path. */
  onSet: ((name: string) => void) | undefined = undefined;

  constructor(init?: Iterable<readonly [string, unknown, TypeName?]>) {
    if (init) for (const [k, v, t] of init) this.set(k, v, t);
  }

  /** Stores a value with its C# type; without a type it is inferred from the value ('dynamic' for objects). */
  set(name: string, value: unknown, type?: TypeName): void {
    this.map.set(name, { value: value === undefined ? null : value, type: type ?? inferType(value) });
    this.onSet?.(name);
  }

  get(name: string): unknown {
    return this.map.get(name)?.value;
  }

  entry(name: string): VariableEntry | undefined {
    return this.map.get(name);
  }

  has(name: string): boolean {
    return this.map.has(name);
  }

  remove(name: string): boolean {
    return this.map.delete(name);
  }

  delete(name: string): boolean {
    return this.map.delete(name);
  }

  /** The C# type the value was stored with. */
  typeOf(name: string): TypeName | undefined {
    return this.map.get(name)?.type;
  }

  *entries(): IterableIterator<[string, unknown]> {
    for (const [k, e] of this.map) yield [k, e.value];
  }

  names(): string[] {
    return [...this.map.keys()];
  }

  get size(): number {
    return this.map.size;
  }

  *[Symbol.iterator](): IterableIterator<[string, unknown]> {
    for (const [k, e] of this.map) yield [k, e.value];
  }
}

function inferType(v: unknown): TypeName {
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(v) ? 'int' : 'double';
    default: return v instanceof Uint8Array ? 'byte[]' : 'dynamic';
  }
}
