#!/usr/bin/env bash
# Regenerates the example outputs in README.md from a real server (scripts/ci/readme_examples.py says how).
#   scripts/ci/readme-examples.sh --write   rewrite README.md
#   scripts/ci/readme-examples.sh [--check] fail, with a diff, when README.md differs (the test command runs this)
# The server is the newer of .build/release/attache and .build/debug/attache (ATTACHE_BIN overrides; built
# when there is none), started on a free port with a temporary SQLite database and stopped afterwards.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export PATH="/opt/swift/usr/bin:$PATH"

bin="${ATTACHE_BIN:-}"
if [ -z "$bin" ]; then
    for candidate in .build/release/attache .build/debug/attache; do
        if [ -x "$candidate" ] && { [ -z "$bin" ] || [ "$candidate" -nt "$bin" ]; }; then bin="$candidate"; fi
    done
fi
if [ -z "$bin" ]; then
    swift build --product attache 2>&1 | tail -n 1
    bin=.build/debug/attache
fi
exec python3 scripts/ci/readme_examples.py --bin "$bin" "$@"
