#!/usr/bin/env bash
# The policy sweep as shards are added (issue #19 §2): one generated province
# (PERSONS persons, seed 2023) on one PostgreSQL server, then partitioned
# across 1, 2 and 3 shard servers through postgres_fdw (`qjy db shard`,
# store/pg_shards.h), every server a throwaway one on this machine
# (scripts/with-postgres-shards.sh with QJY_SHARD_SERVERS=3).
#   bench/shards_bench.sh build/qjy [PERSONS=100000] [RUNS=3]
# Per layout it runs `qjy policy sweep --json` RUNS times and reports the
# medians of the registry read (load_seconds: every person, contract,
# contribution ... read through the coordinator), the rules (eval_seconds)
# and the whole command (total_seconds; later runs find the review list
# already written, so they propose nothing new).
set -euo pipefail
if [ "${1:-}" != --inside ]; then
  cd "$(dirname "$0")/.."
  QJY=$(realpath "${1:-build/qjy}")
  QJY_SHARD_SERVERS=3 exec scripts/with-postgres-shards.sh "$0" --inside "$QJY" "${2:-100000}" "${3:-3}"
fi
QJY=$2; PERSONS=$3; RUNS=$4; DATE=2025-06-30
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qjy-shards-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export QJY_KEY_FILE="$WORK/qjy.key"
IFS=, read -r -a SERVERS <<<"$QJY_TEST_PG_SHARDS"
q() { psql -X -qAt -v ON_ERROR_STOP=1 "$1" -c "$2"; }
COORD=${QJY_TEST_PG_URL%/*}
echo "persons $PERSONS, employers $((PERSONS / 20)), jobs $((PERSONS / 50)); $RUNS runs per layout; $(nproc) cores" >&2
printf 'layout\tpersons_per_shard\tload_s\teval_s\ttotal_s\tentitlements\n' | tee "$WORK/results.tsv"
for k in 0 1 2 3; do
  db="$COORD/bench_$k"
  q "$QJY_TEST_PG_URL" "CREATE DATABASE bench_$k"
  layout="one server (unsharded)"
  if [ "$k" -gt 0 ]; then
    urls=()
    for i in $(seq 0 $((k - 1))); do
      q "${SERVERS[$i]}" "CREATE DATABASE bench_$k"
      urls+=("${SERVERS[$i]%/*}/bench_$k")
    done
    "$QJY" db shard --db "$db" --shards "$(IFS=,; echo "${urls[*]}")" >/dev/null
    layout="$k shard(s)"
  fi
  "$QJY" gen --db "$db" --persons "$PERSONS" --employers $((PERSONS / 20)) --jobs $((PERSONS / 50)) \
    --seed 2023 --as-of "$DATE" --quiet >/dev/null
  "$QJY" policy gen-facts --db "$db" --seed 2023 >/dev/null
  per_shard="-"
  if [ "$k" -gt 0 ]; then
    per_shard=""
    for u in "${urls[@]}"; do per_shard="$per_shard${per_shard:+/}$(q "$u" "SELECT COUNT(*) FROM persons")"; done
  fi
  for r in $(seq 1 "$RUNS"); do
    "$QJY" policy sweep --db "$db" --date "$DATE" --json >"$WORK/k$k-r$r.json"
  done
  python3 - "$WORK" "$k" "$RUNS" "$layout" "$per_shard" <<'PY' | tee -a "$WORK/results.tsv"
import json, statistics, sys
work, k, runs, layout, per_shard = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
rs = [json.load(open(f"{work}/k{k}-r{r}.json")) for r in range(1, runs + 1)]
med = lambda key: statistics.median(x[key] for x in rs)
print(f"{layout}\t{per_shard}\t{med('load_seconds'):.2f}\t{med('eval_seconds'):.2f}\t"
      f"{med('total_seconds'):.2f}\t{rs[0]['entitlements']}")
PY
done
