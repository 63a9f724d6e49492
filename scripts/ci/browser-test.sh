#!/usr/bin/env bash
# Browser test of the page at GET / (issue 6): real Chromium driven by Selenium.
#
# Installs what is missing (Debian chromium + chromium-driver; selenium and pytest in .venv-browser/),
# builds attache (unless ATTACHE_BIN names a built binary), starts `attache serve` on a free port with a
# temporary SQLite database, ingests the dev corpus (../shared/corpus/dev.jsonl, or $ATTACHE_CORPUS), runs
# Tests/browser with pytest and stops the server.
# Screenshots go to artifacts/. Extra arguments are passed to pytest.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CORPUS="${ATTACHE_CORPUS:-$ROOT/../shared/corpus/dev.jsonl}"
VENV="$ROOT/.venv-browser"
SELENIUM_VERSION="4.51.0"
PYTEST_VERSION="8.4.2"
start=$(date +%s)

log() { printf '[browser-test %3ss] %s\n' "$(( $(date +%s) - start ))" "$*"; }

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    log "installing chromium and chromium-driver (apt)"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import selenium, pytest" 2>/dev/null; then
    log "creating $VENV with selenium $SELENIUM_VERSION and pytest $PYTEST_VERSION"
    python3 -m venv "$VENV" || { apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$VENV"; }
    "$VENV/bin/pip" install -q --disable-pip-version-check "selenium==$SELENIUM_VERSION" "pytest==$PYTEST_VERSION"
fi
[ -f "$CORPUS" ] || { echo "corpus not found: $CORPUS (set ATTACHE_CORPUS)" >&2; exit 2; }

if [ -n "${ATTACHE_BIN:-}" ]; then
    BIN="$ATTACHE_BIN"
else
    log "building attache"
    swift build --product attache 2>&1 | tail -n 1
    BIN="$(swift build --show-bin-path)/attache"
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
log "starting attache serve on 127.0.0.1:$PORT"
"$BIN" serve --host 127.0.0.1 --port "$PORT" --database "$WORK/attache.sqlite" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do
    if python3 -c "import urllib.request,sys; urllib.request.urlopen('$BASE/ready', timeout=1)" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.2
done

log "ingesting $(wc -l <"$CORPUS") articles from $CORPUS"
python3 - "$BASE" "$CORPUS" <<'EOF'
import json, sys, urllib.request, urllib.error
base, path = sys.argv[1], sys.argv[2]
ok = 0
with open(path, encoding="utf-8") as f:
    for line in f:
        if not line.strip():
            continue
        a = json.loads(line)
        body = {"id": a["id"], "title": a.get("title"), "text": a["text"], "publishedAt": a.get("published")}
        req = urllib.request.Request(base + "/v1/articles", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                ok += r.status in (200, 201)
        except urllib.error.HTTPError as e:
            sys.exit(f"ingest of {a['id']} failed: {e.code} {e.read()[:300]!r}")
print(f"ingested {ok} articles")
EOF

log "running pytest"
mkdir -p artifacts
set +e
ATTACHE_URL="$BASE" ATTACHE_CORPUS="$CORPUS" ATTACHE_ARTIFACTS="$ROOT/artifacts" \
    "$VENV/bin/python" -m pytest -q "$ROOT/Tests/browser" "$@"
status=$?
set -e
if [ $status -ne 0 ]; then
    echo "--- server log (last 40 lines) ---" >&2
    tail -n 40 "$WORK/server.log" >&2
fi
log "done (exit $status)"
exit $status
