// Server-sent events written one by one: each event is its own write, and we yield (or wait) between them so a
// client reads them as they come rather than in one buffer at the end.
import type { ServerResponse } from 'node:http';

export class SseWriter {
  private closed = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly pause: () => Promise<void>,
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
    this.res.write(event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`);
    await this.pause();
  }

  end(): void {
    if (this.open) this.res.end();
  }
}
