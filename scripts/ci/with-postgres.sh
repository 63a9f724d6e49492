#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server, then tears the server down.
#
#   scripts/ci/with-postgres.sh swift test --filter AttacheStoreTests
#   scripts/ci/with-postgres.sh --standby swift test          # every Swift test, as the test command runs them
#
# Starts PostgreSQL (default /usr/lib/postgresql/15/bin, override with PG_BIN) in a fresh mktemp directory,
# listening on a free port of 127.0.0.1 with its unix socket in that directory, creates database `attache_test`
# and runs the command with:
#   ATTACHE_TEST_POSTGRES_URL  postgres://postgres@127.0.0.1:PORT/attache_test
#   ATTACHE_TEST_POSTGRES_CTL  a script for tests that take a server down and back: `new NAME` starts a server
#                              of the test's own and prints its URL, `stop NAME` / `start NAME` stop and restart
#                              it (without NAME: the shared server, which no test should stop; see below)
# The server refuses to run as root, so under root it runs as the `postgres` OS user (created if missing).
# It runs with fsync=off, and initdb and pg_basebackup skip their final sync (--no-sync): the server is thrown away
# afterwards, so durability is irrelevant and tests run faster.
#
# With --standby it also starts a streaming hot standby of that server (pg_basebackup -R, on another free port, in
# the same directory) and adds the variables below. The base backup asks for an immediate checkpoint
# (--checkpoint=fast): the default spreads the checkpoint over most of checkpoint_timeout (5 min), and after
# createdb that kept pg_basebackup waiting about 95 s for a few megabytes.
#   ATTACHE_TEST_POSTGRES_STANDBY_URL  postgres://postgres@127.0.0.1:PORT2/attache_test (read-only)
#   ATTACHE_TEST_POSTGRES_STANDBY_CTL  a script taking `stop` or `start` for the standby
# The primary then keeps synchronous_commit on, so a commit is in its WAL before it is acknowledged and the standby
# receives it without waiting for the WAL writer.
# The exit status is the command's; the server and directory are removed on any exit (trap).
set -euo pipefail

standby=0
if [ "${1:-}" = --standby ]; then
    standby=1
    shift
fi
if [ "$#" -eq 0 ]; then
    echo "usage: $0 [--standby] CMD [ARGS...]" >&2
    exit 64
fi

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PG_BIN/initdb" ]; then
    echo "with-postgres: no initdb in $PG_BIN (set PG_BIN)" >&2
    exit 69
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/attache-pg.XXXXXX")
chmod 755 "$dir"

as_server_user=()
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
    chown postgres "$dir"
    as_server_user=(runuser -u postgres --)
fi

# A free TCP port on 127.0.0.1: bind port 0 and read what the kernel chose.

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
common_options="-c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c full_page_writes=off -c max_connections=200"
port=$(free_port)
server_options="$common_options -p $port"
[ "$standby" = 1 ] || server_options="$server_options -c synchronous_commit=off"

cleanup() {
    status=$?
    for cluster in "$dir/data" "$dir/standby" "$dir"/own-*; do
        [ -f "$cluster/postmaster.pid" ] || continue
        (cd "$dir" && "${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$cluster" -m immediate -w stop >/dev/null 2>&1) || true
    done
    rm -rf "$dir"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

(
    cd "$dir"
    "${as_server_user[@]}" "$PG_BIN/initdb" --no-sync -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # The pristine cluster that `ctl.sh new` copies for a test's own server (a copy takes well under initdb's time).
    cp -a "$dir/data" "$dir/template"
    "${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -o "$server_options" -l "$dir/server.log" -w start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    "${as_server_user[@]}" "$PG_BIN/createdb" -h "$dir" -p "$port" -U postgres attache_test
)

# Control script for tests that stop and restart a server. A test that stops a server uses one of its own:
# stopping the shared one cuts every other test's connections (run together, the store suite's restart made
# the PostgreSQL concurrent-ingest bar lose requests). `ctl.sh new NAME` starts such a server (a copy of the
# pristine cluster, with database attache_test) and prints its URL; `ctl.sh stop NAME` and `ctl.sh start NAME`
# stop and restart it. Without NAME, `stop` and `start` act on the shared server.
{
    echo '#!/usr/bin/env bash'
    printf 'dir=%q PG_BIN=%q common_options=%q server_options=%q\n' "$dir" "$PG_BIN" "$common_options" "$server_options"
    printf 'as_server_user=(%s)\n' "${as_server_user[*]}"
    cat <<'CTL'
set -eu
cd "$dir"
usage() { echo "usage: $0 new NAME | stop [NAME] | start [NAME]" >&2; exit 64; }
case "${2-}" in *[!A-Za-z0-9_-]*) usage ;; esac
case "${1-}" in
    new)
        [ -n "${2-}" ] || usage
        cluster="$dir/own-$2"
        [ ! -e "$cluster" ] || { echo "$0: server $2 already exists" >&2; exit 1; }
        cp -a "$dir/template" "$cluster"
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
        echo "$common_options -p $port -c synchronous_commit=off" >"$cluster.options"
        "${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$cluster" -o "$(cat "$cluster.options")" -l "$cluster.log" -w start >/dev/null
        "${as_server_user[@]}" "$PG_BIN/createdb" -h "$dir" -p "$port" -U postgres attache_test
        echo "postgres://postgres@127.0.0.1:$port/attache_test"
        ;;
    stop | start)
        if [ -n "${2-}" ]; then
            cluster="$dir/own-$2" options=$(cat "$dir/own-$2.options") log="$dir/own-$2.log"
        else
            cluster="$dir/data" options=$server_options log="$dir/server.log"
        fi
        if [ "$1" = stop ]; then
            exec "${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$cluster" -m fast -w stop
        fi
        exec "${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$cluster" -o "$options" -l "$log" -w start
        ;;
    *) usage ;;
esac
CTL
} >"$dir/ctl.sh"
chmod 755 "$dir/ctl.sh"

if [ "$standby" = 1 ]; then
    standby_port=$(free_port)
    standby_options="$common_options -p $standby_port -c hot_standby=on"
    (
        cd "$dir"
        "${as_server_user[@]}" "$PG_BIN/pg_basebackup" --checkpoint=fast --no-sync -h 127.0.0.1 -p "$port" -U postgres -D "$dir/standby" -R -X stream \
            >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
        "${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$dir/standby" -o "$standby_options" -l "$dir/standby.log" -w start >/dev/null \
            || { cat "$dir/standby.log" >&2; exit 1; }
    )
    cat >"$dir/standby-ctl.sh" <<CTL
#!/bin/sh
cd "$dir" || exit 1
case "\$1" in
    stop) exec ${as_server_user[*]} "$PG_BIN/pg_ctl" -D "$dir/standby" -m fast -w stop ;;
    start) exec ${as_server_user[*]} "$PG_BIN/pg_ctl" -D "$dir/standby" -o "$standby_options" -l "$dir/standby.log" -w start ;;
    *) echo "usage: \$0 stop|start" >&2; exit 64 ;;
esac
CTL
    chmod 755 "$dir/standby-ctl.sh"
    export ATTACHE_TEST_POSTGRES_STANDBY_URL="postgres://postgres@127.0.0.1:$standby_port/attache_test"
    export ATTACHE_TEST_POSTGRES_STANDBY_CTL="$dir/standby-ctl.sh"
    echo "with-postgres: hot standby on 127.0.0.1:$standby_port" >&2
fi

export ATTACHE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/attache_test"
export ATTACHE_TEST_POSTGRES_CTL="$dir/ctl.sh"
echo "with-postgres: PostgreSQL on 127.0.0.1:$port (data in $dir)" >&2

"$@"
