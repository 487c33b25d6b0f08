// Fans each metric out to several sinks (OpenTelemetry, the usage ledger, the memory sink tests read).
import type { MetricRecord, MetricsSink } from './sink.ts';

export class TeeMetricsSink implements MetricsSink {
  private readonly sinks: MetricsSink[];

  /** `onError` hears a sink's failure; the other sinks still get the metric and the request never fails. */
  constructor(sinks: Iterable<MetricsSink>, private readonly onError: (error: unknown, sink: MetricsSink) => void = () => {}) {
    this.sinks = [...sinks];
  }

  record(metric: MetricRecord): void {
    for (const sink of this.sinks) {
      try {
        sink.record(metric);
      } catch (error) {
        this.onError(error, sink);
      }
    }
  }

  add(sink: MetricsSink): void {
    this.sinks.push(sink);
  }
}
