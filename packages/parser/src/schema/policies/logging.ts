// Metrics, traces and event logging (spec §3.12).
import type { PolicySchema } from '../types.ts';
import { ALL_SECTIONS, atMostOneOf, num, oneOf, str, textChild } from './build.ts';

const emitMetric: PolicySchema = {
  name: 'emit-metric',
  sections: ALL_SECTIONS,
  spec: '3.12',
  summary: 'Emits a custom metric with dimensions.',
  attributes: {
    name: str({ required: true, expr: false }),
    namespace: str({ expr: false, default: 'API Management' }),
    value: num({ default: 1, doc: 'Metric value (a double).' }),
  },
  elements: {
    dimension: {
      attributes: { name: str({ required: true }), value: str() },
      text: 'none',
      // One or more; at most 10 custom dimensions (spec §3.12, rev 2024).
      min: 1,
      max: 10,
    },
  },
  text: 'none',
};

// §1.5 lists inbound, backend, outbound; the error-handling page (§5.1) also allows trace in on-error.
const trace: PolicySchema = {
  name: 'trace',
  sections: ALL_SECTIONS,
  spec: '3.12',
  summary: "Writes a message (source, severity, metadata) to the request's trace, shown by apimx's admin trace of recent requests.",
  attributes: {
    source: str({ required: true }),
    severity: oneOf(['verbose', 'information', 'error'], { default: 'verbose' }),
  },
  elements: {
    message: textChild({ min: 1, max: 1 }),
    metadata: { attributes: { name: str({ required: true }), value: str({ required: true }) }, text: 'none' },
  },
  text: 'none',
};

const logToEventhub: PolicySchema = {
  name: 'log-to-eventhub',
  sections: ALL_SECTIONS,
  spec: '3.12',
  summary: 'Sends a message (the element text) to an Event Hub logger.',
  attributes: {
    'logger-id': str({ required: true, expr: false }),
    'partition-id': str({ expr: false }),
    'partition-key': str(),
  },
  text: 'literal-or-expression',
  rules: [atMostOneOf('partition-id', 'partition-key')],
};

export const LOGGING_POLICIES: readonly PolicySchema[] = [emitMetric, trace, logToEventhub];
