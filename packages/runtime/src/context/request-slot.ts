// Per-request state a policy module keeps beside the request context (the usage watch, the request's token
// facts, the backend choices...). A slot is an index into the context's own `slots` array, fixed when the module
// loads: the state lives and dies with the context, as it would in a WeakMap keyed by it, without a WeakMap's
// per-entry ephemeron that every garbage collection has to visit while the request is in flight.
import type { RequestContext } from './request-context.ts';

let slotsMade = 0;

export class RequestSlot<T> {
  private readonly index = slotsMade++;

  get(ctx: RequestContext): T | undefined {
    return ctx.slots[this.index] as T | undefined;
  }

  set(ctx: RequestContext, value: T): this {
    ctx.slots[this.index] = value;
    return this;
  }

  has(ctx: RequestContext): boolean {
    return ctx.slots[this.index] !== undefined;
  }

  delete(ctx: RequestContext): boolean {
    const had = ctx.slots[this.index] !== undefined;
    ctx.slots[this.index] = undefined;
    return had;
  }
}
