#!/usr/bin/env bash
# Every page at province scale (#19 §2): the API calls behind each role's
# home page (web/js/pages/home.js) and the first request of each officer's
# work page (lists, queues, policy, monitoring, network, supervision, audit),
# timed one request at a time — p50/p95 of REPEAT calls each — against
# `qjy serve` on a generated database, then a summary (calls not answered
# 200, calls with p95 over 1 s, the slowest, the server's peak memory); in
# the same run, the home page's counts recounted from the tables the way
# GET /api/stats did on every request before the region counters
# (`qjy stats check`: counters and recount, both timed, must agree).
# Usage: bench/page_bench.sh [path/to/qjy] [persons] [repeat]
#   QJY_BENCH_DB=path   reuse a database generated earlier (kept; default: a
#                       fresh one in a temporary folder, deleted at the end)
set -euo pipefail
QJY=$(realpath "${1:-build/qjy}")
PERSONS=${2:-100000}
REPEAT=${3:-20}
PORT=${QJY_BENCH_PORT:-18933}
cd "$(dirname "$0")/.."
TMP=$(mktemp -d)
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
DB=${QJY_BENCH_DB:-$TMP/bench.db}
BASE="http://127.0.0.1:$PORT"

if [ ! -e "$DB" ]; then
  echo "== generating $PERSONS persons into $DB"
  /usr/bin/time -f "gen: %e s, %M KiB" "$QJY" gen --db "$DB" --persons "$PERSONS" \
    --employers $((PERSONS / 20)) --jobs $((PERSONS / 50)) >/dev/null
fi
"$QJY" demo-accounts --db "$DB" >"$TMP/accounts.txt"
"$QJY" serve --db "$DB" --port "$PORT" --threads 2 --log-level warn >"$TMP/serve.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "$BASE/api/openapi.json" && break; sleep 0.2; done

login() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"Qjy-Demo-2023!\"}" "$BASE/api/login" |
    tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(qjy_session=[^;]*\).*/\1/p'
}

# time_call ROLE COOKIE PATH: REPEAT sequential calls, one line of p50/p95.
time_call() {
  local role=$1 cookie=$2 path=$3 code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$BASE$path")
  for _ in $(seq "$REPEAT"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "$BASE$path"
  done | sort -n | awk -v role="$role" -v path="$path" -v code="$code" '
    { t[NR] = $1 * 1000 }
    END { p50 = t[int((NR + 1) * 0.5)]; i95 = int(NR * 0.95 + 0.999); if (i95 > NR) i95 = NR;
          printf "%-15s %-40s %3s  p50 %8.1f ms  p95 %8.1f ms\n", role, path, code, p50, t[i95] }' |
    tee -a "$TMP/calls.txt"
}

region_of() {  # the officer's region, from GET /api/me
  curl -s -H "Cookie: $1" "$BASE/api/me" | sed -n 's/.*"region_code":"\([0-9]*\)".*/\1/p'
}

echo "== home-page calls per role, $REPEAT sequential requests each (server threads=2)"
for user in prov_officer pref_officer county_officer town_officer; do
  cookie=$(login "$user")
  [ -n "$cookie" ] || { echo "page_bench: login of $user failed"; cat "$TMP/serve.log"; exit 1; }
  region=$(region_of "$cookie")
  REGIONS="${REGIONS:-} $region"
  time_call "$user" "$cookie" "/api/me"
  time_call "$user" "$cookie" "/api/regions/$region"
  time_call "$user" "$cookie" "/api/stats?region=$region"
done
cookie=$(login employer1)
credit=$(curl -s -H "Cookie: $cookie" "$BASE/api/me" | sed -n 's/.*"credit_code":"\([^"]*\)".*/\1/p')
time_call employer1 "$cookie" "/api/me"
time_call employer1 "$cookie" "/api/employers?limit=1"
time_call employer1 "$cookie" "/api/jobs?employer=$credit&limit=50"
time_call employer1 "$cookie" "/api/applications"
cookie=$(login seeker1)
time_call seeker1 "$cookie" "/api/me"
time_call seeker1 "$cookie" "/api/me/case"
time_call seeker1 "$cookie" "/api/applications"


# The officers' work pages (the menu of web/js/layout.js), each page's first
# request as the page sends it (web/js/pages/*.js, web/js/*.js: first page
# of a list, the page's default filters, the as-of date of the generated
# province).
ASOF=${QJY_BENCH_AS_OF:-2025-06-30}
# The monitoring snapshot (server/monitor_cache.h) is read once in the
# background after a restart; the dashboard asks again while it answers
# "preparing". Its first read is timed here, not in the calls below.
cookie=$(login prov_officer)
t0=$(date +%s.%N)
for _ in $(seq 600); do
  curl -s -H "Cookie: $cookie" "$BASE/api/monitor/indicators" | grep -q '"preparing":true' || break
  sleep 1
done
echo "== monitoring snapshot ready $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-6) s after the first request"
echo "== work pages per officer, $REPEAT sequential requests each"
for user in prov_officer pref_officer county_officer town_officer; do
  cookie=$(login "$user")
  region=$(region_of "$cookie")
  by=county; [ "${#region}" -gt 4 ] && by=township
  for path in \
    "/api/persons?region=$region&limit=20" \
    "/api/persons?region=$region&name=%E5%BC%A0&limit=20" \
    "/api/employers?limit=20" \
    "/api/jobs?limit=20" \
    "/api/services/queue?region=$region&as_of=$ASOF&officer=" \
    "/api/services/compliance?region=$region&as_of=$ASOF&by=$by" \
    "/api/services/classify?region=$region&as_of=$ASOF" \
    "/api/services/online-registrations" \
    "/api/policy/entitlements?status=proposed&rule=&region=$region" \
    "/api/policy/batches" \
    "/api/monitor/indicators?region=$region" \
    "/api/monitor/warnings?region=$region" \
    "/api/network/sites?region=$region" \
    "/api/network/coverage?region=$region" \
    "/api/benefits/claims" \
    "/api/loans?region=$region&status=" \
    "/api/training/courses?region=$region" \
    "/api/ads?status=pending" \
    "/api/gig/markets"; do
    time_call "$user" "$cookie" "$path"
  done
done
cookie=$(login pref_supervisor)
for path in "/api/supervision/report" "/api/supervision/holds?status=&check=" "/api/supervision/budgets" \
    "/api/supervision/officers"; do
  time_call pref_supervisor "$cookie" "$path"
done
cookie=$(login auditor1)
for path in "/api/audit?limit=50" "/api/persons?limit=20"; do
  time_call auditor1 "$cookie" "$path"
done

echo "== all calls: $(wc -l <"$TMP/calls.txt"), not 200: $(awk '$3 != 200' "$TMP/calls.txt" | wc -l), p95 over 1 s: $(awk '$(NF-1) > 1000' "$TMP/calls.txt" | wc -l)"
echo "== slowest p95: $(sort -k8,8 -g "$TMP/calls.txt" | tail -1 | tr -s ' ')"
echo "== server peak memory: $(grep VmHWM /proc/$PID/status 2>/dev/null | tr -s ' ')"
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
echo "== baseline: the same counts recounted per request (before) vs the counters (now)"
for region in $REGIONS; do
  "$QJY" stats check --db "$DB" --region "$region" --repeat 5
done
