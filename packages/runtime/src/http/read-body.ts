// Collect a stream into one byte array (buffer-request-body, buffer-response, Body.As<T>()).

import type { Readable } from 'node:stream';
import { collectStream } from '@apimx/parser';
import type { Body } from './types.ts';

export function readStream(stream: Readable, maxBytes = Infinity): Promise<Uint8Array> {
  return collectStream(stream, maxBytes);
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
