#!/usr/bin/env bash
# The streamed sweep (qjy policy sweep, the default: passes of counties, LoadCountiesWorld)
# against the in-memory sweep (qjy policy sweep --in-memory: LoadWorld) on
# the same generated province, in the same run: wall seconds, CPU seconds
# (user + sys) and peak RSS from /usr/bin/time -v, and the entitlement
# count, which must be equal. Each run sweeps a fresh copy of the generated
# database (a sweep writes the review list). Prints one line per run and a
# table of medians with the streamed/in-memory ratios.
#
#   bench/sweep_stream.sh [BUILD_DIR]
#
# Knobs: SWEEP_PERSONS (300000), SWEEP_EMPLOYERS (persons/20), SWEEP_JOBS
# (persons/10), SWEEP_RUNS (3), SWEEP_DATE (2025-06-30), SWEEP_THREADS (2),
# BENCH_DIR (var/bench), SWEEP_BUDGET (--stream-budget: persons a pass;
# unset: the program's default); SWEEP_DB=path reuses a generated database;
# SWEEP_BEFORE=path/to/another/qjy adds its streamed sweep to each run
# ("streamed_before": an earlier build, for a before/after in one run).
# SWEEP_BUDGETS="150000 15000 3750" runs one streamed sweep per budget in
# each run (modes streamed_150000, ...), alternating with the whole load;
# each line also gives the peak RSS before fund supervision's screen (which
# maps the database file: its pages count as resident) and the passes.
set -euo pipefail
build=${1:-build}
qjy=$(realpath "$build/qjy")
persons=${SWEEP_PERSONS:-300000}
employers=${SWEEP_EMPLOYERS:-$((persons / 20))}
jobs=${SWEEP_JOBS:-$((persons / 10))}
runs=${SWEEP_RUNS:-3}
date=${SWEEP_DATE:-2025-06-30}
threads=${SWEEP_THREADS:-2}
dir=${BENCH_DIR:-var/bench}/sweep_stream
mkdir -p "$dir"
db=${SWEEP_DB:-$dir/province.db}
if [[ ! -f $db ]]; then
  echo "generating $persons persons, $employers employers into $db" >&2
  nice "$qjy" gen --db "$db" --persons "$persons" --employers "$employers" --jobs "$jobs" --quiet >&2
  nice "$qjy" policy gen-facts --db "$db" >&2
fi
key=$db.key  # qjy gen keeps the key next to the database

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
results=$dir/results.tsv
: > "$results"
for ((r = 1; r <= runs; r++)); do
  modes=(in_memory streamed)
  [[ -n ${SWEEP_BEFORE:-} ]] && modes=(streamed_before in_memory streamed)
  if [[ -n ${SWEEP_BUDGETS:-} ]]; then
    modes=(in_memory)
    for b in $SWEEP_BUDGETS; do modes+=("streamed_$b"); done
  fi
  for mode in "${modes[@]}"; do
    copy=$dir/run.db
    rm -f "$copy" "$copy-wal" "$copy-shm"
    cp "$db" "$copy"
    cp "$key" "$copy.key"
    [[ -f $db-wal ]] && cp "$db-wal" "$copy-wal"
    # Streamed is the default mode (no flag: --stream crashed at exit,
    # after its output, in binaries before 2026-12-06).
    flag=(); [[ $mode == in_memory ]] && flag=(--in-memory)
    [[ $mode == streamed && -n ${SWEEP_BUDGET:-} ]] && flag+=(--stream-budget "$SWEEP_BUDGET")
    [[ $mode == streamed_[0-9]* ]] && flag+=(--stream-budget "${mode#streamed_}")
    bin=$qjy; [[ $mode == streamed_before ]] && bin=$(realpath "$SWEEP_BEFORE")
    out=$dir/$mode.json
    nice /usr/bin/time -v "$bin" policy sweep --db "$copy" --date "$date" --threads "$threads" --json "${flag[@]}" \
      > "$out" 2> "$dir/$mode.time" || { echo "$mode run $r: exit $?" >&2; tail -3 "$dir/$mode.time" >&2; exit 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$dir/$mode.time")
    cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$dir/$mode.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2 / 1024}' "$dir/$mode.time")
    read -r n pre passes < <(python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); print(d["entitlements"], d.get("peak_rss_kb_before_screen", 0) / 1024, d.get("passes", 0))' "$out")
    load=$(cut -d' ' -f1 /proc/loadavg)
    cp "$out" "$dir/$mode.$r.json"
    printf '%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$r" "$wall" "$cpu" "$rss" "$n" "$load" "$pre" "$passes" | tee -a "$results"
  done
done
rm -f "$dir/run.db" "$dir/run.db-wal" "$dir/run.db-shm" "$dir/run.db.key"
python3 - "$results" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
m = {}
for mode, _, wall, cpu, rss, n, load, pre, passes in rows:
    d = m.setdefault(mode, {"wall": [], "cpu": [], "rss": [], "n": set(), "load": [], "pre": [], "passes": passes})
    d["wall"].append(float(wall)); d["cpu"].append(float(cpu)); d["rss"].append(float(rss))
    d["n"].add(int(n)); d["load"].append(float(load)); d["pre"].append(float(pre))
print("| sweep | passes | wall s (median) | wall / whole | CPU s (median) | CPU / whole | peak RSS MB (median) | before the screen MB | entitlements | load avg |")
print("|---|---|---|---|---|---|---|---|---|---|")
whole = statistics.median(m["in_memory"]["cpu"])
whole_wall = statistics.median(m["in_memory"]["wall"])
for mode in ["streamed_before", "in_memory", "streamed"] + [k for k in m if k.startswith("streamed_")]:
    if mode not in m: continue
    d = m[mode]
    print(f"| {mode} | {d['passes']} | {statistics.median(d['wall']):.1f} | {statistics.median(d['wall']) / whole_wall:.2f}× | {statistics.median(d['cpu']):.1f} | "
          f"{statistics.median(d['cpu']) / whole:.2f}× | {statistics.median(d['rss']):.0f} | {statistics.median(d['pre']):.0f} | "
          f"{','.join(map(str, sorted(d['n'])))} | {min(d['load']):.1f}–{max(d['load']):.1f} |")
if any(set(d["n"]) != set(m["in_memory"]["n"]) for d in m.values()):
    print("ENTITLEMENT COUNTS DIFFER"); sys.exit(1)
if "streamed" not in m: sys.exit(0)
a, b = m["in_memory"], m["streamed"]
print(f"ratio streamed/in-memory: wall {statistics.median(b['wall']) / statistics.median(a['wall']):.2f}×, "
      f"CPU {statistics.median(b['cpu']) / statistics.median(a['cpu']):.2f}×, "
      f"peak RSS {statistics.median(b['rss']) / statistics.median(a['rss']):.2f}×")
if "streamed_before" in m:
    c = m["streamed_before"]
    print(f"ratio streamed before/in-memory: wall {statistics.median(c['wall']) / statistics.median(a['wall']):.2f}×, "
          f"CPU {statistics.median(c['cpu']) / statistics.median(a['cpu']):.2f}×")
if a["n"] != b["n"] or ("streamed_before" in m and m["streamed_before"]["n"] != a["n"]):
    print("ENTITLEMENT COUNTS DIFFER", a["n"], b["n"]); sys.exit(1)
EOF
