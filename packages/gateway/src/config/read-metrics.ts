// The `metrics:` section: checked by the runtime's own reader, its errors turned into issues at their JSON path.
import { MetricsConfigError, readMetricsConfig, type GatewayMetricsConfig } from '@apimx/runtime';
import type { Fields } from './reader.ts';

export function readMetrics(root: Fields): GatewayMetricsConfig {
  try {
    return readMetricsConfig(root.value['metrics'] ?? undefined, root.at('metrics'));
  } catch (error) {
    if (!(error instanceof MetricsConfigError)) throw error;
    // The reader's messages start with the path it was given ('$.metrics.otlp.url must be ...').
    const [, path, message] = /^(\S+) (.*)$/s.exec(error.message) ?? [undefined, root.at('metrics'), error.message];
    root.issues.push({ path: path!, message: message! });
    return { prometheus: true };
  }
}
