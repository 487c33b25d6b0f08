// A request body as the gateway holds it (bytes) → parsed JSON for the estimator. A body that is not JSON
// (multipart audio uploads, empty GETs) estimates as 0 tokens rather than failing the request.
import { estimatePromptTokens } from './estimate.ts';
import type { EstimateOptions, PromptEstimate } from './estimate.ts';

const decoder = new TextDecoder();

export function parseJsonBody(body: Uint8Array | string | undefined): unknown {
  if (body === undefined) return undefined;
  const text = typeof body === 'string' ? body : decodeText(body);
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function estimatePromptTokensFromBytes(body: Uint8Array | string | undefined, options: EstimateOptions = {}): Promise<PromptEstimate> {
  return estimatePromptTokens(parseJsonBody(body), options);
}

/** A response whose Content-Type is text/event-stream is read with the SSE tap, whatever the request said. */
export function isEventStream(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.toLowerCase().split(';')[0]!.trim() === 'text/event-stream';
}

/** UTF-8 text without a leading BOM, as TextDecoder gives it; Buffer's own slice is the cheaper way for a Buffer. */
function decodeText(bytes: Uint8Array): string {
  if (!Buffer.isBuffer(bytes)) return decoder.decode(bytes);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
