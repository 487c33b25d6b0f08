import { describe, expect, it } from 'vitest';
import { ManualClock, systemClock } from '../src/clock.ts';

describe('clocks', () => {
  it('ManualClock moves only when told', () => {
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    expect(clock.now()).toBe(Date.parse('2026-01-01T00:00:00Z'));
    clock.advance(1500);
    clock.advanceSeconds(2);
    expect(clock.now()).toBe(Date.parse('2026-01-01T00:00:03.500Z'));
    clock.set(42);
    expect(clock.now()).toBe(42);
  });

  it('systemClock reads the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
