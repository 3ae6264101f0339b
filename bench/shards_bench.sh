#!/usr/bin/env bash
# The policy sweep as shards are added (issue #19 §2): one generated province
# (PERSONS persons, seed 2023) on one PostgreSQL server, then partitioned
# across 1, 2 and 3 shard servers through postgres_fdw (`qjy db shard`,
# store/pg_shards.h), every server a throwaway one on this machine
# (scripts/with-postgres-shards.sh with QJY_SHARD_SERVERS=3).
#   bench/shards_bench.sh build/qjy [PERSONS=100000] [RUNS=3]
# Per layout and sweep mode it runs `qjy policy sweep --json` RUNS times and
# reports the medians of the registry read (load_seconds: every person,
# contract, contribution ... read through the coordinator; summed over the
# passes, and over the workers of --per-shard, so it can exceed the wall
# time), the rules (eval_seconds, summed alike), the whole command
# (total_seconds, wall) and the process's CPU seconds (user + sys), with the
# load average when the runs ended. Modes (MODES, default all three):
#   whole      the default sweep: the whole registry in one world
#   stream     --stream-budget B: passes of consecutive counties (the default mode)
#   per_shard  --per-shard --stream-budget B: the passes made shard by shard
#              (each a set of one shard's counties; before 2026-12-06 the
#              province's order cut at every change of shard), one worker
#              per shard (own connection), the
#              workers concurrently, results merged (on one server: one
#              worker, the passes of stream)
#   indicators        `qjy report indicators` (the dashboard's read of the
#                     facts: flows, then month-end stocks), shard by shard:
#                     one reader per shard on its own connection and thread,
#                     merged (on one server: the whole read)
#   indicators_whole  the same with --whole: one connection, every shard
#                     through the coordinator (the baseline)
#   For these, passes = readers, load_s = the flows' read, eval_s = the
#   stocks' read, entitlements = the flow events counted (a checksum).
# A mode suffixed `_before` (e.g. per_shard_before) runs the same flags with
# the binary QJY_BEFORE (an earlier build), so a change is measured against
# its baseline in the same run.
# B = STREAM_BUDGET (default PERSONS/10). The first mode run on a layout
# writes the review list; every later run finds it written and proposes
# nothing new, so keep `whole` first and compare stream with per_shard.
set -euo pipefail
if [ "${1:-}" != --inside ]; then
  cd "$(dirname "$0")/.."
  QJY=$(realpath "${1:-build/qjy}")
  QJY_SHARD_SERVERS=3 exec scripts/with-postgres-shards.sh "$0" --inside "$QJY" "${2:-100000}" "${3:-3}"
fi
QJY=$2; PERSONS=$3; RUNS=$4; DATE=2025-06-30
MODES=${MODES:-whole stream per_shard}; BUDGET=${STREAM_BUDGET:-$((PERSONS / 10))}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qjy-shards-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export QJY_KEY_FILE="$WORK/qjy.key"
IFS=, read -r -a SERVERS <<<"$QJY_TEST_PG_SHARDS"
q() { psql -X -qAt -v ON_ERROR_STOP=1 "$1" -c "$2"; }
COORD=${QJY_TEST_PG_URL%/*}
echo "persons $PERSONS, employers $((PERSONS / 20)), jobs $((PERSONS / 50)); $RUNS runs per layout and mode;" \
  "modes $MODES, stream budget $BUDGET; $(nproc) cores" >&2
printf 'layout\tpersons_per_shard\tmode\tpasses\tload_s\teval_s\ttotal_s\tcpu_s\tentitlements\tloadavg\n' | tee "$WORK/results.tsv"
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
  for mode in $MODES; do
    bin=$QJY
    case $mode in *_before) bin=${QJY_BEFORE:?QJY_BEFORE names the earlier binary}; esac
    case ${mode%_before} in
      whole) flags=() ;;
      stream) flags=(--stream-budget "$BUDGET") ;;  # streamed is the default (--stream crashed at exit before 2026-12-06)
      per_shard) flags=(--per-shard --stream-budget "$BUDGET") ;;
      indicators) flags=() ;;
      indicators_whole) flags=(--whole) ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    for r in $(seq 1 "$RUNS"); do
      case $mode in
        indicators*) cmd=("$bin" report indicators --db "$db" "${flags[@]}") ;;
        *) cmd=("$bin" policy sweep --db "$db" --date "$DATE" --json "${flags[@]}") ;;
      esac
      /usr/bin/time -f '%U %S' -o "$WORK/k$k-$mode-r$r.cpu" "${cmd[@]}" >"$WORK/k$k-$mode-r$r.json"
    done
    python3 - "$WORK" "$k" "$RUNS" "$layout" "$per_shard" "$mode" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY' | tee -a "$WORK/results.tsv"
import json, statistics, sys
work, k, runs, layout, per_shard, mode, loadavg = sys.argv[1:8]
runs = int(runs)
rs = [json.load(open(f"{work}/k{k}-{mode}-r{r}.json")) for r in range(1, runs + 1)]
if mode.startswith("indicators"):  # qjy report indicators: its own fields, mapped onto the columns
    for x in rs:
        x.update(passes=len(x["shards"]) or 1, load_seconds=x["flows_seconds"], eval_seconds=x["stocks_seconds"],
                 entitlements=sum(v for f in x["flows"] for v in f["by_year"].values()))
cpu = [sum(map(float, open(f"{work}/k{k}-{mode}-r{r}.cpu").read().split()[-2:])) for r in range(1, runs + 1)]
med = lambda key: statistics.median(x[key] for x in rs)
print(f"{layout}\t{per_shard}\t{mode}\t{rs[0]['passes']}\t{med('load_seconds'):.2f}\t{med('eval_seconds'):.2f}\t"
      f"{med('total_seconds'):.2f}\t{statistics.median(cpu):.2f}\t{rs[0]['entitlements']}\t{loadavg}")
PY
  done
done
