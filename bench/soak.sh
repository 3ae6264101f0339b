#!/usr/bin/env bash
# Soak under a mixed load (issue #13 §8), on this machine only (127.0.0.1).
# Not part of `make test`.
#
#   nice -n 10 bench/soak.sh [path/to/qjy]          # 10 minutes (+ 30 s to find the maximum)
#   SHORT_SOAK=1 nice -n 10 bench/soak.sh build/qjy  # 1 minute, for development
#
# 1. A copy of the demo province (scripts/demo.sh, kept in $SOAK_DB_DIR and
#    reused) is served by `qjy serve` as in scripts/run.sh.
# 2. A county officer logs in (curl); bench/soak_mixed.lua sends that
#    officer's mixed day (person and job lists, one person, the services
#    queue, gig posts and availability, match top-10, /api/me; writes:
#    service records and gig availability; 0.5 % fresh logins).
# 3. The maximum: wrk with SOAK_CONNS connections, no pacing, SOAK_MAX_SECS.
# 4. A warm-up: the same mix at the soak rate for SOAK_WARM_SECS (60; 0 to
#    skip), not sampled: the first minute's RSS floor is a server whose
#    page cache, match index and allocator arenas are still filling (in the
#    run of 2026-12-03 23:13 the floor of minute 1 was 75 MB, of minutes
#    2-10 78-97 MB with no trend; added after that run).
# 5. The soak: the same mix held at SOAK_LOAD_PCT % (80) of that maximum for
#    SOAK_SECS (600; SHORT_SOAK=1: 60), the server's VmRSS read from
#    /proc/PID/status every SOAK_SAMPLE_SECS (2) s; growth = the smallest
#    RSS of the last minute against that of the first (single samples jump
#    by 64+ MB: each login's Argon2id memory).
# 6. Reports requests by status class (0 5xx wanted), p50/p90/p99, RSS at
#    the floors of the first and last minute and its growth (under 10 %
#    wanted), and
#    writes them to $SOAK_OUT (default var/soak/soak-<UTC time>.txt). Exit 1
#    when a 5xx was seen, the RSS grew 10 % or more, or the server died.
#
# Other knobs: SOAK_CONFIG (a `qjy serve --config` file, e.g. to set
# sqlite_cache_mb), SOAK_THREADS (wrk threads, 2), SOAK_SERVER_THREADS (2),
# QJY_BENCH_PORT (18941), SOAK_DB_DIR (var/soak).
set -euo pipefail
QJY=$(realpath "${1:-build/qjy}")
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "soak: wrk is not installed (scripts/deps.sh)"; exit 1; }
command -v sqlite3 >/dev/null || { echo "soak: sqlite3 is not installed"; exit 1; }

SOAK_SECS=${SOAK_SECS:-600}
# RSS every SAMPLE_SECS: each login holds Argon2id's 64 MiB for a moment
# (0.5 % of the mix, a few per second), so single samples jump by 64 MB; a
# minute's floor needs many samples to fall between two logins.
SAMPLE_SECS=${SOAK_SAMPLE_SECS:-2}
[ "${SHORT_SOAK:-0}" = 1 ] && SOAK_SECS=60
MAX_SECS=${SOAK_MAX_SECS:-30}
WARM_SECS=${SOAK_WARM_SECS:-60}
CONNS=${SOAK_CONNS:-16}
THREADS=${SOAK_THREADS:-2}
SERVER_THREADS=${SOAK_SERVER_THREADS:-2}
LOAD_PCT=${SOAK_LOAD_PCT:-80}
PORT=${QJY_BENCH_PORT:-18941}
DB_DIR=${SOAK_DB_DIR:-var/soak}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${SOAK_OUT:-$DB_DIR/soak-$STAMP.txt}
source scripts/demo.env

mkdir -p "$DB_DIR"
scripts/demo.sh "$QJY" "$DB_DIR/demo.db" >/dev/null
TMP=$(mktemp -d)
cleanup() {
  [ -n "${SAMPLER:-}" ] && kill "$SAMPLER" 2>/dev/null || true
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  # The server's own log (and allocator statistics when MALLOC_CONF asks
  # for them) beside the report.
  [ -n "${OUT:-}" ] && [ -s "$TMP/serve.log" ] && cp "$TMP/serve.log" "${OUT%.txt}.serve.log"
  rm -rf "$TMP"
}
trap cleanup EXIT
# Every run starts from the same demo state: the soak writes into a copy.
for f in "$DB_DIR"/demo.db*; do cp "$f" "$TMP/$(basename "$f")"; done
DB=$TMP/demo.db

export QJY_MATCH_DATE=${QJY_MATCH_DATE:-$DEMO_AS_OF} QJY_MATCH_ALL_PERSONS=${QJY_MATCH_ALL_PERSONS:-1}
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "soak: port $PORT already answers (a server left over?); set QJY_BENCH_PORT"; exit 1
fi
"$QJY" serve --db "$DB" --port "$PORT" --threads "$SERVER_THREADS" --log-level warn \
  ${SOAK_CONFIG:+--config "$SOAK_CONFIG"} >"$TMP/serve.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/api/openapi.json" && break; sleep 0.2; done

PASSWORD='Qjy-Demo-2023!'  # the published demo password (server/demo_accounts.h)
USER_NAME=county_officer
curl -s -D "$TMP/login.h" -o "$TMP/login.json" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USER_NAME\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/login"
COOKIE=$(tr -d '\r' <"$TMP/login.h" | sed -n 's/^[Ss]et-[Cc]ookie: \(qjy_session=[^;]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "soak: login failed"; cat "$TMP/login.json" "$TMP/serve.log"; exit 1; }
read -r CSRF COUNTY < <(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["csrf_token"], j["user"].get("region_code") or j["user"].get("region"))' "$TMP/login.json")
PERSONS=$(sqlite3 "$DB" "SELECT group_concat(person_id) FROM (SELECT person_id FROM persons WHERE county_code = '$COUNTY' ORDER BY person_id LIMIT 400)")
REGISTERED=$(sqlite3 "$DB" "SELECT group_concat(person_id) FROM (SELECT person_id FROM unemployment_registrations WHERE county_code = '$COUNTY' AND status = 'open' LIMIT 400)")
[ -n "$PERSONS" ] && [ -n "$REGISTERED" ] || { echo "soak: no persons or registrations in county $COUNTY"; exit 1; }
TODAY=$(TZ=Asia/Shanghai date +%F)
GIG_DAY0=$(TZ=Asia/Shanghai date -d tomorrow +%F)
export QJY_COOKIE=$COOKIE QJY_CSRF=$CSRF QJY_COUNTY=$COUNTY QJY_PERSONS=$PERSONS QJY_REGISTERED=$REGISTERED \
  QJY_USER=$USER_NAME QJY_PASSWORD=$PASSWORD QJY_TODAY=$TODAY QJY_GIG_DAY0=$GIG_DAY0 QJY_SOAK_THREADS=$THREADS
test "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/me")" = 200

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$2" | tail -1; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$PID/status" 2>/dev/null || echo 0; }
# The parts of RSS: anonymous (heap, stacks), file-backed, shared memory (the WAL index).
rss_parts() {
  awk '/^RssAnon:/ {a=$2} /^RssFile:/ {f=$2} /^RssShmem:/ {s=$2} END {printf "%s,%s,%s", a+0, f+0, s+0}' \
    "/proc/$PID/status" 2>/dev/null || echo 0,0,0
}

{
  echo "# soak $STAMP: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), qjy $QJY"
  echo "# county $COUNTY, wrk -t$THREADS -c$CONNS, server --threads $SERVER_THREADS"
} | tee "$OUT"

echo "== 1. maximum: ${MAX_SECS}s unpaced" | tee -a "$OUT"
QJY_SOAK_RATE=0 wrk -t"$THREADS" -c"$CONNS" -d"${MAX_SECS}s" --timeout 10s -s bench/soak_mixed.lua \
  "http://127.0.0.1:$PORT" >"$TMP/max.txt"
grep '^SOAK' "$TMP/max.txt" | tee -a "$OUT"
MAX_RPS=$(field rps "$TMP/max.txt")
RATE=$(python3 -c "print(int(float('$MAX_RPS') * $LOAD_PCT / 100))")

if [ "$WARM_SECS" -gt 0 ]; then
  echo "== warm-up: ${WARM_SECS}s at $RATE req/s (not sampled)" | tee -a "$OUT"
  QJY_SOAK_RATE=$RATE wrk -t"$THREADS" -c"$CONNS" -d"${WARM_SECS}s" --timeout 10s -s bench/soak_mixed.lua \
    "http://127.0.0.1:$PORT" >"$TMP/warm.txt"
  grep '^SOAK' "$TMP/warm.txt" | tee -a "$OUT"
fi
echo "== 2. soak: ${SOAK_SECS}s at $RATE req/s ($LOAD_PCT % of $MAX_RPS)" | tee -a "$OUT"
echo "seconds,rss_kb,anon_kb,file_kb,shmem_kb" >"$TMP/rss.csv"
(
  t=0
  while kill -0 "$PID" 2>/dev/null; do
    echo "$t,$(rss_kb),$(rss_parts)" >>"$TMP/rss.csv"
    sleep "$SAMPLE_SECS"
    t=$((t + SAMPLE_SECS))
  done
) &
SAMPLER=$!
QJY_SOAK_RATE=$RATE wrk -t"$THREADS" -c"$CONNS" -d"${SOAK_SECS}s" --timeout 10s -s bench/soak_mixed.lua \
  "http://127.0.0.1:$PORT" >"$TMP/soak.txt"
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
SAMPLER=
grep '^SOAK' "$TMP/soak.txt" | tee -a "$OUT"

ALIVE=yes
kill -0 "$PID" 2>/dev/null || ALIVE=no
AFTER=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/me" || true)
S5=$(field s5xx "$TMP/soak.txt")
S5MAX=$(field s5xx "$TMP/max.txt")
read -r RSS0 RSS1 RSSMAX GROWTH NSAMP < <(SAMPLE_SECS=$SAMPLE_SECS python3 - "$TMP/rss.csv" <<'EOF'
import csv, os, sys
rows = [int(r["rss_kb"]) for r in csv.DictReader(open(sys.argv[1])) if int(r["rss_kb"]) > 0]
# Single samples jump by 64+ MB (a login's Argon2id memory, large responses),
# so growth compares floors: the smallest RSS of the first and of the last
# minute (60 / SAMPLE_SECS samples; a third of them in a short run).
w = max(1, min(60 // int(os.environ["SAMPLE_SECS"]), len(rows) // 3))
first, last = min(rows[:w]), min(rows[-w:])
print(first, last, max(rows), f"{(last - first) * 100.0 / first:.1f}", len(rows))
EOF
)
{
  echo "RSS samples (every $SAMPLE_SECS s): $(tail -n +2 "$TMP/rss.csv" | cut -d, -f2 | tr '\n' ' ')"
  echo "anon,file,shmem samples (kB): $(tail -n +2 "$TMP/rss.csv" | cut -d, -f3-5 | tr '\n' ' ')"
  echo "RESULT max_rps=$MAX_RPS soak_rate=$RATE soak_rps=$(field rps "$TMP/soak.txt") secs=$SOAK_SECS" \
    "s5xx=$S5 (max phase $S5MAX) s4xx=$(field s4xx "$TMP/soak.txt") p50_ms=$(field p50_ms "$TMP/soak.txt")" \
    "p99_ms=$(field p99_ms "$TMP/soak.txt") rss_floor_first_kb=$RSS0 rss_floor_last_kb=$RSS1 rss_max_kb=$RSSMAX" \
    "rss_growth_pct=$GROWTH samples=$NSAMP server_alive=$ALIVE after=$AFTER"
} | tee -a "$OUT"
if grep -qi 'error\|fatal' "$TMP/serve.log"; then
  echo "server log (errors):" | tee -a "$OUT"
  grep -i 'error\|fatal' "$TMP/serve.log" | sort | uniq -c | sort -rn | head -10 | tee -a "$OUT"
fi
echo "written to $OUT"
FAIL=0
[ "$S5" = 0 ] && [ "$S5MAX" = 0 ] || { echo "soak: FAIL: 5xx responses"; FAIL=1; }
python3 -c "import sys; sys.exit(0 if float('$GROWTH') < 10 else 1)" || { echo "soak: FAIL: RSS grew $GROWTH %"; FAIL=1; }
[ "$ALIVE" = yes ] && [ "$AFTER" = 200 ] || { echo "soak: FAIL: server not answering after the soak"; FAIL=1; }
exit $FAIL
