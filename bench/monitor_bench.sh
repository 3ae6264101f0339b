#!/usr/bin/env bash
# The monitoring dashboard at province scale (issue #12 §3): GET
# /api/monitor/indicators (the indicators, the month-end rates and the
# children regions in one answer) timed one request at a time — the first
# request, then p50/p95 of REPEAT calls — for a province and a county
# officer, against two builds in the same run on the same generated
# database: BEFORE (e.g. main's, reading the facts on every request) and
# AFTER (this branch's, one kept snapshot, src/server/monitor_cache.h).
# The servers run one after the other, never together.
# Usage: bench/monitor_bench.sh AFTER_QJY BEFORE_QJY [persons] [repeat]
#   QJY_BENCH_DB=path   reuse a database generated earlier (kept; default: a
#                       fresh one in a temporary folder, deleted at the end)
set -euo pipefail
AFTER=$(realpath "$1")
BEFORE=$(realpath "$2")
PERSONS=${3:-200000}
REPEAT=${4:-20}
PORT=${QJY_BENCH_PORT:-18937}
cd "$(dirname "$0")/.."
TMP=$(mktemp -d)
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
DB=${QJY_BENCH_DB:-$TMP/bench.db}
BASE="http://127.0.0.1:$PORT"

if [ ! -e "$DB" ]; then
  echo "== generating $PERSONS persons into $DB (and 2023–2025 registrations: services gen-history)"
  /usr/bin/time -f "gen: %e s, %M KiB" "$AFTER" gen --db "$DB" --persons "$PERSONS" \
    --employers $((PERSONS / 20)) --jobs $((PERSONS / 50)) >/dev/null
  /usr/bin/time -f "gen-history: %e s, %M KiB" "$AFTER" services gen-history --db "$DB" --seed 7 \
    --to 2025-12-31 >/dev/null
fi
"$AFTER" demo-accounts --db "$DB" >"$TMP/accounts.txt"
for t in contracts unemployment_registrations separations person_groups contributions; do
  printf '%s %s; ' "$t" "$(sqlite3 "$DB" "SELECT count(*) FROM $t" 2>/dev/null || echo '?')"
done
echo

login() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Qjy-Demo-2023!\"}" "$BASE/api/login" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(qjy_session=[^;]*\).*/\1/p'
}

# first_call COOKIE PATH: ms until the first full answer (a "preparing"
# answer is asked again, as the page does, and counted in).
first_call() {
  local start end
  start=$(date +%s%N)
  while curl -s -H "Cookie: $1" "$BASE$2" | grep -q '"preparing":true'; do sleep 0.2; done
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

time_call() {
  local label=$1 cookie=$2 path=$3
  for _ in $(seq "$REPEAT"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$BASE$path"
  done | sort -n | awk -v label="$label" -v path="$path" '
    { t[NR] = $1 * 1000 }
    END { p50 = t[int((NR + 1) * 0.5)]; i95 = int(NR * 0.95 + 0.999); if (i95 > NR) i95 = NR;
          printf "%-28s %-46s p50 %8.1f ms  p95 %8.1f ms\n", label, path, p50, t[i95] }'
}

for build in before after; do
  bin=$BEFORE
  [ "$build" = after ] && bin=$AFTER
  echo "== $build: $bin   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  "$bin" serve --db "$DB" --port "$PORT" --threads 2 --log-level warn >"$TMP/serve-$build.log" 2>&1 &
  PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "$BASE/api/openapi.json" && break; sleep 0.2; done
  prov=$(login prov_officer)
  county=$(login county_officer)
  [ -n "$prov" ] && [ -n "$county" ] || { echo "monitor_bench: login failed"; cat "$TMP/serve-$build.log"; exit 1; }
  path="/api/monitor/indicators?year=2025&month=6"
  echo "$build first request (prov): $(first_call "$prov" "$path") ms"
  time_call "$build prov_officer" "$prov" "$path"
  time_call "$build prov_officer" "$prov" "/api/monitor/indicators?region=5201&year=2025&month=6"
  time_call "$build county_officer" "$county" "$path"
  echo "$build peak RSS: $(grep VmHWM /proc/$PID/status | tr -s ' ')"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  echo "   (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
done
