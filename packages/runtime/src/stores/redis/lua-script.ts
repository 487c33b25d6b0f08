// A Lua script run by its SHA1 (EVALSHA), loaded on first use: when Redis answers NOSCRIPT (first call, a restart,
// SCRIPT FLUSH, a failover) the same call is retried once with EVAL, which also caches the script server-side.

import { createHash } from 'node:crypto';

/** The one client call scripts need; RedisConnection provides it with the timeout and error mapping. */
export type SendCommand = (args: string[]) => Promise<unknown>;

export class LuaScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(send: SendCommand, keys: string[], args: string[]): Promise<unknown> {
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await send(['EVALSHA', this.sha, ...tail]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return send(['EVAL', this.source, ...tail]);
    }
  }
}
