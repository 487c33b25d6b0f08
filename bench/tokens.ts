// Token counting: prompt-estimation speed on a ~4 KB chat body (first sight of the text, and the same text
// again, which the count cache serves), encoding load times, and the per-chunk cost of the SSE usage tap
// against a bare pass-through. Measures only; `npm run bench` prints the lines.
import { PassThrough } from 'node:stream';
import type { Transform } from 'node:stream';
import { estimateWith } from '../packages/runtime/src/tokens/estimate.ts';
import { loadEncoder } from '../packages/runtime/src/tokens/encodings.ts';
import { SseUsageTap } from '../packages/runtime/src/tokens/stream-usage.ts';
import { createSseUsageTransform } from '../packages/runtime/src/tokens/stream-usage-transform.ts';

const SENTENCES = [
  "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
  'The quarterly report shows revenue growth of 12.5% in EMEA, driven by the new subscription tiers.',
  'Please summarise the following customer ticket and suggest a reply in a friendly, concise tone.',
  'Error 0x80070005: access denied while writing C:\\ProgramData\\App\\config.json (retry 3 of 5).',
  'Les utilisateurs signalent des délais de réponse plus longs depuis la mise à jour de mardi.',
];

/** A chat body of about `bytes` bytes of message text; `salt` makes the user text unique (no cache hits). */
function chatBody(bytes: number, salt: string): unknown {
  let text = salt;
  for (let i = 0; text.length < bytes - 200; i++) text += `${SENTENCES[i % SENTENCES.length]} `;
  return {
    model: 'gpt-4o',
    messages: [
      { role: 'system', content: 'You are a helpful assistant for the support team. Answer briefly and cite ticket numbers.' },
      { role: 'user', content: text },
    ],
  };
}

function chunkEvent(content: string): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-abc', object: 'chat.completion.chunk', created: 1732500000, model: 'gpt-4o-2024-08-06', system_fingerprint: 'fp_1', choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }], usage: null })}\n\n`;
}

function timeMs(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function streamThrough(stream: Transform, chunks: Buffer[]): Promise<number> {
  stream.resume();
  const done = new Promise((resolve) => stream.on('end', resolve));
  const t0 = process.hrtime.bigint();
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await done;
  return Number(process.hrtime.bigint() - t0);
}

export async function benchTokens(): Promise<string[]> {
  const lines: string[] = [];
  for (const name of ['o200k_base', 'cl100k_base'] as const) {
    const t0 = process.hrtime.bigint();
    await loadEncoder(name);
    lines.push(`  load ${name} (first use, once per process): ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms`);
  }
  const encoder = await loadEncoder('o200k_base');

  // Uncached: every body has new text, as distinct user prompts do.
  const bodies = Array.from({ length: 60 }, (_, i) => chatBody(4096, `Ticket ${i * 7919}: `));
  const bytes = JSON.stringify(bodies[0]).length;
  const tokens = estimateWith(encoder, bodies[0]).tokens;
  for (const body of bodies.slice(0, 10)) estimateWith(encoder, body);
  const fresh = bodies.slice(10).map((body) => timeMs(() => estimateWith(encoder, body)));
  const freshMs = median(fresh);
  lines.push(`  estimate a ${(bytes / 1024).toFixed(1)} KB chat body (${tokens} tokens, gpt-4o), new text: ${freshMs.toFixed(3)} ms → ${Math.round(tokens / (freshMs / 1000)).toLocaleString('en-US')} tokens/s (median of 50)`);

  // Cached: the same body again (a repeated system prompt, a benchmark client): the count cache answers.
  const same = bodies[0];
  const cachedMs = median(Array.from({ length: 50 }, () => timeMs(() => {
    for (let i = 0; i < 100; i++) estimateWith(encoder, same);
  }) / 100));
  lines.push(`  the same body again (count-cache hit, no encoding): ${(cachedMs * 1000).toFixed(2)} µs per estimate`);

  // SSE tap: 2,000 chat chunks of one word each, as a gpt-4o stream sends them.
  const words = 'The quick brown fox jumps over the lazy dog while the support team reviews ticket numbers'.split(' ');
  const events = Array.from({ length: 2000 }, (_, i) => Buffer.from(chunkEvent(` ${words[i % words.length]}`)));
  const tapRuns = Array.from({ length: 15 }, () => {
    const tap = new SseUsageTap({ encoder, promptTokens: 0, onEnd: () => {} });
    const t0 = process.hrtime.bigint();
    for (const e of events) tap.push(e);
    tap.finish(false);
    return Number(process.hrtime.bigint() - t0) / events.length;
  });
  lines.push(`  SSE tap alone: ${(median(tapRuns) / 1000).toFixed(2)} µs per chunk (${events[0]!.length}-byte chat chunks, parse + delta count, median of 15 × 2,000)`);

  const through: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < 15; r++) {
    through.push(await streamThrough(createSseUsageTransform({ encoder, promptTokens: 0, onEnd: () => {} }), events));
    bare.push(await streamThrough(new PassThrough(), events));
  }
  const perThrough = median(through) / events.length;
  const perBare = median(bare) / events.length;
  lines.push(`  Transform with the tap: ${(perThrough / 1000).toFixed(2)} µs per chunk vs PassThrough ${(perBare / 1000).toFixed(2)} µs (+${((perThrough - perBare) / 1000).toFixed(2)} µs per chunk)`);
  return lines;
}
