#!/usr/bin/env bash
# Installs what the build and tests need on a fresh Debian 12 machine:
# Debian packages (only those missing) and the npm packages of package.json.
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBS=(
  build-essential cmake ninja-build pkg-config
  libsqlite3-dev libpq-dev postgresql-15            # stores: SQLite embedded, PostgreSQL production
  nlohmann-json3-dev libyaml-cpp-dev                # JSON and YAML parsing
  libboost-dev libboost-system-dev                  # Asio/Beast for the HTTP server
  libspdlog-dev libfmt-dev libcli11-dev             # logging, formatting, command line
  libsodium-dev libssl-dev                          # encryption of personal data, Argon2id, TLS
  libcrack2-dev cracklib-runtime                    # password strength: cracklib and its dictionary
  wamerican                                         # English words for that dictionary (cracklib-small alone lacks e.g. "lowercase")
  libxlsxwriter-dev libzip-dev libpugixml-dev       # XLSX write (xlsxwriter) and read (zip + xml)
  libicu-dev                                        # GBK/GB18030 decoding, Chinese word breaking
  libopencc-dev                                     # OpenCC: traditional -> simplified names in record linkage
  libjemalloc-dev                                   # malloc of build/qjy: import/generator threads, ~25 % less CPU
  libgtest-dev libgmock-dev libbenchmark-dev        # tests and benchmarks
  clang-16 libclang-rt-16-dev                       # fuzz tests (libFuzzer, ASan, UBSan): scripts/fuzz.sh
  chromium fonts-noto-cjk                           # browser tests, and the quarterly report printed to PDF (with Chinese fonts)
  poppler-utils                                     # pdftotext: tests read the quarterly report PDF
  wrk                                               # HTTP load benchmarks
  liblemon-dev                                      # LEMON network simplex: reference for the assignment test and bench only
  libxapian-dev                                     # Xapian: baseline of the job keyword search, in its test and bench only
)
# Node.js may come from another repository (with npm bundled): install
# Debian's only when there is no node at all.
command -v node >/dev/null && command -v npm >/dev/null || DEBS+=(nodejs npm)
missing=()
for p in "${DEBS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages: reinstall only when package.json changed since the last install.
if [ ! -f node_modules/.qjy-stamp ] || [ package.json -nt node_modules/.qjy-stamp ]; then
  echo "deps: installing npm packages"
  npm install --no-audit --no-fund --loglevel=error >/dev/null
  touch node_modules/.qjy-stamp
fi
