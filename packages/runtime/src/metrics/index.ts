// Metrics: what policies record (MetricsSink) and where it goes (OpenTelemetry exporters, the usage ledger).
export type { MetricRecord, MetricsSink } from './sink.ts';
export { MemoryMetricsSink } from './sink.ts';
export { OtelMetricsSink, PROMETHEUS_CONTENT_TYPE } from './otel-sink.ts';
export type { MetricsExportConfig, PrometheusExportConfig, OtlpExportConfig, ConsoleExportConfig } from './export-config.ts';
export { TeeMetricsSink } from './tee-sink.ts';
export { TOKEN_METRICS, recordTokenUsage } from './token-usage.ts';
export type { TokenUsage } from './token-usage.ts';
export { UsageLedger } from './usage-ledger.ts';
export type { UsageLedgerOptions, SummarizeOptions, UsageRow, UsageTotals } from './usage-ledger.ts';
export { parseUsageQuery, usageReport, formatUsageTable, UsageQueryError } from './usage-query.ts';
export type { UsageReport } from './usage-query.ts';
export { GatewayMetrics, DEFAULT_GATEWAY_METRICS } from './gateway-metrics.ts';
export type { GatewayMetricsConfig } from './gateway-metrics.ts';
export { readMetricsConfig, MetricsConfigError } from './read-config.ts';
export { metricInstrumentName, prometheusCounterName, dimensionLabelName, sanitizeName } from './prometheus-names.ts';
