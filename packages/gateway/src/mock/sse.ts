// Server-sent events written one by one: each event is its own write, and we yield (or wait) between them so a
// client reads them as they come rather than in one buffer at the end.
import type { ServerResponse } from 'node:http';

export class SseWriter {
  private closed = false;
  private written = 0;

  /** `cutAfter`: destroy the connection after that many events (a scripted mid-stream failure). */
  constructor(
    private readonly res: ServerResponse,
    private readonly pause: () => Promise<void>,
    private readonly cutAfter?: { events: number; onCut: () => void },
  ) {
    res.statusCode = 200;
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('connection', 'keep-alive');
    res.on('close', () => {
      this.closed = true;
    });
    res.flushHeaders();
  }

  /** False once the client has gone; callers stop producing. */
  get open(): boolean {
    return !this.closed && !this.res.destroyed;
  }

  async data(payload: unknown, event?: string): Promise<void> {
    if (!this.open) return;
    const data = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const text = event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
    this.written += 1;
    if (this.cutAfter !== undefined && this.written >= this.cutAfter.events) {
      // Cut once this last event has reached the socket, so the client does receive it.
      this.closed = true;
      this.cutAfter.onCut();
      this.res.write(text, () => this.res.destroy());
      return;
    }
    this.res.write(text);
    await this.pause();
  }

  end(): void {
    if (this.open) this.res.end();
  }
}
