#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs every test: the release build with
# warnings as errors and the AddressSanitizer + UndefinedBehaviorSanitizer build, each against
# SQLite and a throwaway PostgreSQL server, the browser tests of the web page in headless
# Chromium, the search tests under ThreadSanitizer, and the formatting check.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test

jobs=$(nproc)

echo "== PostgreSQL for the store contract tests"
pg_url=$(scripts/test-postgres.sh)
trap 'scripts/test-postgres.sh stop "$pg_url" || true' EXIT
export HUIQI_TEST_POSTGRES_URL=$pg_url HUIQI_REQUIRE_POSTGRES=1

echo "== release build (warnings are errors)"
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs"
ctest --preset ci -j "$jobs"

echo "== browser tests (headless Chromium) against the release binary"
HUIQI_BINARY=build/huiqi scripts/e2e.sh

echo "== sanitizer build (ASan + UBSan)"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

echo "== thread sanitizer: the search tests (a query may run on two threads)"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs"
TSAN_OPTIONS=halt_on_error=1 build-tsan/tests/huiqi_search_tests --gtest_brief=1

echo "== formatting"
git ls-files -z '*.cc' '*.h' | xargs -0 clang-format --dry-run --Werror
echo "formatting: ok"
