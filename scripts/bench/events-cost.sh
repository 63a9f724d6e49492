#!/usr/bin/env bash
# What event extraction costs on top of entity extraction (issue 4: throughput within 20%).
# Usage: scripts/bench/events-cost.sh [BENCH_ENGINE_BINARY] [ARTICLES_JSONL]
# (the binary from `swift build -c release --package-path Benchmarks --product bench-engine`)
# Every figure times the analysis alone (`bench-engine throughput F --repeat N`), with and
# without --no-events (which skips the event stage) on the same build:
#   instructions: callgrind over 8 and 16 passes of the articles; the difference / (8 × articles) is the
#                 steady cost of one analysis (start-up and first-pass effects cancel);
#   interleaved:  `bench-engine events-cost`: passes with and without events alternating in one process
#                 (INTERLEAVED runs, default 3, of REPEAT pairs of passes each); the machine's drift, a few per cent over
#                 minutes and larger than the differences measured, falls on both modes alike. The primary figure;
#   wall clock:   PAIRS pairs (default 15) of runs of REPEAT passes (default 200) pinned to one core (CORE,
#                 default 1), the two runs of a pair back to back in alternating order; the ratio of each pair
#                 (entities only time / with events time) is the throughput with events as a share of the
#                 extraction-only throughput. Reported: the median ratio with its quartiles, and the ratio of
#                 the best times. Pairs, not best-of runs: the machine is shared, and its speed drifts by a few
#                 per cent over minutes, more than the differences measured here.
set -euo pipefail
export SWIFT_DETERMINISTIC_HASHING=1
bin=${1:-Benchmarks/.build/release/bench-engine}
articles=${2:-../shared/corpus/dev.jsonl}
pairs=${PAIRS:-15}
repeat=${REPEAT:-200}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
n=$(wc -l < "$articles")
count() { # passes, args...
  local passes=$1; shift
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" throughput "$articles" --repeat "$passes" "$@" >/dev/null 2>"$tmp/cg.log"
  grep -E '^(summary|totals):' "$tmp/cg.out" | head -1 | awk '{print $2}'
}
if command -v valgrind >/dev/null; then
  with=$(( $(count 16) - $(count 8) ))
  without=$(( $(count 16 --no-events) - $(count 8 --no-events) ))
  echo "instructions per article ($((8 * n)) analyses): entities only $(( without / (8 * n) )), with events $(( with / (8 * n) )): events add $(awk "BEGIN{printf \"%.1f\", 100*($with-$without)/$without}")%"
fi
for i in $(seq "${INTERLEAVED:-3}"); do
  echo "interleaved run $i: $(taskset -c "${CORE:-1}" "$bin" events-cost "$articles" --pairs "$repeat")"
done
one() { taskset -c "${CORE:-1}" "$bin" throughput "$articles" --repeat "$repeat" "$@" | sed -n 's/.* in \([0-9.]*\) s:.*/\1/p'; }
E=(); N=()
for i in $(seq "$pairs"); do
  if (( i % 2 )); then e=$(one); w=$(one --no-events); else w=$(one --no-events); e=$(one); fi
  E+=("$e"); N+=("$w")
done
mb=$(python3 -c "import json; print(sum(len(json.loads(l)['text'].encode()) for l in open('$articles')) * $repeat / 1e6)")
python3 - "$mb" "${E[*]}" "${N[*]}" <<'PY'
import sys, statistics
mb = float(sys.argv[1]); E = list(map(float, sys.argv[2].split())); N = list(map(float, sys.argv[3].split()))
r = sorted(w / e for e, w in zip(E, N))
q = lambda f: r[min(len(r) - 1, int(f * len(r)))]
print(f"wall clock, {len(r)} pairs of {mb:.2f} MB on one core: throughput with events / entities only: median {statistics.median(r):.3f} "
      f"(quartiles {q(0.25):.3f}-{q(0.75):.3f}); best times {min(N):.3f} s ({mb / min(N):.1f} MB/s) entities only, "
      f"{min(E):.3f} s ({mb / min(E):.1f} MB/s) with events: ratio {min(N) / min(E):.3f}, events add {100 * (min(E) - min(N)) / min(N):.1f}% time")
PY
