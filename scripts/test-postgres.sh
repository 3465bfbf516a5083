#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server for tests and prints its URL (database huiqi_test) on
# stdout; everything else goes to stderr. Stop it, deleting all its data, with the URL or the
# directory named on stderr:
#   url=$(scripts/test-postgres.sh)
#   trap 'scripts/test-postgres.sh stop "$url"' EXIT
#   HUIQI_TEST_POSTGRES_URL=$url HUIQI_REQUIRE_POSTGRES=1 build/tests/huiqi_store_tests
# Listens on 127.0.0.1 only (first free port from 54329), trust authentication, no fsync: for
# tests, never for data. As root the server runs as the postgres user.
set -euo pipefail

pg_bin=${HUIQI_PG_BIN:-/usr/lib/postgresql/15/bin}
first_port=54329
last_port=54428

as_postgres=()
if [[ $(id -u) -eq 0 ]]; then as_postgres=(runuser -u postgres --); fi

die() {
  echo "test-postgres: $*" >&2
  exit 1
}

# The directory of a server started by this script, from that directory or from its URL.
server_dir() {
  local target=$1
  if [[ $target == postgres*://* ]]; then
    local port=${target##*:}
    port=${port%%/*}
    [[ $port =~ ^[0-9]+$ ]] || die "no port in $target"
    for pid_file in /tmp/huiqi-pg.*/data/postmaster.pid; do
      [[ -f $pid_file ]] || continue
      if [[ $(sed -n 4p "$pid_file") == "$port" ]]; then
        dirname "$(dirname "$pid_file")"
        return
      fi
    done
    die "no server started by this script listens on port $port"
  fi
  echo "$target"
}

stop_server() {
  local dir
  dir=$(server_dir "$1")
  # Only ever delete what start made.
  [[ $dir == /tmp/huiqi-pg.* && $dir != */../* && -d $dir ]] ||
    die "$dir is not a server directory made by this script"
  if [[ -f $dir/data/postmaster.pid ]]; then
    (cd / && "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop) >&2 || true
  fi
  rm -rf -- "$dir"
}

start_server() {
  [[ -x $pg_bin/initdb ]] || die "$pg_bin/initdb not found: run scripts/install-deps.sh --test"
  dir=$(mktemp -d /tmp/huiqi-pg.XXXXXX)
  # Whatever fails from here on leaves nothing behind, not even a running server.
  trap 'stop_server "$dir"' EXIT
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
  cd /  # the postgres user may not be able to read the caller's directory

  "${as_postgres[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }

  local port
  for ((port = first_port; port <= last_port; port++)); do
    # Something already answers there: not ours to use.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir \
-c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >&2; then
      break
    fi
    # Lost a race for the port to another process: try the next one; fail on anything else.
    grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null ||
      { cat "$dir/server.log" >&2; die "the server did not start"; }
    : >"$dir/server.log"
  done
  ((port <= last_port)) || die "no free port in $first_port-$last_port"

  local tries
  for ((tries = 0; tries < 60; tries++)); do
    "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" || {
    cat "$dir/server.log" >&2
    die "the server does not accept connections"
  }
  "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres huiqi_test >&2

  trap - EXIT
  echo "test-postgres: server in $dir; stop with: $0 stop $dir" >&2
  echo "postgresql://postgres@127.0.0.1:$port/huiqi_test"
}

case "${1:-start}" in
  start) start_server ;;
  stop)
    [[ $# -eq 2 ]] || die "usage: $0 stop DIR|URL"
    stop_server "$2"
    ;;
  *) die "usage: $0 [start] | $0 stop DIR|URL" ;;
esac
