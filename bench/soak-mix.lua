-- wrk script of bench/run-soak: the legitimate clients. Every request logs in (Basic).
--   ~80 % GET of a random existing key, ~15 % PUT of a string or a number to one of those keys,
--   ~5 % DELETE of a key in a separate range (the last tenth), so no GET ever meets a deleted
--   key; a DELETE of a key already gone answers 200 "false". Any answer outside 2xx is an error.
-- Environment: SOAK_KEYS (keys key.0000000 ... imported), SOAK_NS, SOAK_AUTH (base64 of user:pw).
-- done() prints one line "SOAK name=value ..." that run-soak reads.
local keys = tonumber(os.getenv("SOAK_KEYS"))
local auth = "Basic " .. os.getenv("SOAK_AUTH")
local base = "/api/v1/main/namespaces/" .. os.getenv("SOAK_NS") .. "/kv/"
local deletable = math.max(1, math.floor(keys / 10))
local readable = keys - deletable
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  math.randomseed(id * 7919 + os.time())
  statuses = {}
end

local function key(first, count)
  return string.format("key.%07d", first + math.random(0, count - 1))
end

function request()
  local r = math.random(100)
  if r <= 80 then
    return wrk.format("GET", base .. key(0, readable), { Authorization = auth })
  elseif r <= 95 then
    local body = tostring(math.random(1000000))
    if r % 2 == 0 then body = '"text ' .. body .. '"' end
    return wrk.format("PUT", base .. key(0, readable),
                      { Authorization = auth, ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("DELETE", base .. key(readable, deletable), { Authorization = auth })
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local merged, bad, detail = {}, 0, {}
  for _, thread in ipairs(threads) do
    for code, n in pairs(thread:get("statuses") or {}) do
      merged[code] = (merged[code] or 0) + n
    end
  end
  for code, n in pairs(merged) do
    bad = bad + n
    table.insert(detail, code .. "x" .. n)
  end
  local e = summary.errors
  io.write(string.format("SOAK requests=%d seconds=%.3f p50_us=%d p99_us=%d max_us=%d " ..
                         "non2xx=%d connect=%d read=%d write=%d timeout=%d statuses=%s\n",
                         summary.requests, summary.duration / 1e6, latency:percentile(50),
                         latency:percentile(99), latency.max, bad, e.connect, e.read, e.write,
                         e.timeout, #detail > 0 and table.concat(detail, ",") or "-"))
end
