// The signal that tells the runtime the client went away (forward-request then aborts the backend call).
// HTTP/1.1 client goes away only by closing its connection, so the signal is per connection, made on the
// first request: an AbortController per request (and a 'close' listener on every response) costs several µs.
// Once a response is finished nothing listens any more, so a later close of a keep-alive connection reaches
// only the requests still in flight on it, as a per-request signal did.
import type { Socket } from 'node:net';

const signals = new WeakMap<Socket, AbortSignal>();

export function clientSignal(socket: Socket): AbortSignal {
  let signal = signals.get(socket);
  if (signal === undefined) {
    const controller = new AbortController();
    signal = controller.signal;
    signals.set(socket, signal);
    if (socket.destroyed) controller.abort();
    else socket.once('close', () => controller.abort());
  }
  return signal;
}
