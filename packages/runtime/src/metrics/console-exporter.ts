// The console exporter: one JSON line per data point, readable by people and by `jq`.
import type { PushMetricExporter, ResourceMetrics } from '@opentelemetry/sdk-metrics';

type ExportCallback = Parameters<PushMetricExporter['export']>[1];

export class JsonLinesMetricExporter implements PushMetricExporter {
  constructor(private readonly write: (line: string) => void = (line) => process.stdout.write(line)) {}

  export(metrics: ResourceMetrics, done: ExportCallback): void {
    try {
      for (const scope of metrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          for (const point of metric.dataPoints) {
            const line = { metric: metric.descriptor.name, attributes: point.attributes, value: point.value, endTime: point.endTime };
            this.write(`${JSON.stringify(line)}\n`);
          }
        }
      }
      done({ code: 0 }); // ExportResultCode.SUCCESS
    } catch (error) {
      done({ code: 1, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
