// Collect a stream into one byte array (buffer-request-body, buffer-response, Body.As<T>()).

import type { Readable } from 'node:stream';
import type { Body } from './types.ts';

export async function readStream(stream: Readable, maxBytes = Infinity): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new RangeError(`body is larger than ${maxBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** The body as bytes (empty for none). */
export async function readBody(body: Body, maxBytes = Infinity): Promise<Uint8Array> {
  if (body === undefined) return new Uint8Array(0);
  if (body instanceof Uint8Array) return body;
  return readStream(body, maxBytes);
}

/** Let go of a body nobody will read (e.g. a backend response replaced by the pipeline), freeing its socket. */
export function discardBody(body: Body): void {
  if (body !== undefined && !(body instanceof Uint8Array) && !body.destroyed) body.destroy();
}
