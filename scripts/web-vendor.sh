#!/usr/bin/env bash
# Copies the browser libraries the web UI uses from node_modules (installed
# by scripts/deps.sh from package.json) into web/vendor/ (gitignored), since
# the server serves only web/. No build step: plain file copies, redone only
# when the source is newer.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p web/vendor
copy() {  # copy SRC DEST, failing loudly when SRC is missing
  [ -f "$1" ] || { echo "web-vendor: $1 missing (run scripts/deps.sh)" >&2; exit 1; }
  [ "$2" -nt "$1" ] || cp "$1" "$2"
}
copy node_modules/echarts/dist/echarts.min.js web/vendor/echarts.min.js
copy node_modules/echarts/map/json/province/guizhou.json web/vendor/guizhou.json
