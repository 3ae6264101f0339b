#!/usr/bin/env bash
# Serves the demo province: JSON API + web UI on http://127.0.0.1:8080/
# (QJY_PORT / QJY_HOST override). Ctrl+C stops it gracefully.
set -euo pipefail
QJY=$1; DB=$2
exec "$QJY" serve --db "$DB" --port "${QJY_PORT:-8080}" --host "${QJY_HOST:-127.0.0.1}"
