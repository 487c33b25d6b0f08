// A MetricsSink backed by the OpenTelemetry metrics SDK: one MeterProvider per gateway, one counter per APIM
// (namespace, name), dimensions as attributes. Exporters come from MetricsExportConfig.
import type { Attributes, Counter, Meter } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { IMetricReader } from '@opentelemetry/sdk-metrics';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { MetricRecord, MetricsSink } from './sink.ts';
import type { MetricsExportConfig, OtlpExportConfig } from './export-config.ts';
import { DEFAULT_EXPORT_INTERVAL_MS } from './export-config.ts';
import { JsonLinesMetricExporter } from './console-exporter.ts';
import { dimensionLabelName, metricInstrumentName } from './prometheus-names.ts';

/** Content type of `scrape()`'s text (Prometheus exposition format 0.0.4). */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

// Dimension names come from policies (a handful); the cap only guards against names computed per request.
const LABEL_CACHE_LIMIT = 1_000;

export class OtelMetricsSink implements MetricsSink {
  readonly provider: MeterProvider;
  private readonly meter: Meter;
  private readonly counters = new Map<string, Counter>();
  private readonly instruments = new Map<string, Counter>();
  private readonly labels = new Map<string, string>();
  private lastDimensions: Readonly<Record<string, string>> | undefined;
  private lastAttributes: Attributes = {};
  private readonly prometheus: PrometheusExporter | undefined;
  private readonly serializer: PrometheusSerializer | undefined;
  /** Settles once the Prometheus exporter's own server listens (rejects with its listen error); at once without one. */
  readonly ready: Promise<void>;

  constructor(config: MetricsExportConfig = { prometheus: true }) {
    const readers: IMetricReader[] = [];
    const prom = config.prometheus === true ? {} : config.prometheus || undefined;
    let started: (error?: Error | void) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => {
      started = (error) => (error ? reject(error) : resolve());
    });
    // Marked handled: a caller that never awaits `ready` must not crash the process on a busy port.
    this.ready.catch(() => {});
    if (!prom || prom.port === undefined) started();
    if (prom) {
      this.prometheus = new PrometheusExporter({
        port: prom.port,
        host: prom.host,
        endpoint: prom.endpoint,
        preventServerStart: prom.port === undefined,
        withoutScopeInfo: true,
        withoutTargetInfo: prom.withoutTargetInfo ?? false,
      }, prom.port === undefined ? undefined : started);
      this.serializer = new PrometheusSerializer(undefined, false, undefined, prom.withoutTargetInfo ?? false, true);
      readers.push(this.prometheus);
    }
    if (config.otlp) readers.push(otlpReader(config.otlp));
    if (config.console) {
      const options = config.console === true ? {} : config.console;
      readers.push(
        new PeriodicExportingMetricReader({
          exporter: new JsonLinesMetricExporter(options.write),
          exportIntervalMillis: options.intervalMs ?? DEFAULT_EXPORT_INTERVAL_MS,
        }),
      );
    }
    this.provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': config.serviceName ?? 'apimx' }),
      readers,
      views: config.cardinalityLimit === undefined ? [] : [{ instrumentName: '*', aggregationCardinalityLimit: config.cardinalityLimit }],
    });
    this.meter = this.provider.getMeter('apimx');
  }

  record(metric: MetricRecord): void {
    // OpenTelemetry counters only go up: a negative or non-finite emit-metric value is not exported here
    // (the memory sink and the usage ledger still see it).
    if (!(metric.value >= 0) || metric.value === Infinity) return;
    this.counter(metric.namespace, metric.name).add(metric.value, this.attributes(metric.dimensions));
  }

  get prometheusEnabled(): boolean {
    return this.prometheus !== undefined;
  }

  /** The Prometheus text of everything recorded so far (for the gateway's `/apimx/metrics`). */
  async scrape(): Promise<string> {
    if (!this.prometheus || !this.serializer) throw new Error('the Prometheus exporter is not configured');
    const { resourceMetrics } = await this.prometheus.collect();
    return this.serializer.serialize(resourceMetrics);
  }

  /** Pushes pending data to OTLP / the console now. */
  forceFlush(): Promise<void> {
    return this.provider.forceFlush();
  }

  /** Flushes and stops every exporter (and the Prometheus server, when one was started). */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }

  private counter(namespace: string, name: string): Counter {
    const key = `${namespace}\u0000${name}`;
    let counter = this.counters.get(key);
    if (!counter) {
      // Names that sanitize alike ("Total Tokens", "total-tokens") share one instrument, so one series.
      const instrument = metricInstrumentName(namespace, name);
      counter = this.instruments.get(instrument);
      if (!counter) {
        counter = this.meter.createCounter(instrument, { description: `APIM metric "${name}" in namespace "${namespace}"` });
        this.instruments.set(instrument, counter);
      }
      this.counters.set(key, counter);
    }
    return counter;
  }

  private attributes(dimensions: Readonly<Record<string, string>>): Attributes {
    // recordTokenUsage sends 3-5 records with one dimensions object: translate it once.
    if (dimensions !== this.lastDimensions) {
      const attributes: Attributes = {};
      for (const dimension in dimensions) attributes[this.label(dimension)] = dimensions[dimension]!;
      this.lastDimensions = dimensions;
      this.lastAttributes = attributes;
    }
    return this.lastAttributes;
  }

  private label(dimension: string): string {
    let label = this.labels.get(dimension);
    if (label === undefined) {
      label = dimensionLabelName(dimension);
      if (this.labels.size < LABEL_CACHE_LIMIT) this.labels.set(dimension, label);
    }
    return label;
  }
}

function otlpReader(config: OtlpExportConfig): PeriodicExportingMetricReader {
  const interval = config.intervalMs ?? DEFAULT_EXPORT_INTERVAL_MS;
  const timeout = Math.min(config.timeoutMs ?? interval, interval);
  const exporter = new OTLPMetricExporter({
    url: config.url,
    headers: config.headers,
    // Bounds the exporter's own retries too (10 s by default), so an unreachable collector cannot stall shutdown.
    timeoutMillis: timeout,
    temporalityPreference: config.temporality === 'delta' ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE,
  });
  return new PeriodicExportingMetricReader({
    exporter,
    exportIntervalMillis: interval,
    exportTimeoutMillis: timeout,
  });
}
