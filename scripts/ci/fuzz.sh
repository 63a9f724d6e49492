#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/Targets against the package's own module sources and runs
# each for a bounded time.
#
#   scripts/ci/fuzz.sh [seconds-per-target] [target ...]     (default 30 s; targets: http json analyze dates)
#
# Build: plain swiftc, one whole-module object per module, every module compiled with
# -sanitize=fuzzer,address (coverage + ASan), then one executable per target whose
# LLVMFuzzerTestOneInput is the @_cdecl function in Fuzz/Targets/Fuzz<Target>.swift. The main
# Package.swift is not involved (it exposes no product for AttacheHTTP, AttacheJSON, ...);
# swift-log comes from .build/checkouts (`swift package resolve`). AttacheCore's Bundle.module is
# and AttacheService's are supplied by Fuzz/Support/<Module>/Bundle+Module.swift, reading the source tree.
#
# Seeds: Fuzz/corpus/<target>/ (read only). New inputs go to .build/fuzz/corpus/<target>/, crashes
# to .build/fuzz/artifacts/<target>-crash-*. Exit status 1 if any target crashed or timed out.
# Environment: FUZZ_OPT (default -O).
set -euo pipefail

SECONDS_PER_TARGET="${1:-30}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(http json analyze dates)

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
B="$ROOT/.build/fuzz"
OPT="${FUZZ_OPT:--O}"
SAN="-sanitize=fuzzer,address"
mkdir -p "$B/obj" "$B/artifacts" "$B/corpus"
cd "$ROOT"

LOG_SRC="$ROOT/.build/checkouts/swift-log/Sources/Logging"
if [ ! -d "$LOG_SRC" ]; then swift package resolve >/dev/null; fi

# compile NAME "swiftc extra flags" files...  (skipped when the object is newer than every input)
compile() {
    local name="$1" extra="$2"; shift 2
    local obj="$B/obj/$name.o"
    if [ -f "$obj" ] && [ -z "$(find "$@" "$0" -newer "$obj" 2>/dev/null | head -1)" ]; then return; fi
    echo "fuzz: compiling $name" >&2
    # shellcheck disable=SC2086
    swiftc -parse-as-library -swift-version 6 $OPT -g $SAN -wmo \
        -module-name "$name" -package-name attache -emit-module -emit-module-path "$B/obj/$name.swiftmodule" \
        -I "$B/obj" $extra -c -o "$obj" "$@" 2> >(grep -v "warning:" >&2 || true)
    touch "$obj"  # swiftc keeps the old mtime when the object did not change
}

srcs() { find "$@" -name '*.swift' | sort; }

need() {  # need MODULE...: compile modules in dependency order
    for m in "$@"; do
        case "$m" in
        Logging)        compile Logging "-swift-version 5 -package-name swift_log" $(srcs "$LOG_SRC") ;;
        AttacheJSON)    compile AttacheJSON "" $(srcs Sources/AttacheJSON) ;;
        AttacheDates)   compile AttacheDates "" $(srcs Sources/AttacheDates) ;;
        AttacheHTTP)    compile AttacheHTTP "" $(srcs Sources/AttacheHTTP) ;;
        AttacheCore)    compile AttacheCore "" $(srcs Sources/AttacheCore Fuzz/Support/AttacheCore) ;;
        AttacheStore)   compile AttacheStore "-I Sources/CSQLite -I Sources/CLibPQ" $(srcs Sources/AttacheStore) ;;
        AttacheService) compile AttacheService "-I Sources/CSQLite -I Sources/CLibPQ" $(srcs Sources/AttacheService Fuzz/Support/AttacheService) ;;
        esac
    done
}

modules_for() {
    case "$1" in
    http)    echo Logging AttacheHTTP ;;
    json)    echo Logging AttacheJSON AttacheDates AttacheHTTP AttacheCore AttacheStore AttacheService ;;
    analyze) echo AttacheJSON AttacheDates AttacheCore ;;
    dates)   echo AttacheDates ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
    esac
}

max_len_for() {
    case "$1" in
    http) echo 8192 ;; json) echo 16384 ;; analyze) echo 4096 ;; dates) echo 1024 ;;
    esac
}

build_target() {
    local t="$1" exe="$B/fuzz-$1" src
    case "$t" in
    http) src=Fuzz/Targets/FuzzHTTP.swift ;; json) src=Fuzz/Targets/FuzzJSON.swift ;;
    analyze) src=Fuzz/Targets/FuzzAnalyze.swift ;; dates) src=Fuzz/Targets/FuzzDates.swift ;;
    esac
    local mods; read -r -a mods <<<"$(modules_for "$t")"
    need "${mods[@]}"
    local objs=() m
    for m in "${mods[@]}"; do objs+=("$B/obj/$m.o"); done
    if [ -f "$exe" ] && [ -z "$(find "$src" "${objs[@]}" -newer "$exe" | head -1)" ]; then return; fi
    echo "fuzz: linking fuzz-$t" >&2
    local libs=()
    [[ " ${mods[*]} " == *" AttacheStore "* ]] && libs=(-lsqlite3 -lpq)
    # shellcheck disable=SC2086
    swiftc -parse-as-library -swift-version 6 $OPT -g $SAN -I "$B/obj" -I Sources/CSQLite -I Sources/CLibPQ \
        -module-name "Fuzz${t}" -package-name attache "$src" "${objs[@]}" "${libs[@]}" -o "$exe" 2> >(grep -v "Cannot export local symbol" >&2 || true)
}

export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}"
status=0
summary=()
for t in "${TARGETS[@]}"; do
    build_target "$t"
    mkdir -p "$B/corpus/$t"
    log="$B/fuzz-$t.log"
    echo "fuzz: running $t for ${SECONDS_PER_TARGET}s" >&2
    set +e
    "$B/fuzz-$t" "$B/corpus/$t" "Fuzz/corpus/$t" -max_total_time="$SECONDS_PER_TARGET" \
        -max_len="$(max_len_for "$t")" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$B/artifacts/$t-" >"$log" 2>&1
    rc=$?
    set -e
    execs=$(grep -h "stat::number_of_executed_units" "$log" | awk '{s+=$2} END {print s+0}')
    secs=$(grep -h "stat::average_exec_per_sec" "$log" | awk '{s+=$2} END {print s+0}')
    cov=$(grep -hoE "cov: [0-9]+" "$log" | tail -1 | awk '{print $2}')
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
