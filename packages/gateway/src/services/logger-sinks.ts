// log-to-eventhub's destination for the gateway's whole life: each configured azureEventHub logger writes JSON
// lines to its sink (stdout or a file). A reload swaps the logger → sink map; a file still in use stays open, one
// no longer named is closed.
import { JsonLinesLoggerSink, type LogEvent, type LoggerSink } from '@apimx/runtime';
import type { LoggerConfig } from '../config/config-types.ts';

export interface LoggerStatus {
  loggerType: LoggerConfig['loggerType'];
  /** 'stdout', the file, or null for a logger apimx does not write to. */
  sink: string | null;
  /** The last write error of its sink (a log file that cannot be written). */
  error: string | null;
}

export class LoggerSinks implements LoggerSink {
  private byLogger = new Map<string, JsonLinesLoggerSink>();
  /** By destination ('stdout' or the file path), so two loggers on one file share one stream. */
  private open = new Map<string, JsonLinesLoggerSink>();
  private loggers: ReadonlyMap<string, LoggerConfig> = new Map();

  /** @param stdout where `stdout` sinks write (tests give their own stream). */
  constructor(private readonly stdout: () => JsonLinesLoggerSink = JsonLinesLoggerSink.toStdout) {}

  /** Route each logger to its sink from now on. */
  configure(loggers: ReadonlyMap<string, LoggerConfig>): void {
    const byLogger = new Map<string, JsonLinesLoggerSink>();
    const open = new Map<string, JsonLinesLoggerSink>();
    for (const logger of loggers.values()) {
      if (!logger.sink) continue;
      const destination = logger.sink.kind === 'stdout' ? 'stdout' : logger.sink.path;
      let sink = open.get(destination) ?? this.open.get(destination);
      if (!sink) sink = logger.sink.kind === 'stdout' ? this.stdout() : JsonLinesLoggerSink.toFile(logger.sink.path);
      open.set(destination, sink);
      byLogger.set(logger.id, sink);
    }
    for (const [destination, sink] of this.open) if (!open.has(destination)) void sink.close();
    this.byLogger = byLogger;
    this.open = open;
    this.loggers = loggers;
  }

  send(event: LogEvent): void {
    // Every logger-id in a loaded policy names a configured azureEventHub logger (checked at load).
    this.byLogger.get(event.loggerId)?.send(event);
  }

  status(): Record<string, LoggerStatus> {
    const out: Record<string, LoggerStatus> = {};
    for (const logger of this.loggers.values()) {
      const sink = this.byLogger.get(logger.id);
      out[logger.id] = {
        loggerType: logger.loggerType,
        sink: logger.sink === null ? null : logger.sink.kind === 'stdout' ? 'stdout' : logger.sink.path,
        error: sink?.lastError?.message ?? null,
      };
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all([...this.open.values()].map((sink) => sink.close()));
    this.open.clear();
    this.byLogger.clear();
  }
}
