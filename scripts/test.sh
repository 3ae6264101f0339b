#!/usr/bin/env bash
# Runs every test: the C++ suites and the policy scenarios (ctest) with a
# throwaway PostgreSQL 15 server for the store contract tests, the browser
# tests of the web UI in headless chromium (two files at a time, WEB_JOBS),
# and a short smoke of each fuzz harness (scripts/fuzz.sh smoke: clang build
# in build-fuzz, then each target over its seed corpus plus 10 s). All three
# always run; the script fails if any does.
#
# They run side by side, not one after the other: the browser tests spend
# most of their time waiting on their servers and browsers (~0.6 of a core
# over ~11 minutes), so ctest (at nice 5) and the fuzz build (at nice 10) use
# the rest; the browser tests, the only ones with wall-clock waits, keep the
# first call on the CPU. The browser log is printed after ctest's.
set -uo pipefail
BUILD=${1:-build}
cd "$(dirname "$0")/.."
export QJY_BIN="$PWD/$BUILD/qjy"
mkdir -p test-artifacts
scripts/fuzz.sh build > test-artifacts/fuzz-build.log 2>&1 &
fuzz_build_pid=$!
# A hung browser or server must not hold CI until its own limit: the browser
# suite (~12 minutes on 2 busy cores) is stopped after WEB_TIMEOUT seconds,
# with every process it started (timeout signals its process group).
timeout -k 30 "${WEB_TIMEOUT:-2400}" scripts/web-test.sh "$BUILD" > test-artifacts/web.log 2>&1 &
web_pid=$!
nice -n 5 scripts/with-postgres.sh ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)" \
  2>&1 | tee test-artifacts/ctest.log
ctest_rc=${PIPESTATUS[0]}
wait "$web_pid"
web_rc=$?
cat test-artifacts/web.log
[ "$web_rc" -eq 124 ] && echo "browser tests: stopped after ${WEB_TIMEOUT:-2400} s (WEB_TIMEOUT)"
if wait "$fuzz_build_pid"; then
  scripts/fuzz.sh smoke 2>&1 | tee test-artifacts/fuzz.log
  fuzz_rc=${PIPESTATUS[0]}
else
  fuzz_rc=1
  tail -n 60 test-artifacts/fuzz-build.log | tee test-artifacts/fuzz.log
  echo "fuzz: the build failed (whole log in test-artifacts/fuzz-build.log)"
fi
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
