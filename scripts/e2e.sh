#!/usr/bin/env bash
# Browser tests of the web page (tests/e2e): Debian's Chromium driven by playwright-core from
# npm, against the built binary (build/huiqi, or $HUIQI_BINARY). Installs what it needs (chromium,
# nodejs/npm, a CJK font for the screenshots) when missing; never downloads a browser.
# Screenshots go to test-artifacts/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
binary=$(realpath -m "${HUIQI_BINARY:-build/huiqi}")

need=()
[[ -x /usr/bin/chromium ]] || need+=(chromium)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v fc-list >/dev/null && fc-list ':lang=zh' | grep -q . || need+=(fonts-wqy-microhei)
if ((${#need[@]})); then
  echo "== e2e: installing ${need[*]}"
  sudo=
  [[ $(id -u) -eq 0 ]] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

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
