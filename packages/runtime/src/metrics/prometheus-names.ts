// How APIM's metric, namespace and dimension names become OpenTelemetry instrument / attribute names, which are
// also the Prometheus names (the exporter then adds `_total` to counters). Documented in README.md.

/** Lower-case; every run of characters outside [a-z0-9_] becomes one `_`; runs of `_` collapse; no `_` at the ends. */
export function sanitizeName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The instrument name for APIM metric `name` in `namespace`: `<namespace>_<name>`, sanitized. OpenTelemetry
 * names must start with a letter (and Prometheus names must not start with a digit), so anything else gets an
 * `apimx_` prefix. Prometheus shows counters as this name plus `_total`.
 */
export function metricInstrumentName(namespace: string, name: string): string {
  const joined = sanitizeName(`${namespace}_${name}`);
  const safe = /^[a-z]/.test(joined) ? joined : `apimx_${joined}`;
  // OpenTelemetry caps instrument names at 255 characters.
  return safe.length > 255 ? safe.slice(0, 255) : safe;
}

/** The Prometheus series name of a counter: the instrument name plus `_total` (unless it already ends so). */
export function prometheusCounterName(namespace: string, name: string): string {
  const base = metricInstrumentName(namespace, name);
  return base.endsWith('_total') ? base : `${base}_total`;
}

/** The attribute / label name of an APIM dimension ("API ID" → `api_id`). */
export function dimensionLabelName(dimension: string): string {
  const label = sanitizeName(dimension);
  // Prometheus reserves names starting with `__`, and label names must not start with a digit.
  return /^[a-z]/.test(label) ? label : `d_${label}`;
}
