import { describe, expect, it } from 'vitest';
import { unwatchAbort, watchAbort, type AbortWatcher } from '../../src/http/abort-watch.ts';

function counter(): AbortWatcher & { calls: number } {
  const watcher = { calls: 0, onAbort: () => void watcher.calls++ };
  return watcher;
}

describe('watchAbort (per-request watchers on a per-connection signal)', () => {
  it('tells every watcher once when the signal aborts', () => {
    const controller = new AbortController();
    const a = counter();
    const b = counter();
    watchAbort(controller.signal, a);
    watchAbort(controller.signal, b);
    controller.abort();
    controller.abort();
    expect([a.calls, b.calls]).toEqual([1, 1]);
  });

  it('does not tell a watcher that has stopped watching', () => {
    const controller = new AbortController();
    const gone = counter();
    const still = counter();
    watchAbort(controller.signal, gone);
    watchAbort(controller.signal, still);
    unwatchAbort(controller.signal, gone);
    controller.abort();
    expect([gone.calls, still.calls]).toEqual([0, 1]);
  });

  it('tells a watcher of an already aborted signal on the next microtask, not synchronously', async () => {
    const controller = new AbortController();
    controller.abort();
    const late = counter();
    watchAbort(controller.signal, late);
    expect(late.calls).toBe(0);
    await Promise.resolve();
    expect(late.calls).toBe(1);
  });

  it('adds one listener to the signal however many requests watch it', () => {
    const controller = new AbortController();
    let added = 0;
    const original = controller.signal.addEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      added++;
      original(...args);
    }) as AbortSignal['addEventListener'];
    for (let i = 0; i < 100; i++) {
      const watcher = counter();
      watchAbort(controller.signal, watcher);
      unwatchAbort(controller.signal, watcher);
    }
    expect(added).toBe(1);
  });
});
