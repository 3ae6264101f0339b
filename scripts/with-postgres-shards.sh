#!/usr/bin/env bash
# with-postgres-shards.sh CMD...
# Runs CMD with a throwaway sharded PostgreSQL 15 cluster on this machine: a
# coordinator and $QJY_SHARD_SERVERS shard servers (default 2: three servers
# in all), each initdb'd into its own temp dir with its own unix socket dir,
# a free TCP port on 127.0.0.1 and fsync off, like scripts/with-postgres.sh.
# The coordinator's database has the postgres_fdw extension. Exported:
#   QJY_TEST_PG_URL      the coordinator's database (as with-postgres.sh)
#   QJY_TEST_PG_SHARDS   the shard servers' databases, comma-separated
# The foreign servers and user mappings are made by `qjy db shard` /
# store::ApplyShardLayout from QJY_TEST_PG_SHARDS (store/pg_shards.h), not
# here, so that the same code path is tested. Every server is stopped and
# every dir removed however CMD ends; CMD's exit status is the script's.
# As root (CI) the servers run as the `postgres` system user.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

die() { echo "with-postgres-shards: $*" >&2; exit 1; }
# shellcheck source=lib/pg-server.sh
. "$(dirname "$0")/lib/pg-server.sh"

SHARDS=${QJY_SHARD_SERVERS:-2}
[[ "$SHARDS" =~ ^[1-9]$ ]] || die "QJY_SHARD_SERVERS must be 1..9, got '$SHARDS'"
pg_setup qjy-pgshards

pg_start coordinator "-c shared_buffers=64MB"
COORD_PORT=$PORT
"$BIN/psql" -X -q -h 127.0.0.1 -p "$COORD_PORT" -U postgres -d qjy_test \
  -c "CREATE EXTENSION IF NOT EXISTS postgres_fdw" >/dev/null \
  || die "postgres_fdw is not available on the coordinator (package postgresql-15 ships it)"
SHARD_URLS=()
for i in $(seq 1 "$SHARDS"); do
  pg_start "shard$i" "-c shared_buffers=64MB"
  SHARD_URLS+=("postgresql://postgres@127.0.0.1:$PORT/qjy_test")
done

export QJY_TEST_PG_URL="postgresql://postgres@127.0.0.1:$COORD_PORT/qjy_test"
QJY_TEST_PG_SHARDS=$(IFS=,; echo "${SHARD_URLS[*]}")
export QJY_TEST_PG_SHARDS
echo "with-postgres-shards: coordinator $QJY_TEST_PG_URL; shards $QJY_TEST_PG_SHARDS" >&2

set +e
"$@"
rc=$?
set -e
exit "$rc"
