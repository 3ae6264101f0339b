#!/usr/bin/env bash
# Serves the demo province: JSON API + web UI on http://127.0.0.1:8080/
# (QJY_PORT / QJY_HOST override). Ctrl+C stops it gracefully.
# The demo data describes the province on $DEMO_AS_OF (scripts/demo.env): the
# server runs as if that day were today (`qjy serve --today`, demo databases
# only; QJY_TODAY overrides), so the demo's jobs, deadlines and queues are
# those of that day, and person–job matching uses it too unless
# QJY_MATCH_DATE says otherwise.
set -euo pipefail
QJY=$1; DB=$2
source "$(dirname "$0")/demo.env"
QJY_TODAY=${QJY_TODAY:-$DEMO_AS_OF}
export QJY_MATCH_DATE=${QJY_MATCH_DATE:-$QJY_TODAY}
# The demo has no unemployment registrations until officers make them: every
# person of the demo is a seeker for matching and the batch run.
export QJY_MATCH_ALL_PERSONS=${QJY_MATCH_ALL_PERSONS:-1}
echo "demo: 演示数据基准日 $DEMO_AS_OF；服务器按 $QJY_TODAY 为今天运行（--today，可用 QJY_TODAY 改），人岗匹配按 $QJY_MATCH_DATE 计算在招岗位"
exec "$QJY" serve --db "$DB" --port "${QJY_PORT:-8080}" --host "${QJY_HOST:-127.0.0.1}" --today "$QJY_TODAY"
