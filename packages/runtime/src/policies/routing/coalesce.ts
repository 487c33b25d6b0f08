// forward-request buffer-response="true" (the default): a chunked backend response reaches the client in 8 KB
// pieces, or at the end of the stream (spec §3.6), which is why SSE needs buffer-response="false".
import type { Readable } from 'node:stream';
import { pipeline, Transform } from 'node:stream';

export const RESPONSE_BUFFER_BYTES = 8192;

export function coalesce(source: Readable, size = RESPONSE_BUFFER_BYTES): Readable {
  const chunks: Buffer[] = [];
  let total = 0;
  const take = (): Buffer => {
    const joined = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    chunks.length = 0;
    total = 0;
    return joined;
  };
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= size) this.push(take());
      done();
    },
    flush(done) {
      if (total > 0) this.push(take());
      done();
    },
  });
  // pipeline carries an upstream error to the reader and destroys the upstream when the reader lets go.
  pipeline(source, transform, noop);
  return transform;
}

function noop(): void {}
