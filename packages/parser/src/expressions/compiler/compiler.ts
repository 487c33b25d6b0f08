// ESTree (plus the C# node kinds) to closures, once. Static types are tracked where known and members bound at
// compile time; values of unknown type dispatch through their declaration at run time. Any node kind not
// handled here is refused: that is what keeps JS (functions, `this`, templates, regexes...) out.
import { OutRef } from '../dotnet/registry.ts';
import type { Invocation, MemberDecl, MethodDecl, TypeDecl, TypeName } from '../dotnet/registry.ts';
import type { TypeSystem } from '../types/type-system.ts';
import { elementTypeOf, INTEGRAL, NUMERIC, promote, stripNullable } from '../types/type-names.ts';
import type { AnyNode, InitItem } from '../syntax/nodes.ts';
import { castValue, isInstance, toNetString } from '../runtime/convert.ts';
import { csError, nullReference } from '../runtime/errors.ts';
import { CsType } from '../dotnet/object-types.ts';
import { FnScope, Frame, Scope, slotReader, slotWriter } from './frame.ts';
import type { CExpr, Ev, LValue, Local } from './frame.ts';
import { binary, isNum } from './operators.ts';
import type { OpEnv } from './operators.ts';
import {
  dynamicIndexer, dynamicMember, makeInvocation, memberOfType, methodOf, resultType, staticMember,
} from './members.ts';
import { compileStatements } from './statements.ts';
import { anonymousMember, isAnonymous, makeAnonymous } from './anonymous.ts';
import { longArithmetic, longBitwise } from '../dotnet/int64.ts';
import type { Int64 } from '../dotnet/int64.ts';
import { CsDecimal, decimalArithmetic, negateDecimal } from '../dotnet/decimal.ts';
import { literalValue } from './literals.ts';
import { namespaceNotSupportedYet, notSupportedYet } from '../types/not-supported-yet.ts';

export class CompileFailure extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** Thrown inside `?.` chains when a link is null; caught by the enclosing ChainExpression. */
const SHORT_CIRCUIT = { shortCircuit: true } as const;

const NOT_CSHARP: Record<string, string> = {
  ThisExpression: "'this'", Super: "'super'", FunctionExpression: 'function expressions', ClassExpression: 'classes',
  TemplateLiteral: 'template literals', TaggedTemplateExpression: 'tagged templates', SpreadElement: 'spread',
  AwaitExpression: 'await', YieldExpression: 'yield', ImportExpression: 'import()', MetaProperty: 'meta properties',
  ObjectExpression: 'object literals', ArrayExpression: 'array literals ([...]; use new[] { ... })',
  SequenceExpression: 'comma expressions', NewExpression: 'this form of new', PrivateIdentifier: 'private names',
  ArrayPattern: 'destructuring', ObjectPattern: 'destructuring', AssignmentPattern: 'default parameters', RestElement: 'rest parameters',
};

export function defaultValue(t: TypeName): unknown {
  if (t.endsWith('?')) return null;
  if (NUMERIC.has(t)) return 0;
  if (t === 'bool') return false;
  if (t === 'char') return '\0';
  return null;
}

export class Compiler implements OpEnv {
  scope: Scope;
  /** Catch clauses being compiled (for `throw;`): the slot holding the caught exception. */
  readonly catchSlots: Local[] = [];

  constructor(readonly ts: TypeSystem, fn: FnScope) {
    this.scope = new Scope(null, fn);
  }

  fail(node: AnyNode | { start: number }, message: string): never {
    throw new CompileFailure(node.start, message);
  }

  norm(t: TypeName): TypeName {
    if (t === 'void' || t === 'dynamic' || t === 'lambda') return t;
    try {
      return this.ts.canonical(t);
    } catch {
      return 'dynamic';
    }
  }

  /** A type written in the source: must be declared. */
  typeOf(node: AnyNode, text: string): TypeName {
    try {
      return this.ts.canonical(text);
    } catch (e) {
      return this.fail(node, (e as Error).message);
    }
  }

  /** Is the static type one the compiler can check members against? */
  known(t: TypeName): boolean {
    if (t === 'dynamic' || t === 'null' || t === 'lambda') return false;
    return this.ts.declFor(t) !== undefined;
  }

  pushScope(): Scope {
    this.scope = new Scope(this.scope, this.scope.fn);
    return this.scope;
  }

  popScope(): void {
    this.scope = this.scope.parent!;
  }

  declare(node: AnyNode | { start: number }, name: string, type: TypeName): Local {
    if (this.scope.lookup(name)) this.fail(node, `A local variable named '${name}' is already defined in this scope or an enclosing one`);
    return this.scope.declare(name, type);
  }

  // ---------------------------------------------------------------- expressions
  expr(node: AnyNode, allowType = false): CExpr {
    const e = this.exprInner(node);
    if (!allowType && (e.typeRef !== undefined || e.ns !== undefined)) {
      this.fail(node, `'${e.typeRef ?? e.ns}' is a ${e.typeRef ? 'type' : 'namespace'}, which is not valid in this context`);
    }
    if (e.lambda && !allowType) this.fail(node, 'A lambda expression can only be passed as an argument here');
    return e;
  }

  /** An expression used as a value of (at least) type bool. */
  condition(node: AnyNode): Ev {
    const e = this.expr(node);
    if (e.t !== 'bool' && e.t !== 'dynamic' && e.t !== 'object' && e.t !== 'bool?') {
      this.fail(node, `Cannot implicitly convert type '${e.t}' to 'bool'`);
    }
    return e.ev;
  }

  private exprInner(node: AnyNode): CExpr {
    switch (node.type) {
      case 'Literal': return this.literal(node);
      case 'Identifier': return this.identifier(node);
      case 'MemberExpression': return this.member(node);
      case 'CallExpression': return this.call(node);
      case 'ChainExpression': {
        const inner = this.expr(node.expression);
        const ev = inner.ev;
        return { t: inner.t === 'void' ? 'void' : nullableOf(inner.t), node, ev: (f) => {
          try {
            return ev(f);
          } catch (e) {
            if (e === SHORT_CIRCUIT) return null;
            throw e;
          }
        } };
      }
      case 'BinaryExpression': {
        if (node.operator === 'in' || node.operator === 'instanceof' || node.operator === '**' || node.operator === '===' || node.operator === '!==' || node.operator === '>>>') {
          this.fail(node, `Operator '${node.operator}' is not C#`);
        }
        return binary(this, node, node.operator, this.expr(node.left), this.expr(node.right));
      }
      case 'LogicalExpression': return this.logical(node);
      case 'UnaryExpression': return this.unary(node);
      case 'UpdateExpression': return this.update(node);
      case 'AssignmentExpression': return this.assignment(node);
      case 'ConditionalExpression': return this.conditional(node);
      case 'ArrowFunctionExpression': return this.lambda(node, []);
      case 'CsCast': return this.cast(node);
      case 'CsIs': return this.isTest(node);
      case 'CsAs': {
        const t = this.typeOf(node, node.typeName);
        const arg = this.expr(node.argument);
        const ts = this.ts;
        return { t, node, ev: (f) => {
          const v = arg.ev(f);
          return isInstance(ts, v, t) ? v : null;
        } };
      }
      case 'CsTypeof': {
        const t = this.typeOf(node, node.typeName);
        const value = new CsType(t);
        return { t: 'Type', node, ev: () => value };
      }
      case 'CsDefault': {
        if (node.typeName === null) return { t: 'null', node, ev: () => null };
        const t = this.typeOf(node, node.typeName);
        const v = defaultValue(t);
        return { t, node, ev: () => v };
      }
      case 'CsInterpolated': return this.interpolated(node);
      case 'CsNew': return this.newObject(node);
      case 'ParenthesizedExpression': return this.expr(node.expression);
      case 'CsOut': case 'CsNamedArg': return this.fail(node, `${node.type === 'CsOut' ? 'out' : 'Named'} arguments are only valid in a call`);
      default: {
        const what = NOT_CSHARP[node.type];
        return this.fail(node, what ? `${what[0]!.toUpperCase()}${what.slice(1)} are not C#: not allowed in policy expressions` : `Unsupported syntax (${node.type})`);
      }
    }
  }

  private literal(node: AnyNode): CExpr {
    const v = node.value;
    if (node.regex || node.bigint !== undefined) this.fail(node, 'Not a C# literal');
    if (v === null) return { t: 'null', node, ev: () => null };
    const t: TypeName = typeof v === 'boolean' ? 'bool' : (node.csType ?? (typeof v === 'string' ? 'string' : 'int'));
    const value = typeof v === 'number' ? literalValue(v, t, node.raw ?? String(v)) : v;
    return { t, node, ev: () => value };
  }

  private identifier(node: AnyNode): CExpr {
    const name: string = node.name;
    const local = this.scope.lookup(name);
    if (local) {
      const read = slotReader(local, this.scope.fn);
      const write = slotWriter(local, this.scope.fn);
      const lv: LValue = {
        assign: write,
        update: (f, fn, post) => {
          const old = read(f);
          const nv = fn(old);
          write(f, nv);
          return post ? old : nv;
        },
      };
      return { t: local.type, node, ev: read, lv };
    }
    if (name === 'context') return { t: 'IProxyRequestContext', node, ev: (f) => f.rt.context };
    const d = this.ts.named(name);
    if (d) return { t: 'dynamic', node, ev: () => null, typeRef: d.name };
    if (this.ts.isNamespace(name)) return { t: 'dynamic', node, ev: () => null, ns: name };
    return this.fail(node, notSupportedYet(name) ?? `The name '${name}' does not exist in the current context`);
  }

  /** `a.b` and `a[i]`. */
  private member(node: AnyNode): CExpr {
    if (node.computed) return this.indexer(node);
    const name: string = node.property.name;
    if (node.property.type !== 'Identifier') this.fail(node.property, 'Member name expected');
    const recv = this.exprInner(node.object);
    if (recv.lambda) this.fail(node, 'Lambdas have no members');
    if (recv.ns !== undefined) {
      const full = `${recv.ns}.${name}`;
      const d = this.ts.named(full);
      if (d) return { t: 'dynamic', node, ev: () => null, typeRef: d.name };
      if (this.ts.isNamespace(full)) return { t: 'dynamic', node, ev: () => null, ns: full };
      return this.fail(node, namespaceNotSupportedYet(full) ?? `The type or namespace name '${full}' is not available to policy expressions`);
    }
    if (recv.typeRef !== undefined) {
      const d = this.ts.named(recv.typeRef)!;
      const m = staticMember(this.ts, d, name);
      if (!m) {
        // A nested type name used as a qualifier (rare) or an unknown member.
        return this.fail(node.property, `'${recv.typeRef}' does not contain a definition for '${name}'`);
      }
      if (m.kind !== 'property') this.fail(node.property, `'${recv.typeRef}.${name}' is a method; call it with ()`);
      const t = this.norm(resultType(m, recv.typeRef, [], []));
      return { t, node, ev: () => m.get(undefined), lv: m.set ? this.propertyLv(() => undefined, m) : undefined };
    }
    const optional = !!node.optional;
    const obj = recv.ev;
    const at = node.property.start as number;
    if (this.known(recv.t)) {
      const m = memberOfType(this.ts, recv.t, name);
      if (!m) this.fail(node.property, `'${recv.t}' does not contain a definition for '${name}' (not available to policy expressions)`);
      if (m.kind !== 'property') this.fail(node.property, `'${name}' is a method; call it with ()`);
      const t = this.norm(resultType(m, recv.t, [], []));
      const get = m.get.bind(m);
      const isNullableMember = recv.t.endsWith('?') && (name === 'HasValue' || name === 'Value');
      const ev: Ev = isNullableMember
        ? name === 'HasValue' ? (f) => obj(f) !== null : (f) => {
          const v = obj(f);
          if (v === null) throw csError('InvalidOperationException', 'Nullable object must have a value.');
          return v;
        }
        : (f) => {
          const v = obj(f);
          if (v === null || v === undefined) {
            if (optional) throw SHORT_CIRCUIT;
            throw located(nullReference(), at);
          }
          return get(v);
        };
      const lv = m.set ? this.propertyLv(obj, m, at) : undefined;
      return { t, node, ev, lv };
    }
    if (recv.t === 'null') this.fail(node, 'Member access on null');
    // Unknown static type: find the member on the value's declaration.
    const find = dynamicMember(this.ts, name);
    return { t: 'dynamic', node, ev: (f) => {
      const v = obj(f);
      if (v === null || v === undefined) {
        if (optional) throw SHORT_CIRCUIT;
        throw located(nullReference(), at);
      }
      if (isAnonymous(v)) return anonymousMember(v, name);
      const m = find(v);
      if (m.kind !== 'property') throw csError('RuntimeBinderException', `'${name}' is a method; call it with ()`);
      return m.get(v);
    } };
  }

  private propertyLv(obj: Ev, m: MemberDecl & { kind: 'property' }, at = 0): LValue {
    const set = m.set!.bind(m);
    const get = m.get.bind(m);
    const target = (f: Frame): unknown => {
      const v = obj(f);
      if (v === null) throw located(nullReference(), at);
      return v;
    };
    return {
      assign: (f, v) => set(target(f), v),
      update: (f, fn, post) => {
        const o = target(f);
        const old = get(o);
        const nv = fn(old);
        set(o, nv);
        return post ? old : nv;
      },
    };
  }

  private indexer(node: AnyNode): CExpr {
    const recv = this.expr(node.object);
    if (node.property.type === 'SequenceExpression') this.fail(node.property, 'Multi-dimensional indexers are not supported');
    const index = this.expr(node.property);
    const optional = !!node.optional;
    const obj = recv.ev;
    const ix = index.ev;
    const at = node.start as number;
    if (this.known(recv.t)) {
      const d = this.ts.declFor(recv.t)!;
      const decl = this.ts.indexer(d);
      if (!decl) this.fail(node, `Cannot apply indexing with [] to an expression of type '${recv.t}'`);
      const t = this.norm(typeof decl.type === 'string' ? decl.type : decl.type(recv.t, index.t));
      const get = decl.get.bind(decl);
      const target = (f: Frame): unknown => {
        const v = obj(f);
        if (v === null || v === undefined) {
          if (optional) throw SHORT_CIRCUIT;
          throw located(nullReference(), at);
        }
        return v;
      };
      const ev: Ev = (f) => {
        const v = target(f);
        try {
          return get(v, ix(f));
        } catch (e) {
          throw located(e, at);
        }
      };
      let lv: LValue | undefined;
      if (decl.set) {
        const set = decl.set.bind(decl);
        lv = {
          assign: (f, value) => set(target(f), ix(f), value),
          update: (f, fn, post) => {
            const o = target(f);
            const i = ix(f);
            const old = get(o, i);
            const nv = fn(old);
            set(o, i, nv);
            return post ? old : nv;
          },
        };
      }
      return { t, node, ev, lv };
    }
    const find = dynamicIndexer(this.ts);
    const target = (f: Frame): unknown => {
      const v = obj(f);
      if (v === null || v === undefined) {
        if (optional) throw SHORT_CIRCUIT;
        throw located(nullReference(), at);
      }
      return v;
    };
    return {
      t: 'dynamic',
      node,
      ev: (f) => {
        const v = target(f);
        return find(v).get(v, ix(f));
      },
      lv: {
        assign: (f, value) => {
          const v = target(f);
          const d = find(v);
          if (!d.set) throw csError('InvalidOperationException', 'This indexer is read-only.');
          d.set(v, ix(f), value);
        },
        update: (f, fn, post) => {
          const v = target(f);
          const d = find(v);
          if (!d.set) throw csError('InvalidOperationException', 'This indexer is read-only.');
          const i = ix(f);
          const old = d.get(v, i);
          const nv = fn(old);
          d.set(v, i, nv);
          return post ? old : nv;
        },
      },
    };
  }

  // ---------------------------------------------------------------- calls
  private call(node: AnyNode): CExpr {
    const callee = node.callee;
    if (callee.type === 'Identifier' && callee.name === 'nameof' && !this.scope.lookup('nameof')) {
      const a = node.arguments[0];
      const name = a?.type === 'Identifier' ? a.name : a?.type === 'MemberExpression' && !a.computed ? a.property.name : null;
      if (!name || node.arguments.length !== 1) this.fail(node, 'nameof expects one name');
      return { t: 'string', node, ev: () => name };
    }
    if (callee.type !== 'MemberExpression' || callee.computed) {
      // Report what is wrong with the callee itself first (a JS function, a chain of refused members...).
      if (callee.type !== 'Identifier') this.expr(callee);
      return this.fail(node, callee.type === 'Identifier' ? `The name '${callee.name}' is not a method policy expressions can call` : 'Method name expected');
    }
    const name: string = callee.property.name;
    const typeArgs: TypeName[] = (node.typeArgs ?? []).map((t: string) => this.typeOf(node, t));
    const recv = this.exprInner(callee.object);
    if (recv.ns !== undefined) this.fail(callee, `'${recv.ns}.${name}' is not a method`);
    if (recv.lambda) this.fail(callee, 'Lambdas have no members');
    let m: MemberDecl | undefined;
    let receiverType: TypeName;
    if (recv.typeRef !== undefined) {
      m = staticMember(this.ts, this.ts.named(recv.typeRef)!, name);
      if (!m) this.fail(callee.property, `'${recv.typeRef}' does not contain a method '${name}' (not available to policy expressions)`);
      receiverType = recv.typeRef;
    } else if (this.known(recv.t)) {
      m = (recv.t.endsWith('?') ? undefined : methodOf(this.ts, this.ts.declFor(recv.t), name)) ?? memberOfType(this.ts, recv.t, name);
      if (!m) this.fail(callee.property, `'${recv.t}' does not contain a definition for '${name}' (not available to policy expressions)`);
      receiverType = recv.t;
    } else {
      if (recv.t === 'null') this.fail(callee, 'Member access on null');
      receiverType = 'dynamic';
    }
    if (m && m.kind !== 'method') this.fail(callee.property, `'${name}' is a property, not a method`);
    const method = m as MethodDecl | undefined;
    const args = this.arguments(node.arguments, method, name, recv.typeRef === undefined ? receiverType : 'dynamic');
    if (method && (args.count < method.arity[0] || args.count > method.arity[1])) {
      this.fail(callee.property, `No overload for method '${name}' takes ${args.count} arguments`);
    }
    const t = method ? this.norm(resultType(method, receiverType, typeArgs, args.types)) : 'dynamic';
    const isStatic = recv.typeRef !== undefined;
    const obj = recv.ev;
    const optional = !!callee.optional;
    const at = callee.property.start as number;
    const base = makeInvocation(typeArgs, args.types, recv.typeRef === undefined ? receiverType : undefined);
    const evalArgs = args.evaluate;
    const hasNamed = args.named.length > 0;
    const post = args.post;
    const invoke = (f: Frame, self: unknown, m2: MethodDecl): unknown => {
      const g = f.rt.guard;
      const inv: Invocation = hasNamed ? { ...base, named: args.evaluateNamed(f), guard: g } : (base.guard = g, base);
      const list = evalArgs(f);
      let r: unknown;
      try {
        // Library work is charged by the size of what goes in and comes out (text, arrays).
        for (let i = 0; i < list.length; i++) {
          const x = list[i];
          if (typeof x === 'bigint' || x instanceof CsDecimal) { if (!m2.exactNumbers) list[i] = Number(x); } else g.chargeValue(x);
        }
        r = m2.invoke(self, list, inv);
        g.chargeValue(r);
      } catch (e) {
        throw located(e, at);
      }
      if (post) post(f, list);
      return r === undefined ? null : r;
    };
    if (isStatic) return { t, node, ev: (f) => invoke(f, undefined, method!) };
    if (method && recv.t.endsWith('?') && this.ts.named('Nullable')?.instance?.[name] === method) {
      // Nullable<T> members accept a null receiver (HasValue, GetValueOrDefault).
      return { t, node, ev: (f) => invoke(f, obj(f) ?? null, method) };
    }
    if (method) {
      return { t, node, ev: (f) => {
        const self = obj(f);
        if (self === null || self === undefined) {
          if (optional) throw SHORT_CIRCUIT;
          throw located(nullReference(), at);
        }
        return invoke(f, self, method);
      } };
    }
    const find = dynamicMember(this.ts, name, true);
    return { t, node, ev: (f) => {
      const self = obj(f);
      if (self === null || self === undefined) {
        if (optional) throw SHORT_CIRCUIT;
        throw located(nullReference(), at);
      }
      const dm = find(self);
      if (dm.kind !== 'method') throw csError('RuntimeBinderException', `'${name}' is a property, not a method`);
      const argc = evalArgsCount(args.count);
      if (argc < dm.arity[0] || argc > dm.arity[1]) throw csError('RuntimeBinderException', `No overload for method '${name}' takes ${argc} arguments`);
      return invoke(f, self, dm);
    } };
  }

  /** Compiles call arguments: positional, named, out, lambdas. */
  arguments(nodes: AnyNode[], method: MethodDecl | undefined, name: string, receiver: TypeName = 'dynamic'): {
    count: number;
    types: TypeName[];
    named: string[];
    evaluate: (f: Frame) => unknown[];
    evaluateNamed: (f: Frame) => Record<string, unknown>;
    post: ((f: Frame, list: unknown[]) => void) | null;
  } {
    void method;
    void name;
    const evs: Ev[] = [];
    const types: TypeName[] = [];
    const named: string[] = [];
    const namedEvs: Ev[] = [];
    const outs: { index: number; write: (f: Frame, v: unknown) => void }[] = [];
    for (const a of nodes) {
      if (a.type === 'CsNamedArg') {
        named.push(a.name);
        namedEvs.push(this.expr(a.value).ev);
        continue;
      }
      if (a.type === 'CsOut') {
        let local: Local | undefined;
        if (a.declType !== null) {
          const t = a.declType === 'var' ? 'dynamic' : this.typeOf(a, a.declType);
          local = this.declare(a, a.name, t);
        } else if (a.name !== '_') {
          local = this.scope.lookup(a.name);
          if (!local) this.fail(a, `The name '${a.name}' does not exist in the current context`);
        }
        const index = evs.length;
        if (local) outs.push({ index, write: slotWriter(local, this.scope.fn) });
        evs.push(() => new OutRef());
        types.push(local ? `out ${local.type}` : 'out dynamic');
        continue;
      }
      if (a.type === 'ArrowFunctionExpression') {
        // C# infers the parameters' types from the method (LINQ: the element type); the library says which.
        const index = evs.length;
        const params = method?.lambdaParams && receiver !== 'dynamic'
          ? method.lambdaParams(receiver, index, a.params.length, types).map((t) => this.norm(t)) : [];
        const l = this.lambda(a, [...params]);
        evs.push(l.ev);
        types.push(l.t);
        continue;
      }
      const e = this.expr(a);
      evs.push(e.ev);
      types.push(e.t);
    }
    const n = evs.length;
    let evaluate: (f: Frame) => unknown[];
    if (n === 0) evaluate = () => [];
    else if (n === 1) {
      const a0 = evs[0]!;
      evaluate = (f) => [a0(f)];
    } else if (n === 2) {
      const a0 = evs[0]!;
      const a1 = evs[1]!;
      evaluate = (f) => [a0(f), a1(f)];
    } else evaluate = (f) => evs.map((e) => e(f));
    const post = outs.length === 0 ? null : (f: Frame, list: unknown[]) => {
      for (const o of outs) o.write(f, (list[o.index] as OutRef).value);
    };
    return {
      count: n,
      types,
      named,
      evaluate,
      evaluateNamed: (f) => {
        const out = Object.create(null) as Record<string, unknown>;
        for (let i = 0; i < named.length; i++) out[named[i]!] = namedEvs[i]!(f);
        return out;
      },
      post,
    };
  }

  /** A lambda: a JS function that library code (LINQ...) calls; each call is charged and depth-limited. */
  lambda(node: AnyNode, paramTypes: TypeName[]): CExpr {
    if (node.async || node.generator) this.fail(node, 'Not C#');
    const outerScope = this.scope;
    const fn = new FnScope(outerScope.fn);
    this.scope = new Scope(outerScope, fn);
    const locals = node.params.map((p: AnyNode, i: number) => {
      if (p.type !== 'Identifier') this.fail(p, 'Lambda parameters must be names');
      const t = p.csType ? this.typeOf(p, p.csType) : paramTypes[i] ?? 'dynamic';
      return this.declare(p, p.name, t);
    });
    let body: (f: Frame) => unknown;
    let returns: TypeName = 'dynamic';
    if (node.expression) {
      const e = this.expr(node.body);
      body = e.ev;
      if (this.known(e.t) || e.t === 'object') returns = e.t;
    } else {
      const exec = compileStatements(this, node.body.body, true);
      body = (f) => {
        exec(f);
        return f.ret;
      };
    }
    this.scope = outerScope;
    const indexes = locals.map((l: Local) => l.index);
    const make = (outer: Frame) => {
      const rt = outer.rt;
      const call = (...args: unknown[]): unknown => {
        const g = rt.guard;
        g.step();
        g.enter();
        try {
          const fr = new Frame(outer, rt, fn.size);
          for (let i = 0; i < indexes.length; i++) fr.vars[indexes[i]!] = args[i] === undefined ? null : args[i];
          const r = body(fr);
          return r === undefined ? null : r;
        } finally {
          g.depth--;
        }
      };
      // The declared parameter count, so that LINQ picks the indexed overload for `(x, i) => ...`.
      return indexes.length === 0 ? call : Object.defineProperty(call, 'length', { value: indexes.length });
    };
    // Typed as Func<P..., R> where anything is known, so that LINQ can type its result (Select(x => x / 2)).
    const typed = returns !== 'dynamic' || locals.some((l: Local) => l.type !== 'dynamic');
    const t = typed ? `Func<${[...locals.map((l: Local) => l.type), returns].join(',')}>` : 'lambda';
    return { t, node, ev: make, lambda: true };
  }

  // ---------------------------------------------------------------- operators
  private logical(node: AnyNode): CExpr {
    const l = this.expr(node.left);
    const r = this.expr(node.right);
    const a = l.ev;
    const b = r.ev;
    if (node.operator === '??') {
      const t = l.t === 'null' ? r.t : r.t === 'null' ? l.t : stripNullable(l.t) === stripNullable(r.t) ? stripNullable(l.t)
        : l.t === 'dynamic' ? r.t : stripNullable(l.t);
      return { t, node, ev: (f) => {
        const v = a(f);
        return v === null || v === undefined ? b(f) : v;
      } };
    }
    for (const [e, n] of [[l, node.left], [r, node.right]] as const) {
      if (e.t !== 'bool' && e.t !== 'dynamic' && e.t !== 'object' && e.t !== 'bool?') this.fail(n, `Operator '${node.operator}' cannot be applied to an operand of type '${e.t}'`);
    }
    return node.operator === '&&'
      ? { t: 'bool', node, ev: (f) => (a(f) as boolean) && (b(f) as boolean) }
      : { t: 'bool', node, ev: (f) => (a(f) as boolean) || (b(f) as boolean) };
  }

  private unary(node: AnyNode): CExpr {
    const op: string = node.operator;
    if (op === 'typeof' || op === 'void' || op === 'delete') this.fail(node, `'${op}' is not C# here`);
    const arg = this.expr(node.argument);
    const a = arg.ev;
    switch (op) {
      case '!':
        if (arg.t !== 'bool' && arg.t !== 'dynamic' && arg.t !== 'object' && arg.t !== 'bool?') this.fail(node, `Operator '!' cannot be applied to operand of type '${arg.t}'`);
        return { t: 'bool', node, ev: (f) => !a(f) };
      case '-': {
        if (isNum(arg.t)) {
          const t = promote(arg.t, 'int');
          const code = arg.t === 'char';
          if (t === 'long' || t === 'ulong') return { t, node, ev: (f) => longArithmetic('-', 0, a(f) as Int64, t === 'ulong') };
          if (t === 'decimal') return { t, node, ev: (f) => negateDecimal(a(f)) };
          return { t, node, ev: (f) => {
            const v = a(f);
            const n = code ? (v as string).charCodeAt(0) : (v as number);
            return t === 'int' ? -n | 0 : -n;
          } };
        }
        if (this.known(arg.t)) {
          const d = this.ts.declFor(arg.t)!;
          const m = staticMember(this.ts, d, 'op_UnaryNegation');
          if (!m || m.kind !== 'method') this.fail(node, `Operator '-' cannot be applied to operand of type '${arg.t}'`);
          const inv = makeInvocation([], [arg.t]);
          return { t: arg.t, node, ev: (f) => m.invoke(undefined, [a(f)], inv) };
        }
        return { t: 'dynamic', node, ev: (f) => -(a(f) as number) };
      }
      case '+': return { t: isNum(arg.t) ? promote(arg.t, 'int') : arg.t, node, ev: arg.t === 'char' ? (f) => (a(f) as string).charCodeAt(0) : a };
      case '~': {
        const t = isNum(arg.t) ? promote(arg.t, 'int') : arg.t;
        if (t === 'long' || t === 'ulong') return { t, node, ev: (f) => longBitwise('~', a(f) as Int64, 0, t === 'ulong') };
        return { t, node, ev: t === 'uint' ? (f) => ~(a(f) as number) >>> 0 : (f) => ~(a(f) as number) };
      }
      default: return this.fail(node, `Operator '${op}' is not C#`);
    }
  }

  private stepper(t: TypeName, delta: number): (old: unknown) => unknown {
    if (t === 'char') return (old) => String.fromCharCode(((old as string).charCodeAt(0) + delta) & 0xffff);
    if (t === 'int') return (old) => ((old as number) + delta) | 0;
    if (t === 'long' || t === 'ulong') return (old) => (old === null ? null : longArithmetic('+', old as Int64, delta, t === 'ulong'));
    if (t === 'decimal') return (old) => (old === null ? null : decimalArithmetic('+', old, delta));
    return (old) => (old === null ? null : (old as number) + delta);
  }

  private update(node: AnyNode): CExpr {
    const target = this.expr(node.argument);
    if (!target.lv) this.fail(node, 'The operand of an increment or decrement operator must be a variable, property or indexer');
    if (!isNum(target.t) && target.t !== 'dynamic') this.fail(node, `Operator '${node.operator}' cannot be applied to operand of type '${target.t}'`);
    const fn = this.stepper(stripNullable(target.t), node.operator === '++' ? 1 : -1);
    const lv = target.lv;
    const post = !node.prefix;
    return { t: target.t, node, ev: (f) => lv.update(f, fn, post) };
  }

  /** Implicit conversion on assignment: char → integral code, int → floating, nothing else changes the JS value. */
  convertFor(target: TypeName, e: CExpr, node: AnyNode): Ev {
    const t = stripNullable(target);
    if (target === 'dynamic' || target === 'object' || e.t === 'dynamic' || e.t === 'null' || e.t === target) return e.ev;
    if (e.t === 'char' && NUMERIC.has(t)) {
      const ev = e.ev;
      return (f) => (ev(f) as string).charCodeAt(0);
    }
    if (NUMERIC.has(t) && isNum(e.t)) {
      if (INTEGRAL.has(t) && !INTEGRAL.has(stripNullable(e.t))) this.fail(node, `Cannot implicitly convert type '${e.t}' to '${target}'. An explicit conversion exists (are you missing a cast?)`);
      return e.ev;
    }
    if ((NUMERIC.has(t) || t === 'char') && this.known(e.t) && e.t !== 'object' && !isNum(e.t)) {
      this.fail(node, `Cannot implicitly convert type '${e.t}' to '${target}'`);
    }
    if (t === 'string' && e.t !== 'string' && this.known(e.t) && e.t !== 'object') {
      this.fail(node, `Cannot implicitly convert type '${e.t}' to 'string'`);
    }
    if (t === 'bool' && e.t !== 'bool' && this.known(e.t) && e.t !== 'object') this.fail(node, `Cannot implicitly convert type '${e.t}' to 'bool'`);
    const implicit = this.known(t) && isNum(e.t) ? this.ts.declFor(t)?.implicitFrom : undefined;
    if (implicit) {
      const ev = e.ev;
      const from = e.t;
      return (f) => implicit(ev(f), from);
    }
    return e.ev;
  }

  private assignment(node: AnyNode): CExpr {
    const target = this.expr(node.left);
    if (!target.lv) this.fail(node.left, 'The left-hand side of an assignment must be a variable, property or indexer');
    const lv = target.lv;
    const op: string = node.operator;
    if (op === '=') {
      const value = node.right.type === 'ArrowFunctionExpression' ? this.fail(node.right, 'Delegates are not available to policy expressions') : this.expr(node.right);
      const ev = this.convertFor(target.t, value, node.right);
      return { t: target.t, node, ev: (f) => {
        const v = ev(f);
        lv.assign(f, v);
        return v;
      } };
    }
    // APIM compiles policy expressions as C# 7 (spec §2.1): later syntax is refused as Roslyn words it.
    if (op === '??=') this.fail(node, "Feature 'coalescing assignment' is not available in C# 7.3. Please use language version 8.0 or greater.");
    const bop = op.slice(0, -1);
    if (!['+', '-', '*', '/', '%', '&', '|', '^', '<<', '>>'].includes(bop)) this.fail(node, `Operator '${op}' is not C#`);
    const right = this.expr(node.right);
    // Compute `old op right` with the operator's semantics for the target's static type.
    let oldSlot: unknown;
    const oldExpr: CExpr = { t: target.t, node: node.left, ev: () => oldSlot };
    const combined = binary(this, node, bop, oldExpr, right);
    const wrapTo = stripNullable(target.t);
    const narrow = INTEGRAL.has(wrapTo) && wrapTo !== 'long' && wrapTo !== 'ulong' ? (v: unknown) => castValue(this.ts, v, wrapTo, combined.t) : null;
    const cev = combined.ev;
    return { t: target.t, node, ev: (f) => lv.update(f, (old) => {
      const saved = oldSlot;
      oldSlot = old;
      try {
        const v = cev(f);
        return narrow && v !== null ? narrow(v) : v;
      } finally {
        oldSlot = saved;
      }
    }, false) };
  }

  private conditional(node: AnyNode): CExpr {
    const test = this.condition(node.test);
    const a = this.expr(node.consequent);
    const b = this.expr(node.alternate);
    let t: TypeName;
    if (a.t === b.t) t = a.t;
    else if (a.t === 'null') t = nullableOf(b.t);
    else if (b.t === 'null') t = nullableOf(a.t);
    else if (isNum(a.t) && isNum(b.t)) t = promote(a.t, b.t);
    else if (a.t === 'dynamic' || b.t === 'dynamic') t = 'dynamic';
    else t = this.commonBase(a.t, b.t);
    const x = a.ev;
    const y = b.ev;
    return { t, node, ev: (f) => (test(f) ? x(f) : y(f)) };
  }

  commonBase(a: TypeName, b: TypeName): TypeName {
    const da = this.ts.declFor(a);
    const db = this.ts.declFor(b);
    if (da && db) {
      if (this.ts.derives(da, db)) return b;
      if (this.ts.derives(db, da)) return a;
    }
    return 'object';
  }

  private cast(node: AnyNode): CExpr {
    const t = this.typeOf(node, node.typeName);
    const arg = this.expr(node.argument);
    if (arg.t === t) return { ...arg, t, lv: undefined };
    const ts = this.ts;
    const from = arg.t;
    const a = arg.ev;
    return { t, node, ev: (f) => {
      try {
        return castValue(ts, a(f), t, from);
      } catch (e) {
        throw located(e, node.start);
      }
    } };
  }

  private isTest(node: AnyNode): CExpr {
    const arg = this.expr(node.argument);
    const a = arg.ev;
    if (node.pattern === 'null') return { t: 'bool', node, ev: (f) => a(f) === null };
    if (node.pattern === 'not null') this.fail(node, "Feature 'not pattern' is not available in C# 7.3. Please use language version 9.0 or greater.");
    const t = this.typeOf(node, node.typeName);
    const ts = this.ts;
    if (node.designation) {
      const local = this.declare(node, node.designation, t);
      const write = slotWriter(local, this.scope.fn);
      return { t: 'bool', node, ev: (f) => {
        const v = a(f);
        if (!isInstance(ts, v, t)) return false;
        write(f, v);
        return true;
      } };
    }
    return { t: 'bool', node, ev: (f) => isInstance(ts, a(f), t) };
  }

  /** Deployment placeholders met in interpolated strings (`{group-id}`), see placeholderHole. */
  readonly placeholders: string[] = [];

  /**
   * `$"...{group-id}..."`: a hole that is only a kebab-case name whose parts name nothing in scope is a
   * deployment placeholder (the AI-gateway labs substitute them before upload), not C# subtraction of two
   * unknown names. It stays literal text, `{group-id}`, and is reported so that `apimx check` can note it.
   */
  private placeholderHole(expression: AnyNode): string | null {
    const names: string[] = [];
    const walk = (n: AnyNode): boolean => {
      if (n.type === 'Identifier') return names.push(n.name) > 0;
      return n.type === 'BinaryExpression' && n.operator === '-' && walk(n.left) && n.right.type === 'Identifier' && walk(n.right);
    };
    if (expression.type !== 'BinaryExpression' || !walk(expression)) return null;
    const bound = (name: string): boolean =>
      !!this.scope.lookup(name) || name === 'context' || !!this.ts.named(name) || this.ts.isNamespace(name);
    return names.some(bound) ? null : `{${names.join('-')}}`;
  }

  private interpolated(node: AnyNode): CExpr {
    const ts = this.ts;
    const parts: ((f: Frame) => string)[] = node.parts.map((p: string | { expression: AnyNode; alignment?: string; format?: string }) => {
      if (typeof p === 'string') return () => p;
      const placeholder = this.placeholderHole(p.expression);
      if (placeholder !== null) {
        this.placeholders.push(placeholder);
        return () => placeholder;
      }
      const e = this.expr(p.expression);
      const ev = e.ev;
      const t = e.t;
      const format = p.format ?? null;
      const width = p.alignment !== undefined ? Number(p.alignment) : 0;
      if (Number.isNaN(width)) this.fail(p.expression, `Invalid alignment '${p.alignment}'`);
      return (f: Frame) => {
        const s = toNetString(ts, ev(f), t, format);
        return width > 0 ? s.padStart(width) : width < 0 ? s.padEnd(-width) : s;
      };
    });
    return { t: 'string', node, ev: (f) => {
      let s = '';
      for (let i = 0; i < parts.length; i++) s += parts[i]!(f);
      if (s.length > 4096) { f.rt.guard.alloc(s.length); f.rt.guard.chargeValue(s); }
      return s;
    } };
  }

  private newObject(node: AnyNode): CExpr {
    if (node.anonymous) {
      const props: { name: string; e: CExpr }[] = node.anonymous.map((p: { name: string; value: AnyNode }) => ({ name: p.name, e: this.expr(p.value) }));
      const floats = props.filter((p) => ['double', 'float', 'decimal'].includes(stripNullable(p.e.t)));
      const types = floats.length > 0 ? Object.fromEntries(floats.map((p) => [p.name, p.e.t])) : undefined;
      return { t: 'dynamic', node, ev: (f) => makeAnonymous(props.map((p) => [p.name, p.e.ev(f)] as const), types) };
    }
    if (node.isArray) return this.newArray(node);
    const t = this.typeOf(node, node.typeName);
    const d = this.ts.declFor(t);
    if (!d?.construct) return this.fail(node, `Cannot create an instance of '${t}' in a policy expression`);
    const ctor = d.construct;
    const args = this.arguments(node.args, ctor, t);
    if (args.count < ctor.arity[0] || args.count > ctor.arity[1]) this.fail(node, `'${t}' does not contain a constructor that takes ${args.count} arguments`);
    const typeArgs = genericArgs(t);
    const inv = makeInvocation(typeArgs, args.types);
    const at = node.start as number;
    const create = (f: Frame): unknown => {
      const g = f.rt.guard;
      inv.guard = g;
      try {
        const list = args.evaluate(f);
        for (let i = 0; i < list.length; i++) {
          const x = list[i];
          if (typeof x === 'bigint' || x instanceof CsDecimal) { if (!ctor.exactNumbers) list[i] = Number(x); } else g.chargeValue(x);
        }
        const made = ctor.invoke(undefined, list, inv);
        g.chargeValue(made);
        return made;
      } catch (e) {
        throw located(e, at);
      }
    };
    if (!node.init) return { t, node, ev: create };
    const init = this.initializer(node.init as InitItem[], d, t);
    return { t, node, ev: (f) => {
      const obj = create(f);
      init(f, obj);
      return obj;
    } };
  }

  private initializer(items: InitItem[], d: TypeDecl, t: TypeName): (f: Frame, obj: unknown) => void {
    const steps = items.map((item) => {
      if (item.kind === 'index') {
        const ix = this.ts.indexer(d);
        if (!ix?.set) this.fail(item.args[0] ?? { start: 0 }, `'${t}' has no settable indexer`);
        const key = this.expr(item.args[0]!);
        const k = key.ev;
        const v = this.convertFor(typeof ix.type === 'string' ? ix.type : ix.type(t, key.t), this.expr(item.value!), item.value!);
        return (f: Frame, o: unknown) => ix.set!(o, k(f), v(f));
      }
      if (item.kind === 'member') {
        const m = memberOfType(this.ts, t, item.name!);
        if (!m || m.kind !== 'property' || !m.set) this.fail(item.value!, `'${t}' has no settable member '${item.name}'`);
        const v = this.expr(item.value!).ev;
        return (f: Frame, o: unknown) => m.set!(o, v(f));
      }
      const evs = item.args.map((a) => this.expr(a).ev);
      const add = this.ts.find(d, 'add');
      const addMethod = memberOfType(this.ts, t, 'Add');
      if (!add?.add && addMethod?.kind !== 'method') this.fail(item.args[0] ?? { start: 0 }, `'${t}' does not support collection initializers`);
      const argTypes = evs.map(() => 'dynamic');
      return (f: Frame, o: unknown) => {
        const vals = evs.map((e) => e(f));
        if (add?.add) add.add(o, vals.length === 1 ? vals[0] : vals);
        else (addMethod as MethodDecl).invoke(o, vals, { ...makeInvocation([], argTypes), guard: f.rt.guard });
      };
    });
    return (f, obj) => {
      for (const s of steps) s(f, obj);
    };
  }

  private newArray(node: AnyNode): CExpr {
    const items: CExpr[] = (node.init ?? []).map((i: InitItem) => this.expr(i.args[0]!));
    let elem: TypeName;
    if (node.typeName) elem = this.typeOf(node, node.typeName);
    else {
      if (items.length === 0) this.fail(node, 'No best type found for implicitly-typed array');
      elem = items.reduce((acc, e) => (acc === e.t ? acc : isNum(acc) && isNum(e.t) ? promote(acc, e.t) : acc === 'null' ? e.t : e.t === 'null' ? acc : acc === 'dynamic' || e.t === 'dynamic' ? 'dynamic' : this.commonBase(acc, e.t)), items[0]!.t);
      if (elem === 'null') this.fail(node, 'No best type found for implicitly-typed array');
    }
    const t = `${elem}[]`;
    const byte = elem === 'byte';
    const size = node.arraySize ? this.expr(node.arraySize) : null;
    if (size && !isNum(size.t) && size.t !== 'dynamic') this.fail(node.arraySize, 'Array size must be an integer');
    const fill = defaultValue(elem);
    const evs = items.map((e) => this.convertFor(elem, e, e.node));
    return { t, node, ev: (f) => {
      let n = evs.length;
      if (size) {
        n = size.ev(f) as number;
        if (!(n >= 0) || !Number.isInteger(n)) throw csError('OverflowException', 'Arithmetic operation resulted in an overflow.');
        if (evs.length > 0 && evs.length !== n) throw csError('InvalidOperationException', 'An array initializer of the wrong length was given.');
      }
      f.rt.guard.alloc(n);
      if (byte) {
        const a = new Uint8Array(n);
        for (let i = 0; i < evs.length; i++) a[i] = evs[i]!(f) as number;
        return a;
      }
      const a = new Array<unknown>(n).fill(fill);
      for (let i = 0; i < evs.length; i++) a[i] = evs[i]!(f);
      return a;
    } };
  }
}

function evalArgsCount(n: number): number {
  return n;
}

export function nullableOf(t: TypeName): TypeName {
  const s = stripNullable(t);
  return NUMERIC.has(s) || s === 'bool' || s === 'char' ? `${s}?` : t;
}

function genericArgs(t: TypeName): TypeName[] {
  const lt = t.indexOf('<');
  if (lt < 0 || !t.endsWith('>')) return [];
  const out: string[] = [];
  let depth = 0;
  let start = lt + 1;
  for (let i = lt + 1; i < t.length - 1; i++) {
    if (t[i] === '<') depth++;
    else if (t[i] === '>') depth--;
    else if (t[i] === ',' && depth === 0) {
      out.push(t.slice(start, i));
      start = i + 1;
    }
  }
  out.push(t.slice(start, t.length - 1));
  return out;
}

const LOCATED = new WeakMap<object, number>();

/** Remembers where a failure happened (the first, innermost site wins). */
export function located(e: unknown, at: number): unknown {
  if (typeof e === 'object' && e !== null && !LOCATED.has(e)) LOCATED.set(e, at);
  return e;
}

export function locationOf(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null ? LOCATED.get(e) : undefined;
}

export { SHORT_CIRCUIT, elementTypeOf };
