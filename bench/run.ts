// `npm run bench`: every benchmark, one after the other, each printing its own lines.
// Benchmarks measure; they never assert. Each compares apimx with a baseline measured in the same run.

export type Bench = { name: string; load: () => Promise<() => Promise<string[]>> };

const benches: Bench[] = [
  { name: 'parse and validate the corpus', load: async () => (await import('./parse.ts')).benchParse },
  { name: 'policy expressions', load: async () => (await import('./expressions.ts')).benchExpressions },
  { name: 'runtime', load: async () => (await import('./runtime.ts')).benchRuntime },
  { name: 'tokens', load: async () => (await import('./tokens.ts')).benchTokens },
  { name: 'forwarder', load: async () => (await import('./forwarder.ts')).benchForwarder },
  { name: 'gateway', load: async () => (await import('./gateway.ts')).benchGateway },
  { name: 'ai gateway', load: async () => (await import('./ai-gateway.ts')).benchAiGateway },
  { name: 'semantic cache', load: async () => (await import('./semantic-cache.ts')).benchSemanticCache },
  { name: 'backend pool', load: async () => (await import('./pool.ts')).benchPool },
];

const only = process.argv.slice(2);
// apimx and every baseline run in this one process, so they share its V8 settings (npm run bench passes the same
// --max-semi-space-size that npm start and the apimx command run the gateway with).
const v8Flags = process.execArgv.filter((arg) => arg.startsWith('--max-'));
console.log(`node ${process.version}, ${v8Flags.length > 0 ? v8Flags.join(' ') : 'default V8 heap settings'} (apimx and baselines in one process)\n`);
for (const bench of benches) {
  if (only.length > 0 && !only.some((word) => bench.name.includes(word))) continue;
  console.log(`## ${bench.name}`);
  try {
    const run = await bench.load();
    for (const line of await run()) console.log(line);
  } catch (error) {
    console.log(`  not available: ${(error as Error).message}`);
  }
  console.log();
}
