#!/usr/bin/env bash
# Store benchmarks of issue 5 (figures for docs/STORE-BENCHMARKS.md; not timed tests), through the HTTP API of a
# release build of `attache serve`:
#
#   scripts/bench/store-bench.sh [ingest|timeline|scale|all]     (default: all)
#
#   ingest    articles/s of POST /v1/articles with CLIENTS concurrent keep-alive clients (default 8) sending
#             ARTICLES articles (default 2000) generated from the dev corpus, on a fresh store
#   scale     PostgreSQL only: the ingest measurement with 1, 2 and 4 `attache serve` processes on one database
#             (PROCESS_COUNTS, default "1 2 4"), the CLIENTS spread over them; not part of `all`
#   timeline  a store of STORE_ARTICLES articles (default 100000, generated with POST /v1/articles:batch in batches
#             of 500), then GET /v1/entities/{id}/timeline latency p50/p99 for an entity with 10,000 events
#             (see scripts/bench/store_bench.py for how the events get there)
#
# Environment:
#   BACKENDS        "sqlite postgres" (default both; postgres needs PG_BIN/initdb, default /usr/lib/postgresql/15/bin)
#   MAX_LOAD        wait until the 1-minute load average is below this before each measurement (default 1.0)
#   LOAD_WAIT       give up waiting after this many seconds and measure anyway, saying so (default 1800)
#   WORKDIR         where stores and logs go (default a new mktemp directory, kept afterwards for reruns)
#   SKIP_BUILD=1    use the existing .build/release/attache
#   BATCH_CLIENTS   concurrent batch requests while generating the timeline store (default 2 for SQLite, whose one
#                   writer is busy anyway, and 6 for PostgreSQL, where per-row round trips and commit flushes wait)
#   PG_GENERATE_ARTICLES  articles of the PostgreSQL batch-ingest measurement (default 10000)
#   PG_TIMELINE_FROM      copy (default): fill the PostgreSQL timeline store by copying the SQLite one, when it exists;
#                         api: generate it through the batch endpoint like the SQLite one
#   CLIENTS ARTICLES STORE_ARTICLES REQUESTS   passed to store_bench.py
#
# PostgreSQL runs in a throwaway data directory with its default durability settings (fsync and synchronous_commit
# on, unlike scripts/ci/with-postgres.sh, which turns them off for tests), so both backends commit durably: SQLite runs
# with synchronous=FULL. Results are printed as JSON lines and appended to $WORKDIR/results.jsonl.
set -euo pipefail

cd "$(dirname "$0")/../.."
what=${1:-all}
case "$what" in ingest|timeline|scale|all) ;; *) echo "usage: $0 [ingest|timeline|scale|all]" >&2; exit 64 ;; esac
[ "$what" = scale ] && BACKENDS=postgres

BACKENDS=${BACKENDS:-"sqlite postgres"}
# store_bench.py waits again between generating a store and timing reads on it.
export MAX_LOAD=${MAX_LOAD:-1.0}
export LOAD_WAIT=${LOAD_WAIT:-1800}
WORKDIR=${WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/attache-store-bench.XXXXXX")}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$WORKDIR"
chmod 755 "$WORKDIR"
results="$WORKDIR/results.jsonl"
bench=(python3 scripts/bench/store_bench.py --binary .build/release/attache)
[ -n "${CLIENTS:-}" ] && bench+=(--clients "$CLIENTS")
[ -n "${ARTICLES:-}" ] && bench+=(--articles "$ARTICLES")
[ -n "${STORE_ARTICLES:-}" ] && bench+=(--store-articles "$STORE_ARTICLES")
[ -n "${REQUESTS:-}" ] && bench+=(--requests "$REQUESTS")

say() { echo "store-bench: $*" >&2; }

if [ "${SKIP_BUILD:-}" != 1 ]; then
    say "building the release executable"
    swift build -c release --product attache >&2
fi

# Waits until the machine is quiet (other people build here); prints the load it measured at.
wait_for_quiet() {
    local start load
    start=$(date +%s)
    while :; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        if awk -v l="$load" -v m="$MAX_LOAD" 'BEGIN { exit !(l < m) }'; then
            say "load $load < $MAX_LOAD: measuring"
            return 0
        fi
        if [ $(( $(date +%s) - start )) -ge "$LOAD_WAIT" ]; then
            say "load still $load after ${LOAD_WAIT}s: measuring anyway (figures are pessimistic)"
            return 0
        fi
        sleep 10
    done
}

pg_dir=""
pg_url_base=""
as_pg=()
start_postgres() {
    [ -x "$PG_BIN/initdb" ] || { say "no initdb in $PG_BIN (set PG_BIN)"; exit 69; }
    pg_dir="$WORKDIR/pg"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
        as_pg=(runuser -u postgres --)
    fi
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    if [ ! -d "$pg_dir/data" ]; then
        mkdir -p "$pg_dir"
        [ ${#as_pg[@]} -gt 0 ] && chown postgres "$pg_dir"
        (cd "$pg_dir" && "${as_pg[@]}" "$PG_BIN/initdb" -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
            >"$pg_dir/initdb.log" 2>&1) || { cat "$pg_dir/initdb.log" >&2; exit 1; }
    fi
    (cd "$pg_dir" && "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c max_connections=100 -c shared_buffers=256MB" start >/dev/null)
    pg_url_base="postgres://postgres@127.0.0.1:$port"
    trap stop_postgres EXIT
    say "PostgreSQL on 127.0.0.1:$port (data in $pg_dir)"
}
stop_postgres() {
    [ -n "$pg_dir" ] && (cd "$pg_dir" && "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1) || true
}
createdb_fresh() {
    psql -q "$pg_url_base/postgres" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

run() {
    wait_for_quiet
    "${bench[@]}" "$@" | tee -a "$results"
}

say "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); workdir $WORKDIR"
for backend in $BACKENDS; do
    case "$backend" in
        sqlite)
            if [ "$what" != timeline ]; then
                rm -f "$WORKDIR"/ingest.sqlite*
                run ingest --backend sqlite --database "sqlite:$WORKDIR/ingest.sqlite"
            fi
            if [ "$what" != ingest ]; then
                run timeline --backend sqlite --database "sqlite:$WORKDIR/timeline.sqlite" --workdir "$WORKDIR" \
                    --batch-clients "${BATCH_CLIENTS:-2}"
            fi
            ;;
        postgres)
            [ -n "$pg_url_base" ] || start_postgres
            if [ "$what" = scale ]; then
                for n in ${PROCESS_COUNTS:-1 2 4}; do
                    createdb_fresh bench_scale
                    run ingest --backend postgres --database "$pg_url_base/bench_scale" --processes "$n"
                done
                continue
            fi
            if [ "$what" != timeline ]; then
                createdb_fresh bench_ingest
                run ingest --backend postgres --database "$pg_url_base/bench_ingest"
            fi
            if [ "$what" != ingest ]; then
                # Batch-ingest rate on PostgreSQL, measured on PG_GENERATE_ARTICLES articles.
                createdb_fresh bench_generate
                run generate --backend postgres --database "$pg_url_base/bench_generate" \
                    --store-articles "${PG_GENERATE_ARTICLES:-10000}" --batch-clients "${BATCH_CLIENTS:-6}"
                psql -q "$pg_url_base/postgres" -c "DROP DATABASE bench_generate WITH (FORCE)"
                # The 100,000-article store: copied from the SQLite one when it exists (same rows; generating it
                # through the API on PostgreSQL takes longer than the time box here), else generated.
                copy=()
                if [ "${PG_TIMELINE_FROM:-copy}" = copy ] && [ -f "$WORKDIR/timeline.sqlite" ]; then
                    copy=(--copy-from "$WORKDIR/timeline.sqlite")
                fi
                psql -q "$pg_url_base/postgres" -tc "SELECT 1 FROM pg_database WHERE datname = 'bench_timeline'" | grep -q 1 \
                    || psql -q "$pg_url_base/postgres" -c "CREATE DATABASE bench_timeline"
                run timeline --backend postgres --database "$pg_url_base/bench_timeline" --workdir "$WORKDIR" \
                    --batch-clients "${BATCH_CLIENTS:-6}" "${copy[@]}"
            fi
            ;;
        *) say "unknown backend $backend"; exit 64 ;;
    esac
done
say "results in $results"
