// Per-request "tell me if the client goes away" on a long-lived AbortSignal (the gateway makes one per client
// connection). Not addEventListener per request: node's EventTarget keeps listeners in a linked list, and a
// removed entry keeps its next/previous pointers. Once one entry has been promoted to the old generation, it
// holds every later request's listener (and through it the request, its sockets' messages and buffers) alive
// across scavenges until the next full GC: with 50 connections that made each scavenge 5-10x slower and
// promoted ~2 MB per scavenge. A Set holds only its current members, so nothing outlives its request.

/** What is told when the signal aborts; an object, so that one is made per request, not a closure. */
export interface AbortWatcher {
  onAbort(): void;
}

const watchers = new WeakMap<AbortSignal, Set<AbortWatcher>>();

/** Call watcher.onAbort() once if `signal` aborts while watched (soon after, if it has aborted already). */
export function watchAbort(signal: AbortSignal, watcher: AbortWatcher): void {
  if (signal.aborted) {
    // After the caller has finished setting itself up, as an abort event would come.
    queueMicrotask(() => watcher.onAbort());
    return;
  }
  let members = watchers.get(signal);
  if (members === undefined) {
    const created = new Set<AbortWatcher>();
    watchers.set(signal, created);
    // A Set may lose members while it is iterated (a watcher unwatching itself): no copy needed.
    signal.addEventListener('abort', () => {
      for (const member of created) member.onAbort();
      created.clear();
    }, { once: true });
    members = created;
  }
  members.add(watcher);
}

export function unwatchAbort(signal: AbortSignal, watcher: AbortWatcher): void {
  watchers.get(signal)?.delete(watcher);
}
