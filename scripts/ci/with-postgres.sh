#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server, then tears the server down.
#
#   scripts/ci/with-postgres.sh swift test --filter AttacheStoreTests
#
# Starts PostgreSQL (default /usr/lib/postgresql/15/bin, override with PG_BIN) in a fresh mktemp directory,
# listening on a free port of 127.0.0.1 with its unix socket in that directory, creates database `attache_test`
# and runs the command with:
#   ATTACHE_TEST_POSTGRES_URL  postgres://postgres@127.0.0.1:PORT/attache_test
#   ATTACHE_TEST_POSTGRES_CTL  a script taking `stop` or `start`, so tests can take the server down and back
# The server refuses to run as root, so under root it runs as the `postgres` OS user (created if missing).
# It runs with fsync=off: it is thrown away afterwards, so durability is irrelevant and tests run faster.
# The exit status is the command's; the server and directory are removed on any exit (trap).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
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
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

server_options="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"

cleanup() {
    status=$?
    (cd "$dir" && "${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1) || true
    rm -rf "$dir"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

(
    cd "$dir"
    "${as_server_user[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    "${as_server_user[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -o "$server_options" -l "$dir/server.log" -w start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    "${as_server_user[@]}" "$PG_BIN/createdb" -h "$dir" -p "$port" -U postgres attache_test
)

# Control script for tests that stop and restart the server.
cat >"$dir/ctl.sh" <<CTL
#!/bin/sh
cd "$dir" || exit 1
case "\$1" in
    stop) exec ${as_server_user[*]} "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop ;;
    start) exec ${as_server_user[*]} "$PG_BIN/pg_ctl" -D "$dir/data" -o "$server_options" -l "$dir/server.log" -w start ;;
    *) echo "usage: \$0 stop|start" >&2; exit 64 ;;
esac
CTL
chmod 755 "$dir/ctl.sh"

export ATTACHE_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/attache_test"
export ATTACHE_TEST_POSTGRES_CTL="$dir/ctl.sh"
echo "with-postgres: PostgreSQL on 127.0.0.1:$port (data in $dir)" >&2

"$@"
