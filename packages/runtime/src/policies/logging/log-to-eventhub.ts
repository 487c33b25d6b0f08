// log-to-eventhub (spec §3.12, T46): the element's text, to the logger named by logger-id, through
// services.loggers (JSON lines locally: see logging/sink.ts). Messages over 200 KB are cut to 200 KB, as APIM does.
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { expressionReads } from '../transformation/expression-reads.ts';

const MAX_BYTES = 200 * 1024;

export const logToEventhub: PolicyImplementation = {
  name: 'log-to-eventhub',
  build(node, build): Step {
    const loggerId = String(node.attributes['logger-id']!.value);
    const partitionIdValue = node.attributes['partition-id']?.value;
    const partitionId = partitionIdValue === undefined ? null : String(partitionIdValue);
    const partitionKey = build.string(node, 'partition-key');
    const text = build.text(node);
    const reads = expressionReads(node);
    const loggers = build.services.loggers;
    return {
      readsRequestBody: reads.request,
      readsResponseBody: reads.response,
      run(ctx: RequestContext) {
        // [UNCONFIRMED] with no logger configured the message is dropped, but its expressions still run (and may fail).
        const message = truncate(text(ctx) ?? '');
        const key = partitionKey(ctx);
        loggers?.send({ loggerId, message, partitionId, partitionKey: key, timestamp: ctx.services.clock.now() });
      },
    };
  },
};

/** At most 200 KB of UTF-8, cut on a character boundary. */
export function truncate(message: string): string {
  if (message.length * 3 <= MAX_BYTES) return message;
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= MAX_BYTES) return message;
  let end = MAX_BYTES;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so that no character is split.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
