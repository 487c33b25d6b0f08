// Logging and metrics policies (spec §3.12).
import type { PolicyImplementation } from '../types.ts';
import { emitMetric } from './emit-metric.ts';
import { logToEventhub } from './log-to-eventhub.ts';
import { trace } from './trace.ts';

export const loggingPolicies: readonly PolicyImplementation[] = [trace, emitMetric, logToEventhub];
