#!/usr/bin/env bash
# What a package dependency adds to a clean debug build: builds a one-file probe package with nothing, with
# swift-crypto's Crypto, and with GRDB, each from an empty build folder, and prints wall and CPU seconds.
# CPU seconds (user + sys) depend less on what else the machine runs than wall seconds do.
#
#   Benchmarks/dependency-build-cost.sh [none crypto grdb]
set -euo pipefail
work=$(mktemp -d /tmp/attache-depcost.XXXXXX)
trap 'rm -rf "$work"' EXIT

probe() { # name, dependency line, product line, import, body
    local dir="$work/$1"
    mkdir -p "$dir/Sources/probe"
    cat > "$dir/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(name: "probe", dependencies: [$2],
    targets: [.executableTarget(name: "probe", dependencies: [$3])])
SWIFT
    printf '%s\n%s\n' "$4" "$5" > "$dir/Sources/probe/main.swift"
    (cd "$dir" && swift package resolve >/dev/null)
    local start=$(date +%s.%N)
    local times
    times=$( { cd "$dir" && /usr/bin/time -f '%U %S' swift build >/dev/null; } 2>&1 | tail -1)
    local end=$(date +%s.%N)
    awk -v n="$1" -v s="$start" -v e="$end" -v t="$times" 'BEGIN {
        split(t, c, " "); printf "%-7s clean debug build: %6.1f s wall, %6.1f s CPU\n", n, e - s, c[1] + c[2] }'
}

for which in "${@:-none crypto grdb}"; do
    for w in $which; do
        case $w in
        none) probe none "" "" "" 'print("ok")' ;;
        crypto) probe crypto '.package(url: "https://github.com/apple/swift-crypto", from: "3.12.3")' \
            '.product(name: "Crypto", package: "swift-crypto")' 'import Crypto' \
            'print(SHA256.hash(data: Array("abc".utf8)))' ;;
        grdb) probe grdb '.package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0")' \
            '.product(name: "GRDB", package: "GRDB.swift")' 'import GRDB' \
            'let q = try DatabaseQueue(); print(try q.read { try Int.fetchOne($0, sql: "SELECT 1") } ?? 0)' ;;
        esac
    done
done
