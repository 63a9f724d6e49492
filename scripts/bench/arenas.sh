#!/usr/bin/env bash
# POST /v1/analyze throughput and server CPU per request with the server's malloc arena limit (one arena per
# core, Sources/attache/MallocArenas.swift) and with glibc's default (eight per core, set through
# MALLOC_ARENA_MAX, which the server leaves alone when the user sets it), in interleaved rounds.
#
#   scripts/bench/arenas.sh [BIN] [ROUNDS]     default .build/release/attache, 4 rounds
#
# Needs wrk and the dev corpus beside the checkout (../shared). Prints one line per run.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${1:-$root/.build/release/attache}"
rounds="${2:-4}"
inputs="$(mktemp -d /tmp/attache-arenas.XXXXXX)"
trap 'rm -rf "$inputs"' EXIT
python3 "$root/scripts/bench/make_inputs.py" --corpus "${SHARED_DIR:-$root/../shared}/corpus/dev.jsonl" --out "$inputs" >/dev/null
default_arenas=$((8 * $(nproc)))

server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

run() { # $1: label, $2: environment assignment
    local port db pid c0 c1 out n
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
    db="$inputs/store-$port.sqlite"
    env $2 "$bin" serve --host 127.0.0.1 --port "$port" --database "sqlite:$db" --log-level warning >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.2; done
    wrk -t2 -c64 -d3s -s "$inputs/analyze.lua" "http://127.0.0.1:$port/v1/analyze" >/dev/null   # warm-up
    c0="$(server_cpu_ticks "$pid")"
    out="$(wrk -t2 -c64 -d8s -s "$inputs/analyze.lua" "http://127.0.0.1:$port/v1/analyze")"
    c1="$(server_cpu_ticks "$pid")"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    n="$(echo "$out" | awk '/requests in/ {print $1}')"
    printf '%-22s %10s req/s  %6s us CPU/request  load %s\n' "$1" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
        "$(( (c1 - c0) * 1000000 / $(getconf CLK_TCK) / n ))" "$(cut -d' ' -f1 /proc/loadavg)"
}

for _ in $(seq 1 "$rounds"); do
    run "one arena per core" "ATTACHE_BENCH=1"
    run "glibc default ($default_arenas)" "MALLOC_ARENA_MAX=$default_arenas"
done
