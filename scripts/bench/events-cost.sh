#!/usr/bin/env bash
# What event extraction costs on top of entity extraction (issue 4: throughput within 20%).
# Usage: scripts/bench/events-cost.sh [ATTACHE_BINARY] [ARTICLES_JSONL]
# Both figures time the analysis alone (`attache analyze --jsonl F --repeat N` writes no JSON), with and
# without --no-events, on the same build:
#   instructions: callgrind over 8 passes of the articles, minus the start-up (an empty input);
#   wall clock:   5 interleaved pairs of runs of 400 passes pinned to one core (CORE, default 1), the best of each mode
#                 (the CLI times its analysis loop itself, so loading the knowledge base is not counted).
set -euo pipefail
export SWIFT_DETERMINISTIC_HASHING=1
bin=${1:-.build/release/attache}
articles=${2:-../shared/corpus/dev.jsonl}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: > "$tmp/empty.jsonl"
n=$(wc -l < "$articles")
count() { # args...
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" analyze "$@" >/dev/null 2>"$tmp/cg.log"
  grep -E '^(summary|totals):' "$tmp/cg.out" | head -1 | awk '{print $2}'
}
if command -v valgrind >/dev/null; then
  with=$(( $(count --jsonl "$articles" --repeat 8) - $(count --jsonl "$tmp/empty.jsonl" --repeat 8) ))
  without=$(( $(count --jsonl "$articles" --repeat 8 --no-events) - $(count --jsonl "$tmp/empty.jsonl" --repeat 8 --no-events) ))
  echo "instructions per article ($((8 * n)) analyses): entities only $(( without / (8 * n) )), with events $(( with / (8 * n) )): events add $(awk "BEGIN{printf \"%.1f\", 100*($with-$without)/$without}")%"
fi
one() { taskset -c "${CORE:-1}" "$bin" analyze --jsonl "$articles" --repeat 400 "$@" 2>&1 >/dev/null | sed -n 's/.* in \([0-9.]*\) s:.*/\1/p'; }
E=(); N=()
for _ in 1 2 3 4 5; do E+=("$(one)"); N+=("$(one --no-events)"); done
e=$(printf "%s\n" "${E[@]}" | sort -g | head -1); w=$(printf "%s\n" "${N[@]}" | sort -g | head -1)
mb=$(python3 -c "import json; print(sum(len(json.loads(l)['text'].encode()) for l in open('$articles')) * 400 / 1e6)")
awk -v e="$e" -v w="$w" -v mb="$mb" 'BEGIN{printf "wall clock, 400 passes on one core (best of 5): entities only %.3f s (%.1f MB/s), with events %.3f s (%.1f MB/s): events add %.1f%% time, throughput with events = %.3f of entities only\n", w, mb/w, e, mb/e, 100*(e-w)/w, w/e}'
