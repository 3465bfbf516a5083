#!/usr/bin/env bash
# Browser tests of the web page (tests/e2e): Debian's Chromium driven by playwright-core from
# npm, against the built binary (build/huiqi, or $HUIQI_BINARY). Installs what it needs
# (scripts/install-deps.sh --browser: chromium, a CJK font, Node.js and npm when missing) and
# playwright-core with npm; never downloads a browser.
# Screenshots go to test-artifacts/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
binary=$(realpath -m "${HUIQI_BINARY:-build/huiqi}")

scripts/install-deps.sh --browser

if [[ ! -x $binary ]]; then
  echo "e2e: no huiqi binary at $binary; build it first (cmake --build --preset default --target huiqi)" >&2
  exit 1
fi

echo "== e2e: $(node --version), $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
cd tests/e2e
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$root/test-artifacts"
HUIQI_BINARY=$binary node --test --test-reporter=spec ./*.test.mjs
echo "e2e: screenshots in test-artifacts/"
