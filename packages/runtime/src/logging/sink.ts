// Where log-to-eventhub sends its messages. APIM sends them to an Azure Event Hubs logger; apimx's local stand-in
// writes one JSON object per line to a stream (stdout or a file), so that the events can be read or tailed.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

export interface LogEvent {
  /** The logger entity the policy names (`logger-id`). */
  loggerId: string;
  message: string;
  partitionId: string | null;
  partitionKey: string | null;
  /** Epoch ms from the runtime's clock. */
  timestamp: number;
}

export interface LoggerSink {
  send(event: LogEvent): void;
}

/** `{"time":"…","loggerId":"…","partitionId":…,"partitionKey":…,"message":"…"}` and a newline per event. */
export class JsonLinesLoggerSink implements LoggerSink {
  /** The last write error, if the stream failed (a broken log file must not take requests down with it). */
  lastError: Error | null = null;

  constructor(private readonly stream: Writable) {
    stream.on('error', (error: Error) => {
      this.lastError = error;
    });
  }

  /** Append to a file (created when missing). */
  static toFile(path: string): JsonLinesLoggerSink {
    return new JsonLinesLoggerSink(createWriteStream(path, { flags: 'a' }));
  }

  static toStdout(): JsonLinesLoggerSink {
    return new JsonLinesLoggerSink(process.stdout);
  }

  send(event: LogEvent): void {
    const line = JSON.stringify({
      time: new Date(event.timestamp).toISOString(),
      loggerId: event.loggerId,
      partitionId: event.partitionId,
      partitionKey: event.partitionKey,
      message: event.message,
    });
    if (!this.stream.writable) return;
    this.stream.write(`${line}\n`);
  }

  /** Flush and close the stream (a file); stdout is left open. */
  close(): Promise<void> {
    if (this.stream === process.stdout) return Promise.resolve();
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
