// Parse and validate all corpus files in one process, ~20 runs; report the median (target < 300 ms).
// Files are read once up front: the bench measures the parser, not the disk.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parsePolicyDocument } from '../packages/parser/src/index.ts';

const CORPUS = new URL('../../shared/corpus/ai-gateway/', import.meta.url).pathname;
const RUNS = 20;
const TARGET_MS = 300;

export async function benchParse(): Promise<string[]> {
  const entries = await readdir(CORPUS, { recursive: true, withFileTypes: true });
  const paths = entries.filter((e) => e.isFile() && e.name.endsWith('.xml')).map((e) => join(e.parentPath, e.name));
  const files = await Promise.all(paths.map(async (p) => ({ file: p, text: await readFile(p, 'utf8') })));
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  let errors = 0;
  const times: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const start = performance.now();
    errors = 0;
    for (const { file, text } of files) errors += parsePolicyDocument(text, { file }).errors.length;
    // The first run warms the JIT up and is not counted.
    if (run > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  return [
    `  ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${errors} errors per run`,
    `  median ${median.toFixed(1)} ms over ${RUNS} runs (min ${times[0]!.toFixed(1)}, max ${times[times.length - 1]!.toFixed(1)}); target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'NOT met'}`,
  ];
}
