#!/usr/bin/env bash
# HTTP load figures for `qjy serve` (issue #3, item 6), on this machine only
# (127.0.0.1), bounded in time:
#   1. throughput of an authenticated JSON GET (GET /api/me) with wrk;
#   2. latency of one separate client while 1000 idle / slow keep-alive
#      connections are held open (bench/http_slow_clients.py).
# Usage: bench/http_bench.sh [path/to/qjy] [seconds]
set -euo pipefail
QJY=${1:-build/qjy}
SECS=${2:-10}
PORT=${QJY_BENCH_PORT:-18931}
THREADS=${QJY_BENCH_THREADS:-2}
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "http_bench: wrk is not installed (scripts/deps.sh)"; exit 1; }
TMP=$(mktemp -d)
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

"$QJY" demo-accounts --db "$TMP/bench.db" >/dev/null
"$QJY" serve --db "$TMP/bench.db" --port "$PORT" --threads "$THREADS" --log-level warn \
  >"$TMP/serve.log" 2>&1 &
PID=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/openapi.json" && break; sleep 0.1; done

COOKIE=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"auditor1","password":"Qjy-Demo-2023!"}' "http://127.0.0.1:$PORT/api/login" |
  tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(qjy_session=[^;]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "http_bench: login failed"; cat "$TMP/serve.log"; exit 1; }
test "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/me")" = 200

echo "== 1. GET /api/me (authenticated), server threads=$THREADS, wrk -t2 -c100 -d${SECS}s"
wrk -t2 -c100 -d"${SECS}s" --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/me" | tee "$TMP/wrk.txt"
RPS=$(awk '/Requests\/sec/ {print int($2)}' "$TMP/wrk.txt")
NON2XX=$(awk '/Non-2xx/ {print $NF}' "$TMP/wrk.txt")
echo "requests/s: $RPS (target ≥ 20000) ${NON2XX:+non-2xx: $NON2XX}"

echo "== 2. 1000 idle/slow keep-alive connections + one measured client"
python3 bench/http_slow_clients.py --port "$PORT" --cookie "$COOKIE" --idle 1000 --requests 300
