#!/usr/bin/env bash
# Every page at province scale (#19 §2): the API calls behind each role's
# home page (web/js/pages/home.js), timed one request at a time — p50/p95 of
# REPEAT calls each — against `qjy serve` on a generated database, and, in
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
          printf "%-15s %-40s %3s  p50 %8.1f ms  p95 %8.1f ms\n", role, path, code, p50, t[i95] }'
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

kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
echo "== baseline: the same counts recounted per request (before) vs the counters (now)"
for region in $REGIONS; do
  "$QJY" stats check --db "$DB" --region "$region" --repeat 5
done
