// A MetricsSink backed by the OpenTelemetry metrics SDK: one MeterProvider per gateway, one counter per APIM
// (namespace, name), dimensions as attributes. Exporters come from MetricsExportConfig.
import type { Attributes, Counter, Meter } from '@opentelemetry/api';
import { AggregationTemporality, AggregationType, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import type { IMetricReader } from '@opentelemetry/sdk-metrics';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { MetricRecord, MetricsSink } from './sink.ts';
import type { MetricsExportConfig, OtlpExportConfig } from './export-config.ts';
import { DEFAULT_EXPORT_INTERVAL_MS } from './export-config.ts';
import { JsonLinesMetricExporter } from './console-exporter.ts';
import { PendingSums, type SeriesSet } from './pending-sums.ts';
import { dimensionLabelName, metricInstrumentName } from './prometheus-names.ts';

/** Content type of `scrape()`'s text (Prometheus exposition format 0.0.4). */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

// Dimension names come from policies (a handful); the cap only guards against names computed per request.
const LABEL_CACHE_LIMIT = 1_000;
// A meter of our own whose one instrument exports nothing (dropped by a view): its callback runs first in every
// collection (the SDK calls observable callbacks before it reads the counters) and hands the pending sums over.
const FLUSH_METER = 'apimx.pending-sums';

export class OtelMetricsSink implements MetricsSink {
  readonly provider: MeterProvider;
  private readonly meter: Meter;
  /** namespace → name → counter (nested: no key string built per record). */
  private readonly counters = new Map<string, Map<string, Counter>>();
  private readonly instruments = new Map<string, Counter>();
  private readonly labels = new Map<string, string>();
  private readonly pending = new PendingSums();
  private lastDimensions: Readonly<Record<string, string>> | undefined;
  private lastSet: SeriesSet | undefined;
  private lastGeneration = -1;
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
      views: [
        { meterName: FLUSH_METER, aggregation: { type: AggregationType.DROP } },
        ...(config.cardinalityLimit === undefined ? [] : [{ instrumentName: '*', meterName: 'apimx', aggregationCardinalityLimit: config.cardinalityLimit }]),
      ],
    });
    this.meter = this.provider.getMeter('apimx');
    this.provider.getMeter(FLUSH_METER).createObservableGauge('pending_sums').addCallback(() => this.pending.flush());
  }

  record(metric: MetricRecord): void {
    // OpenTelemetry counters only go up: a negative or non-finite emit-metric value is not exported here
    // (the memory sink and the usage ledger still see it).
    if (!(metric.value >= 0) || metric.value === Infinity) return;
    this.pending.add(this.seriesSet(metric.dimensions), this.counter(metric.namespace, metric.name), metric.value);
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
    let named = this.counters.get(namespace);
    if (named === undefined) {
      named = new Map();
      this.counters.set(namespace, named);
    }
    let counter = named.get(name);
    if (!counter) {
      // Names that sanitize alike ("Total Tokens", "total-tokens") share one instrument, so one series.
      const instrument = metricInstrumentName(namespace, name);
      counter = this.instruments.get(instrument);
      if (!counter) {
        counter = this.meter.createCounter(instrument, { description: `APIM metric "${name}" in namespace "${namespace}"` });
        this.instruments.set(instrument, counter);
      }
      named.set(name, counter);
    }
    return counter;
  }

  private seriesSet(dimensions: Readonly<Record<string, string>>): SeriesSet {
    // recordTokenUsage sends 3-5 records with one dimensions object: look it up once.
    if (dimensions === this.lastDimensions && this.lastGeneration === this.pending.generation) return this.lastSet!;
    // Key in the policy's order (no sort): the same set listed in another order is a second entry here, and
    // still one series in the SDK, which merges equal attribute sets.
    let key = '';
    for (const dimension in dimensions) key += `${this.label(dimension)}\u0001${dimensions[dimension]!}\u0002`;
    let set = this.pending.get(key);
    if (set === undefined) {
      const attributes: Attributes = {};
      for (const dimension in dimensions) attributes[this.label(dimension)] = dimensions[dimension]!;
      set = this.pending.create(key, attributes);
    }
    this.lastDimensions = dimensions;
    this.lastSet = set;
    this.lastGeneration = this.pending.generation;
    return set;
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
