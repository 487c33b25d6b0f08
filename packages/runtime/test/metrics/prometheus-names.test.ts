import { describe, expect, it } from 'vitest';
import { dimensionLabelName, metricInstrumentName, prometheusCounterName, sanitizeName } from '../../src/metrics/prometheus-names.ts';

describe('APIM → Prometheus names', () => {
  it('lower-cases, turns runs of other characters into one _, collapses _ and trims it', () => {
    expect(sanitizeName('  Total  Tokens ')).toBe('total_tokens');
    expect(sanitizeName('a__b--c..d')).toBe('a_b_c_d');
    expect(sanitizeName('Ünïcode €')).toBe('n_code');
  });

  it('joins namespace and name, and adds _total for the counter', () => {
    expect(metricInstrumentName('openai', 'Total Tokens')).toBe('openai_total_tokens');
    expect(prometheusCounterName('openai', 'Total Tokens')).toBe('openai_total_tokens_total');
    expect(prometheusCounterName('API Management', 'Requests Total')).toBe('api_management_requests_total');
  });

  it('prefixes names and labels that would not start with a letter', () => {
    expect(metricInstrumentName('2025', 'Tokens')).toBe('apimx_2025_tokens');
    expect(metricInstrumentName('', '')).toBe('apimx_');
    expect(dimensionLabelName('API ID')).toBe('api_id');
    expect(dimensionLabelName('9 Lives')).toBe('d_9_lives');
    expect(dimensionLabelName('__name__')).toBe('name');
  });

  it('caps instrument names at 255 characters (OpenTelemetry’s limit)', () => {
    expect(metricInstrumentName('n', 'x'.repeat(400))).toHaveLength(255);
  });
});
