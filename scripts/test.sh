#!/usr/bin/env bash
# Runs every test: the C++ suites and the policy scenarios (ctest) with a
# throwaway PostgreSQL 15 server for the store contract tests, then the
# browser tests of the web UI in headless chromium, then a short smoke of
# each fuzz harness (scripts/fuzz.sh smoke: clang build in build-fuzz, each
# target over its seed corpus plus 10 s). All three always run; the script
# fails if any does.
set -uo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
export QJY_BIN="$PWD/$BUILD/qjy"
mkdir -p test-artifacts
scripts/with-postgres.sh ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)" \
  2>&1 | tee test-artifacts/ctest.log
ctest_rc=${PIPESTATUS[0]}
scripts/web-test.sh "$BUILD" 2>&1 | tee test-artifacts/web.log
web_rc=${PIPESTATUS[0]}
scripts/fuzz.sh smoke 2>&1 | tee test-artifacts/fuzz.log
fuzz_rc=${PIPESTATUS[0]}
echo
# Skipped tests are named, not hidden in the log: e.g. the disk-full tests
# skip where no tmpfs can be mounted (store/small_disk_test_support.h), the
# PostgreSQL ones where the server did not start.
skipped=$(sed -n '/The following tests did not run:/,/^$/p' test-artifacts/ctest.log | grep -c 'Skipped' || true)
if [ "$skipped" -gt 0 ]; then
  echo "ctest: $skipped test(s) skipped:"
  sed -n '/The following tests did not run:/,/^$/p' test-artifacts/ctest.log | grep 'Skipped' | sed 's/^/  /'
fi
echo "ctest: exit $ctest_rc; browser tests: exit $web_rc; fuzz smoke: exit $fuzz_rc"
[ "$ctest_rc" -eq 0 ] && [ "$web_rc" -eq 0 ] && [ "$fuzz_rc" -eq 0 ]
