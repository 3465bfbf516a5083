#!/usr/bin/env bash
# Sets everything up on a fresh Debian 12 machine and runs huiqi's main job: `huiqi serve` on the
# default database (the bundled Liaoyang list is imported on first start).
# Extra arguments go to `huiqi serve`, e.g. scripts/run.sh --port 9090
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target huiqi
exec build/huiqi serve "$@"
