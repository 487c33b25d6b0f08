// Start, reload and stop one gateway: configuration → model → Hono on node:http. The runtime services (stores,
// counters, clock) live as long as the process; a reload swaps only the model and the backend entities.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { backendStates, ConfiguredCredentialManager, JsonLinesLoggerSink, Runtime, tokens, type GatewayMetrics, type RuntimeServices } from '@apimx/runtime';
import { TraceRecorder } from '../admin/trace-recorder.ts';
import type { GatewayConfig } from '../config/config-types.ts';
import { loadConfig } from '../config/load-config.ts';
import { SecretRedactor } from '../config/secrets.ts';
import { GatewayHandler } from '../http/gateway-handler.ts';
import { buildModel } from '../model/build-model.ts';
import type { GatewayModel } from '../model/gateway-model.ts';
import { SwappableBackends } from '../model/swappable-backends.ts';
import { createGatewayServices, restartNeeded } from '../services/gateway-services.ts';
import { LoggerSinks } from '../services/logger-sinks.ts';
import { ConfigWatcher, filesOf } from './config-watcher.ts';
import { createRequestListener } from './gateway-app.ts';
import { listenOnFreePort } from './listen.ts';
import { MockFleet } from './mock-fleet.ts';

export interface StartGatewayOptions {
  /** The configuration file (YAML or JSON). */
  config: string;
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** When the port is taken, try this many ports after it before failing (default 0: fail at once). */
  portFallbacks?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: in-memory stores and the system clock. */
  services?: RuntimeServices;
  /** Reload when the configuration or a policy file changes (default false; `apimx start` turns it on). */
  watch?: boolean;
  debounceMs?: number;
  /** Where reloads and their errors are reported. */
  log?: (line: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
  /** Recent traces kept for /apimx/traces (default 100). */
  traceCapacity?: number;
  /** Where loggers with `sink: stdout` write log-to-eventhub's JSON lines (default process.stdout). */
  stdout?: Writable;
}

export type ReloadResult = { ok: true; pipelines: number } | { ok: false; error: string };

export interface RunningGateway {
  url: string;
  port: number;
  services: RuntimeServices;
  /** Exporters and the usage ledger, kept across reloads. */
  metrics: GatewayMetrics;
  traces: TraceRecorder;
  mocks: MockFleet;
  /** Where each logger writes (log-to-eventhub). */
  loggers: LoggerSinks;
  model(): GatewayModel;
  /** Re-read everything; on any error the current configuration keeps serving. */
  reload(): Promise<ReloadResult>;
  /** Stop accepting, let in-flight requests finish, stop the mocks. */
  close(options?: { timeoutMs?: number }): Promise<void>;
  /** Requests being handled now. */
  inFlight(): number;
}

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const log = options.log ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const backends = new SwappableBackends();
  // The first read decides metrics and stores for the gateway's life (see services/gateway-services.ts).
  const first = await loadConfig(options.config, options.env);
  const lasting = await createGatewayServices(first, { ...(options.services ? { services: options.services } : {}), log });
  const services = lasting.services;
  services.backends = backends;
  const loggers = new LoggerSinks(options.stdout ? () => new JsonLinesLoggerSink(options.stdout!) : undefined);
  services.loggers = loggers;
  // A credential manager the caller put in the services (tests, an embedding host) stays; else the configuration's.
  const ownCredentials = services.credentials === undefined;
  const runtime = new Runtime({ services });
  const mocks = new MockFleet();
  const secrets = new SecretRedactor();
  // Everything besides the server that holds a port, a timer or a file: nothing may keep the process alive after
  // a failed start or a stop.
  const closeServices = async (): Promise<void> => {
    await mocks.close();
    await lasting.close();
    await loggers.close();
  };

  const build = async (config: GatewayConfig): Promise<GatewayModel> => {
    const mockUrls = await mocks.ensure(config.mocks, host);
    const model = await buildModel(config, runtime, { mockUrls });
    secrets.add(config.namedValues, config.secretNamedValues);
    loggers.configure(config.loggers);
    mocks.reconcile(config.mocks, log);
    const { name: serviceName, region, gatewayId } = config.service;
    services.deployment = { ...services.deployment, serviceName, region, gatewayId, managed: gatewayId === 'managed' };
    backends.replace(model.backends);
    // Before serving (the old model keeps serving during a reload): building the tokenizers takes ~1.5 s on the
    // main thread, and requests caught in flight by it were promoted to V8's old generation, after which every later
    // request's objects were promoted too (scavenges 1 ms -> 7 ms, a third of the throughput gone, for as long as we
    // measured).
    if (model.estimatesTokens) await tokens.preloadEncoders().catch((error: Error) => log(`apimx: cannot load the tokenizers: ${error.message}`));
    // Emulated credential manager (get-authorization-context): a reload replaces the connections (and their tokens).
    if (ownCredentials) services.credentials = new ConfiguredCredentialManager(config.credentialProviders, { clock: services.clock, ...(services.forwarder ? { forwarder: services.forwarder } : {}) });
    return model;
  };

  let model: GatewayModel;
  try {
    model = await build(first);
  } catch (error) {
    await closeServices();
    throw error;
  }
  const traces = new TraceRecorder(options.traceCapacity ?? 100);
  const handler = new GatewayHandler(services, model, traces);
  const reloads = { count: 0, lastError: null as string | null };
  const startedAt = Date.now();
  const listener = createRequestListener(handler, {
    model: () => handler.model,
    traces,
    startedAt,
    reloads: () => ({ ...reloads }),
    metrics: lasting.metrics,
    backends: () => backendStates(backends, services.clock),
    stores: lasting.storesStatus,
    secrets,
    loggers: () => loggers.status(),
  });
  const server = createServer({ keepAliveTimeout: 65_000 }, listener);
  let port: number;
  try {
    port = await listenOnFreePort(server, options.port ?? 8080, host, options.portFallbacks ?? 0);
  } catch (error) {
    await closeServices();
    throw error;
  }

  let reloading: Promise<ReloadResult> | null = null;
  const watcher = new ConfigWatcher(() => void reload(), options.debounceMs);
  const reload = (): Promise<ReloadResult> => {
    // One reload at a time; a change during a reload is picked up by the next event.
    reloading ??= (async (): Promise<ReloadResult> => {
      try {
        const next = await build(await loadConfig(options.config, options.env));
        const stale = restartNeeded(first, next.config);
        if (stale.length > 0) log(`apimx: ${stale.join(' and ')} changed; they take effect at the next start`);
        handler.model = next;
        reloads.count++;
        reloads.lastError = null;
        if (options.watch) watcher.watch(filesOf(next.config));
        log(`apimx: reloaded ${next.config.file} (${next.pipelineCount} pipelines)`);
        return { ok: true, pipelines: next.pipelineCount };
      } catch (error) {
        // Redacted again with every secret seen so far: a file that no longer parses cannot name its own.
        const message = secrets.redact((error as Error).message);
        reloads.lastError = message;
        log(`apimx: reload failed; still serving the previous configuration\n${message}`);
        return { ok: false, error: message };
      } finally {
        reloading = null;
      }
    })();
    return reloading;
  };
  if (options.watch) watcher.watch(filesOf(model.config));

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    services,
    metrics: lasting.metrics,
    traces,
    mocks,
    loggers,
    model: () => handler.model,
    reload,
    inFlight: () => handler.inFlight,
    close: async ({ timeoutMs = 30_000 } = {}) => {
      watcher.close();
      await drain(server, () => handler.inFlight, timeoutMs);
      await closeServices();
    },
  };
}

/** Graceful stop: no new connections, idle keep-alive sockets closed as they go idle, then done (or forced at the timeout). */
function drain(server: Server, inFlight: () => number, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const closed = new Promise<void>((done) => server.close(() => done()));
    const started = Date.now();
    const tick = setInterval(() => {
      server.closeIdleConnections();
      if (inFlight() === 0 || Date.now() - started > timeoutMs) {
        if (inFlight() > 0) server.closeAllConnections();
        server.closeIdleConnections();
      }
    }, 25);
    void closed.then(() => {
      clearInterval(tick);
      resolve();
    });
    server.closeIdleConnections();
  });
}
