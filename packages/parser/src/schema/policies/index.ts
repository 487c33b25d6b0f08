// Every policy apimx knows, one family per file. Order is the order of the README's support table.
import type { PolicySchema } from '../types.ts';
import { ACCESS_POLICIES } from './access.ts';
import { AI_POLICIES } from './ai.ts';
import { CACHING_POLICIES } from './caching.ts';
import { CONTROL_FLOW_POLICIES } from './control-flow.ts';
import { LIMIT_POLICIES } from './limits.ts';
import { LOGGING_POLICIES } from './logging.ts';
import { REQUEST_CALL_POLICIES } from './requests.ts';
import { ROUTING_POLICIES } from './routing.ts';
import { TRANSFORMATION_POLICIES } from './transformation.ts';

export const ALL_POLICY_SCHEMAS: readonly PolicySchema[] = [
  ...AI_POLICIES,
  ...ROUTING_POLICIES,
  ...LIMIT_POLICIES,
  ...TRANSFORMATION_POLICIES,
  ...CONTROL_FLOW_POLICIES,
  ...REQUEST_CALL_POLICIES,
  ...ACCESS_POLICIES,
  ...CACHING_POLICIES,
  ...LOGGING_POLICIES,
];
