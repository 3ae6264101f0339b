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
#    fund supervision's holds).
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

# The sweep, single server vs sharded.
"$QJY" policy sweep --db "$SINGLE" --date "$DATE" --json >"$WORK/single.json" || die "sweep on one server"
"$QJY" policy sweep --db "$SHARDED" --date "$DATE" --json >"$WORK/sharded.json" || die "sweep across shards"
pick='{groups, entitlements, added_to_review, screened: .supervision.screened, held: .supervision.held, held_fen: .supervision.held_fen}'
jq -S "$pick" "$WORK/single.json" >"$WORK/single.cmp"
jq -S "$pick" "$WORK/sharded.json" >"$WORK/sharded.cmp"
ents=$(jq .entitlements "$WORK/single.json")
check "sweep-finds-entitlements" "$([ "$ents" -gt 0 ] && echo 0 || echo 1)" "($ents entitlements on one server)"
diff -u "$WORK/single.cmp" "$WORK/sharded.cmp" >"$WORK/diff" && same=0 || same=1
check "sweep-equal" "$same" "(sharded: $(jq .entitlements "$WORK/sharded.json") entitlements, $(jq '.groups | length' "$WORK/sharded.json") groups)"
[ "$same" -eq 0 ] || head -40 "$WORK/diff"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
