#!/usr/bin/env bash
# The libFuzzer harnesses of tests/fuzz (clang-16, ASan + UBSan), built in
# their own tree (default build-fuzz) beside the GCC build.
#
#   scripts/fuzz.sh build              only build the harnesses (scripts/test.sh starts
#                                      this beside the other suites, at nice FUZZ_NICE)
#   scripts/fuzz.sh smoke              build, then each target over its seed corpus
#                                      plus FUZZ_SMOKE_SECONDS (10) of new inputs (ctest -L fuzz)
#   scripts/fuzz.sh run SECONDS [T..]  build, then each target (all by default) for SECONDS,
#                                      one at a time, keeping what it finds in
#                                      build-fuzz/corpus/T; crash inputs go to build-fuzz/crashes/T
#   scripts/fuzz.sh run-cpu SECONDS [T..]  the same, but each target runs until its process
#                                      has used SECONDS of CPU time (not wall time), FUZZ_JOBS
#                                      targets at once: on a machine shared with other work,
#                                      wall time says little about how much fuzzing was done
#   scripts/fuzz.sh --one BIN SEEDS SECONDS   one target (what the smoke tests run)
#
# Exit status non-zero when any target crashes, leaks, hits UB or times out.
# Environment: FUZZ_BUILD (build-fuzz), FUZZ_JOBS (nproc), FUZZ_NICE (10).
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_BUILD=${FUZZ_BUILD:-build-fuzz}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc)}
FUZZ_NICE=${FUZZ_NICE:-10}
TARGETS=(id_credit csv import xlsx json_body policy_params scenario indicator calendar_notice)
# Per input: 25 s (a hang is a finding), 2 GB of memory (a zip bomb is one too).
LIBFUZZER_OPTS=(-timeout=25 -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1)
# Stack traces with file and line (binutils' addr2line: llvm-symbolizer is
# in the llvm-16 package, which nothing else needs).
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v addr2line || true)}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

one() {  # BIN SEEDS SECONDS
  local bin=$1 seeds=$2 seconds=$3 work rc=0
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  nice -n "$FUZZ_NICE" "$bin" "${LIBFUZZER_OPTS[@]}" -max_total_time="$seconds" \
    -artifact_prefix="$work/" "$work" "$seeds" >"$work/log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -n 60 "$work/log"
    local keep
    keep="$(dirname "$bin")/crashes/$(basename "$bin")"
    mkdir -p "$keep"
    cp "$work"/{crash,leak,timeout,oom,slow-unit}-* "$keep/" 2>/dev/null || true
    echo "fuzz: $(basename "$bin") failed (exit $rc); failing input kept in $keep"
    return 1
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log"
}

cpu_seconds_of() {  # PID -> user + system CPU seconds of that process
  local f
  read -ra f </proc/"$1"/stat 2>/dev/null || { echo -1; return; }
  # Fields 14 and 15 (utime, stime) in clock ticks; the command name (field 2)
  # has no spaces here.
  echo $(( (f[13] + f[14]) / $(getconf CLK_TCK) ))
}

one_cpu() {  # TARGET CPU_SECONDS: one target until it has used CPU_SECONDS of CPU
  local t=$1 budget=$2 pid rc=0 used=0 start
  mkdir -p "$FUZZ_BUILD/corpus/$t" "$FUZZ_BUILD/crashes/$t"
  start=$(date +%s)
  nice -n "$FUZZ_NICE" "$FUZZ_BUILD/tests/fuzz/${t}_fuzz" "${LIBFUZZER_OPTS[@]}" \
    -max_total_time=$((budget * 100)) -artifact_prefix="$FUZZ_BUILD/crashes/$t/" \
    "$FUZZ_BUILD/corpus/$t" "tests/fuzz/corpus/$t" >"$FUZZ_BUILD/$t.log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    used=$(cpu_seconds_of "$pid")
    if [ "$used" -ge "$budget" ]; then kill -INT "$pid"; break; fi
    sleep 5
  done
  wait "$pid" || rc=$?
  # libFuzzer exits 72 when interrupted: that is the end of the budget, not a failure.
  if [ "$rc" -eq 72 ] && [ "$used" -ge "$budget" ]; then rc=0; fi
  local execs
  execs=$(grep -oE '^#[0-9]+' "$FUZZ_BUILD/$t.log" | tail -n 1 | tr -d '#')
  echo "fuzz: $t cpu ${used}s wall $(( $(date +%s) - start ))s execs ${execs:-0} exit $rc"
  grep -E '^(==[0-9]+==ERROR|SUMMARY)' "$FUZZ_BUILD/$t.log" || true
  return "$rc"
}

build() {
  if ! command -v clang++-16 >/dev/null; then scripts/deps.sh; fi
  if [ ! -f "$FUZZ_BUILD/build.ninja" ]; then
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    cmake -S . -B "$FUZZ_BUILD" -G Ninja -DQJY_FUZZ=ON \
      -DCMAKE_C_COMPILER=clang-16 -DCMAKE_CXX_COMPILER=clang++-16 \
      -DCMAKE_BUILD_TYPE=None -DCMAKE_C_FLAGS="-O1 -gline-tables-only" \
      -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" \
      "${launcher[@]}" >/dev/null
  fi
  nice -n "$FUZZ_NICE" cmake --build "$FUZZ_BUILD" -j "$FUZZ_JOBS"
}

case "${1:-}" in
  --one)
    one "$2" "$3" "$4" ;;
  build)
    build ;;
  smoke)
    build
    # Each target is one single-threaded libFuzzer process: one per core.
    ctest --test-dir "$FUZZ_BUILD" -L fuzz --output-on-failure -j "$(nproc)" ;;
  run)
    seconds=${2:?usage: scripts/fuzz.sh run SECONDS [TARGET...]}
    shift 2
    (($#)) && TARGETS=("$@")
    build
    failed=()
    for t in "${TARGETS[@]}"; do
      mkdir -p "$FUZZ_BUILD/corpus/$t" "$FUZZ_BUILD/crashes/$t"
      echo "fuzz: $t for ${seconds}s"
      rc=0
      nice -n "$FUZZ_NICE" "$FUZZ_BUILD/tests/fuzz/${t}_fuzz" "${LIBFUZZER_OPTS[@]}" \
        -max_total_time="$seconds" -artifact_prefix="$FUZZ_BUILD/crashes/$t/" \
        "$FUZZ_BUILD/corpus/$t" "tests/fuzz/corpus/$t" >"$FUZZ_BUILD/$t.log" 2>&1 || rc=$?
      grep -E '^(==[0-9]+==ERROR|SUMMARY|Done|stat::number_of_executed_units|stat::average_exec_per_sec)' \
        "$FUZZ_BUILD/$t.log" || true
      [ "$rc" -eq 0 ] || failed+=("$t")
    done
    if ((${#failed[@]})); then
      echo "fuzz: FAILED: ${failed[*]} (inputs in $FUZZ_BUILD/crashes/, logs in $FUZZ_BUILD/*.log)"
      exit 1
    fi
    echo "fuzz: ${#TARGETS[@]} targets, ${seconds}s each, no failure" ;;
  run-cpu)
    seconds=${2:?usage: scripts/fuzz.sh run-cpu SECONDS [TARGET...]}
    shift 2
    (($#)) && TARGETS=("$@")
    build
    export -f one_cpu cpu_seconds_of
    export FUZZ_BUILD FUZZ_NICE
    export LIBFUZZER_OPTS_STR="${LIBFUZZER_OPTS[*]}"
    rc=0
    printf '%s\n' "${TARGETS[@]}" | xargs -P "$FUZZ_JOBS" -I{} bash -c \
      'LIBFUZZER_OPTS=($LIBFUZZER_OPTS_STR); one_cpu "$1" '"$seconds" _ {} || rc=$?
    if [ "$rc" -ne 0 ]; then
      echo "fuzz: FAILED (inputs in $FUZZ_BUILD/crashes/, logs in $FUZZ_BUILD/*.log)"
      exit 1
    fi
    echo "fuzz: ${#TARGETS[@]} targets, ${seconds} CPU seconds each, no failure" ;;
  *)
    sed -n '2,20p' "$0"; exit 2 ;;
esac
