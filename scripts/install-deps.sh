#!/usr/bin/env bash
# Installs the Debian 12 packages huiqi needs to build, test and run.
# Usage: scripts/install-deps.sh [--test | --browser]
#   --test     adds what the tests and benchmarks use: a database server, the browser, wrk
#   --browser  adds only what the browser tests use (scripts/e2e.sh)
set -euo pipefail

build_packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libsqlite3-dev sqlite3          # embedded store, and FTS5 as the search peer in benchmarks
  libicu-dev                      # NFKC normalization, GB18030 conversion
  libgumbo-dev                    # HTML table parsing
  libopencc-dev                   # traditional → simplified folding for search
  nlohmann-json3-dev              # JSON in and out
  libssl-dev                      # SHA-256 content hashes
  libcli11-dev                    # command-line parsing
  libpqxx-dev libpq-dev           # the PostgreSQL store
  libcpp-httplib-dev              # the HTTP server (huiqi serve)
  libxlsxwriter-dev               # Excel export (GET /api/v1/export?format=xlsx)
  libgtest-dev libgmock-dev       # unit and integration tests
  libbenchmark-dev                # benchmarks
  clang-format
)
test_packages=(
  postgresql                      # a throwaway server for the PostgreSQL store's tests
  unzip                           # the server tests look inside the XLSX export
  wrk                             # the HTTP load benchmark (bench/load.sh)
)
browser_packages=(
  chromium                        # headless browser tests (driven by playwright-core from npm)
  fonts-wqy-microhei              # a CJK font, so screenshots show the Chinese text
)
# Node.js and npm for the browser tests, unless the machine already has them.
command -v node >/dev/null || browser_packages+=(nodejs)
command -v npm >/dev/null || browser_packages+=(npm)

need=()
case "${1:-}" in
  --test) need=("${build_packages[@]}" "${test_packages[@]}" "${browser_packages[@]}") ;;
  --browser) need=("${browser_packages[@]}") ;;
  "") need=("${build_packages[@]}") ;;
  *) echo "usage: scripts/install-deps.sh [--test | --browser]" >&2; exit 2 ;;
esac

missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
