#!/usr/bin/env bash
# Benchmarks (`make bench`): every speed target of the issues, each against
# a baseline measured in the same run. Suites (BENCH_SUITES, default all):
#   registry  generation, CSV import (SQLite, PostgreSQL), lookup by ID number
#             (issue #2) — a table of medians and ratios at the end
#   policy    the policy sweep and one person's evaluation vs the same rules
#             as SQL (issue #5); BENCH_FULL=1: the 20 M province shard by shard
#   match     top-10 for a seeker vs scoring every job, keyword search vs
#             Xapian (issue #6)
#   batch     the whole-province batch recommendation vs naive top-3, and
#             the assignment vs LEMON's network simplex (issue #6)
# BENCH_SCALE=small runs every suite at a tenth of the size (a quick check).
#
# Knobs (environment):
#   BENCH_PERSONS=1000000  BENCH_EMPLOYERS=50000  BENCH_JOBS=100000
#   BENCH_RUNS=3           medians of this many runs
#   BENCH_BASELINE=20000   persons written one by one for the upsert baseline
#   BENCH_LOOKUPS=10000    ID lookups sampled
#   BENCH_PG=1             also PostgreSQL (scripts/with-postgres.sh); 0 skips
#   BENCH_PG_RUNS=1        runs of the PostgreSQL cases
#   BENCH_PG_ROWS=100000   rows of persons.csv for the PostgreSQL import
#   BENCH_FULL=0           1: also the full province, time and peak RSS
#   BENCH_FULL_PERSONS=20000000 BENCH_FULL_EMPLOYERS=1000000 BENCH_FULL_JOBS=2000000
#   BENCH_DIR=var/bench    scratch space (the 1M SQLite file is ~1 GB, full ~20 GB)
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
P=${BENCH_PERSONS:-1000000}; E=${BENCH_EMPLOYERS:-50000}; J=${BENCH_JOBS:-100000}
RUNS=${BENCH_RUNS:-3}; BASE=${BENCH_BASELINE:-20000}; LOOKUPS=${BENCH_LOOKUPS:-10000}
PG=${BENCH_PG:-1}; FULL=${BENCH_FULL:-0}; DIR=${BENCH_DIR:-var/bench}
mkdir -p "$DIR"
OUT="$DIR/results.tsv"
: >"$OUT"
B="$BUILD/bench"
SUITES=" ${BENCH_SUITES:-registry policy match batch} "
has() { [[ "$SUITES" == *" $1 "* ]]; }
cmake --build "$BUILD" --target gen_bench import_bench lookup_bench policy_bench match_bench \
  assign_bench assign_family_bench batch_bench linkage_bench indicator_bench qjy >/dev/null
if [ "${BENCH_SCALE:-}" = small ]; then
  P=${BENCH_PERSONS:-100000}; E=${BENCH_EMPLOYERS:-5000}; J=${BENCH_JOBS:-10000}
fi
# shellcheck disable=SC2317
engines() {
  local n=1000000 jobs=200000 q=2000
  if [ "${BENCH_SCALE:-}" = small ]; then n=100000; jobs=20000; q=500; fi
  if has policy; then
    echo "bench: policy sweep, $n persons (issue #5)" >&2
    "$B/policy_bench" --persons "$n" --runs "$RUNS" >&2
    if [ "$FULL" = 1 ]; then
      echo "bench: policy sweep, 20 shards of $n persons (long)" >&2
      "$B/policy_bench" --persons "$n" --shards 20 >&2
    fi
  fi
  if has match; then
    echo "bench: matching, $n seekers x $jobs jobs (issue #6)" >&2
    "$B/match_bench" --seekers "$n" --jobs "$jobs" --queries "$q" >&2
  fi
  if has batch; then
    echo "bench: batch recommendation and assignment vs LEMON, $n seekers x $jobs jobs (issue #6)" >&2
    "$B/batch_bench" --seekers "$n" --jobs "$jobs" >&2
    "$B/assign_bench" --seekers $((n / 10)) --jobs $((jobs / 10)) --runs "$RUNS" --lemon-runs "$RUNS" --regions 88 --job-weight 0.3 >&2
    echo "bench: the assignment on every kind of instance vs LEMON (issue #19)" >&2
    "$B/assign_family_bench" --runs "$RUNS" >&2
    if [ "$FULL" = 1 ]; then
      "$B/assign_bench" --seekers "$n" --jobs "$jobs" --runs 1 --regions 88 --job-weight 0.3 >&2
      "$B/assign_family_bench" --scale 5 --runs 1 >&2
    fi
  fi
  if has linkage; then
    echo "bench: record linkage, $((n / 10)) and $n persons a side, Bloom mode and naive baseline (issue #18)" >&2
    "$B/linkage_bench" --sizes "$((n / 10)),$n" >&2
  fi
  if has indicators; then
    echo "bench: every indicator x region x month, event columns vs SQL GROUP BY, $n persons (issue #12)" >&2
    "$B/indicator_bench" --persons "$n" --runs 5 --sql-runs "$RUNS" --dir "$DIR" \
      --pg "$([ -n "${QJY_TEST_PG_URL:-}" ] && echo 1 || echo 0)" >&2
    if [ "$FULL" = 1 ]; then "$B/indicator_bench" --persons 20000000 --runs 5 --sql 0 --dir "$DIR" >&2; fi
  fi
}
if ! has registry; then engines; exit 0; fi

echo "bench: $P persons, $E employers, $J jobs; $RUNS runs each; scratch $DIR" >&2
GEN=("$B/gen_bench" --persons "$P" --employers "$E" --jobs "$J" --runs "$RUNS" --dir "$DIR"
     --baseline "$BASE" --csv "$DIR/csv")
IMP=("$B/import_bench" --csv "$DIR/csv/persons.csv" --runs "$RUNS" --dir "$DIR")
if [ "$PG" = 1 ]; then
  # shellcheck disable=SC2016
  PGX=(--pg-runs "${BENCH_PG_RUNS:-1}")
  scripts/with-postgres.sh bash -c '"$@" --pg "$QJY_TEST_PG_URL"' _ "${GEN[@]}" "${PGX[@]}" | tee -a "$OUT" >&2
  scripts/with-postgres.sh bash -c '"$@" --pg "$QJY_TEST_PG_URL"' _ "${IMP[@]}" "${PGX[@]}" \
    --pg-rows "${BENCH_PG_ROWS:-100000}" | tee -a "$OUT" >&2
else
  "${GEN[@]}" | tee -a "$OUT" >&2
  "${IMP[@]}" | tee -a "$OUT" >&2
fi
"$B/lookup_bench" --db "$DIR/gen.db" --csv "$DIR/csv/persons.csv" --samples "$LOOKUPS" | tee -a "$OUT" >&2

if [ "$FULL" = 1 ]; then
  FP=${BENCH_FULL_PERSONS:-20000000}; FE=${BENCH_FULL_EMPLOYERS:-1000000}; FJ=${BENCH_FULL_JOBS:-2000000}
  rm -f "$DIR/full.db" "$DIR/full.db.key" "$DIR/full.db-wal" "$DIR/full.db-shm"
  echo "bench: full province $FP persons, $FE employers, $FJ jobs (long)" >&2
  /usr/bin/time -f "%e %M" -o "$DIR/full.time" \
    "$BUILD/qjy" gen --db "$DIR/full.db" --persons "$FP" --employers "$FE" --jobs "$FJ" --seed 2023 >&2
  read -r secs rss_kb <"$DIR/full.time"
  printf 'RESULT\tfull_province_sqlite\t%s\t%s\t1\tpeak RSS %s MB, db %s\n' "$secs" "$FP" \
    "$((rss_kb / 1024))" "$(du -h "$DIR/full.db" | cut -f1)" | tee -a "$OUT" >&2
fi

# The table: medians, rates, and ratios against the baselines.
awk -F'\t' '
  $1 == "RESULT" { s[$2] = $3; n[$2] = $4; r[$2] = $5; note[$2] = $6; order[++k] = $2 }
  function rate(x) { return s[x] > 0 ? n[x] / s[x] : 0 }
  END {
    printf "\n%-30s %12s %12s %14s %5s  %s\n", "benchmark", "median s", "rows", "rows/s", "runs", "note"
    for (i = 1; i <= k; i++) {
      x = order[i]
      if (x ~ /_p(50|99)$/) printf "%-30s %12.1f %12s %14s %5s  %s\n", x, s[x] * 1e6, "µs", "", r[x], note[x]
      else printf "%-30s %12.2f %12d %14.0f %5s  %s\n", x, s[x], n[x], rate(x), r[x], note[x]
    }
    print ""
    if (("gen_sqlite" in s) && ("baseline_upsert_sqlite" in s))
      printf "bulk generation vs per-row upsert (persons/s): %.1fx\n", rate("gen_sqlite") / rate("baseline_upsert_sqlite")
    if (("import_sqlite" in s) && ("baseline_sqlite3_cli_import" in s))
      printf "validated import vs sqlite3 .import (rows/s): %.2fx\n", rate("import_sqlite") / rate("baseline_sqlite3_cli_import")
    if ("gen_sqlite" in s)
      printf "generation of 1,000,000 persons (scaled): %.1f s (target <= 60 s)\n", s["gen_sqlite"] * 1e6 / n["gen_sqlite"]
    if ("import_sqlite" in s)
      printf "SQLite import rate: %.0f rows/s (target >= 100,000)\n", rate("import_sqlite")
    if (("lookup_id_number_p50" in s) && ("baseline_get_by_pk_p50" in s))
      printf "lookup by ID vs by primary key (p50): %.2fx\n", s["lookup_id_number_p50"] / s["baseline_get_by_pk_p50"]
  }' "$OUT"
engines
