// SSE chunks leave the mock one by one: with a chunk delay whose `sleep` the test controls, the client reads each
// event while the server is still held before writing the next.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockBackend, type MockBackend } from '../../src/mock/index.ts';

const held: (() => void)[] = [];
let backend: MockBackend;

beforeAll(async () => {
  backend = await startMockBackend({ chunkDelayMs: 10, sleep: () => new Promise<void>((resolve) => held.push(resolve)) });
});
afterAll(() => backend.close());

async function waitForHeld(): Promise<void> {
  while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
}

it('each chat chunk reaches the client before the next is written', async () => {
  const res = await fetch(`${backend.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'Hello' }] }),
  });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: string[] = [];
  let releases = 0;
  for (;;) {
    // Read until one whole event is in, while the server waits on its chunk delay.
    while (!buffer.includes('\n\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
    }
    const end = buffer.indexOf('\n\n');
    if (end === -1) break;
    events.push(buffer.slice(0, end));
    buffer = buffer.slice(end + 2);
    expect(buffer).toBe('');
    expect(events.length).toBe(releases + 1);
    if (events.at(-1) === 'data: [DONE]') break;
    await waitForHeld();
    held.shift()!();
    releases += 1;
  }
  expect(events.length).toBeGreaterThan(5);
  expect(events.at(-1)).toBe('data: [DONE]');
  await waitForHeld();
  held.shift()!();
  expect((await reader.read()).done).toBe(true);
});

it('stops producing when the client goes away mid-stream', async () => {
  const controller = new AbortController();
  const res = await fetch(`${backend.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', stream: true, input: 'Hello' }),
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  expect(first).toMatch(/^event: response\.created\n/);
  controller.abort();
  // Keep releasing the server's chunk delays, one per event-loop turn: once it has seen the close it stops asking
  // for them, well before the ~20 events of the whole stream.
  let releases = 0;
  for (let turn = 0; turn < 200; turn++) {
    if (held.length > 0) {
      held.shift()!();
      releases += 1;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(held).toHaveLength(0);
  expect(releases).toBeLessThan(10);
  const stats = await (await fetch(`${backend.url}/__mock/stats`)).json();
  expect(stats).toMatchObject({ streamed: 2 });
});
