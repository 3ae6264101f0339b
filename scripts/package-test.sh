#!/usr/bin/env bash
# The Debian package, end to end without root: cpack builds it from BUILD,
# dpkg-deb unpacks it into a scratch root, and the unpacked /usr/bin/qjy —
# run from outside the source tree — must find its files under the scratch
# root's /usr/share/qianjiuye, generate a small province, and serve the web
# pages and the API (policy parameters, indicators) from there.
# Usage: scripts/package-test.sh BUILD   (ctest: package_install)
set -euo pipefail
BUILD=$(cd "${1:?usage: package-test.sh BUILD}" && pwd)
SRC=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/qjy-package.XXXXXX)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
fail() { echo "package-test: FAIL: $*" >&2; [ -f "$WORK/serve.log" ] && tail -20 "$WORK/serve.log" >&2; exit 1; }

(cd "$BUILD" && cpack -G DEB -B "$WORK/out" >"$WORK/cpack.log" 2>&1) || { cat "$WORK/cpack.log" >&2; fail "cpack"; }
DEB=$(ls "$WORK"/out/qianjiuye_*.deb)
echo "package-test: $(basename "$DEB") ($(du -k "$DEB" | cut -f1) KiB)"

# The control part: dependencies from the linked libraries, the service's
# files as conffiles, maintainer scripts.
# (Outputs are captured before grep -q: under pipefail an early grep exit
# would turn the writer's SIGPIPE into a false result.)
DEPENDS=$(dpkg-deb -f "$DEB" Depends)
grep -q "libsqlite3" <<<"$DEPENDS" || fail "Depends lacks libsqlite3: $DEPENDS"
grep -q "libpq5" <<<"$DEPENDS" || fail "Depends lacks libpq5: $DEPENDS"
CONTROL=$(dpkg-deb --ctrl-tarfile "$DEB" | tar -t)
grep -q "postinst" <<<"$CONTROL" || fail "no postinst"
CONFFILES=$(dpkg-deb --ctrl-tarfile "$DEB" | tar -xO ./conffiles)
grep -qx "/etc/qianjiuye/qjy.yaml" <<<"$CONFFILES" || fail "qjy.yaml is not a conffile"

ROOT="$WORK/root"
dpkg-deb -x "$DEB" "$ROOT"
for f in usr/bin/qjy lib/systemd/system/qianjiuye.service lib/systemd/system/qianjiuye-analyze.timer \
         lib/systemd/system/qianjiuye-analyze.service etc/qianjiuye/qjy.yaml etc/default/qianjiuye \
         usr/share/qianjiuye/policy/params usr/share/qianjiuye/web/index.html \
         usr/share/qianjiuye/web/vendor/echarts.min.js usr/share/qianjiuye/refdata/regions.csv; do
  [ -e "$ROOT/$f" ] || fail "missing /$f"
done
grep -q "^User=qianjiuye" "$ROOT/lib/systemd/system/qianjiuye.service" || fail "the unit does not run as its own user"
grep -q "^ExecStart=/usr/bin/qjy db analyze" "$ROOT/lib/systemd/system/qianjiuye-analyze.service" \
  || fail "the analyze unit does not run qjy db analyze"
# No path of the build machine is compiled into the installed binary.
STRINGS=$(strings "$ROOT/usr/bin/qjy")
if grep -qF "$SRC" <<<"$STRINGS"; then fail "the binary names the source tree $SRC"; fi

QJY="$ROOT/usr/bin/qjy"
cd "$WORK"   # away from the source tree
unset QJY_HOME QJY_REFDATA QJY_POLICY_PARAMS
VERSION=$("$QJY" version)
grep -qF "数据目录：$ROOT/usr/share/qianjiuye" <<<"$VERSION" || fail "data root: $VERSION"
"$QJY" gen --db demo.db --persons 1000 --employers 50 --jobs 100 --seed 2023 >"$WORK/gen.log" 2>&1 || { cat "$WORK/gen.log" >&2; fail "gen"; }
"$QJY" demo-accounts --db demo.db >/dev/null
# What the daily timer runs, from the installed tree (SQLite: PRAGMA optimize).
"$QJY" db analyze --db demo.db | grep -q "PRAGMA optimize" || fail "qjy db analyze"

# A port below the kernel's ephemeral range (ip_local_port_range, 32768 up
# on Debian): there a client socket of a test running beside this one can
# hold a port nothing listens on, and the bind fails although the probe saw
# it free. A start that still loses the port to another listener is tried
# again on another port.
SERVER=""
for _ in 1 2 3 4 5 6 7 8; do
  PORT=$((20000 + RANDOM % 12000))
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && continue
  "$QJY" serve --config "$ROOT/etc/qianjiuye/qjy.yaml" --db demo.db --port "$PORT" \
    --work-dir "$WORK/uploads" >"$WORK/serve.log" 2>&1 &
  SERVER=$!
  BASE="http://127.0.0.1:$PORT"
  for _ in $(seq 1 100); do
    curl -fs -o /dev/null "$BASE/index.html" && break
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.2
  done
  kill -0 "$SERVER" 2>/dev/null && break
  grep -q "Address already in use" "$WORK/serve.log" || { cat "$WORK/serve.log" >&2; fail "qjy serve exited"; }
  SERVER=""
done
[ -n "$SERVER" ] || fail "no free port"
INDEX=$(curl -fs "$BASE/index.html") || fail "index.html"
grep -q "黔就业" <<<"$INDEX" || fail "index.html does not say 黔就业"
curl -fs -o /dev/null "$BASE/vendor/echarts.min.js" || fail "vendor/echarts.min.js"
JAR="$WORK/cookies"
curl -fs -c "$JAR" -H 'Content-Type: application/json' \
  -d '{"username":"prov_officer","password":"Qjy-Demo-2023!"}' "$BASE/api/login" >/dev/null || fail "login"
get() { curl -fs -b "$JAR" "$BASE$1"; }
expect() {  # expect PATH TEXT
  local body
  body=$(get "$1") || fail "GET $1"
  grep -qF "$2" <<<"$body" || fail "GET $1 lacks $2"
}
expect /api/policy/params "黔府发"
expect /api/monitor/indicators '"indicators"'
expect /api/stats '"persons"'
echo "package-test: installed tree serves the platform from $ROOT/usr/share/qianjiuye"
