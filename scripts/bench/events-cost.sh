#!/usr/bin/env bash
# What event extraction costs on top of entity extraction, free of timing noise (issue 4's 20% bar).
# Usage: scripts/bench/events-cost.sh [ATTACHE_BINARY] [ARTICLES_JSONL] [REPEAT]
# Counts instructions (callgrind) of `attache analyze --jsonl` over the articles, repeated REPEAT times,
# with and without --no-events, and subtracts the start-up (an empty input) from both.
# Then times both on one core (best of 3 runs of 30 repetitions) for a wall-clock figure.
set -euo pipefail
export SWIFT_DETERMINISTIC_HASHING=1
bin=${1:-.build/release/attache}
articles=${2:-../shared/corpus/dev.jsonl}
repeat=${3:-8}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: > "$tmp/empty.jsonl"
for _ in $(seq "$repeat"); do cat "$articles"; done > "$tmp/input.jsonl"
n=$(wc -l < "$tmp/input.jsonl")
count() { # out args...
  local out=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$tmp/$out" "$bin" analyze "$@" >/dev/null 2>"$tmp/$out.log"
  grep -E '^(summary|totals):' "$tmp/$out" | head -1 | awk '{print $2}'
}
base=$(count empty --jsonl "$tmp/empty.jsonl")
with=$(( $(count with --jsonl "$tmp/input.jsonl") - base ))
without=$(( $(count without --jsonl "$tmp/input.jsonl" --no-events) - base ))
pct=$(awk "BEGIN{printf \"%.1f\", 100*($with-$without)/$without}")
echo "analyses: $n ($repeat x $(wc -l < "$articles") articles), instructions after start-up:"
printf "  entities only  %'15d  (%'d per article)\n" "$without" $(( without / n ))
printf "  with events    %'15d  (%'d per article)\n" "$with" $(( with / n ))
echo "  events add     ${pct}%"
# Wall clock on one core: --repeat analyses without writing JSON, the analysis loop timed by the CLI itself.
best() { # MB/s, best of 3
  for _ in 1 2 3; do
    taskset -c 0 "$bin" analyze --jsonl "$articles" --repeat 30 "$@" 2>&1 >/dev/null | sed -n 's/.*: \([0-9.]*\) MB\/s.*/\1/p'
  done | sort -g | tail -1
}
tw=$(best); to=$(best --no-events)
echo "throughput, 30 x corpus on one core (best of 3): with events ${tw} MB/s, entities only ${to} MB/s"
