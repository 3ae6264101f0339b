#!/usr/bin/env bash
# Creates the demo province database once (deterministic: seed 2023).
# About 5 s for 50,000 persons; a failed run leaves nothing behind.
set -euo pipefail
QJY=$1; DB=$2
source "$(dirname "$0")/demo.env"
if [ -f "$DB" ]; then echo "demo: using existing $DB"; exit 0; fi
mkdir -p "$(dirname "$DB")"
rm -f "$DB.tmp" "$DB.tmp.key" "$DB.tmp-wal" "$DB.tmp-shm"
echo "demo: generating the demo province into $DB"
"$QJY" gen --db "$DB.tmp" --persons 50000 --employers 3000 --jobs 8000 --seed 2023 --as-of "$DEMO_AS_OF"
"$QJY" policy gen-facts --db "$DB.tmp" --seed 2023   # internships, start-ups, placements (R11–R13, R18)
"$QJY" services gen-history --db "$DB.tmp" --seed 2023 --from 2023-01-01 --to "$DEMO_AS_OF"   # registrations and services since 2023 (queues, compliance, targets)
"$QJY" gig demo --db "$DB.tmp" --seed 2023 --date "$DEMO_AS_OF"   # gig posts of the week up to the as-of date, free time, bookings; job ads (some flagged for review)
"$QJY" network gen-events --db "$DB.tmp" --seed 2023 --from 2023-05-01 --to "$DEMO_AS_OF"   # recruitment events (some counties miss weeks)
"$QJY" training demo --db "$DB.tmp" --seed 2023 --as-of "$DEMO_AS_OF"   # training providers, courses, enrolments, certificates, subsidies
"$QJY" demo-accounts --db "$DB.tmp"   # demo logins (fixed demo password, printed)
mv "$DB.tmp" "$DB"; mv "$DB.tmp.key" "$DB.key"
