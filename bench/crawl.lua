-- wrk: the crawl mix (bench/crawl.py). Each request asks for the next path of the file named
-- after `--`, the threads interleaved (thread t takes paths t, t+T, t+2T, ...), so no path is
-- asked twice while the file has more lines than the run sends. Reports as report.lua does.
-- Usage: wrk -t2 -c8 -d10s -s bench/crawl.lua http://127.0.0.1:PORT -- FILE 2
local created = 0

function setup(thread)
  thread:set("offset", created)
  created = created + 1
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  step = tonumber(args[2])
  n = offset
end

function request()
  local path = paths[(n % #paths) + 1]
  n = n + step
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d, ' ..
    '"p50": %d, "p95": %d, "p99": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
