#!/usr/bin/env bash
# Runs every test: the C++ suites (ctest) with a throwaway PostgreSQL 15
# server for the store contract tests, then the JavaScript checks.
set -euo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
export QJY_BIN="$PWD/$BUILD/qjy"
scripts/with-postgres.sh ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)"
