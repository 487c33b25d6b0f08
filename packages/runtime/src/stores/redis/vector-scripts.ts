// The Lua side of RedisVectorStore. Redis here has no vector search (no RediSearch in the Debian server), so Redis
// only keeps the entries and a log of additions; each instance searches its own copy (redis-vector-store.ts).
// Keys of one partition (a hash tag keeps them in one slot): meta (hash: epoch, seq), log (zset key -> seq of its
// latest add), exp (zset key -> expiresAt), vec (hash key -> "expiresAt seq base64"), val (hash key -> value).
// `now` and expiry times come from the caller's clock, like the other Redis stores.

import { LuaScript } from './lua-script.ts';

/**
 * Add or replace one entry. KEYS: meta, log, exp, vec, val. ARGV: key, vector (base64), value, expiresAt, ttlMs,
 * now, epoch to use if the partition is new. Expired entries are removed first; every key of the partition then
 * lives at least as long as the new entry. Returns the entry's seq.
 */
export const addScript = new LuaScript(`
local meta, log, exp, vec, val = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local key, vector, value, expiresAt, ttl, now, epoch = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], ARGV[7]
redis.call('HSETNX', meta, 'epoch', epoch)
local dead = redis.call('ZRANGEBYSCORE', exp, '-inf', now)
for first = 1, #dead, 1000 do -- in chunks: unpack has a stack limit
  local chunk = { unpack(dead, first, math.min(first + 999, #dead)) }
  redis.call('ZREM', log, unpack(chunk))
  redis.call('ZREM', exp, unpack(chunk))
  redis.call('HDEL', vec, unpack(chunk))
  redis.call('HDEL', val, unpack(chunk))
end
local seq = redis.call('HINCRBY', meta, 'seq', 1)
redis.call('ZADD', log, seq, key)
redis.call('ZADD', exp, expiresAt, key)
redis.call('HSET', vec, key, expiresAt .. ' ' .. seq .. ' ' .. vector)
redis.call('HSET', val, key, value)
for i = 1, 5 do
  if redis.call('PTTL', KEYS[i]) < ttl then redis.call('PEXPIRE', KEYS[i], ttl) end
end
return seq
`);

/**
 * What an instance's copy lacks, a page at a time. KEYS: meta, log, vec. ARGV: the epoch the copy was made in, the
 * last seq it has, the page size. Returns {epoch, seq, more, key1, vec1, key2, vec2...}: up to a page of the
 * entries added after that seq (all of them from seq 0 when the epoch differs: the partition expired as a whole
 * and was made anew), `seq` the last one returned (the partition's when none is), `more` 1 when the page was
 * full; {false} when the partition does not exist.
 */
export const syncScript = new LuaScript(`
local meta, log, vec = KEYS[1], KEYS[2], KEYS[3]
local state = redis.call('HMGET', meta, 'epoch', 'seq')
if not state[1] then return { false } end
local last = state[2] or '0'
local since = ARGV[2]
if state[1] ~= ARGV[1] then since = '0' end
if since == last then return { state[1], last, 0 } end
local page = tonumber(ARGV[3])
local found = redis.call('ZRANGEBYSCORE', log, '(' .. since, '+inf', 'WITHSCORES', 'LIMIT', 0, page)
local keys = {}
for i = 1, #found, 2 do keys[#keys + 1] = found[i] end
local more = 0
if #keys == page then
  more = 1
  last = found[#found]
end
local out = { state[1], last, more }
if #keys > 0 then
  local vectors = redis.call('HMGET', vec, unpack(keys))
  for i = 1, #keys do
    if vectors[i] then
      out[#out + 1] = keys[i]
      out[#out + 1] = vectors[i]
    end
  end
end
return out
`);
