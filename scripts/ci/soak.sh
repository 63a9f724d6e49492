#!/usr/bin/env bash
# Bounded soak of `attache serve`: moderate mixed load (valid and invalid requests) for a while,
# RSS sampled throughout.
#
#   scripts/ci/soak.sh [seconds]        default 600; the test command runs 30
#
# Builds `attache` (debug; SOAK_CONFIG=release for a release build; ATTACHE_BIN names a built binary
# instead), starts it on a free port with a temporary SQLite database, and runs scripts/ci/soak_driver.py (Python 3 standard library only).
# Fails if the server dies, a valid request gets an unexpected status, an invalid one gets a 5xx,
# or RSS at the end exceeds the RSS after warm-up by more than 10%; then stops the server with
# SIGTERM and expects a clean exit. Environment: SOAK_CONFIG, SOAK_THREADS (4), SOAK_THINK
# (0.005 s between a thread's requests).
set -euo pipefail

SECONDS_TOTAL="${1:-600}"
CONFIG="${SOAK_CONFIG:-debug}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

if [ -n "${ATTACHE_BIN:-}" ]; then
    BIN="$ATTACHE_BIN"
else
    swift build -c "$CONFIG" --product attache >/dev/null
    BIN="$(swift build -c "$CONFIG" --show-bin-path)/attache"
fi

TMP="$(mktemp -d /tmp/attache-soak.XXXXXX)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
LOG="$TMP/server.log"
"$BIN" serve --host 127.0.0.1 --port "$PORT" --database "sqlite:$TMP/soak.sqlite" --log-level warning >"$LOG" 2>&1 &
PID=$!
cleanup() {
    if kill -0 "$PID" 2>/dev/null; then kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
    rm -rf "$TMP"
}
trap cleanup EXIT

# Wait for /health (the knowledge base loads first).
for _ in $(seq 1 300); do
    if python3 -c "import http.client,sys; c=http.client.HTTPConnection('127.0.0.1',$PORT,timeout=1); c.request('GET','/health'); sys.exit(c.getresponse().status!=200)" 2>/dev/null; then
        break
    fi
    kill -0 "$PID" 2>/dev/null || { echo "soak: the server did not start"; cat "$LOG"; exit 1; }
    sleep 0.1
done

echo "soak: $BIN pid $PID on port $PORT for ${SECONDS_TOTAL}s"
set +e
python3 scripts/ci/soak_driver.py --port "$PORT" --pid "$PID" --seconds "$SECONDS_TOTAL" \
    --threads "${SOAK_THREADS:-4}" --think "${SOAK_THINK:-0.005}"
status=$?
set -e

# A clean stop is part of the result.
if kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"
    set +e; wait "$PID"; rc=$?; set -e
    if [ $rc -ne 0 ]; then echo "soak: the server exited with status $rc on SIGTERM"; status=1; fi
else
    echo "soak: the server is gone"; status=1
fi
if grep -qiE "critical|fatal" "$LOG"; then echo "soak: server log:"; grep -iE "critical|fatal" "$LOG" | head; status=1; fi
exit $status
