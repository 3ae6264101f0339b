#!/usr/bin/env bash
# make-migration-fixture.sh [OLD_TREE] [OUT_DIR]
#
# Regenerates tests/fixtures/release-44e733f: a small database written by
# release 44e733f (the main before the employment facts of issue #12), as a
# SQLite file and as a PostgreSQL plain-text dump, for the in-place
# migration test (src/cli/release_migration_test.cc).
#
# OLD_TREE is a checkout of 44e733f with `build/qjy` built, e.g.
#   git worktree add ../qjy-44e733f 44e733f --detach
#   ln -s "$PWD/node_modules" ../qjy-44e733f/node_modules
#   cmake -S ../qjy-44e733f -B ../qjy-44e733f/build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
#   ninja -C ../qjy-44e733f/build qjy
# The commands run from OLD_TREE so that the old release reads its own
# policy/params and generator profile.
#
# Both databases are made by the same commands with the same seed and the
# same vault key (a fixed test key, derived below: it protects nothing but
# this fixture), so their rows are the same apart from encryption nonces and
# wall-clock timestamps (audit rows, payments, accounts). counts.json holds
# every table's row count of the SQLite file; the test checks the PostgreSQL
# dump against the same counts.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
OLD=$(cd "${1:-$HERE/../qjy-44e733f}" && pwd)
OUT=$(mkdir -p "${2:-$HERE/tests/fixtures/release-44e733f}" && cd "${2:-$HERE/tests/fixtures/release-44e733f}" && pwd)
QJY="$OLD/build/qjy"
FIX="$HERE/tests/fixtures/release-44e733f"   # the hand-written inputs
[ -x "$QJY" ] || { echo "no $QJY: build release 44e733f first" >&2; exit 1; }
if [ "$(git -C "$OLD" rev-parse --short=7 HEAD)" != 44e733f ]; then
  echo "$OLD is not at 44e733f" >&2; exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/qjy-fixture.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
KEY="$WORK/vault.key"
printf 'qjy migration fixture release-44e733f' | openssl dgst -sha256 -binary >"$KEY"
chmod 600 "$KEY"

# The old release's commands, the same for both databases. $1 = --db value.
# The vault key is where the old release looks for it: <db>.key beside a
# SQLite file, $QJY_KEY_FILE for PostgreSQL.
populate() {
  local db=$1
  cd "$OLD"
  case "$db" in
    postgres*) export QJY_KEY_FILE=$KEY ;;
    *) cp "$KEY" "$db.key" ;;
  esac
  "$QJY" gen --db "$db" --persons 300 --employers 30 --jobs 60 --seed 2023 \
    --as-of 2025-06-30 --quiet
  "$QJY" policy gen-facts --db "$db" --seed 2023
  "$QJY" services gen-history --db "$db" --seed 2023 --from 2023-01-01 --to 2025-06-30
  "$QJY" gig demo --db "$db" --seed 2023
  # Two persons, an employer and their contracts as an officer imported
  # them: 甲's contract has the hand-set 跨县/跨省 flags and no 工作地 (the
  # place of work the new release must report as unknown), 乙's names one.
  local f
  for f in persons employers contracts; do
    "$QJY" import $f "$FIX/$f.csv" --db "$db" >/dev/null
  done
  "$QJY" demo-accounts --db "$db" >/dev/null                              # accounts
  "$QJY" calendar load "$FIX/notice-2027.yaml" \
    --db "$db" --today 2025-06-30                                           # calendar.load audit row
  "$QJY" policy sweep --db "$db" --date 2025-06-30 >/dev/null   # proposed entitlements
  # Pay the proposed entitlements of R2, R4 and R5 (R5 includes employers
  # insured outside Guizhou: history the new jurisdiction rule would not
  # propose, which must survive the migration), hand R15's loans to the bank,
  # and reverse the paid entitlement whose once_key sorts first.
  local r
  for r in R2 R4 R5 R15; do
    "$QJY" policy approve --db "$db" --all --rule $r >/dev/null
  done
  local first
  first=$("$QJY" policy review --db "$db" --json --status paid |
          node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
            const k=JSON.parse(s).map(e=>e.once_key).sort(); console.log(k[0])})')
  "$QJY" policy reverse --db "$db" --key "$first" --reason "迁移测试夹具：冲正示例" >/dev/null
}

# SQLite.
rm -f "$OUT/qjy.db" "$OUT/qjy.db.gz"
populate "$WORK/qjy.db"
sqlite3 "$WORK/qjy.db" 'PRAGMA wal_checkpoint(TRUNCATE); VACUUM;' >/dev/null
{
  echo "{"
  first=1
  for t in $(sqlite3 "$WORK/qjy.db" "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"); do
    n=$(sqlite3 "$WORK/qjy.db" "SELECT COUNT(*) FROM \"$t\"")
    [ $first -eq 1 ] || echo ","
    printf '  "%s": %s' "$t" "$n"
    first=0
  done
  echo
  echo "}"
} >"$OUT/counts.json"
gzip -9n -c "$WORK/qjy.db" >"$OUT/qjy.db.gz"

# PostgreSQL: the same commands against a throwaway server, dumped as text.
# The dump without the lines that differ on every run: pg_dump's versions
# and the random key of \restrict (pg_dump >= 15.14), which older psql
# would not read.
strip_dump() {
  grep -v -e '^-- Dumped from' -e '^-- Dumped by' -e '^\\restrict ' -e '^\\unrestrict '
}
export OLD KEY WORK OUT QJY HERE FIX
export -f populate strip_dump
"$HERE/scripts/with-postgres.sh" bash -c '
  set -euo pipefail
  populate "$QJY_TEST_PG_URL"
  PGBIN=$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
  [ -x "$PGBIN/pg_dump" ] || PGBIN=/usr/lib/postgresql/15/bin
  "$PGBIN/pg_dump" --format=plain --no-owner --no-privileges "$QJY_TEST_PG_URL" \
    | strip_dump | gzip -9n >"$OUT/qjy.pg.sql.gz"
'
ls -l "$OUT"
