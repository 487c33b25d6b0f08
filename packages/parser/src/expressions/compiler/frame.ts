// Run-time frames and compile-time scopes. Every function body (the expression itself, each lambda) gets a
// frame whose slots are resolved at compile time; lambdas reach outer slots through `parent`.
import type { TypeName } from '../dotnet/registry.ts';
import type { EvalGuard } from '../runtime/guard.ts';
import type { AnyNode } from '../syntax/nodes.ts';

export interface Runtime {
  guard: EvalGuard;
  context: unknown;
}

export class Frame {
  readonly vars: unknown[];
  ret: unknown = null;
  constructor(readonly parent: Frame | null, readonly rt: Runtime, size: number) {
    this.vars = size === 0 ? EMPTY : new Array<unknown>(size).fill(null);
  }
}

const EMPTY: unknown[] = [];

export type Ev = (f: Frame) => unknown;

/** Statement completion: normal, break, continue, return (value in Frame.ret). */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;
export type Exec = (f: Frame) => number;

export interface LValue {
  assign(f: Frame, v: unknown): void;
  /** Reads the old value, writes fn(old); returns old when `post`, else the new value. Evaluates the target once. */
  update(f: Frame, fn: (old: unknown) => unknown, post: boolean): unknown;
}

/** A compiled expression: static type, evaluator, and what else the node denotes. */
export interface CExpr {
  /** Canonical type; 'dynamic' when unknown; 'null' for the null literal; 'lambda'; 'void'. */
  t: TypeName;
  ev: Ev;
  node: AnyNode;
  /** The node names a type (a static member follows). */
  typeRef?: TypeName;
  /** The node names a namespace prefix ('System.Net'). */
  ns?: string;
  lv?: LValue;
  /** A lambda, compiled lazily against the parameter types the callee implies. */
  lambda?: boolean;
}

export class FnScope {
  size = 0;
  /** Types of `return` statements; an iteration scope shares its function's list. */
  readonly returnTypes: TypeName[];
  constructor(readonly parent: FnScope | null, returnTypes?: TypeName[]) {
    this.returnTypes = returnTypes ?? [];
  }
}

export interface Local {
  fn: FnScope;
  index: number;
  type: TypeName;
}

export class Scope {
  readonly names = new Map<string, Local>();
  constructor(readonly parent: Scope | null, readonly fn: FnScope) {}

  lookup(name: string): Local | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const l = s.names.get(name);
      if (l) return l;
    }
    return undefined;
  }

  declare(name: string, type: TypeName): Local {
    const l: Local = { fn: this.fn, index: this.fn.size++, type };
    this.names.set(name, l);
    return l;
  }
}

/** Evaluator of a local's slot from a frame of function `from`. */
export function slotReader(local: Local, from: FnScope): Ev {
  const hops = hopsBetween(local.fn, from);
  const i = local.index;
  if (hops === 0) return (f) => f.vars[i];
  if (hops === 1) return (f) => f.parent!.vars[i];
  return (f) => {
    let fr = f;
    for (let n = 0; n < hops; n++) fr = fr.parent!;
    return fr.vars[i];
  };
}

export function slotWriter(local: Local, from: FnScope): (f: Frame, v: unknown) => void {
  const hops = hopsBetween(local.fn, from);
  const i = local.index;
  if (hops === 0) return (f, v) => {
    f.vars[i] = v;
  };
  return (f, v) => {
    let fr = f;
    for (let n = 0; n < hops; n++) fr = fr.parent!;
    fr.vars[i] = v;
  };
}

function hopsBetween(target: FnScope, from: FnScope): number {
  let n = 0;
  for (let s: FnScope | null = from; s && s !== target; s = s.parent) n++;
  return n;
}
