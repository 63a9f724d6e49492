#!/usr/bin/env bash
# THE test command (`make test` runs it; CI runs it through .ci/run). Stages:
#   setup       scripts/ci/setup.sh run: the C libraries the build links; swift package resolve
#   imports     scripts/ci/check_imports.py: Package.swift declares exactly what each target imports (after
#               checking the checker on its own fixtures with --self-test; needs only python3)
#   build       swift build --build-tests (the debug build every later stage uses)
#   packages    scripts/ci/setup.sh test-packages: the Debian packages the tests need (PostgreSQL, wrk, ...)
#   tools       scripts/ci/setup.sh test: the Python tools in .venv-tools (after packages: one apt-get at a time;
#               apart from it so that the Swift tests, which need only PostgreSQL, do not wait for pip)
#   kb          scripts/kb/gen_countries.py, gen_given_names.py and gen_locations.py --check: each generated
#               file is what its generator writes (lexicon/common-words.txt is its own source: see the kb README);
#               the knowledge base's own check (`attache kb check`) runs in the Swift tests
#   swift-test  scripts/ci/with-postgres.sh --standby swift test: every Swift test, the SQLite stores and, on a
#               throwaway PostgreSQL server with a streaming hot standby, the PostgreSQL ones (in one run: a test
#               that stops a server stops one of its own, `ctl.sh new`, so the shared server stays up)
#   linear      scripts/bench/adversarial.py check: each adversarial input shape (one sentence repeated, no
#               full stop, no spaces, capitals, names, dates, nested quotes, ...) analysed at 8 KiB (32 copies)
#               and 256 KiB, once each, by one server of the debug binary (POST /v1/analyze, so the knowledge
#               base loads once); fails when a shape's time per byte at 256 KiB is over twice that at 8 KiB
#               by CPU and by wall clock (a pass superlinear in the input), or one analysis takes over
#               LINEAR_MAX_SECONDS (default 60). Its power, by a quadratic pass over the tokens injected into a
#               local build: one costing twice the linear work at 256 KiB failed every shape with tokens; one
#               costing as much failed some shapes (ratio 1.8-2.3); one costing half passed (ratios 1.4-1.6)
#   readme      scripts/ci/readme-examples.sh --check: the README's example outputs are what a server answers
#   api         scripts/ci/api-checks.sh: OpenAPI validation, hadolint, schemathesis against a live server
#   browser     scripts/ci/browser-test.sh: the page at / in headless Chromium (Selenium)
#   fuzz        scripts/ci/fuzz.sh 10: each libFuzzer target for 10 s (FUZZ_SECONDS overrides); it builds
#               the instrumented targets in their own scratch path, so it needs no other stage
#   soak        scripts/ci/soak.sh 30: mixed valid and invalid load, no crash, no leak (SOAK_SECONDS overrides)
#   quality     attache analyze --jsonl ../shared/corpus/dev.jsonl scored by ../shared/tools/score.py
#               (printed; the thresholds are enforced by a Swift test)
#
# Independent stages run side by side (the schedule below says what each needs). On 2 cores that pays
# where stages wait: on the network (installs), on PostgreSQL, on servers and on fixed-length runs (fuzz,
# soak). Each stage's output goes to $TEST_LOGS/<stage>.log (default .build/test-logs), printed when the
# stage fails; the first stage to fail stops the others and the run exits with its status (with
# TEST_KEEP_GOING=1 the stages that do not need the failed one still run, for a complete picture). A table
# of the stages' start times and durations ends the output.
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
debug_bin="$root/.build/debug/attache"

logs="${TEST_LOGS:-$root/.build/test-logs}"
rm -rf "$logs"
mkdir -p "$logs"

# True when the shared corpora are there; false, after saying what is skipped, when they are not; in CI,
# where they must be there, their absence fails the stage.
shared_present() {
    if [ -f "$shared/corpus/dev.jsonl" ] && [ -f "$shared/tools/score.py" ]; then return 0; fi
    if [ -n "${CI:-}" ]; then
        printf 'FAILED: %s needs %s/corpus/dev.jsonl and %s/tools/score.py, and CI is set (set SHARED_DIR)\n' \
            "$1" "$shared" "$shared" >&2
        exit 1
    fi
    printf 'skipped: %s needs the annotated corpora in %s, which is absent (set SHARED_DIR; in CI it runs)\n' "$1" "$shared"
    return 1
}

# --- the stages ---------------------------------------------------------------------------------

stage_setup() {
    scripts/ci/setup.sh run
    swift --version 2>&1 | head -n 1
    # Resolved once here, so the debug build and the fuzz build (started together) find Package.resolved.
    swift package resolve
}
stage_imports() {
    python3 scripts/ci/check_imports.py --self-test
    python3 scripts/ci/check_imports.py
}
stage_build() { swift build --build-tests; }
stage_packages() { scripts/ci/setup.sh test-packages; }
stage_tools() { scripts/ci/setup.sh test; }
stage_kb() {
    # The generated files are what their generators write from the hand-written tables and the pinned GeoNames,
    # pycountry and census data.
    .venv-tools/bin/python scripts/kb/gen_countries.py --check
    .venv-tools/bin/python scripts/kb/gen_given_names.py --check
    .venv-tools/bin/python scripts/kb/gen_locations.py --check
}
stage_swift_test() {
    shared_present "the dev-corpus Swift tests (DevCorpusQualityTests)" || true
    SHARED_DIR="$shared" scripts/ci/with-postgres.sh --standby swift test --skip-build
}
stage_linear() {
    python3 scripts/bench/adversarial.py check --bin "$debug_bin" --small 8K --large 256K --runs 1 --max-ratio 2 \
        --max-seconds "${LINEAR_MAX_SECONDS:-60}"
}
stage_readme() { ATTACHE_BIN="$debug_bin" scripts/ci/readme-examples.sh --check; }
stage_api() { ATTACHE_BIN="$debug_bin" SHARED_DIR="$shared" scripts/ci/api-checks.sh; }
stage_browser() {
    if shared_present "the browser stage"; then
        ATTACHE_BIN="$debug_bin" ATTACHE_CORPUS="$shared/corpus/dev.jsonl" scripts/ci/browser-test.sh
    fi
}
stage_fuzz() { scripts/ci/fuzz.sh "${FUZZ_SECONDS:-10}"; }
stage_soak() { ATTACHE_BIN="$debug_bin" scripts/ci/soak.sh "${SOAK_SECONDS:-30}"; }
stage_quality() {
    if shared_present "the quality stage"; then
        "$debug_bin" analyze --jsonl "$shared/corpus/dev.jsonl" --timing >"$logs/dev.out.jsonl"
        python3 "$shared/tools/score.py" --gold "$shared/corpus/dev.jsonl" --pred "$logs/dev.out.jsonl"
    fi
}

# --- the schedule -------------------------------------------------------------------------------
# A stage starts as soon as every stage it needs has passed. Beyond what they use (the build, the tools),
# the server stages form two chains (readme, api, soak; browser, quality), so that on 2 cores no more than
# two of them load the machine beside the Swift tests, the linearity check and the fuzzer.

names=()
declare -A needs=() state=() started=() took=()
schedule() { names+=("$1"); needs[$1]="$2"; state[$1]=waiting; }
#        stage       needs
schedule setup       ""
schedule imports     "setup"
schedule build       "imports"
schedule packages    "imports"
schedule tools       "packages"
schedule fuzz        "imports"
schedule kb          "tools"
schedule swift-test  "build packages"
schedule linear      "build"
schedule readme      "build"
schedule api         "build tools readme"
schedule soak        "build api"
schedule browser     "build"
schedule quality     "build browser"

# --- the runner ---------------------------------------------------------------------------------

set -m                  # each stage in its own process group, so a failure can stop a stage and its servers
STOP_GRACE_TENTHS=100   # 10 s for stopped stages to clean up (servers, the PostgreSQL server) before SIGTERM
declare -A running=()   # pid -> stage
started_at=$SECONDS

# SIGINT first, as Ctrl-C would: SwiftPM runs compilers and test processes in process groups of their own
# and stops them only on SIGINT. What is still there after a grace period gets SIGTERM.
stop_running() {
    local pid
    for pid in "${!running[@]}"; do kill -INT -- "-$pid" 2>/dev/null || true; done
    for _ in $(seq 1 "$STOP_GRACE_TENTHS"); do
        [ -n "$(jobs -rp)" ] || break
        sleep 0.1
    done
    for pid in "${!running[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
    for pid in "${!running[@]}"; do
        wait "$pid" 2>/dev/null || true
        state[${running[$pid]}]=stopped
    done
    running=()
}
trap stop_running EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

launch() {
    local name=$1
    state[$name]=running
    started[$name]=$((SECONDS - started_at))
    printf '==> [%s] %-10s started\n' "$(date -u +%H:%M:%S)" "$name"
    run_stage "$name" </dev/null >"$logs/$name.log" 2>&1 &
    running[$!]=$name
}

# Runs a stage and writes the CPU seconds it and its processes used to $logs/<stage>.cpu: unlike its wall
# time, that does not depend on what else runs, so the table shows what each stage costs the machine.
run_stage() {
    local rc
    set +e
    (set -e; "stage_${1//-/_}")
    rc=$?
    # `times` in this shell, not in a pipeline's subshell, which would have no children of its own.
    times >"$logs/$1.times"
    awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.0f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' \
        "$logs/$1.times" >"$logs/$1.cpu"
    return $rc
}

cpu_seconds() { if [ -f "$logs/$1.cpu" ]; then echo "$(cat "$logs/$1.cpu")s"; fi; }

timing_table() {
    local name
    printf '    %-10s %6s %6s %6s  %s\n' stage start time cpu result
    for name in "${names[@]}"; do
        printf '    %-10s %6s %6s %6s  %s\n' "$name" "${started[$name]:+${started[$name]}s}" \
            "${took[$name]:+${took[$name]}s}" "$(cpu_seconds "$name")" "${state[$name]}"
    done
}

while :; do
    for name in "${names[@]}"; do
        [ "${state[$name]}" = waiting ] || continue
        ready=1
        for need in ${needs[$name]}; do [ "${state[$need]}" = passed ] || ready=0; done
        if [ $ready = 1 ]; then launch "$name"; fi
    done
    [ ${#running[@]} -gt 0 ] || break
    set +e
    wait -n -p pid "${!running[@]}"
    rc=$?
    set -e
    name=${running[$pid]}
    unset "running[$pid]"
    took[$name]=$((SECONDS - started_at - started[$name]))
    if [ $rc -ne 0 ]; then
        state[$name]=failed
        first_failure=${first_failure:-$rc}
        [ -n "${TEST_KEEP_GOING:-}" ] || stop_running
        printf '\n==> FAILED in stage "%s" (exit %d) after %ds; its log (%s):\n' "$name" "$rc" \
            $((SECONDS - started_at)) "$logs/$name.log" >&2
        cat "$logs/$name.log" >&2
        printf '\n' >&2
        if [ -z "${TEST_KEEP_GOING:-}" ]; then
            timing_table >&2
            exit "$rc"
        fi
        continue
    fi
    state[$name]=passed
    printf '==> [%s] %-10s passed in %ds\n' "$(date -u +%H:%M:%S)" "$name" "${took[$name]}"
done
if [ -n "${first_failure:-}" ]; then
    printf '\n==> FAILED after %ds (TEST_KEEP_GOING: the stages that did not need a failed one ran)\n' \
        $((SECONDS - started_at)) >&2
    timing_table >&2
    exit "$first_failure"
fi
for name in "${names[@]}"; do
    if [ "${state[$name]}" != passed ]; then echo "==> stage $name never started (needs: ${needs[$name]})" >&2; exit 1; fi
done

printf '\n==> quality\n'
cat "$logs/quality.log"
printf '\n==> fuzz\n'
sed -n '/^fuzz summary/,$p' "$logs/fuzz.log"
printf '\n==> all stages passed in %ds\n' $((SECONDS - started_at))
timing_table
# Repeat the test runner's own summary lines last, where readers of the log look for them.
grep -hE 'Test run with [0-9]+ tests?|Executed [0-9]+ tests?, with' "$logs/swift-test.log" \
    | awk '!seen[$0]++' | tail -n 4 || true
