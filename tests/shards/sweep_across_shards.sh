#!/usr/bin/env bash
# The policy sweep on a registry spread over several PostgreSQL servers
# (issue #19 §2), run by ctest through scripts/with-postgres-shards.sh:
#   tests/shards/sweep_across_shards.sh build/qjy [PERSONS]
# On the coordinator ($QJY_TEST_PG_URL) two databases get the same
# generated province (same seed): qjy_single stays one server; qjy_sharded is
# first partitioned across $QJY_TEST_PG_SHARDS (`qjy db shard`), so the
# generator's bulk load and the facts go through postgres_fdw. Checks:
#  - the rows of every sharded table really live on the shard servers
#    (counted over a direct connection to each shard): the coordinator's
#    parents hold none, the shards' counts add up to the coordinator's, every
#    shard holds persons, and no county is on two shards;
#  - the sweep's result on the sharded database equals the single server's
#    (entitlements by rule, fund and county with amounts, the review list,
#    fund supervision's holds);
#  - the indicators (`qjy report indicators`) read shard by shard on the
#    sharded database: one reader per shard, every county placed, the same
#    figures as its whole read and as the single server;
#  - the per-shard sweep (`--per-shard`: one worker per shard, concurrently)
#    on a third database sharded alike: one worker per shard, each pass's
#    persons on its worker's shard, the same result and the same review list
#    (once-only key, rule, county, amount, status) as the single server, and
#    a second run adds nothing.
# Prints one line per check and "N passed, N failed" at the end.
set -uo pipefail
QJY=$1; PERSONS=${2:-3000}; DATE=2025-06-30
: "${QJY_TEST_PG_URL:?run through scripts/with-postgres-shards.sh}"
: "${QJY_TEST_PG_SHARDS:?run through scripts/with-postgres-shards.sh}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qjy-shards-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export QJY_KEY_FILE="$WORK/qjy.key"
BASE=${QJY_TEST_PG_URL%/*}
SINGLE="$BASE/qjy_single"; SHARDED="$BASE/qjy_sharded"
IFS=, read -r -a SHARDS <<<"$QJY_TEST_PG_SHARDS"
passed=0; failed=0
check() {  # check NAME CONDITION-RESULT(0/1) DETAIL
  if [ "$2" -eq 0 ]; then passed=$((passed + 1)); echo "ok   $1 $3"; else failed=$((failed + 1)); echo "FAIL $1 $3"; fi
}
die() { echo "FAIL $*"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
q() { psql -X -qAt -v ON_ERROR_STOP=1 "$1" -c "$2"; }

q "$QJY_TEST_PG_URL" "CREATE DATABASE qjy_single" || die "createdb qjy_single"
q "$QJY_TEST_PG_URL" "CREATE DATABASE qjy_sharded" || die "createdb qjy_sharded"
"$QJY" db shard --db "$SHARDED" --shards "$QJY_TEST_PG_SHARDS" || die "qjy db shard"
for db in "$SINGLE" "$SHARDED"; do
  "$QJY" gen --db "$db" --persons "$PERSONS" --employers $((PERSONS / 20)) --jobs $((PERSONS / 50)) \
    --seed 2023 --as-of "$DATE" --quiet >/dev/null || die "qjy gen on $db"
  "$QJY" policy gen-facts --db "$db" --seed 2023 >/dev/null || die "qjy policy gen-facts on $db"
done

# Where the rows are.
for t in persons person_certificates person_groups person_search contracts changes contributions separations; do
  kind=$(q "$SHARDED" "SELECT relkind FROM pg_class WHERE relname = '$t' AND relnamespace = 'public'::regnamespace")
  check "partitioned:$t" "$([ "$kind" = p ] && echo 0 || echo 1)" "(relkind $kind)"
  total=$(q "$SHARDED" "SELECT COUNT(*) FROM $t")
  local_rows=$(q "$SHARDED" "SELECT COUNT(*) FROM ONLY $t")
  single=$(q "$SINGLE" "SELECT COUNT(*) FROM $t")
  sum=0; detail=""
  for s in "${SHARDS[@]}"; do
    n=$(q "$s" "SELECT COUNT(*) FROM public.$t"); sum=$((sum + n)); detail="$detail $n"
  done
  check "rows-on-shards:$t" "$([ "$sum" -eq "$total" ] && [ "$local_rows" -eq 0 ] && [ "$total" -eq "$single" ] && echo 0 || echo 1)" \
    "(coordinator $total, of which local $local_rows; shards:$detail; single server $single)"
done
all_counties=""
for s in "${SHARDS[@]}"; do
  n=$(q "$s" "SELECT COUNT(*) FROM public.persons")
  check "shard-holds-persons" "$([ "$n" -gt 0 ] && echo 0 || echo 1)" "($s: $n persons)"
  all_counties="$all_counties$(q "$s" "SELECT DISTINCT county_code FROM public.persons")"$'\n'
done
dups=$(printf '%s' "$all_counties" | sed '/^$/d' | sort | uniq -d | wc -l)
check "county-on-one-shard" "$([ "$dups" -eq 0 ] && echo 0 || echo 1)" "($dups counties on more than one shard)"

# The planner's statistics: autovacuum never analyzes foreign partitions, so
# qjy gen and gen-facts did (store::AnalyzePartitioned); the histories ask
# their shard for estimates instead; `qjy db analyze` refreshes them.
tuples=$(q "$SHARDED" "SELECT CAST(SUM(c.reltuples) AS BIGINT) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'persons'::regclass")
persons=$(q "$SHARDED" "SELECT COUNT(*) FROM persons")
check "analyzed-after-gen" "$([ "$tuples" = "$persons" ] && echo 0 || echo 1)" "(partitions' row estimate $tuples, persons $persons)"
remote=$(q "$SHARDED" "SELECT COUNT(*) FROM pg_inherits i JOIN pg_foreign_table ft ON ft.ftrelid = i.inhrelid, pg_options_to_table(ft.ftoptions) o WHERE i.inhparent = 'contributions'::regclass AND o.option_name = 'use_remote_estimate'")
check "histories-remote-estimate" "$([ "$remote" -eq "${#SHARDS[@]}" ] && echo 0 || echo 1)" "($remote of ${#SHARDS[@]} contributions partitions)"
out=$("$QJY" db analyze --db "$SHARDED" 2>&1)
check "db-analyze" "$([[ "$out" == "已更新 7 张分片表的统计信息"* ]] && echo 0 || echo 1)" "($out)"
out=$("$QJY" db analyze --db "$SINGLE" 2>&1)
check "db-analyze-unsharded" "$([[ "$out" == 未分片* ]] && echo 0 || echo 1)" "($out)"

# The sweep, single server vs sharded.
"$QJY" policy sweep --db "$SINGLE" --date "$DATE" --json >"$WORK/single.json" || die "sweep on one server"
# The sharded one names the default mode's flags (--stream wrote to a freed
# bool before 2026-12-06 and the process crashed at exit, status 139).
"$QJY" policy sweep --db "$SHARDED" --date "$DATE" --json --stream --stream-budget $((PERSONS / 5)) \
  >"$WORK/sharded.json" || die "sweep across shards (exit $?)"
pick='{groups, entitlements, added_to_review, screened: .supervision.screened, held: .supervision.held, held_fen: .supervision.held_fen}'
jq -S "$pick" "$WORK/single.json" >"$WORK/single.cmp"
jq -S "$pick" "$WORK/sharded.json" >"$WORK/sharded.cmp"
ents=$(jq .entitlements "$WORK/single.json")
check "sweep-finds-entitlements" "$([ "$ents" -gt 0 ] && echo 0 || echo 1)" "($ents entitlements on one server)"
diff -u "$WORK/single.cmp" "$WORK/sharded.cmp" >"$WORK/diff" && same=0 || same=1
check "sweep-equal" "$same" "(sharded: $(jq .entitlements "$WORK/sharded.json") entitlements, $(jq '.groups | length' "$WORK/sharded.json") groups)"
[ "$same" -eq 0 ] || head -40 "$WORK/diff"

# The indicators (`qjy report indicators`, what the dashboard reads): on the
# sharded database read shard by shard (one reader per shard, each on its
# own connection and thread, merged), the same figures as the whole read
# there (--whole) and as the single server.
"$QJY" report indicators --db "$SINGLE" >"$WORK/ind-single.json" || die "indicators on one server"
"$QJY" report indicators --db "$SHARDED" >"$WORK/ind-pershard.json" || die "indicators per shard"
"$QJY" report indicators --db "$SHARDED" --whole >"$WORK/ind-whole.json" || die "indicators, sharded, whole read"
readers=$(jq '.shards | length' "$WORK/ind-pershard.json")
placed=$(jq '[.shards[].counties] | add' "$WORK/ind-pershard.json")
counties=$(q "$SINGLE" "SELECT COUNT(DISTINCT county_code) FROM persons")
check "indicators-per-shard-readers" "$([ "$(jq -r .mode "$WORK/ind-pershard.json")" = per_shard ] && [ "$readers" -eq "${#SHARDS[@]}" ] \
  && [ "$placed" -eq "$counties" ] && [ "$(jq -r .mode "$WORK/ind-single.json")" = whole ] && echo 0 || echo 1)" \
  "($readers readers for ${#SHARDS[@]} shards, $placed counties placed of $counties)"
hires=$(jq '[.flows[].by_year[]] | add' "$WORK/ind-single.json")
for f in single whole pershard; do jq -S '{flows, stocks}' "$WORK/ind-$f.json" >"$WORK/ind-$f.cmp"; done
check "indicators-per-shard-equal" "$(cmp -s "$WORK/ind-single.cmp" "$WORK/ind-pershard.cmp" && cmp -s "$WORK/ind-whole.cmp" "$WORK/ind-pershard.cmp" \
  && [ "$hires" -gt 0 ] && echo 0 || echo 1)" "($hires flow events counted on one server; per shard $(jq .total_seconds "$WORK/ind-pershard.json") s, whole $(jq .total_seconds "$WORK/ind-whole.json") s)"
diff -u "$WORK/ind-single.cmp" "$WORK/ind-pershard.cmp" | head -20

# The per-shard sweep (`qjy policy sweep --per-shard`): the same province in
# a third database, sharded across databases of its own on the same shard
# servers; one worker per shard, each on its own connection, the passes
# made shard by shard (small budget: several passes per shard).
PERSHARD="$BASE/qjy_pershard"
q "$QJY_TEST_PG_URL" "CREATE DATABASE qjy_pershard" || die "createdb qjy_pershard"
purls=()
for s in "${SHARDS[@]}"; do
  q "$s" "CREATE DATABASE qjy_pershard" || die "createdb qjy_pershard on $s"
  purls+=("${s%/*}/qjy_pershard")
done
"$QJY" db shard --db "$PERSHARD" --shards "$(IFS=,; echo "${purls[*]}")" || die "qjy db shard (per-shard database)"
"$QJY" gen --db "$PERSHARD" --persons "$PERSONS" --employers $((PERSONS / 20)) --jobs $((PERSONS / 50)) \
  --seed 2023 --as-of "$DATE" --quiet >/dev/null || die "qjy gen on $PERSHARD"
"$QJY" policy gen-facts --db "$PERSHARD" --seed 2023 >/dev/null || die "qjy policy gen-facts on $PERSHARD"
budget=$((PERSONS / 10))
"$QJY" policy sweep --db "$PERSHARD" --date "$DATE" --json --per-shard --stream-budget "$budget" \
  >"$WORK/pershard.json" || die "per-shard sweep"
workers=$(jq '.shard_log | length' "$WORK/pershard.json")
check "per-shard-workers" "$([ "$(jq -r .mode "$WORK/pershard.json")" = per_shard ] && [ "$workers" -eq "${#SHARDS[@]}" ] && echo 0 || echo 1)" \
  "($workers workers for ${#SHARDS[@]} shards; $(jq .passes "$WORK/pershard.json") passes)"
# Each pass's counties are on its worker's shard: the foreign server of
# the partitions their persons are read from; and the pass's read of them
# (county_code IN the pass's counties) is pruned to that one partition.
bad=0
unpruned=0
while IFS=$'\t' read -r codes shard; do
  list=$(printf "'%s'," ${codes//,/ })
  list=${list%,}
  on=$(q "$PERSHARD" "SELECT string_agg(DISTINCT s.srvname, ',') FROM persons p
    JOIN pg_foreign_table ft ON ft.ftrelid = p.tableoid JOIN pg_foreign_server s ON s.oid = ft.ftserver
    WHERE p.county_code IN ($list)")
  if [ -n "$on" ] && [ "$on" != "$shard" ]; then bad=$((bad + 1)); echo "  pass $codes on '$on', worker's shard '$shard'"; fi
  scans=$(q "$PERSHARD" "EXPLAIN SELECT person_id FROM persons WHERE county_code IN ($list)" | grep -c 'Foreign Scan' || true)
  if [ "$scans" -ne 1 ]; then unpruned=$((unpruned + 1)); echo "  pass $codes: $scans foreign scans"; fi
done < <(jq -r '.pass_log[] | [(.county_codes | join(",")), .shard] | @tsv' "$WORK/pershard.json")
check "per-shard-pass-pruned" "$([ "$unpruned" -eq 0 ] && echo 0 || echo 1)" "($unpruned passes whose persons read is not pruned to one shard)"
check "per-shard-pass-on-one-shard" "$([ "$bad" -eq 0 ] && echo 0 || echo 1)" "($bad passes reading another shard's persons)"
jq -S "$pick" "$WORK/pershard.json" >"$WORK/pershard.cmp"
diff -u "$WORK/single.cmp" "$WORK/pershard.cmp" >"$WORK/diff2" && same=0 || same=1
check "sweep-per-shard-equal" "$same" "(per-shard: $(jq .entitlements "$WORK/pershard.json") entitlements, $(jq '.groups | length' "$WORK/pershard.json") groups)"
[ "$same" -eq 0 ] || head -40 "$WORK/diff2"
# The review lists written, key by key (each once-only key once).
list='SELECT once_key, rule, county_code, amount_fen, status FROM policy_entitlements ORDER BY once_key'
q "$SINGLE" "$list" >"$WORK/single.list"
q "$PERSHARD" "$list" >"$WORK/pershard.list"
n=$(wc -l <"$WORK/single.list")
dupkeys=$(q "$PERSHARD" "SELECT COUNT(*) - COUNT(DISTINCT once_key) FROM policy_entitlements")
check "per-shard-review-list-equal" "$(cmp -s "$WORK/single.list" "$WORK/pershard.list" && [ "$n" -gt 0 ] && [ "$dupkeys" -eq 0 ] && echo 0 || echo 1)" \
  "($n rows on one server, $(wc -l <"$WORK/pershard.list") per-shard, $dupkeys repeated keys)"
# Again: nothing new, the same entitlements.
"$QJY" policy sweep --db "$PERSHARD" --date "$DATE" --json --per-shard --stream-budget "$budget" \
  >"$WORK/pershard2.json" || die "per-shard sweep, again"
again=$(q "$PERSHARD" "SELECT COUNT(*) FROM policy_entitlements")
check "per-shard-again-adds-nothing" "$([ "$(jq .added_to_review "$WORK/pershard2.json")" -eq 0 ] && [ "$again" -eq "$n" ] \
  && [ "$(jq .entitlements "$WORK/pershard2.json")" -eq "$ents" ] && echo 0 || echo 1)" \
  "(added $(jq .added_to_review "$WORK/pershard2.json"), $again rows, $(jq .entitlements "$WORK/pershard2.json") entitlements)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
