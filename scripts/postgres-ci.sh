#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, from Debian's packages.
#
#   eval "$(scripts/postgres-ci.sh start)"   # installs if needed, starts, prints the exports
#   scripts/postgres-ci.sh pause | resume    # stop / start the same server (the outage test uses this)
#   scripts/postgres-ci.sh stop              # stop it and delete its files
#
# PostgreSQL refuses to run as root, and CI runs as root: the cluster then belongs to the `postgres`
# user Debian's package creates. It listens on 127.0.0.1 on a free port, its socket in its own folder,
# so it never meets a system cluster. State (data, port, URL) lives in $ENKASH_PG_HOME.
set -euo pipefail

HOME_DIR=${ENKASH_PG_HOME:-/tmp/enkash-pg-ci}
DATA=$HOME_DIR/data
LOG=$HOME_DIR/server.log
USER_NAME=enkash
DATABASE=enkash_test
PASSWORD=enkash-ci  # a test-only cluster on loopback: not a secret worth hiding

bin_dir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -z "$found" ]]; then
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq postgresql; } >&2
    found=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  echo "$found"
}

as_owner() {  # run a server command as the cluster's owner
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local bin port
  bin=$(bin_dir)
  if [[ -f "$HOME_DIR/port" ]] && as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    port=$(cat "$HOME_DIR/port")  # already running (a second `start`): reuse it
  else
    rm -rf "$HOME_DIR"
    mkdir -p "$HOME_DIR"
    port=$(free_port)
    echo "$port" > "$HOME_DIR/port"
    [[ $(id -u) -eq 0 ]] && chown postgres "$HOME_DIR"
    as_owner "$bin/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$HOME_DIR'
max_connections = 300
CONF
    as_owner "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null
    as_owner "$bin/psql" -h "$HOME_DIR" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" \
      -c "CREATE DATABASE $DATABASE OWNER $USER_NAME" >/dev/null
  fi
  echo "export ENKASH_TEST_POSTGRES_URL=postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$port/$DATABASE"
  echo "export ENKASH_TEST_POSTGRES_CONTROL=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
  echo "export ENKASH_PG_HOME=$HOME_DIR"
}

pause() {
  as_owner "$(bin_dir)/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
}

resume() {
  as_owner "$(bin_dir)/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null
}

stop() {
  if [[ -d "$DATA" ]]; then
    as_owner "$(bin_dir)/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$HOME_DIR"
}

case "${1:-start}" in
  start) start ;;
  pause) pause ;;
  resume) resume ;;
  stop) stop ;;
  *) echo "usage: $0 start|pause|resume|stop" >&2; exit 2 ;;
esac
