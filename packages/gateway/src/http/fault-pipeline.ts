// The gateway's own refusals (401, 404) go through on-error like policy errors do (spec §5.1, T30): a pipeline
// whose inbound raises the fault and whose on-error is the one in force for that request.
import type { PolicyFault } from '@apimx/runtime';
import { Pipeline } from '@apimx/runtime';

export function faultPipeline(base: Pipeline, fault: PolicyFault): Pipeline {
  const raise = {
    step: {
      run(): never {
        throw fault;
      },
    },
    location: { source: fault.source, scope: 'global' as const, section: 'inbound' as const, path: '', policyId: null },
  };
  return new Pipeline({ inbound: [raise], backend: [], outbound: [], 'on-error': base.sections['on-error'] });
}
