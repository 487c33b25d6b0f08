// Everything metrics a gateway needs, from one config object: the sink for RuntimeServices.metrics (a tee of the
// OpenTelemetry sink and the usage ledger), the Prometheus text for `/apimx/metrics`, the usage summary for
// `/apimx/usage`, and shutdown.
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { MetricsExportConfig } from './export-config.ts';
import { OtelMetricsSink } from './otel-sink.ts';
import type { MetricsSink } from './sink.ts';
import { TeeMetricsSink } from './tee-sink.ts';
import { UsageLedger } from './usage-ledger.ts';
import type { UsageLedgerOptions } from './usage-ledger.ts';
import { parseUsageQuery, usageReport } from './usage-query.ts';
import type { UsageReport } from './usage-query.ts';

export interface GatewayMetricsConfig extends MetricsExportConfig {
  /** The usage ledger behind the usage summary; `false` turns it off. Default on, 31 days. */
  usage?: false | Pick<UsageLedgerOptions, 'retentionDays' | 'maxBuckets'>;
}

/** With no config: Prometheus text (for `/apimx/metrics`) and the usage ledger. */
export const DEFAULT_GATEWAY_METRICS: GatewayMetricsConfig = { prometheus: true };

export class GatewayMetrics {
  /** Give this to RuntimeServices.metrics. */
  readonly sink: MetricsSink;
  /** Absent when no exporter is configured. */
  readonly otel: OtelMetricsSink | undefined;
  readonly ledger: UsageLedger | undefined;
  private readonly clock: Clock;

  constructor(config: GatewayMetricsConfig = DEFAULT_GATEWAY_METRICS, options: { clock?: Clock; extraSinks?: MetricsSink[] } = {}) {
    this.clock = options.clock ?? systemClock;
    const exporting = Boolean(config.prometheus || config.otlp || config.console);
    this.otel = exporting ? new OtelMetricsSink(config) : undefined;
    this.ledger = config.usage === false ? undefined : new UsageLedger({ ...config.usage, clock: this.clock });
    const sinks = [this.otel, this.ledger, ...(options.extraSinks ?? [])].filter((sink): sink is MetricsSink => sink !== undefined);
    this.sink = new TeeMetricsSink(sinks);
  }

  /** Whether `scrape()` has something to serve (the admin route answers 404 otherwise). */
  get prometheusEnabled(): boolean {
    return this.otel?.prometheusEnabled ?? false;
  }

  /** Prometheus exposition text; content type PROMETHEUS_CONTENT_TYPE. */
  scrape(): Promise<string> {
    if (!this.otel) return Promise.reject(new Error('the Prometheus exporter is not configured'));
    return this.otel.scrape();
  }

  /** The usage summary for a query string (see usage-query.ts); throws UsageQueryError on a bad query. */
  usage(params: URLSearchParams): UsageReport {
    if (!this.ledger) throw new Error('the usage ledger is turned off (metrics.usage = false)');
    const options = parseUsageQuery(params, this.clock.now());
    return usageReport(this.ledger.summarize(options), options);
  }

  async shutdown(): Promise<void> {
    await this.otel?.shutdown();
  }
}
