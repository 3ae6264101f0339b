#!/usr/bin/env bash
# Fund supervision's added time on a sweep (issue #17 §1, target ≤ 10 s on a
# 20 M-person province): generates a province of PERSONS persons, then runs
# `qjy policy sweep --json` three times, each on a fresh copy of the
# database (so each run proposes and screens the same entitlements), and
# reports the median of the whole sweep, of the cross-checks alone
# (`supervision.seconds`) and their ratio.
#   bench/supervision_bench.sh build/qjy 200000 [DATE]
set -euo pipefail
QJY=$1; PERSONS=${2:-200000}; DATE=${3:-2025-06-30}
WORK=$(mktemp -d /tmp/qjy-sup-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$QJY" gen --db "$WORK/base.db" --persons "$PERSONS" --employers $((PERSONS / 20)) --jobs $((PERSONS / 50)) \
  --seed 2023 --as-of "$DATE" > /dev/null
"$QJY" policy gen-facts --db "$WORK/base.db" --seed 2023 > /dev/null
for i in 1 2 3; do
  cp "$WORK/base.db" "$WORK/run.db"; cp "$WORK/base.db.key" "$WORK/run.db.key" 2>/dev/null || true
  "$QJY" policy sweep --db "$WORK/run.db" --date "$DATE" --json > "$WORK/run$i.json"
  rm -f "$WORK"/run.db*
done
python3 - "$WORK" "$PERSONS" <<'PY'
import json, statistics, sys
work, persons = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(f"{work}/run{i}.json")) for i in (1, 2, 3)]
total = statistics.median(r["total_seconds"] for r in runs)
sup = statistics.median(r["supervision"]["seconds"] for r in runs)
ents = runs[0]["entitlements"]
print(f"persons {persons}, entitlements {ents}, screened {runs[0]['supervision']['screened']}, "
      f"held {runs[0]['supervision']['held']}")
print(f"sweep with cross-checks {total:.2f} s, without {total - sup:.2f} s, cross-checks {sup:.2f} s "
      f"(median of 3), ratio {total / (total - sup):.3f}")
print(f"linear extrapolation to 20,000,000 persons: {sup * 20_000_000 / persons:.1f} s added")
PY
