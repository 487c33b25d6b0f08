// Where emit-metric (and later the AI token metrics) send custom metrics. APIM sends them to Application
// Insights; apimx records them through this interface: the in-memory sink below is the embedded default and what
// tests read, and an OpenTelemetry-backed sink can implement the same interface.

export interface MetricRecord {
  /** The metric name (emit-metric `name`). */
  name: string;
  /** emit-metric `namespace` (`API Management` by default). */
  namespace: string;
  value: number;
  /** Dimension name → value, in the order the policy lists them. */
  dimensions: Readonly<Record<string, string>>;
  /** Epoch ms from the runtime's clock. */
  timestamp: number;
}

export interface MetricsSink {
  record(metric: MetricRecord): void;
}

/** Keeps the most recent metrics in memory (bounded, so a long-running gateway does not grow without limit). */
export class MemoryMetricsSink implements MetricsSink {
  private readonly kept: MetricRecord[] = [];

  constructor(private readonly limit = 10_000) {}

  record(metric: MetricRecord): void {
    if (this.kept.length >= this.limit) this.kept.shift();
    this.kept.push(metric);
  }

  /** Recorded metrics, oldest first. */
  get records(): readonly MetricRecord[] {
    return this.kept;
  }

  clear(): void {
    this.kept.length = 0;
  }
}
