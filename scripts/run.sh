#!/usr/bin/env bash
# Serves the demo province (until the server lands: prints its summary).
set -euo pipefail
QJY=$1; DB=$2
exec "$QJY" summary --db "$DB"
