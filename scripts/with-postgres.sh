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
# shellcheck source=lib/pg-server.sh
. "$(dirname "$0")/lib/pg-server.sh"

pg_setup qjy-pg
pg_start server
export QJY_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/qjy_test"
echo "with-postgres: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on $QJY_TEST_PG_URL" >&2

set +e
"$@"
rc=$?
set -e
exit "$rc"
