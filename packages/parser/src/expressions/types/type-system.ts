// The registry the compiler works against: every TypeDecl (the compiler's primitives, the context model and
// the library modules), merged by name, with lookups by any alias, member lookup along base chains, and the
// run-time type of a value for dynamic dispatch.
import { notSupportedYet } from './not-supported-yet.ts';
import type { MemberDecl, TypeDecl, TypeModule, TypeName, IndexerDecl } from '../dotnet/registry.ts';
import { formatType, KEYWORD_ALIASES, parseTypeName } from './type-names.ts';
import type { ParsedType } from './type-names.ts';

function merge(a: TypeDecl, b: TypeDecl): TypeDecl {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) if (v !== undefined && out[k] === undefined) out[k] = v;
  out.aliases = [...new Set([...(a.aliases ?? []), ...(b.aliases ?? [])])];
  out.instance = { ...(b.instance ?? {}), ...(a.instance ?? {}) };
  out.static = { ...(b.static ?? {}), ...(a.static ?? {}) };
  return out as unknown as TypeDecl;
}

export class TypeSystem {
  private readonly byName = new Map<string, TypeDecl>();
  private readonly namespaces = new Set<string>();
  private readonly protoCache = new Map<object, TypeDecl | null>();
  private readonly all: TypeDecl[] = [];
  private readonly depthCache = new Map<TypeDecl, number>();

  constructor(modules: readonly TypeModule[]) {
    const merged = new Map<string, TypeDecl>();
    for (const m of modules) {
      for (const d of m) {
        const prev = merged.get(d.name);
        merged.set(d.name, prev ? merge(prev, d) : d);
      }
    }
    for (const d of merged.values()) {
      this.all.push(d);
      this.byName.set(d.name, d);
    }
    for (const d of merged.values()) {
      for (const a of d.aliases ?? []) {
        if (!this.byName.has(a)) this.byName.set(a, d);
        const parts = a.split('.');
        for (let i = 1; i < parts.length; i++) this.namespaces.add(parts.slice(0, i).join('.'));
      }
    }
    for (const [clr, kw] of Object.entries(KEYWORD_ALIASES)) {
      const d = this.byName.get(kw);
      if (d) {
        if (!this.byName.has(clr)) this.byName.set(clr, d);
        if (!this.byName.has(`System.${clr}`)) this.byName.set(`System.${clr}`, d);
      }
    }
    this.namespaces.add('System');
  }

  /** The declaration named `name` (any alias), without generic arguments. */
  named(name: string): TypeDecl | undefined {
    return this.byName.get(name);
  }

  isNamespace(name: string): boolean {
    return this.namespaces.has(name);
  }

  /** Canonical form of a type written in source ('Int32' → 'int', 'System.String[]' → 'string[]').
   *  Throws with a message when a name is not declared. */
  canonical(text: string): TypeName {
    if (text === 'var' || text === 'dynamic' || text === 'void') return text;
    const fix = (t: ParsedType): ParsedType => {
      const d = this.byName.get(t.name);
      if (!d) throw new Error(notSupportedYet(t.name) ?? `The type or namespace name '${t.name}' could not be found (it is not available to policy expressions)`);
      return { ...t, name: d.name, args: t.args.map(fix) };
    };
    return formatType(fix(parseTypeName(text)));
  }

  /** The declaration for a canonical type name ('List<string>' → List, 'string[]' → Array, 'int?' → int). */
  declFor(type: TypeName): TypeDecl | undefined {
    if (type === 'dynamic' || type === 'void' || type === 'var') return undefined;
    const direct = this.byName.get(type);
    if (direct) return direct;
    if (type.endsWith('[]')) return this.byName.get(type === 'byte[]' ? 'byte[]' : 'Array') ?? this.byName.get('Array');
    if (type.endsWith('?')) return this.declFor(type.slice(0, -1));
    const lt = type.indexOf('<');
    if (lt > 0) return this.byName.get(type.slice(0, lt));
    return undefined;
  }

  base(d: TypeDecl): TypeDecl | undefined {
    if (d.base) return this.declFor(d.base);
    return d.name === 'object' ? undefined : this.byName.get('object');
  }

  /** Instance member by name along the base chain. */
  instanceMember(d: TypeDecl | undefined, name: string): MemberDecl | undefined {
    for (let c = d, n = 0; c && n < 20; c = this.base(c), n++) {
      const m = c.instance?.[name];
      if (m) return m;
    }
    return undefined;
  }

  staticMember(d: TypeDecl, name: string): MemberDecl | undefined {
    for (let c: TypeDecl | undefined = d, n = 0; c && n < 20; c = c.base ? this.declFor(c.base) : undefined, n++) {
      const m = c.static?.[name];
      if (m) return m;
    }
    return undefined;
  }

  indexer(d: TypeDecl | undefined): IndexerDecl | undefined {
    for (let c = d, n = 0; c && n < 20; c = this.base(c), n++) if (c.indexer) return c.indexer;
    return undefined;
  }

  /** First declaration along the chain that has `field`. */
  find<K extends keyof TypeDecl>(d: TypeDecl | undefined, field: K): TypeDecl | undefined {
    for (let c = d, n = 0; c && n < 20; c = this.base(c), n++) if (c[field] !== undefined) return c;
    return undefined;
  }

  /** Whether `d` is `target` or derives from it. */
  derives(d: TypeDecl, target: TypeDecl): boolean {
    for (let c: TypeDecl | undefined = d, n = 0; c && n < 20; c = this.base(c), n++) if (c === target) return true;
    return false;
  }

  private depth(d: TypeDecl): number {
    let n = this.depthCache.get(d);
    if (n === undefined) {
      n = 0;
      for (let c = d.base ? this.declFor(d.base) : undefined; c && n < 20; c = c.base ? this.declFor(c.base) : undefined) n++;
      this.depthCache.set(d, n);
    }
    return n;
  }

  /** The declaration of a run-time value (dynamic dispatch). */
  declOf(v: unknown): TypeDecl | undefined {
    switch (typeof v) {
      case 'string': return this.byName.get('string');
      case 'boolean': return this.byName.get('bool');
      case 'number': return this.byName.get(Number.isInteger(v) ? 'int' : 'double');
      case 'bigint': return this.byName.get('long');
      case 'object': break;
      default: return undefined;
    }
    if (v === null) return undefined;
    if (v instanceof Uint8Array) return this.byName.get('byte[]');
    if (Array.isArray(v)) return this.byName.get('Array');
    const proto = Object.getPrototypeOf(v) as object | null;
    const cacheable = proto !== null && proto !== Object.prototype;
    if (cacheable) {
      const hit = this.protoCache.get(proto);
      if (hit !== undefined) return hit ?? undefined;
    }
    let best: TypeDecl | undefined;
    for (const d of this.all) {
      if (d.is && d.name !== 'object' && d.is(v) && (!best || this.depth(d) > this.depth(best))) best = d;
    }
    if (cacheable) this.protoCache.set(proto, best ?? null);
    return best;
  }

  /** The declarations (for tests and tools). */
  declarations(): readonly TypeDecl[] {
    return this.all;
  }
}
