#!/usr/bin/env bash
# Top-10 job recommendations for one seeker over the API (issue #6, point 8):
# a generated province (default 1,000,000 persons — all seekers — and
# 200,000 jobs open on the generation date), a province officer's session,
# wrk -t2 -c32 with bench/match_topk.lua (a random person per request).
# Baseline in the same run: GET /api/me with the same session (the cost of
# the HTTP, session and routing path alone). Target: p99 <= 10 ms.
# Usage: bench/match_http_bench.sh [path/to/qjy] [seconds] [persons] [jobs]
set -euo pipefail
QJY=${1:-build/qjy}
SECS=${2:-10}
PERSONS=${3:-1000000}
JOBS=${4:-200000}
PORT=${QJY_BENCH_PORT:-18937}
THREADS=${QJY_BENCH_THREADS:-2}
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "match_http_bench: wrk is not installed (scripts/deps.sh)"; exit 1; }
TMP=${QJY_BENCH_DIR:-$(mktemp -d)}
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; [ -z "${QJY_BENCH_DIR:-}" ] && rm -rf "$TMP"; true; }
trap cleanup EXIT

if [ ! -f "$TMP/bench.db" ]; then
  "$QJY" gen --db "$TMP/bench.db" --persons "$PERSONS" --employers $((JOBS / 40 + 1)) --jobs "$JOBS" --seed 11 >/dev/null
  "$QJY" demo-accounts --db "$TMP/bench.db" >/dev/null
fi
AS_OF=2025-06-30  # the generator's default date: its jobs are open then
QJY_MATCH_DATE=$AS_OF QJY_MATCH_ALL_PERSONS=1 \
  "$QJY" serve --db "$TMP/bench.db" --port "$PORT" --threads "$THREADS" --log-level info >"$TMP/serve.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/openapi.json" && break; sleep 0.2; done
COOKIE=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"prov_officer","password":"Qjy-Demo-2023!"}' "http://127.0.0.1:$PORT/api/login" |
  tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(qjy_session=[^;]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "match_http_bench: login failed"; cat "$TMP/serve.log"; exit 1; }
START=$(date +%s.%N)
test "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/match/persons/1/jobs")" = 200
echo "index loaded on first use in $(echo "$(date +%s.%N) - $START" | bc) s: $(grep -o 'match index:.*' "$TMP/serve.log")"

echo "== baseline: GET /api/me, wrk -t2 -c32 -d${SECS}s"
wrk -t2 -c32 -d"${SECS}s" --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/me" | tee "$TMP/base.txt"
echo "== top-10 for a random seeker: GET /api/match/persons/{id}/jobs, wrk -t2 -c32 -d${SECS}s"
QJY_BENCH_PERSONS=$PERSONS wrk -t2 -c32 -d"${SECS}s" --latency -s bench/match_topk.lua -H "Cookie: $COOKIE" \
  "http://127.0.0.1:$PORT" | tee "$TMP/match.txt"
p99() { awk '/ 99%/ {print $2}' "$1"; }
echo "p99: match $(p99 "$TMP/match.txt") (target <= 10 ms), baseline /api/me $(p99 "$TMP/base.txt")"
grep -q "Non-2xx" "$TMP/match.txt" && { echo "match_http_bench: non-2xx answers"; exit 1; } || true
