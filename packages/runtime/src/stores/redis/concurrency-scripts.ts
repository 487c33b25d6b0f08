// Lua for RedisConcurrencyStore. A key is a sorted set of leases: member = lease id, score = expiry time (caller's
// clock). Expired leases are dropped before counting, so slots held by a crashed instance free themselves.

import { LuaScript } from './lua-script.ts';

/** KEYS[1]: lease set. ARGV: now, max, lease id, lease expiry, key ttl ms. Returns 1 when taken, 0 when full. */
export const acquireScript = new LuaScript(`
local k = KEYS[1]
redis.call('ZREMRANGEBYSCORE', k, '-inf', ARGV[1])
if redis.call('ZCARD', k) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', k, ARGV[4], ARGV[3])
if redis.call('PTTL', k) < tonumber(ARGV[5]) then redis.call('PEXPIRE', k, ARGV[5]) end
return 1
`);

/**
 * KEYS[1]: lease set. ARGV: lease expiry, key ttl ms, lease ids... Extends the given leases (re-adding one that
 * expired meanwhile: the request it stands for is still running, so it still counts).
 */
export const renewScript = new LuaScript(`
local k = KEYS[1]
for i = 3, #ARGV do redis.call('ZADD', k, ARGV[1], ARGV[i]) end
if redis.call('PTTL', k) < tonumber(ARGV[2]) then redis.call('PEXPIRE', k, ARGV[2]) end
return 1
`);
