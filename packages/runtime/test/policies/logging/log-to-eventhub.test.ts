import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import { JsonLinesLoggerSink } from '../../../src/logging/sink.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import { truncate } from '../../../src/policies/logging/log-to-eventhub.ts';
import { harness } from '../../support/run-policy.ts';

function collector(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('log-to-eventhub', () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));

  it('T46 log-to-eventhub: one line per call to the named logger (single-quoted attribute)', async () => {
    const out = collector();
    const services = { ...memoryServices(clock), loggers: new JsonLinesLoggerSink(out.stream) };
    const h = harness("<policies><inbound><log-to-eventhub logger-id ='contoso-logger'>2026-01-01,apimx,request,127.0.0.1,op</log-to-eventhub></inbound></policies>", { services, clock });
    await h.send();
    await h.send();
    expect(out.lines()).toEqual([
      { time: '2026-01-01T00:00:00.000Z', loggerId: 'contoso-logger', partitionId: null, partitionKey: null, message: '2026-01-01,apimx,request,127.0.0.1,op' },
      { time: '2026-01-01T00:00:00.000Z', loggerId: 'contoso-logger', partitionId: null, partitionKey: null, message: '2026-01-01,apimx,request,127.0.0.1,op' },
    ]);
  });

  it('passes partition-id or partition-key on', async () => {
    const out = collector();
    const services = { ...memoryServices(clock), loggers: new JsonLinesLoggerSink(out.stream) };
    const h = harness(
      '<policies><inbound><log-to-eventhub logger-id="a" partition-id="1">one</log-to-eventhub><log-to-eventhub logger-id="b" partition-key="user-7">two</log-to-eventhub></inbound></policies>',
      { services, clock },
    );
    await h.send();
    expect(out.lines().map((l) => [l['loggerId'], l['partitionId'], l['partitionKey'], l['message']])).toEqual([
      ['a', '1', null, 'one'],
      ['b', null, 'user-7', 'two'],
    ]);
  });

  it('drops messages when no logger is configured, and the request goes on', async () => {
    const h = harness('<policies><inbound><log-to-eventhub logger-id="a">one</log-to-eventhub><return-response><set-status code="204" reason="No Content" /></return-response></inbound></policies>');
    expect((await h.send()).status).toBe(204);
  });

  it('writes JSON lines to a file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'apimx-log-')), 'events.jsonl');
    const sink = JsonLinesLoggerSink.toFile(path);
    const services = { ...memoryServices(clock), loggers: sink };
    const h = harness('<policies><inbound><log-to-eventhub logger-id="file">hello</log-to-eventhub></inbound></policies>', { services, clock });
    await h.send();
    await sink.close();
    expect(JSON.parse(readFileSync(path, 'utf8').trim())).toMatchObject({ loggerId: 'file', message: 'hello' });
  });

  it('cuts messages over 200 KB to 200 KB without splitting a character', () => {
    expect(truncate('short')).toBe('short');
    const long = 'é'.repeat(150_000); // 300,000 bytes
    const cut = truncate(long);
    expect(Buffer.byteLength(cut)).toBe(200 * 1024);
    expect(cut).toBe('é'.repeat(102_400));
    const odd = `x${'é'.repeat(150_000)}`;
    expect(Buffer.byteLength(truncate(odd))).toBe(200 * 1024 - 1);
  });
});
