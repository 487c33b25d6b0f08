// The SSE usage tap as a node:stream Transform for the response body: each chunk is passed on first,
// unchanged and at once, then looked at. End of stream reports; destruction before the end (the client went
// away, the upstream failed) reports what was seen, marked aborted.
import { Transform } from 'node:stream';
import { SseUsageTap } from './stream-usage.ts';
import type { StreamUsageOptions } from './stream-usage.ts';

export function createSseUsageTransform(options: StreamUsageOptions): Transform {
  const tap = new SseUsageTap(options);
  let flushed = false;
  return new Transform({
    transform(chunk: Uint8Array | string, _encoding, callback) {
      callback(null, chunk);
      tap.push(chunk);
    },
    flush(callback) {
      flushed = true;
      tap.finish(false);
      callback();
    },
    destroy(error, callback) {
      tap.finish(!flushed);
      callback(error);
    },
  });
}
