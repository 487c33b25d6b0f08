// One Redis client shared by the Redis stores, set up so that a request never waits on Redis for long:
// no offline queue (a command while disconnected fails at once), a per-command timeout, and reconnection in the
// background with capped exponential backoff. Connectivity failures become StoreUnavailableError; each store then
// applies the configured policy (fail open or closed) through `guard`, and the first failure of an outage is
// logged once, until the client is ready again.

import { createClient, ErrorReply } from 'redis';
import { StoreUnavailableError } from './store-unavailable-error.ts';

/** What a store does when Redis cannot answer: allow the request (`open`) or refuse it (`closed`). */
export type UnavailablePolicy = 'open' | 'closed';

export interface StoreLogger {
  warn(message: string): void;
  info?(message: string): void;
}

export interface RedisConnectionOptions {
  /** redis://[user:password@]host:port[/db], or rediss:// for TLS. */
  url: string;
  /** Default 'open'. */
  onUnavailable?: UnavailablePolicy;
  /** Longest a command may take before the store gives up on it. Default 250 ms. */
  commandTimeoutMs?: number;
  /** Longest a (re)connection attempt may take. Default 1000 ms. */
  connectTimeoutMs?: number;
  /** Upper bound of the reconnection backoff. Default 5000 ms. */
  maxReconnectDelayMs?: number;
  /** Where the once-per-outage warning goes. Default console. */
  logger?: StoreLogger;
}

type Client = ReturnType<typeof createClient>;

/** Server replies that mean "cannot serve now" rather than "your command is wrong". */
const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY|OOM)\b/;

export class RedisConnection {
  readonly client: Client;
  readonly onUnavailable: UnavailablePolicy;
  readonly commandTimeoutMs: number;
  private readonly logger: StoreLogger;
  private readonly safeUrl: string;
  private inOutage = false;
  private closed = false;

  constructor(options: RedisConnectionOptions) {
    this.onUnavailable = options.onUnavailable ?? 'open';
    this.commandTimeoutMs = options.commandTimeoutMs ?? 250;
    this.logger = options.logger ?? console;
    this.safeUrl = redactUrl(options.url);
    const maxDelay = options.maxReconnectDelayMs ?? 5000;
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      // Bounds what piles up behind a stalled connection; past it commands fail at once (unavailable).
      commandsQueueMaxLength: 10_000,
      commandOptions: { timeout: this.commandTimeoutMs },
      socket: {
        connectTimeout: options.connectTimeoutMs ?? 1000,
        // Jittered so that many instances do not reconnect in lockstep after a Redis restart.
        reconnectStrategy: (retries: number) => Math.round(Math.min(maxDelay, 50 * 2 ** Math.min(retries, 10)) * (0.8 + Math.random() * 0.4)),
      },
    });
    // Without a listener an 'error' event would crash the process; reconnection errors only mark the outage.
    this.client.on('error', (error: unknown) => this.noteOutage(error));
    this.client.on('ready', () => this.noteRecovered());
  }

  /**
   * Start connecting and wait at most `waitMs` for the first connection. The connection carries on in the
   * background when Redis is not there yet: the stores fail open or closed meanwhile.
   */
  async connect(waitMs: number): Promise<boolean> {
    const connecting = this.client.connect().then(
      () => true,
      (error: unknown) => {
        this.noteOutage(error);
        return false;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    const ready = await Promise.race([connecting, timeout]);
    clearTimeout(timer);
    if (!ready) this.noteOutage(new Error(`no connection within ${waitMs} ms`));
    return ready;
  }

  /** Whether commands can be sent right now. */
  get available(): boolean {
    return !this.closed && this.client.isReady;
  }

  /** Send one command; connectivity problems become StoreUnavailableError('redis'), error replies stay as they are. */
  send = async (args: string[]): Promise<unknown> => {
    // node-redis's own `timeout` stops at the write; a reply that never comes needs this deadline. The command
    // itself stays queued: a script that runs late still counts (a refused request may have been counted).
    const command = this.client.sendCommand(args);
    command.catch(() => undefined); // the loser of the race must not become an unhandled rejection
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no reply within ${this.commandTimeoutMs} ms`)), this.commandTimeoutMs);
    });
    try {
      const reply = await Promise.race([command, deadline]);
      if (this.inOutage) this.noteRecovered(); // a stall ends without a reconnection, hence without 'ready'
      return reply;
    } catch (error) {
      if (error instanceof ErrorReply && !TRANSIENT_REPLY.test(error.message)) throw error;
      throw new StoreUnavailableError('redis', error);
    } finally {
      clearTimeout(timer);
    }
  };

  /**
   * Run a store operation under the unavailability policy: on a connectivity failure, return `fallback()` when
   * failing open (or when `alwaysOpen`, for stores where refusing makes no sense), else throw
   * StoreUnavailableError naming the store.
   */
  async guard<T>(store: string, operation: () => Promise<T>, fallback: () => T, alwaysOpen = false): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.noteOutage(error.cause);
      if (alwaysOpen || this.onUnavailable === 'open') return fallback();
      throw new StoreUnavailableError(store, error.cause);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.client.destroy();
    } catch {
      // never connected: nothing to close
    }
  }

  private noteOutage(cause: unknown): void {
    if (this.inOutage || this.closed) return;
    this.inOutage = true;
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    const consequence = this.onUnavailable === 'open'
      ? 'failing open: limits are not enforced across instances and the cache misses until it is back'
      : 'failing closed: limited requests are refused with 503 until it is back';
    this.logger.warn(`apimx: Redis at ${this.safeUrl} is unavailable (${reason}); ${consequence}`);
  }

  private noteRecovered(): void {
    if (!this.inOutage) return;
    this.inOutage = false;
    this.logger.info?.(`apimx: Redis at ${this.safeUrl} is available again`);
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}
