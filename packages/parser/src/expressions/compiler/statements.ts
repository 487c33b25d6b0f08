// Statements to closures returning a completion signal (NORMAL, BREAK, CONTINUE, RETURN). Loops charge the
// guard one step per iteration; try/catch catches C# exceptions only (limits are never catchable).
import type { TypeName } from '../dotnet/registry.ts';
import type { AnyNode } from '../syntax/nodes.ts';
import { BREAK, CONTINUE, FnScope, Frame, NORMAL, RETURN, Scope, slotReader, slotWriter } from './frame.ts';
import type { Exec } from './frame.ts';
import type { Compiler } from './compiler.ts';
import { defaultValue, located } from './compiler.ts';
import { asCsException, CsException, CsThrow, csError } from '../runtime/errors.ts';
import { exceptionDerives } from '../dotnet/object-types.ts';
import { csEquals, isInstance } from '../runtime/convert.ts';
import { elementTypeOf } from '../types/type-names.ts';

export function compileStatements(c: Compiler, nodes: AnyNode[], newScope: boolean): Exec {
  if (newScope) c.pushScope();
  const execs = nodes.map((n) => statement(c, n));
  if (newScope) c.popScope();
  if (execs.length === 1) return execs[0]!;
  return (f) => {
    for (let i = 0; i < execs.length; i++) {
      const s = execs[i]!(f);
      if (s !== NORMAL) return s;
    }
    return NORMAL;
  };
}

function body(c: Compiler, node: AnyNode): Exec {
  if (node.type === 'BlockStatement') return compileStatements(c, node.body, true);
  c.pushScope();
  const e = statement(c, node);
  c.popScope();
  return e;
}

function statement(c: Compiler, node: AnyNode): Exec {
  switch (node.type) {
    case 'ExpressionStatement': {
      const e = c.expr(node.expression);
      const ev = e.ev;
      return (f) => {
        ev(f);
        return NORMAL;
      };
    }
    case 'BlockStatement': return compileStatements(c, node.body, true);
    case 'EmptyStatement': return () => NORMAL;
    case 'CsLocal': return local(c, node);
    case 'VariableDeclaration': return c.fail(node, "Use 'var' or a C# type to declare locals");
    case 'ReturnStatement': {
      c.scope.fn.returnTypes.push(node.argument ? '' : 'void');
      if (!node.argument) return () => RETURN;
      const e = c.expr(node.argument);
      c.scope.fn.returnTypes[c.scope.fn.returnTypes.length - 1] = e.t;
      const ev = e.ev;
      return (f) => {
        f.ret = ev(f);
        return RETURN;
      };
    }
    case 'IfStatement': {
      const test = c.condition(node.test);
      const yes = body(c, node.consequent);
      const no = node.alternate ? body(c, node.alternate) : null;
      return no ? (f) => (test(f) ? yes(f) : no(f)) : (f) => (test(f) ? yes(f) : NORMAL);
    }
    case 'WhileStatement': {
      const test = c.condition(node.test);
      const b = body(c, node.body);
      return (f) => {
        const g = f.rt.guard;
        while (test(f)) {
          g.step();
          const s = b(f);
          if (s === BREAK) break;
          if (s === RETURN) return s;
        }
        return NORMAL;
      };
    }
    case 'DoWhileStatement': {
      const b = body(c, node.body);
      const test = c.condition(node.test);
      return (f) => {
        const g = f.rt.guard;
        do {
          g.step();
          const s = b(f);
          if (s === BREAK) break;
          if (s === RETURN) return s;
        } while (test(f));
        return NORMAL;
      };
    }
    case 'ForStatement': {
      c.pushScope();
      const init = node.init ? (node.init.type === 'CsLocal' ? local(c, node.init) : exprExec(c, node.init)) : null;
      const test = node.test ? c.condition(node.test) : null;
      const updates = node.update ? (node.update.type === 'SequenceExpression' ? node.update.expressions : [node.update]).map((u: AnyNode) => c.expr(u).ev) : [];
      const update = updates.length === 0 ? null : updates.length === 1 ? updates[0] : (f: Frame) => {
        for (const u of updates) u(f);
      };
      const b = body(c, node.body);
      c.popScope();
      return (f) => {
        const g = f.rt.guard;
        if (init) init(f);
        while (!test || test(f)) {
          g.step();
          const s = b(f);
          if (s === BREAK) break;
          if (s === RETURN) return s;
          if (update) update(f);
        }
        return NORMAL;
      };
    }
    case 'CsForeach': return foreach(c, node);
    case 'BreakStatement':
      if (node.label) c.fail(node, 'Labels are not supported');
      return () => BREAK;
    case 'ContinueStatement':
      if (node.label) c.fail(node, 'Labels are not supported');
      return () => CONTINUE;
    case 'ThrowStatement': return throwStatement(c, node);
    case 'CsTry': return tryStatement(c, node);
    case 'SwitchStatement': return switchStatement(c, node);
    case 'CsUsing': {
      c.pushScope();
      const init = node.local ? local(c, node.local) : exprExec(c, node.expression);
      const b = body(c, node.body);
      c.popScope();
      return (f) => {
        init(f);
        return b(f);
      };
    }
    case 'LabeledStatement': return c.fail(node, 'Labels are not supported');
    case 'FunctionDeclaration': return c.fail(node, 'Local functions are not supported in policy expressions');
    default: return c.fail(node, `Unsupported statement (${node.type})`);
  }
}

function exprExec(c: Compiler, node: AnyNode): Exec {
  const ev = c.expr(node).ev;
  return (f) => {
    ev(f);
    return NORMAL;
  };
}

function local(c: Compiler, node: AnyNode): Exec {
  const execs: Exec[] = [];
  for (const d of node.declarations) {
    let t: TypeName = node.declType === 'var' ? 'dynamic' : c.typeOf(node, node.declType);
    if (node.declType === 'var' && !d.init) c.fail(d, 'Implicitly-typed variables must be initialized');
    let ev = null as ((f: Frame) => unknown) | null;
    if (d.init) {
      if (d.init.type === 'ArrowFunctionExpression') c.fail(d.init, 'Delegates are not available to policy expressions');
      const e = c.expr(d.init);
      if (node.declType === 'var') {
        if (e.t === 'null') c.fail(d.init, 'Cannot assign <null> to an implicitly-typed variable');
        if (e.t === 'void') c.fail(d.init, 'Cannot assign void to an implicitly-typed variable');
        t = e.t;
      }
      ev = c.convertFor(t, e, d.init);
    }
    // Declared after the initializer is compiled: `var x = x;` is an error in C#.
    const l = c.declare(d, d.name, t);
    const write = slotWriter(l, c.scope.fn);
    const init = ev;
    const dflt = defaultValue(t);
    execs.push(init ? (f) => {
      write(f, init(f));
      return NORMAL;
    } : (f) => {
      write(f, dflt);
      return NORMAL;
    });
  }
  if (execs.length === 1) return execs[0]!;
  return (f) => {
    for (const e of execs) e(f);
    return NORMAL;
  };
}

function enumerateValue(c: Compiler, v: unknown, at: number): Iterable<unknown> {
  if (v === null || v === undefined) throw located(csError('NullReferenceException', 'Object reference not set to an instance of an object.'), at);
  if (typeof v === 'string' || Array.isArray(v) || v instanceof Uint8Array) return v as Iterable<unknown>;
  const d = c.ts.declOf(v);
  const owner = d ? c.ts.find(d, 'enumerate') : undefined;
  if (owner?.enumerate) return owner.enumerate(v);
  throw located(csError('InvalidOperationException', `foreach cannot operate on a value of type '${d?.name ?? typeof v}'.`), at);
}

function foreach(c: Compiler, node: AnyNode): Exec {
  const src = c.expr(node.right);
  c.pushScope();
  let elem: TypeName = elementTypeOf(src.t);
  if (elem === 'dynamic' && src.t !== 'dynamic') {
    const d = c.ts.declFor(src.t);
    const owner = d ? c.ts.find(d, 'elementType') : undefined;
    if (owner?.elementType) elem = c.norm(owner.elementType(src.t));
  }
  elem = c.norm(elem);
  const declared: TypeName = node.declType === 'var' ? elem : c.typeOf(node, node.declType);
  // C# 5+: each iteration has its own loop variable. That is only observable when a lambda captures it, so
  // only then does each iteration get its own frame.
  const perIteration = containsLambda(node.body);
  const outerFn = c.scope.fn;
  const iterFn = perIteration ? new FnScope(outerFn, outerFn.returnTypes) : null;
  const savedScope = c.scope;
  if (iterFn) c.scope = new Scope(c.scope, iterFn);
  const l = c.declare(node, node.name, declared);
  const write = slotWriter(l, c.scope.fn);
  const inner = body(c, node.body);
  c.scope = savedScope;
  c.popScope();
  const ev = src.ev;
  const at = node.right.start as number;
  const needsCast = node.declType !== 'var' && declared !== elem && declared !== 'dynamic' && declared !== 'object';
  const index = l.index;
  return (f) => {
    const g = f.rt.guard;
    for (const raw of enumerateValue(c, ev(f), at)) {
      g.step();
      const item = raw === undefined ? null : raw;
      if (needsCast && item !== null && declared === 'string' && typeof item !== 'string') {
        throw located(csError('InvalidCastException', `Unable to cast an element to '${declared}'.`), at);
      }
      let s: number;
      if (iterFn) {
        const fr = new Frame(f, f.rt, iterFn.size);
        fr.vars[index] = item;
        s = inner(fr);
        if (s === RETURN) f.ret = fr.ret;
      } else {
        write(f, item);
        s = inner(f);
      }
      if (s === BREAK) break;
      if (s === RETURN) return s;
    }
    return NORMAL;
  };
}

function throwStatement(c: Compiler, node: AnyNode): Exec {
  if (!node.argument) {
    const slot = c.catchSlots[c.catchSlots.length - 1];
    if (!slot) c.fail(node, 'A throw statement with no arguments is not allowed outside of a catch clause');
    const read = slotReader(slot, c.scope.fn);
    return (f) => {
      throw new CsThrow(read(f) as CsException);
    };
  }
  const e = c.expr(node.argument);
  if (e.t !== 'dynamic' && e.t !== 'object' && !(c.ts.declFor(e.t) && exceptionDerives(e.t, 'Exception'))) {
    c.fail(node.argument, 'The type thrown must be an Exception');
  }
  const ev = e.ev;
  const at = node.start as number;
  return (f) => {
    const v = ev(f);
    if (v === null) throw located(csError('NullReferenceException', 'Object reference not set to an instance of an object.'), at);
    if (!(v instanceof CsException)) throw located(csError('InvalidCastException', 'The thrown value is not an exception.'), at);
    throw located(new CsThrow(v), at);
  };
}

function tryStatement(c: Compiler, node: AnyNode): Exec {
  const block = body(c, node.block);
  const handlers = node.handlers.map((h: AnyNode) => {
    c.pushScope();
    const typeName = h.typeName ? c.typeOf(h, h.typeName) : 'Exception';
    if (!exceptionDerives(typeName, 'Exception')) c.fail(h, `'${typeName}' is not an exception type`);
    const slot = c.scope.declare(h.name ?? '$caught', typeName);
    if (h.name && c.scope.parent?.lookup(h.name)) c.fail(h, `A local variable named '${h.name}' is already defined`);
    const write = slotWriter(slot, c.scope.fn);
    c.catchSlots.push(slot);
    const filter = h.filter ? c.condition(h.filter) : null;
    const b = body(c, h.body);
    c.catchSlots.pop();
    c.popScope();
    return { typeName, write, filter, b };
  });
  const fin = node.finalizer ? body(c, node.finalizer) : null;
  return (f) => {
    try {
      return block(f);
    } catch (e) {
      if (handlers.length === 0) throw e;
      const ex = asCsException(e);
      if (!ex) throw e;
      for (const h of handlers) {
        if (!exceptionDerives(ex.typeName, h.typeName) && !(h.typeName === 'Exception')) continue;
        h.write(f, ex);
        if (h.filter && !h.filter(f)) continue;
        return h.b(f);
      }
      throw e;
    } finally {
      if (fin) {
        const s = fin(f);
        if (s !== NORMAL) throw located(csError('InvalidOperationException', 'Control cannot leave the body of a finally clause.'), node.start);
      }
    }
  };
}

/** switch with C# 7 case labels: constants, declaration patterns (`case int n:`, `case var x:`) and `when`
 *  guards. A pattern's variable belongs to its own switch section (two sections may both bind `n`). */
function switchStatement(c: Compiler, node: AnyNode): Exec {
  const disc = c.expr(node.discriminant);
  const ts = c.ts;
  c.pushScope();
  const cases = node.cases.map((k: AnyNode) => {
    if (k.test === null) return { match: null, guard: null, body: compileStatements(c, k.consequent, false) };
    const pattern: AnyNode | null = k.test.type === 'CsCasePattern' ? k.test : null;
    if (pattern) c.pushScope();
    let match: (f: Frame, v: unknown) => boolean;
    if (pattern) {
      const anything = pattern.typeName === 'var';
      const t: TypeName = anything ? disc.t : c.typeOf(pattern, pattern.typeName);
      const write = pattern.designation ? slotWriter(c.declare(pattern, pattern.designation, t), c.scope.fn) : null;
      match = (f, v) => {
        // `case var x` matches everything, null too; a type pattern never matches null.
        if (!anything && !isInstance(ts, v, t)) return false;
        write?.(f, v);
        return true;
      };
    } else {
      const test = c.expr(k.test).ev;
      match = (f, v) => csEquals(ts, v, test(f));
    }
    const guard = k.guard ? c.condition(k.guard) : null;
    const body = compileStatements(c, k.consequent, false);
    if (pattern) c.popScope();
    return { match, guard, body };
  });
  c.popScope();
  const dev = disc.ev;
  const fallback = cases.findIndex((k: { match: unknown }) => k.match === null);
  return (f) => {
    const v = dev(f);
    let start = -1;
    for (let i = 0; i < cases.length; i++) {
      const k = cases[i]!;
      if (k.match && k.match(f, v) && (!k.guard || k.guard(f))) {
        start = i;
        break;
      }
    }
    if (start < 0) start = fallback;
    if (start < 0) return NORMAL;
    for (let i = start; i < cases.length; i++) {
      const s = cases[i]!.body(f);
      if (s === BREAK) return NORMAL;
      if (s !== NORMAL) return s;
    }
    return NORMAL;
  };
}

/** Whether control can reach the end of a statement list (C#'s "not all code paths return a value"). */
export function canComplete(nodes: AnyNode[]): boolean {
  for (const n of nodes) if (!completes(n)) return false;
  return true;
}

function completes(n: AnyNode): boolean {
  switch (n.type) {
    case 'ReturnStatement': case 'ThrowStatement': return false;
    case 'BlockStatement': return canComplete(n.body);
    case 'IfStatement': return !n.alternate || completes(n.consequent) || completes(n.alternate);
    case 'CsTry': {
      if (n.finalizer && !completes(n.finalizer)) return false;
      return completes(n.block) || n.handlers.some((h: AnyNode) => completes(h.body));
    }
    case 'WhileStatement': return !(isTrue(n.test) && !hasBreak(n.body));
    case 'ForStatement': return !(n.test === null && !hasBreak(n.body));
    case 'DoWhileStatement': return completes(n.body) || hasBreak(n.body) ? !isTrue(n.test) || hasBreak(n.body) : false;
    case 'SwitchStatement': {
      if (!n.cases.some((k: AnyNode) => k.test === null)) return true;
      return n.cases.some((k: AnyNode) => hasBreak({ type: 'BlockStatement', body: k.consequent, start: 0, end: 0 }) || (k.consequent.length > 0 && canComplete(k.consequent) && k === n.cases[n.cases.length - 1]));
    }
    case 'CsUsing': return completes(n.body);
    default: return true;
  }
}

function isTrue(n: AnyNode | null): boolean {
  return n !== null && n.type === 'Literal' && n.value === true;
}

/** A `break` that leaves this loop/switch (not one inside a nested loop or switch). */
function hasBreak(n: AnyNode): boolean {
  switch (n.type) {
    case 'BreakStatement': return true;
    case 'BlockStatement': return n.body.some(hasBreak);
    case 'IfStatement': return hasBreak(n.consequent) || (n.alternate ? hasBreak(n.alternate) : false);
    case 'CsTry': return hasBreak(n.block) || n.handlers.some((h: AnyNode) => hasBreak(h.body)) || (n.finalizer ? hasBreak(n.finalizer) : false);
    case 'CsUsing': return hasBreak(n.body);
    default: return false;
  }
}

function containsLambda(n: unknown): boolean {
  if (typeof n !== 'object' || n === null) return false;
  if (Array.isArray(n)) return n.some(containsLambda);
  const node = n as Record<string, unknown>;
  if (node.type === 'ArrowFunctionExpression') return true;
  for (const [k, v] of Object.entries(node)) if (k !== 'start' && k !== 'end' && typeof v === 'object' && containsLambda(v)) return true;
  return false;
}
