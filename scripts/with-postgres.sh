#!/usr/bin/env bash
# with-postgres.sh CMD...
# Runs CMD with a throwaway PostgreSQL 15 server: initdb into a fresh temp
# dir, its own unix socket dir, a free TCP port on 127.0.0.1, fsync off. The
# database URL is exported as QJY_TEST_PG_URL. The server is stopped and the
# dir removed however CMD ends; CMD's exit status is the script's.
# As root (CI) the server runs as the `postgres` system user, since initdb and
# postgres refuse root. If the server cannot start, this fails loudly: the
# store tests must not silently run without PostgreSQL.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

die() { echo "with-postgres: $*" >&2; exit 1; }

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

AS=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user"
  if command -v runuser >/dev/null 2>&1; then
    AS=(runuser -u postgres --)
  else
    AS=(su postgres -s /bin/sh -c '"$0" "$@"')
  fi
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/qjy-pg.XXXXXX")
chmod 700 "$DIR"
mkdir -p "$DIR/sock"
if [ ${#AS[@]} -gt 0 ]; then chown -R postgres: "$DIR"; fi

PGDATA="$DIR/data"
STARTED=0
cleanup() {
  local rc=$?
  if [ "$STARTED" -eq 1 ]; then
    "${AS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${AS[@]}" "$BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C \
  >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PORT=""
for attempt in 1 2 3 4 5 6 7 8; do
  candidate=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
  port_free "$candidate" || continue
  if "${AS[@]}" "$BIN/pg_ctl" -D "$PGDATA" -l "$DIR/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $candidate -k $DIR/sock -c fsync=off
          -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
    PORT=$candidate
    STARTED=1
    break
  fi
done
if [ -z "$PORT" ]; then
  [ -f "$DIR/server.log" ] && tail -n 30 "$DIR/server.log" >&2
  die "could not start PostgreSQL from $BIN"
fi

"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres qjy_test \
  || die "createdb failed on port $PORT"

export QJY_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/qjy_test"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on $QJY_TEST_PG_URL" >&2

set +e
"$@"
rc=$?
set -e
exit "$rc"
