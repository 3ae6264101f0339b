#!/usr/bin/env bash
# Runs the browser tests of the web UI (tests/web/*.test.mjs) with Node's
# test runner, driving Debian's chromium through playwright-core against a
# real `qjy serve`. Usage: scripts/web-test.sh [BUILD_DIR]  (default build;
# or set QJY_BIN). Screenshots go to test-artifacts/web/. Exits non-zero on
# any failure, and when the binary, chromium or node_modules are missing.
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
export QJY_BIN=${QJY_BIN:-$PWD/$BUILD/qjy}
[ -x "$QJY_BIN" ] || { echo "web-test: $QJY_BIN not found: build qjy first" >&2; exit 1; }
[ -x /usr/bin/chromium ] || [ -n "${QJY_CHROMIUM:-}" ] || { echo "web-test: chromium missing (scripts/deps.sh)" >&2; exit 1; }
[ -d node_modules/playwright-core ] || { echo "web-test: node_modules missing (scripts/deps.sh)" >&2; exit 1; }
scripts/web-vendor.sh
mkdir -p test-artifacts/web
# WEB_JOBS test files at once (default 2): each file has its own server and
# browser and spends most of its time waiting on them — two at a time used
# 323 CPU-seconds in 589 s of wall time (2026-12-05, all 91 passing).
exec node --test --test-concurrency="${WEB_JOBS:-2}" tests/web/
