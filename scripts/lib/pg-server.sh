# scripts/lib/pg-server.sh — sourced by with-postgres.sh and
# with-postgres-shards.sh: start throwaway PostgreSQL 15 servers under one
# temp dir and stop them however the caller ends.
#
# The caller sets `set -euo pipefail`, defines die(), sources this file, then
#   pg_setup PREFIX        find the binaries (BIN), choose the user to run as
#                          (AS: the `postgres` system user when root, since
#                          initdb and postgres refuse root), make DIR from
#                          mktemp "PREFIX.XXXXXX" and install the cleanup trap
#   pg_start NAME [OPTS]   initdb "$DIR/NAME/data" (trust auth, UTF8, C
#                          locale), start it on a free 127.0.0.1 port with its
#                          own unix socket dir, fsync off and OPTS (more -c
#                          settings), create database qjy_test; sets PORT.
# Every started server is stopped (immediate) and DIR removed on exit; the
# caller's exit status is kept.

pg_find_bindir() {
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

pg_setup() {
  local prefix=$1
  BIN=$(pg_find_bindir) || die "PostgreSQL server binaries (initdb, pg_ctl) not found; run scripts/deps.sh"
  AS=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' system user"
    if command -v runuser >/dev/null 2>&1; then
      AS=(runuser -u postgres --)
    else
      AS=(su postgres -s /bin/sh -c '"$0" "$@"')
    fi
  fi
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/$prefix.XXXXXX")
  chmod 700 "$DIR"
  if [ ${#AS[@]} -gt 0 ]; then chown postgres: "$DIR"; fi
  PG_STARTED=()
  trap pg_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

pg_cleanup() {
  local rc=$? d
  for d in "${PG_STARTED[@]}"; do
    "${AS[@]}" "$BIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
  exit "$rc"
}

pg_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_start() {
  local name=$1 extra=${2:-} sd="$DIR/$1" port="" candidate attempt
  "${AS[@]}" mkdir -p "$sd/sock"
  "${AS[@]}" "$BIN/initdb" -D "$sd/data" -U postgres --auth=trust -E UTF8 --locale=C \
    >"$DIR/$name-initdb.log" 2>&1 || { cat "$DIR/$name-initdb.log" >&2; die "initdb failed ($name)"; }
  for attempt in 1 2 3 4 5 6 7 8; do
    candidate=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    pg_port_free "$candidate" || continue
    if "${AS[@]}" "$BIN/pg_ctl" -D "$sd/data" -l "$sd/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $candidate -k $sd/sock -c fsync=off
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 $extra" \
        start >/dev/null 2>&1; then
      port=$candidate
      break
    fi
  done
  if [ -z "$port" ]; then
    [ -f "$sd/server.log" ] && tail -n 30 "$sd/server.log" >&2
    die "could not start PostgreSQL ($name) from $BIN"
  fi
  PG_STARTED+=("$sd/data")
  "$BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres qjy_test || die "createdb failed ($name, port $port)"
  PORT=$port
}
