#!/usr/bin/env bash
# A throwaway PostgreSQL for tests: `start` prints `export DATABASE_URL=...` on stdout (everything else goes
# to stderr), `stop` shuts it down and removes its folder.
#
#   eval "$(bash packages/server/scripts/test-postgres.sh start)"
#   pnpm test
#   bash packages/server/scripts/test-postgres.sh stop
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
# The state file says where the running cluster lives. Each checkout has its own (named after the checkout's
# folder), so two clones on one machine never share or stop each other's cluster; override it with
# CONFIDE_TEST_POSTGRES_STATE. `start` while this checkout's cluster runs prints its DATABASE_URL again.
set -euo pipefail

CHECKOUT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd -P)"
CHECKOUT_ID="$(printf '%s' "$CHECKOUT" | cksum | cut -d ' ' -f 1)"
STATE_FILE="${CONFIDE_TEST_POSTGRES_STATE:-${TMPDIR:-/tmp}/confide-test-postgres-$CHECKOUT_ID.state}"
DATABASE_NAME="confide_test"

log() { echo "test-postgres: $*" >&2; }

find_bin_dir() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    # The PATH entries may be symlinks into the real folder, which also holds psql.
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

ensure_bin_dir() {
  local found
  if found="$(find_bin_dir)"; then
    echo "$found"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "initdb/pg_ctl not found and not root: install PostgreSQL (the 'postgresql' package) first"
    return 1
  fi
  log "installing PostgreSQL with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  find_bin_dir
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local port attempt
  for attempt in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if port_is_free "$port"; then
      echo "$port"
      return 0
    fi
  done
  log "no free port found"
  return 1
}

start() {
  if [ -f "$STATE_FILE" ]; then
    local old_folder old_bin old_port
    old_folder="$(sed -n 's/^folder=//p' "$STATE_FILE")"
    old_bin="$(sed -n 's/^bin_dir=//p' "$STATE_FILE")"
    old_port="$(sed -n 's/^port=//p' "$STATE_FILE")"
    if [ -d "$old_folder/data" ] && as_owner "$old_bin/pg_ctl" -D "$old_folder/data" status >/dev/null 2>&1; then
      # Printing nothing here left the caller without DATABASE_URL, and the store suites skipped unseen.
      log "already running on 127.0.0.1:$old_port (state in $STATE_FILE); reusing it"
      echo "export DATABASE_URL='postgres://postgres@127.0.0.1:$old_port/$DATABASE_NAME'"
      return 0
    fi
    # A run that died without 'stop' left its state behind: clean it up and start afresh.
    log "removing the stale state of a run that was not stopped"
    rm -rf "$old_folder"
    rm -f "$STATE_FILE"
  fi
  local bin_dir folder port
  bin_dir="$(ensure_bin_dir)"
  folder="$(mktemp -d "${TMPDIR:-/tmp}/confide-postgres.XXXXXX")"
  chmod 755 "$folder"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$folder"
  fi
  as_owner "$bin_dir/initdb" -D "$folder/data" -A trust -U postgres --no-sync >"$folder/initdb.log" 2>&1 || {
    cat "$folder/initdb.log" >&2
    return 1
  }
  local attempt
  for attempt in 1 2 3; do
    port="$(pick_port)"
    # fsync off: the data is thrown away after the run, and it makes the tests faster.
    if as_owner "$bin_dir/pg_ctl" -D "$folder/data" -l "$folder/postgres.log" -w -t 30 \
      -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2; then
      printf 'folder=%s\nbin_dir=%s\nport=%s\n' "$folder" "$bin_dir" "$port" >"$STATE_FILE"
      as_owner "$bin_dir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE DATABASE $DATABASE_NAME" >&2
      log "PostgreSQL on 127.0.0.1:$port (folder $folder)"
      echo "export DATABASE_URL='postgres://postgres@127.0.0.1:$port/$DATABASE_NAME'"
      return 0
    fi
    log "start on port $port failed, retrying"
    tail -n 5 "$folder/postgres.log" >&2 || true
  done
  return 1
}

stop() {
  if [ ! -f "$STATE_FILE" ]; then
    log "not running"
    return 0
  fi
  local folder bin_dir
  folder="$(sed -n 's/^folder=//p' "$STATE_FILE")"
  bin_dir="$(sed -n 's/^bin_dir=//p' "$STATE_FILE")"
  as_owner "$bin_dir/pg_ctl" -D "$folder/data" -m fast -w stop >&2 || true
  rm -rf "$folder"
  rm -f "$STATE_FILE"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
