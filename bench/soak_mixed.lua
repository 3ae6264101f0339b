-- wrk script for bench/soak.sh: a county officer's mixed day on the demo
-- province, reads and writes, with an optional fixed request rate.
--
-- Environment (set by bench/soak.sh):
--   QJY_COOKIE      "qjy_session=…" of a logged-in county officer
--   QJY_CSRF        its CSRF token (header X-CSRF-Token on writes)
--   QJY_COUNTY      the officer's county code
--   QJY_PERSONS     comma-separated person ids of the county
--   QJY_REGISTERED  comma-separated person ids with an unemployment registration
--   QJY_USER / QJY_PASSWORD  the login sent by the login share of the mix
--   QJY_TODAY       YYYY-MM-DD (service dates) ; QJY_GIG_DAY0 the first gig day
--   QJY_SOAK_RATE   total requests/s to hold (0 or unset: as fast as possible)
--
-- Mix (weights out of 100): 25 person lists, 15 one person, 12 job lists,
-- 8 officer's queue, 10 /api/me, 5 gig posts, 5 gig availability list,
-- 8 service records (POST), 6 gig availability (POST), 6 match top-10,
-- 0.5 logins (POST /api/login, each a new session).
--
-- The rate: wrk 4.1 (Debian) has no -R. Each thread owns rate/threads of
-- it and hands out send slots 1/(rate/threads) s apart; delay() makes a
-- connection wait until its slot (clock_gettime through LuaJIT's ffi). A
-- connection whose slot has passed sends at once, so a server that falls
-- behind sees the backlog as soon as it recovers (wrk's latency is measured
-- from the send, so queueing before a late slot is not in the percentiles:
-- at 80 % of the maximum the slots are rarely late; the script prints how
-- many were).
--
-- Counts per status class are kept per thread (response()) and summed in
-- done(), which prints one "SOAK …" line for bench/soak.sh.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } qjy_timespec;
  int clock_gettime(int clk_id, qjy_timespec* tp);
]]
local ts = ffi.new("qjy_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local function split(s)
  local out = {}
  for x in string.gmatch(s or "", "[^,]+") do out[#out + 1] = x end
  return out
end

local cookie = os.getenv("QJY_COOKIE") or ""
local csrf = os.getenv("QJY_CSRF") or ""
local county = os.getenv("QJY_COUNTY") or "52"
local persons = split(os.getenv("QJY_PERSONS"))
local registered = split(os.getenv("QJY_REGISTERED"))
local user = os.getenv("QJY_USER") or "county_officer"
local password = os.getenv("QJY_PASSWORD") or ""
local today = os.getenv("QJY_TODAY") or "2025-06-30"
local gig_day0 = os.getenv("QJY_GIG_DAY0") or today
local rate = tonumber(os.getenv("QJY_SOAK_RATE") or "0") or 0
-- (job_recommendation needs a job_id: left out)
local kinds = {"policy_briefing", "career_guidance", "training_offer", "internship_offer"}

-- Per-thread objects, for done().
local threads = {}
local nthreads = 0
function setup(thread)
  nthreads = nthreads + 1
  thread:set("id", nthreads)
  threads[#threads + 1] = thread
end

function init(args)
  c2, c3, c4, c5, cother, late = 0, 0, 0, 0, 0, 0
  writes, logins = 0, 0
  math.randomseed(os.time() * 100 + (id or 0))
  local per_thread = rate / (tonumber(os.getenv("QJY_SOAK_THREADS") or "2"))
  interval = per_thread > 0 and 1000.0 / per_thread or 0
  next_slot = now_ms()
end

function delay()
  if interval == 0 then return 0 end
  local t = now_ms()
  local slot = next_slot
  next_slot = next_slot + interval
  if slot <= t then
    if t - slot > 1000 then
      late = late + 1
      next_slot = t + interval  -- more than 1 s behind: do not burst to catch up
    end
    return 0
  end
  return math.floor(slot - t)
end

local function pick(list)
  if #list == 0 then return "1" end
  return list[math.random(1, #list)]
end

local function gig_day()
  -- gig_day0 plus 0..27 days, as YYYY-MM-DD (from a UTC date).
  local y, m, d = string.match(gig_day0, "(%d+)-(%d+)-(%d+)")
  local t = os.time({year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12})
  return os.date("!%Y-%m-%d", t + math.random(0, 27) * 86400)
end

local read_headers = {["Cookie"] = cookie}
local write_headers = {["Cookie"] = cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json"}

function request()
  local r = math.random() * 100
  if r < 25 then
    -- The list's cursor is "<county>:<person id>" (next_after of a page).
    return wrk.format("GET", "/api/persons?limit=20&after=" .. county .. ":" .. math.random(0, 40000), read_headers)
  elseif r < 40 then
    return wrk.format("GET", "/api/persons/" .. pick(persons), read_headers)
  elseif r < 52 then
    return wrk.format("GET", "/api/jobs?limit=20&region=" .. county .. "&after=" .. math.random(0, 6000), read_headers)
  elseif r < 60 then
    return wrk.format("GET", "/api/services/queue?region=" .. county, read_headers)
  elseif r < 70 then
    return wrk.format("GET", "/api/me", read_headers)
  elseif r < 75 then
    return wrk.format("GET", "/api/gig/posts?region=" .. county, read_headers)
  elseif r < 80 then
    return wrk.format("GET", "/api/gig/availability?region=" .. county, read_headers)
  elseif r < 88 then
    writes = writes + 1
    local body = string.format('{"person_id":%s,"kind":"%s","on":"%s","outcome":"soak"}',
                               pick(registered), kinds[math.random(1, #kinds)], today)
    return wrk.format("POST", "/api/services/records", write_headers, body)
  elseif r < 94 then
    writes = writes + 1
    local body = string.format(
        '{"person_id":%s,"work_date":"%s","start":"08:00","end":"17:00","area_region":"%s","min_day_pay_fen":15000}',
        pick(persons), gig_day(), county)
    return wrk.format("POST", "/api/gig/availability", write_headers, body)
  elseif r < 99.5 then
    return wrk.format("GET", "/api/match/persons/" .. pick(persons) .. "/jobs?k=10", read_headers)
  else
    logins = logins + 1
    local body = string.format('{"username":"%s","password":"%s"}', user, password)
    return wrk.format("POST", "/api/login", {["Content-Type"] = "application/json"}, body)
  end
end

function response(status, headers, body)
  if status >= 200 and status < 300 then c2 = c2 + 1
  elseif status < 400 then c3 = c3 + 1
  elseif status < 500 then c4 = c4 + 1
  elseif status < 600 then c5 = c5 + 1
  else cother = cother + 1 end
end

function done(summary, latency, requests)
  local t = {c2 = 0, c3 = 0, c4 = 0, c5 = 0, cother = 0, late = 0, writes = 0, logins = 0}
  for _, th in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (th:get(k) or 0) end
  end
  local secs = summary.duration / 1e6
  io.write(string.format(
      "SOAK requests=%d rps=%.1f s2xx=%d s3xx=%d s4xx=%d s5xx=%d other=%d socket_errors=%d timeouts=%d " ..
      "writes=%d logins=%d late_slots=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
      summary.requests, summary.requests / secs, t.c2, t.c3, t.c4, t.c5, t.cother,
      summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout,
      t.writes, t.logins, t.late,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000))
end
