// The limits one evaluation runs under, and the Guard that library code charges.
import { chargeText } from '../dotnet/registry.ts';
import type { Guard } from '../dotnet/registry.ts';
import { LimitExceeded } from './errors.ts';

export interface EvalLimits {
  /** Loop iterations, lambda calls and library work units. Default 1,000,000. */
  maxSteps?: number;
  /** Wall-clock budget in milliseconds. Default 1,000. */
  maxMillis?: number;
  /** String characters and array slots allocated. Default 16,000,000. */
  maxAlloc?: number;
  /** Nesting of lambda calls. Default 200. */
  maxDepth?: number;
  /** Milliseconds clock (injectable for tests). Default performance.now. */
  clock?: () => number;
}

export const DEFAULT_LIMITS: Required<EvalLimits> = {
  maxSteps: 1_000_000,
  maxMillis: 1_000,
  maxAlloc: 16_000_000,
  maxDepth: 200,
  clock: () => performance.now(),
};

export class EvalGuard implements Guard {
  private steps = 0;
  private allocated = 0;
  private nextClockCheck = 1024;
  private readonly deadline: number;
  /** When the evaluation started, by `clock`. */
  private readonly started: number;
  depth = 0;
  readonly maxDepth: number;
  private readonly maxSteps: number;
  private readonly maxAlloc: number;
  private readonly clock: () => number;

  constructor(limits: EvalLimits | undefined) {
    const l = limits ? { ...DEFAULT_LIMITS, ...limits } : DEFAULT_LIMITS;
    this.maxSteps = l.maxSteps;
    this.maxAlloc = l.maxAlloc;
    this.maxDepth = l.maxDepth;
    this.clock = l.clock;
    this.deadline = l.maxMillis;
    // The time limit counts from here; it is checked every 1024 steps, and library work is charged in steps
    // by its size (chargeText), so no stretch of work between two checks is long.
    this.started = l.clock();
  }

  step(n = 1): void {
    this.steps += n;
    if (this.steps > this.maxSteps) throw new LimitExceeded(`The expression exceeded its step budget of ${this.maxSteps} steps.`);
    if (this.steps >= this.nextClockCheck) {
      this.nextClockCheck = this.steps + 1024;
      if (this.clock() - this.started > this.deadline) throw new LimitExceeded(`The expression exceeded its time limit of ${this.deadline} ms.`);
    }
  }

  now(): number {
    return this.clock();
  }

  /** Steps spent so far (for tests and diagnostics). */
  get used(): number {
    return this.steps;
  }

  alloc(n: number): void {
    if (!(n >= 0)) return;
    this.allocated += n;
    if (this.allocated > this.maxAlloc) throw new LimitExceeded(`The expression exceeded its allocation budget of ${this.maxAlloc} characters or elements.`);
  }

  enter(): void {
    if (++this.depth > this.maxDepth) throw new LimitExceeded(`The expression exceeded its nesting limit of ${this.maxDepth} calls.`);
  }

  /** Charges what a library call took in and gave back: strings by length, arrays by element count. */
  chargeValue(v: unknown): void {
    if (typeof v === 'string') {
      if (v.length >= 256) chargeText(this, v.length);
    } else if (v !== null && typeof v === 'object' && (Array.isArray(v) || v instanceof Uint8Array) && v.length >= 64) {
      this.step(v.length >> 2);
    }
  }
}
