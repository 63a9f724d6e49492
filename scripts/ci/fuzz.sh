#!/usr/bin/env bash
# Builds the libFuzzer targets with SwiftPM and runs each for a bounded time.
#
#   scripts/ci/fuzz.sh [seconds-per-target] [target ...]     (default 30 s; targets: http json analyze dates)
#
# Build: the targets are executable targets of Package.swift that exist only when ATTACHE_FUZZ=1
# (Fuzz/Targets/Fuzz<Target>/: the harness, a @_cdecl("LLVMFuzzerTestOneInput") function, and main.swift,
# which hands control to libFuzzer). They build in their own scratch path, .build/fuzz/spm, with
# `-Xswiftc -sanitize=fuzzer,address`, so every module they link (the package's and swift-log) is
# instrumented for coverage and AddressSanitizer; instrumented objects cannot be the plain debug build's,
# so that build in .build stays untouched, and a second run recompiles only what changed. Each target links only
# the modules it fuzzes (FuzzJSON takes the service's article decoder as symbolic links to its two files), so
# the service, the store and their C libraries are not built here.
# Environment: FUZZ_CONFIG, the SwiftPM configuration (default release: optimised code runs several times
# more inputs per second; debug compiles faster).
#
# Seeds: Fuzz/corpus/<target>/ (read only). New inputs go to .build/fuzz/corpus/<target>/, crashes
# to .build/fuzz/artifacts/<target>-crash-*. Exit status 1 if any target crashed or timed out.
set -euo pipefail

SECONDS_PER_TARGET="${1:-30}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(http json analyze dates)

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
B="$ROOT/.build/fuzz"
CONFIG="${FUZZ_CONFIG:-release}"
mkdir -p "$B/artifacts" "$B/corpus"
cd "$ROOT"

product_for() {
    case "$1" in
    http) echo FuzzHTTP ;; json) echo FuzzJSON ;; analyze) echo FuzzAnalyze ;; dates) echo FuzzDates ;;
    *) echo "fuzz: unknown target $1 (targets: http json analyze dates)" >&2; exit 2 ;;
    esac
}

max_len_for() {
    case "$1" in
    http) echo 8192 ;; json) echo 16384 ;; analyze) echo 4096 ;; dates) echo 1024 ;;
    esac
}

# One `swift build` per product (SwiftPM builds one product per call); modules they share build once.
# The linker's warnings about ASan's local symbols are noise.
swift_fuzz() { ATTACHE_FUZZ=1 swift build -c "$CONFIG" --scratch-path "$B/spm" -Xswiftc -sanitize=fuzzer,address "$@"; }
for t in "${TARGETS[@]}"; do
    product="$(product_for "$t")"
    echo "fuzz: building $product ($CONFIG)" >&2
    swift_fuzz --product "$product" 2>&1 | { grep -v "Cannot export local symbol" || true; } >&2
done
bin="$(swift_fuzz --show-bin-path)"

export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}"
status=0
summary=()
for t in "${TARGETS[@]}"; do
    mkdir -p "$B/corpus/$t"
    log="$B/fuzz-$t.log"
    echo "fuzz: running $t for ${SECONDS_PER_TARGET}s" >&2
    set +e
    "$bin/$(product_for "$t")" "$B/corpus/$t" "Fuzz/corpus/$t" -max_total_time="$SECONDS_PER_TARGET" \
        -max_len="$(max_len_for "$t")" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$B/artifacts/$t-" >"$log" 2>&1
    rc=$?
    set -e
    # awk, not grep: a target that dies before its first report prints none of these lines.
    execs=$(awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}' "$log")
    secs=$(awk '/stat::average_exec_per_sec/ {s += $2} END {print s + 0}' "$log")
    cov=$(awk '{for (i = 1; i < NF; i++) if ($i == "cov:") c = $(i + 1)} END {print c}' "$log")
    corpus=$(find "$B/corpus/$t" -type f | wc -l)
    if [ $rc -ne 0 ]; then
        status=1
        summary+=("$t: FAILED (exit $rc) after $execs executions; see $log and $B/artifacts/$t-*")
        grep -hE "ERROR|Fatal error|Precondition failed|SUMMARY|Test unit written" "$log" | head -8 >&2 || true
    else
        summary+=("$t: ok, $execs executions in ${SECONDS_PER_TARGET}s ($secs/s), coverage ${cov:-?} edges, corpus $corpus")
    fi
done
printf 'fuzz summary\n'
printf '  %s\n' "${summary[@]}"
exit $status
