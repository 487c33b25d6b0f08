// Queue<T> (FIFO) and Stack<T> (LIFO; enumerates from the top, as .NET does).
import { ExpressionError } from '../registry.ts';

export class CsQueue implements Iterable<unknown> {
  readonly items: unknown[] = [];
  constructor(readonly elementType = 'dynamic') {}
  get Count(): number {
    return this.items.length;
  }
  dequeue(): unknown {
    if (this.items.length === 0) throw new ExpressionError('Queue empty.', 'InvalidOperationException');
    return this.items.shift();
  }
  peek(): unknown {
    if (this.items.length === 0) throw new ExpressionError('Queue empty.', 'InvalidOperationException');
    return this.items[0];
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.items[Symbol.iterator]();
  }
  toString(): string {
    return 'System.Collections.Generic.Queue`1';
  }
}

export class CsStack implements Iterable<unknown> {
  readonly items: unknown[] = [];
  constructor(readonly elementType = 'dynamic') {}
  get Count(): number {
    return this.items.length;
  }
  pop(): unknown {
    if (this.items.length === 0) throw new ExpressionError('Stack empty.', 'InvalidOperationException');
    return this.items.pop();
  }
  peek(): unknown {
    if (this.items.length === 0) throw new ExpressionError('Stack empty.', 'InvalidOperationException');
    return this.items[this.items.length - 1];
  }
  *[Symbol.iterator](): Iterator<unknown> {
    for (let i = this.items.length - 1; i >= 0; i--) yield this.items[i];
  }
  toString(): string {
    return 'System.Collections.Generic.Stack`1';
  }
}
