// The forwarder against a raw node:http pipe proxy, both in front of the same local upstream, driven by plain
// keep-alive node:http clients in a bounded loop. Everything shares this one process, so besides requests/s and
// latency we report the proxy's own CPU per request: CPU per request through the proxy minus CPU per request
// sent straight to the upstream.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Forwarder } from '../packages/runtime/src/http/forwarder.ts';
import { HeaderMap } from '../packages/runtime/src/http/header-map.ts';
import type { GatewayRequest } from '../packages/runtime/src/http/types.ts';
import { UpstreamBody } from '../packages/runtime/src/http/upstream-body.ts';

const CONCURRENCY = 32;
const WARMUP_MS = 700;
const MEASURE_MS = 3000;
const REQUEST_BODY = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(900) }] });
const RESPONSE_BODY = JSON.stringify({ id: 'chatcmpl-1', choices: [{ message: { role: 'assistant', content: 'y'.repeat(900) } }], usage: { total_tokens: 42 } });

interface Run {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  cpuPerRequest: number;
  errors: number;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function upstreamServer(): http.Server {
  return http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(RESPONSE_BODY) });
      res.end(RESPONSE_BODY);
    });
  });
}

function rawProxy(upstream: string): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(upstream);
  return http.createServer((req, res) => {
    const out = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(out);
  });
}

function apimxProxy(upstream: string, forwarder: Forwarder): http.Server {
  return http.createServer((req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const request: GatewayRequest = {
      method: req.method ?? 'GET',
      url: upstream + (req.url ?? '/'),
      headers: HeaderMap.fromRaw(req.rawHeaders),
      body: req,
      clientIp: req.socket.remoteAddress ?? '',
      signal: controller.signal,
    };
    forwarder.forward(request).then(
      (result) => {
        res.writeHead(result.status, result.reason, result.headers.toNode());
        if (result.body instanceof Uint8Array) res.end(result.body);
        // As the gateway writes a backend's body (write-response.ts): straight to the client when unread.
        else if ((result.body instanceof UpstreamBody ? result.body.sendTo(res) : null) === null) result.body.pipe(res);
      },
      () => {
        res.statusCode = 502;
        res.end();
      },
    );
  });
}

async function load(name: string, url: string): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const target = new URL(url);
  const one = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      const req = http.request(
        {
          hostname: target.hostname,
          port: target.port,
          method: 'POST',
          path: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(REQUEST_BODY), 'api-key': 'k' },
          agent,
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - start) : reject(new Error(`status ${res.statusCode}`))));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(REQUEST_BODY);
    });

  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  let stop = false;
  const worker = async (): Promise<void> => {
    while (!stop) {
      try {
        const ms = await one();
        if (measuring) latencies.push(ms);
      } catch {
        if (measuring) errors++;
      }
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, worker);
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  measuring = true;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const count = latencies.length;
  measuring = false;
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    name,
    rps: (count / elapsed) * 1000,
    p50: latencies[Math.floor(count * 0.5)] ?? NaN,
    p99: latencies[Math.floor(count * 0.99)] ?? NaN,
    cpuPerRequest: (cpu.user + cpu.system) / Math.max(1, count),
    errors,
  };
}

export async function benchForwarder(): Promise<string[]> {
  const forwarder = new Forwarder();
  const upstream = upstreamServer();
  const upstreamUrl = await listen(upstream);
  const raw = rawProxy(upstreamUrl);
  const apimx = apimxProxy(upstreamUrl, forwarder);
  const rawUrl = await listen(raw);
  const apimxUrl = await listen(apimx);
  try {
    const direct = await load('direct to upstream', upstreamUrl);
    const pipe = await load('raw node:http pipe proxy', rawUrl);
    const ours = await load('apimx Forwarder proxy', apimxUrl);
    const own = (run: Run): number => run.cpuPerRequest - direct.cpuPerRequest;
    const lines = [direct, pipe, ours].map(
      (r) =>
        `  ${r.name.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  ` +
        `CPU ${r.cpuPerRequest.toFixed(0)} µs/req${r === direct ? '' : ` (proxy's own ${own(r).toFixed(0)} µs)`}${r.errors ? `  ${r.errors} errors` : ''}`,
    );
    lines.push(
      `  forwarder / raw pipe: throughput ${(ours.rps / pipe.rps).toFixed(2)}x, p50 ${(ours.p50 / pipe.p50).toFixed(2)}x, proxy CPU ${(own(ours) / own(pipe)).toFixed(2)}x`,
      `  (${CONCURRENCY} keep-alive connections, ~1 KB request and response, client, proxy and upstream in one process)`,
    );
    return lines;
  } finally {
    forwarder.close();
    for (const server of [upstream, raw, apimx]) {
      server.closeAllConnections();
      server.close();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchForwarder()) console.log(line);
}
