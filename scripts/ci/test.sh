#!/usr/bin/env bash
# THE test command (`make test` runs it; CI runs it through .ci/run). Stages, in order:
#   1. setup      scripts/ci/setup.sh test: system packages and the Python tools (quiet when present)
#   1b. imports   scripts/ci/check_imports.py: Package.swift declares exactly what each target imports (after
#                 checking the checker on its own fixtures with --self-test; needs only python3)
#   2. build      swift build --build-tests
#   2b. kb        scripts/gen_locations.py --check: the generated gazetteer is what its generator writes
#   3. swift test every Swift test (SQLite stores; PostgreSQL tests skip themselves without a server)
#   3b. linear    scripts/bench/adversarial.py check: each adversarial input shape (one sentence repeated, no
#                 full stop, no spaces, capitals, names, dates, nested quotes, ...) analysed at 8 KiB and 256 KiB
#                 by the debug binary (about 90 s); fails when a shape's time per byte at 256 KiB is over twice
#                 that at 8 KiB by CPU and by wall clock (a pass superlinear in the input), or one analysis takes
#                 over LINEAR_MAX_SECONDS (default 60)
#   4. postgres   scripts/ci/with-postgres.sh swift test --filter 'AttacheStoreTests|Reliability': the store
#                 suite and the reliability tests again on a throwaway PostgreSQL server
#   5. readme     scripts/ci/readme-examples.sh --check: the README's example outputs are what a server answers
#   6. api        scripts/ci/api-checks.sh: OpenAPI validation, hadolint, schemathesis against a live server
#   7. browser    scripts/ci/browser-test.sh: the page at / in headless Chromium (Selenium)
#   8. fuzz       scripts/ci/fuzz.sh 10: each libFuzzer target for 10 s (FUZZ_SECONDS overrides)
#   9. soak       scripts/ci/soak.sh 30: mixed valid and invalid load, no crash, no leak (SOAK_SECONDS overrides)
#  10. quality    attache analyze --jsonl ../shared/corpus/dev.jsonl scored by ../shared/tools/score.py
#                 (printed only; the thresholds are enforced by a Swift test)
# Exits non-zero at the first failing stage.
#
# The annotated corpora live in ../shared beside the checkout (SHARED_DIR overrides). Without it, what
# reads them is skipped with a message: the quality stage, the browser stage (its page shows the dev
# corpus), the API stage's seed articles and the Swift tests that score the dev corpus. With CI set,
# they all run, and a missing ../shared fails the run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
shared="${SHARED_DIR:-$root/../shared}"
export PATH="/opt/swift/usr/bin:$PATH"

logs="$(mktemp -d "${TMPDIR:-/tmp}/attache-test.XXXXXX")"
trap 'rm -rf "$logs"' EXIT
started=$SECONDS
stage_started=$SECONDS
timings=()
current=""

stage() {
    finish_stage
    current="$1"
    stage_started=$SECONDS
    printf '\n==> [%s] %s\n' "$(date -u +%H:%M:%S)" "$1"
}
finish_stage() {
    if [ -n "$current" ]; then timings+=("$(printf '%-10s %4ds' "$current" $((SECONDS - stage_started)))"); fi
    current=""
}
on_error() {
    local rc=$?
    printf '\n==> FAILED in stage "%s" (exit %d) after %ds\n' "${current:-?}" "$rc" $((SECONDS - started)) >&2
    exit "$rc"
}
trap on_error ERR

# True when the shared corpora are there; false, after saying what is skipped, when they are not; in CI,
# where they must be there, their absence ends the run.
shared_present() {
    if [ -f "$shared/corpus/dev.jsonl" ] && [ -f "$shared/tools/score.py" ]; then return 0; fi
    if [ -n "${CI:-}" ]; then
        printf '\n==> FAILED: %s needs %s/corpus/dev.jsonl and %s/tools/score.py, and CI is set (set SHARED_DIR)\n' \
            "$1" "$shared" "$shared" >&2
        exit 1
    fi
    printf 'skipped: %s needs the annotated corpora in %s, which is absent (set SHARED_DIR; in CI it runs)\n' "$1" "$shared"
    return 1
}

stage setup
scripts/ci/setup.sh test
swift --version 2>&1 | head -n 1

stage imports
python3 scripts/ci/check_imports.py --self-test
python3 scripts/ci/check_imports.py

stage build
swift build --build-tests

stage kb
# The generated gazetteer is what its generator writes from the pinned GeoNames and pycountry data.
.venv-tools/bin/python scripts/gen_locations.py --check

stage "swift test"
shared_present "the dev-corpus Swift tests (DevCorpusQualityTests)" || true
SHARED_DIR="$shared" swift test 2>&1 | tee "$logs/swift-test.log"

stage linear
python3 scripts/bench/adversarial.py check --bin .build/debug/attache --small 8K --large 256K --runs 2 --max-ratio 2 \
    --max-seconds "${LINEAR_MAX_SECONDS:-60}"

if [ -x scripts/ci/with-postgres.sh ]; then
    stage postgres
    scripts/ci/with-postgres.sh swift test --filter 'AttacheStoreTests|Reliability' 2>&1 | tee "$logs/postgres-test.log"
fi

stage readme
ATTACHE_BIN="$root/.build/debug/attache" scripts/ci/readme-examples.sh --check

stage api
ATTACHE_BIN="$root/.build/debug/attache" SHARED_DIR="$shared" scripts/ci/api-checks.sh

stage browser
if shared_present "the browser stage"; then
    ATTACHE_CORPUS="$shared/corpus/dev.jsonl" scripts/ci/browser-test.sh
fi

stage fuzz
scripts/ci/fuzz.sh "${FUZZ_SECONDS:-10}"

stage soak
scripts/ci/soak.sh "${SOAK_SECONDS:-30}"

stage quality
if shared_present "the quality stage"; then
    .build/debug/attache analyze --jsonl "$shared/corpus/dev.jsonl" --timing >"$logs/dev.out.jsonl"
    python3 "$shared/tools/score.py" --gold "$shared/corpus/dev.jsonl" --pred "$logs/dev.out.jsonl"
fi
finish_stage

printf '\n==> all stages passed in %ds\n' $((SECONDS - started))
printf '    %s\n' "${timings[@]}"
# Repeat the test runners' own summary lines last, where readers of the log look for them.
grep -hE 'Test run with [0-9]+ tests?|Executed [0-9]+ tests?, with' "$logs/swift-test.log" "$logs/postgres-test.log" 2>/dev/null | awk '!seen[$0]++' | tail -n 4 || true
