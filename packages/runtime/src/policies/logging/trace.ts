// trace (spec §3.12, T45): a message with a source, a severity and metadata, into the request's trace
// (context.traces), which the gateway shows or exports.
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { Getter, PolicyImplementation } from '../types.ts';
import { expressionReads } from '../transformation/expression-reads.ts';

/** What trace adds to context.traces: the context's trace entry plus the metadata (App Insights properties). */
export interface TraceRecord {
  source: string;
  severity: string;
  message: string;
  metadata: Readonly<Record<string, string>>;
}

export const trace: PolicyImplementation = {
  name: 'trace',
  build(node, build): Step {
    const source = build.string(node, 'source');
    const severity = build.string(node, 'severity');
    const messageElement = build.elements(node, 'message')[0];
    const message: Getter<string | null> = messageElement ? build.text(messageElement) : () => null;
    const metadata = build.elements(node, 'metadata').map((element) => ({ name: build.string(element, 'name'), value: build.string(element, 'value') }));
    const reads = expressionReads(node);
    return {
      readsRequestBody: reads.request,
      readsResponseBody: reads.response,
      run(ctx: RequestContext) {
        const properties: Record<string, string> = {};
        for (const entry of metadata) {
          const name = entry.name(ctx);
          if (name) properties[name] = entry.value(ctx) ?? '';
        }
        const record: TraceRecord = {
          source: source(ctx) ?? '',
          severity: severity(ctx) ?? 'verbose',
          message: message(ctx) ?? '',
          metadata: properties,
        };
        ctx.traces.push(record);
      },
    };
  },
};
