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

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  fi
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin /usr/local/pgsql/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  done
  return 1
}

BIN=$(find_bindir) || die "PostgreSQL server binaries (initdb, pg_ctl) not found; run scripts/deps.sh"
SHARDS=${QJY_SHARD_SERVERS:-2}
[[ "$SHARDS" =~ ^[1-9]$ ]] || die "QJY_SHARD_SERVERS must be 1..9, got '$SHARDS'"

AS=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user"
  if command -v runuser >/dev/null 2>&1; then
    AS=(runuser -u postgres --)
  else
    AS=(su postgres -s /bin/sh -c '"$0" "$@"')
  fi
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/qjy-pgshards.XXXXXX")
chmod 700 "$DIR"
if [ ${#AS[@]} -gt 0 ]; then chown postgres: "$DIR"; fi

STARTED=()  # data dirs of the servers that started
cleanup() {
  local rc=$?
  local d
  for d in "${STARTED[@]}"; do
    "${AS[@]}" "$BIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_server NAME: initdb + start; prints the port.
start_server() {
  local name=$1 sd="$DIR/$1" port="" candidate attempt
  "${AS[@]}" mkdir -p "$sd/sock"
  "${AS[@]}" "$BIN/initdb" -D "$sd/data" -U postgres --auth=trust -E UTF8 --locale=C \
    >"$DIR/$name-initdb.log" 2>&1 || { cat "$DIR/$name-initdb.log" >&2; die "initdb failed ($name)"; }
  for attempt in 1 2 3 4 5 6 7 8; do
    candidate=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    port_free "$candidate" || continue
    if "${AS[@]}" "$BIN/pg_ctl" -D "$sd/data" -l "$sd/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $candidate -k $sd/sock -c fsync=off
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=200
            -c shared_buffers=64MB" \
        start >/dev/null 2>&1; then
      port=$candidate
      break
    fi
  done
  if [ -z "$port" ]; then
    [ -f "$sd/server.log" ] && tail -n 30 "$sd/server.log" >&2
    die "could not start PostgreSQL ($name) from $BIN"
  fi
  STARTED+=("$sd/data")
  "$BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres qjy_test || die "createdb failed ($name, port $port)"
  PORT=$port
}

start_server coordinator
COORD_PORT=$PORT
"$BIN/psql" -X -q -h 127.0.0.1 -p "$COORD_PORT" -U postgres -d qjy_test \
  -c "CREATE EXTENSION IF NOT EXISTS postgres_fdw" >/dev/null \
  || die "postgres_fdw is not available on the coordinator (package postgresql-15 ships it)"
SHARD_URLS=()
for i in $(seq 1 "$SHARDS"); do
  start_server "shard$i"
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
