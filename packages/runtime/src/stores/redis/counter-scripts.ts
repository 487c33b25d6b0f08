// The Lua side of RedisCounterStore: one script per operation, so each is atomic in Redis whatever the number of
// instances. They mirror MemoryCounterStore step for step (same modes, same merge rule, same results); `now` comes
// from the caller. Numbers go back as strings formatted with %.17g, because Redis truncates Lua numbers to integers.
// Every key written gets a PEXPIRE at its horizon (window end, log window, time to refill), so idle keys vanish.

import { LuaScript } from './lua-script.ts';

const NUMBER = `local function num(x) return string.format('%.17g', x) end`;

/** true when the mode adds the amount: record always, consume only when it fits. */
const ADDS = `local function adds(mode, fits) return mode == 'record' or (mode == 'consume' and fits) end`;

/**
 * Sliding log. KEYS[1]: zset slot -> latest time in the slot; KEYS[2]: hash slot -> amount, plus 'u' = sum.
 * ARGV: now, windowMs, amount, limit, mode. Entries in the same 1/1000th of the window share a slot, stamped with
 * the later time (never expires early, at most one slot late), as in memory. Returns {used, fits, retryAfterMs}.
 */
export const slidingScript = new LuaScript(`${NUMBER}
${ADDS}
local z, h = KEYS[1], KEYS[2]
local now, windowMs, amount, limit, mode = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local cutoff = num(now - windowMs)
local used = tonumber(redis.call('HGET', h, 'u') or '0')
local old = redis.call('ZRANGEBYSCORE', z, '-inf', cutoff)
if #old > 0 then
  for first = 1, #old, 1000 do -- in chunks: unpack has a stack limit
    local chunk = { unpack(old, first, math.min(first + 999, #old)) }
    local amounts = redis.call('HMGET', h, unpack(chunk))
    for i = 1, #chunk do used = used - tonumber(amounts[i] or '0') end
    redis.call('HDEL', h, unpack(chunk))
  end
  redis.call('ZREMRANGEBYSCORE', z, '-inf', cutoff)
  if redis.call('ZCARD', z) == 0 then
    used = 0 -- no float drift once the log is empty
    redis.call('DEL', z, h)
  else
    redis.call('HSET', h, 'u', num(used))
  end
end
local fits = used + amount <= limit
if adds(mode, fits) and amount ~= 0 then
  local slot = string.format('%.0f', math.floor(now / (windowMs * 0.001)))
  local stamp = now
  local previous = redis.call('ZSCORE', z, slot)
  if previous and tonumber(previous) > stamp then stamp = tonumber(previous) end
  redis.call('ZADD', z, num(stamp), slot)
  redis.call('HINCRBYFLOAT', h, slot, num(amount))
  used = used + amount
  redis.call('HSET', h, 'u', num(used))
  local ttl = math.ceil(stamp - now + windowMs) + 1
  redis.call('PEXPIRE', z, ttl)
  redis.call('PEXPIRE', h, ttl)
end
local retry = 0
if not fits then
  retry = windowMs
  if amount <= limit then
    local excess = used + amount - limit
    local entries = redis.call('ZRANGE', z, 0, -1, 'WITHSCORES')
    for i = 1, #entries, 2 do
      excess = excess - tonumber(redis.call('HGET', h, entries[i]) or '0')
      if excess <= 0 then
        retry = tonumber(entries[i + 1]) + windowMs - now
        break
      end
    end
  end
end
return { num(used), fits and 1 or 0, num(retry) }
`);

/**
 * Fixed window. KEYS[1]: hash s = window start (as the caller wrote it), c = count. ARGV: start, end, amount,
 * limit, mode. The key lives for the window's length after each write: never shorter than what is left of it.
 * Returns {count, fits}.
 */
export const windowScript = new LuaScript(`${NUMBER}
${ADDS}
local k = KEYS[1]
local start, amount, limit, mode = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local stored = redis.call('HMGET', k, 's', 'c')
local count = 0
if stored[1] == start then count = tonumber(stored[2]) end
local fits = count + amount <= limit
if adds(mode, fits) then
  count = count + amount
  redis.call('HSET', k, 's', start, 'c', num(count))
  redis.call('PEXPIRE', k, math.max(1, math.ceil(tonumber(ARGV[2]) - tonumber(start))) + 1)
end
return { num(count), fits and 1 or 0 }
`);

/**
 * Token bucket. KEYS[1]: hash t = tokens, a = time of t. ARGV: now, capacity, refillPerMs, amount, mode. A full
 * bucket is deleted (an absent bucket starts full); otherwise the key expires when it would be full again.
 * With no refill the key is kept (it would never be full again). Returns {tokens, fits}.
 */
export const bucketScript = new LuaScript(`${NUMBER}
${ADDS}
local k = KEYS[1]
local now, capacity, refill, amount, mode = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local stored = redis.call('HMGET', k, 't', 'a')
local tokens, at = capacity, now
if stored[1] then
  tokens, at = tonumber(stored[1]), tonumber(stored[2])
  if now > at then
    tokens = math.min(capacity, tokens + (now - at) * refill)
    at = now
  end
end
if tokens > capacity then tokens = capacity end
local fits = amount <= tokens
if adds(mode, fits) then tokens = math.min(capacity, tokens - amount) end
if tokens >= capacity then
  redis.call('DEL', k)
else
  redis.call('HSET', k, 't', num(tokens), 'a', num(at))
  if refill > 0 then
    redis.call('PEXPIRE', k, math.ceil((capacity - tokens) / refill + (at - now)) + 1)
  end
end
return { num(tokens), fits and 1 or 0 }
`);
