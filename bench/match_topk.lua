-- wrk script: GET /api/match/persons/{id}/jobs?k=10 for a random person
-- id in [1, QJY_BENCH_PERSONS] (bench/match_http_bench.sh).
local n = tonumber(os.getenv("QJY_BENCH_PERSONS") or "1000000")
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
request = function()
  return wrk.format("GET", "/api/match/persons/" .. math.random(1, n) .. "/jobs?k=10")
end
