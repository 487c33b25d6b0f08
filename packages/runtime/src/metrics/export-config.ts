// Which exporters an OpenTelemetry metrics sink feeds; the gateway reads this from its configuration file.

export interface MetricsExportConfig {
  /** `service.name` of the OpenTelemetry resource; default `apimx`. */
  serviceName?: string;
  /** Prometheus text format. `true` or an object without `port`: no server of its own; call `scrape()`. */
  prometheus?: boolean | PrometheusExportConfig;
  /** OTLP over HTTP (JSON), pushed every `intervalMs`. */
  otlp?: OtlpExportConfig;
  /** One JSON line per data point, every `intervalMs`. */
  console?: boolean | ConsoleExportConfig;
  /**
   * Distinct dimension sets kept per metric; beyond it OpenTelemetry sums the rest into one series labelled
   * `otel_metric_overflow="true"`. Default: the SDK's 2,000. (APIM's own limits are in README.md.)
   */
  cardinalityLimit?: number;
}

export interface PrometheusExportConfig {
  /** Serve `endpoint` on this port with the exporter's own HTTP server (not needed behind `/apimx/metrics`). */
  port?: number;
  host?: string;
  /** Path of the exporter's own server; default `/metrics`. */
  endpoint?: string;
  /** Leave out the `target_info` series (the resource attributes); default false. */
  withoutTargetInfo?: boolean;
}

export interface OtlpExportConfig {
  /** Full URL, e.g. `http://collector:4318/v1/metrics`. */
  url: string;
  headers?: Record<string, string>;
  /** Push interval; default 60 s (OpenTelemetry's default). */
  intervalMs?: number;
  /** Per-export timeout; default and cap: the interval (OpenTelemetry requires timeout ≤ interval). */
  timeoutMs?: number;
  /** Default `cumulative`; `delta` suits backends that sum (Azure Monitor, Datadog). */
  temporality?: 'cumulative' | 'delta';
}

export interface ConsoleExportConfig {
  intervalMs?: number;
  /** Where lines go; default process.stdout. */
  write?: (line: string) => void;
}

export const DEFAULT_EXPORT_INTERVAL_MS = 60_000;
