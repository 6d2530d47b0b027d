-- wrk script of the page benchmark (bench/pages/run.py): every connection walks the
-- URLs of PATHS_FILE (one path a line) from its thread's own offset, with the
-- visitor's cookies (COOKIE: the Cookie header, empty for a first visit) and the
-- headers of the production TLS proxy. Each status that is not 200 is counted; done()
-- prints one JSON line with the counts and the latency percentiles (microseconds).

local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  paths[#paths + 1] = line
end
local cookie = os.getenv("COOKIE") or ""
local headers = { ["Host"] = "127.0.0.1", ["X-Forwarded-Proto"] = "https" }
if cookie ~= "" then
  headers["Cookie"] = cookie
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local index = 0
failures = 0
failed_status = 0

function init(args)
  index = (id * 7919) % #paths -- each thread starts elsewhere in the walk
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index], headers)
end

function response(status, response_headers, body)
  if status ~= 200 then
    failures = failures + 1
    failed_status = status
  end
end

function done(summary, latency, requests)
  local failed, status = 0, 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    if thread:get("failed_status") ~= 0 then
      status = thread:get("failed_status")
    end
  end
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "microseconds": %d, "not_200": %d, "a_status": %d, '
      .. '"socket_errors": %d, "p50_us": %d, "p95_us": %d}\n',
    summary.requests, summary.duration, failed, status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95)
  ))
end
