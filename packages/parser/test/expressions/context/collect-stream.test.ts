// collectStream: a body's bytes from a real stream (an HTTP request over loopback and in-memory streams), with
// its size limit, its errors and streams that end or die before being read.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { collectStream } from '../../../src/expressions/context/collect-stream.ts';

describe('collectStream', () => {
  it('collects an HTTP request body sent in several writes', async () => {
    const received = new Promise<Buffer>((resolve, reject) => {
      const server = http.createServer((req, res) => {
        collectStream(req).then(resolve, reject).finally(() => {
          res.end();
          server.close();
        });
      });
      server.listen(0, '127.0.0.1', () => {
        const req = http.request({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', method: 'POST' });
        req.write('{"a":');
        setImmediate(() => req.end('1}'));
        req.on('response', (res) => res.resume());
      });
    });
    expect((await received).toString()).toBe('{"a":1}');
  });

  it('returns one chunk as is, several concatenated, none as empty', async () => {
    const one = Buffer.from('only');
    expect(await collectStream(Readable.from([one]))).toBe(one);
    expect((await collectStream(Readable.from([Buffer.from('a'), 'b', Buffer.from('c')]))).toString()).toBe('abc');
    expect((await collectStream(Readable.from([]))).length).toBe(0);
  });

  it('refuses a body over the limit and destroys the stream', async () => {
    const stream = Readable.from([Buffer.alloc(6), Buffer.alloc(6)]);
    await expect(collectStream(stream, 10)).rejects.toThrow('body is larger than 10 bytes');
    expect(stream.destroyed).toBe(true);
  });

  it("rejects with the stream's error, and when it is destroyed before its end", async () => {
    const failing = new PassThrough();
    const pending = collectStream(failing);
    failing.write('part');
    failing.destroy(new Error('connection reset'));
    await expect(pending).rejects.toThrow('connection reset');

    const cut = new PassThrough();
    const cutPending = collectStream(cut);
    cut.write('part');
    cut.destroy();
    await expect(cutPending).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('answers at once for a stream already read to its end, and refuses one already destroyed', async () => {
    const ended = Readable.from(['x']);
    ended.resume();
    await new Promise((resolve) => ended.once('end', resolve));
    expect((await collectStream(ended)).length).toBe(0);
    const destroyed = new PassThrough();
    destroyed.destroy();
    await expect(collectStream(destroyed)).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
  });

  it('leaves no listeners behind', async () => {
    const stream = new PassThrough();
    const pending = collectStream(stream);
    stream.end('done');
    await pending;
    expect(['data', 'end', 'error', 'close'].map((event) => stream.listenerCount(event))).toEqual([0, 0, 0, 0]);
  });
});
