#!/usr/bin/env bash
# HTTP load benchmark: `huiqi serve` on a throwaway database (the bundled Liaoyang list) on
# 127.0.0.1, driven by wrk over loopback only, then stopped with SIGTERM.
#
# Usage: bench/load.sh [BUILD_DIR]     (default: build; needs BUILD_DIR/huiqi and wrk)
# Environment: DURATION (default 10s), THREADS (wrk threads, default 1), SERVER_THREADS (the
# server's --threads, default: its own), WRK_CPUS and SERVER_CPUS (taskset CPU lists; default:
# wrk on the last CPU, the server anywhere; WRK_CPUS=any for no pinning). One wrk thread on a
# core of its own keeps the load generator's own scheduling out of the latencies it reports.
#
# Runs, each after a short warm-up:
#   search   GET /api/v1/policies?q=房租            (a typical query: 10 hits, highlights, facets)
#   item     GET /api/v1/policies/liaoyang-2023-07-31/58   (one item with facts)
#   health   GET /healthz                           (the server's own cost, nearly no work)
# at 64 connections, and the search again at 256 connections. Prints requests/s and latency
# percentiles (wrk --latency) as a Markdown table, the exact wrk commands above it.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${1:-build}
duration=${DURATION:-10s}
wrk_threads=${THREADS:-1}
cpus=$(nproc)
default_wrk_cpus=any
((cpus > 1)) && default_wrk_cpus=$((cpus - 1))
WRK_CPUS=${WRK_CPUS:-$default_wrk_cpus}
[[ $WRK_CPUS == any ]] && WRK_CPUS=
huiqi=$build/huiqi
[[ -x $huiqi ]] || { echo "load.sh: $huiqi not found: build it first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "load.sh: wrk not found: scripts/install-deps.sh" >&2; exit 1; }

work=$(mktemp -d /tmp/huiqi-load.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf -- "$work"
}
trap cleanup EXIT

# A free port: ask the kernel for one (bash cannot bind), else probe from 18000.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || true)
if [[ -z $port ]]; then
  for ((port = 18000; port < 18100; port++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
fi

server_args=(serve --db "$work/huiqi.db" --bind 127.0.0.1 --port "$port")
[[ -n ${SERVER_THREADS:-} ]] && server_args+=(--threads "$SERVER_THREADS")
# The access log (one line per request) goes to a file, as it would in production.
: >"$work/serve.out"
server_pin=()
wrk_pin=()
[[ -n ${SERVER_CPUS:-} ]] && server_pin=(taskset -c "$SERVER_CPUS")
[[ -n ${WRK_CPUS:-} ]] && wrk_pin=(taskset -c "$WRK_CPUS")
"${server_pin[@]}" "$huiqi" "${server_args[@]}" >"$work/serve.out" 2>"$work/access.log" &
server_pid=$!

base="http://127.0.0.1:$port"
# Listening once it has printed its URL (the first start imports the bundled list).
for ((i = 0; i < 1200; i++)); do
  grep -qs 'http://' "$work/serve.out" && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/access.log" >&2; exit 1; }
  sleep 0.1
done
grep -q 'http://' "$work/serve.out" || { echo "load.sh: the server did not start" >&2; exit 1; }

search="$base/api/v1/policies?q=%E6%88%BF%E7%A7%9F"  # 房租
item="$base/api/v1/policies/liaoyang-2023-07-31/58"
health="$base/healthz"

grep -m1 'http://' "$work/serve.out"
echo "machine: $(nproc) cores, $(uname -sr); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server CPUs: ${SERVER_CPUS:-any}; wrk CPUs: ${WRK_CPUS:-any}, $wrk_threads threads"
echo

# run NAME CONNECTIONS URL: one wrk run, one table row.
rows=()
run() {
  local name=$1 connections=$2 url=$3
  "${wrk_pin[@]}" wrk -t"$wrk_threads" -c"$connections" -d2s "$url" >/dev/null  # warm-up
  local cmd=("${wrk_pin[@]}" wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "$url")
  echo "\$ ${cmd[*]}"
  local out
  out=$("${cmd[@]}")
  echo "$out" | sed 's/^/    /'
  local rps p50 p90 p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p90=$(awk '$1 == "90%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {sub(/^ +/, ""); printf "%s; ", $0}' <<<"$out")
  rows+=("| $name | $connections | ${rps%.*} | $p50 | $p90 | $p99 | ${errors:-none} |")
}

run search 64 "$search"
run item 64 "$item"
run health 64 "$health"
run search 256 "$search"

echo
echo "| request | connections | requests/s | p50 | p90 | p99 | errors |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"

kill -TERM "$server_pid"
if wait "$server_pid"; then
  echo
  echo "server stopped cleanly (exit 0) after $(wc -l <"$work/access.log") access-log lines"
else
  echo "load.sh: the server did not exit cleanly" >&2
  exit 1
fi
server_pid=""
