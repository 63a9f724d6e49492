#!/usr/bin/env bash
# Instruction and allocation counts for analysing the seed article, free of timing noise.
# Usage: scripts/bench/callgrind.sh BENCH_ENGINE_BINARY INPUTS_DIR OUT_DIR
#   BENCH_ENGINE_BINARY from `swift build -c release --package-path Benchmarks --product bench-engine`;
#   INPUTS_DIR from make_inputs.py (seed.json, seed.txt, empty.jsonl).
# Four callgrind runs of `bench-engine throughput`: the empty article (start-up: loading the knowledge base),
# the seed once (analysis plus JSON encoding, --encode), the seed 12 and 2 times (--repeat N, analyses alone):
#   first analysis  = seed - empty            (includes one-time lazy set-up on the first call)
#   steady analysis = (repeat 12 - repeat 2) / 10   (analysis alone, caches warm)
# Then the same four with dhat for heap blocks (malloc calls) and bytes. Prints a markdown table.
set -euo pipefail
# Swift seeds its hash function per process; fix the seed so that repeated runs count the same instructions.
export SWIFT_DETERMINISTIC_HASHING=1
bin=$1; inputs=$2; out=$3
mkdir -p "$out"

run() { # tool name args...
  local tool=$1 name=$2; shift 2
  if [ "$tool" = callgrind ]; then
    valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.$name.out" "$bin" throughput "$@" \
      >/dev/null 2>"$out/callgrind.$name.log"
    grep -E '^(summary|totals):' "$out/callgrind.$name.out" | head -1 | awk '{print $2}'
  else
    valgrind --tool=dhat --dhat-out-file="$out/dhat.$name.json" "$bin" throughput "$@" \
      >/dev/null 2>"$out/dhat.$name.log"
    # "Total:     12,345 bytes in 678 blocks"
    sed -n 's/.*Total: *\([0-9,]*\) bytes in \([0-9,]*\) blocks.*/\1 \2/p' "$out/dhat.$name.log" | tr -d , | head -1
  fi
}

declare -A ir blocks bytes
for name in empty seed rep2 rep12; do
  case $name in
    empty) args=("$inputs/empty.jsonl" --encode);;
    seed)  args=("$inputs/seed.json" --encode);;
    rep2)  args=("$inputs/seed.json" --repeat 2);;
    rep12) args=("$inputs/seed.json" --repeat 12);;
  esac
  ir[$name]=$(run callgrind "$name" "${args[@]}")
  read -r b n < <(run dhat "$name" "${args[@]}")
  bytes[$name]=$b; blocks[$name]=$n
  echo "  $name: ${ir[$name]} instructions, ${blocks[$name]} heap blocks, ${bytes[$name]} bytes" >&2
done

fmt() { printf "%'d" "$1"; }
first_ir=$(( ${ir[seed]} - ${ir[empty]} ))
steady_ir=$(( (${ir[rep12]} - ${ir[rep2]}) / 10 ))
first_bl=$(( ${blocks[seed]} - ${blocks[empty]} ))
steady_bl=$(( (${blocks[rep12]} - ${blocks[rep2]}) / 10 ))
first_by=$(( ${bytes[seed]} - ${bytes[empty]} ))
steady_by=$(( (${bytes[rep12]} - ${bytes[rep2]}) / 10 ))
words=$(wc -w < "$inputs/seed.txt"); size=$(wc -c < "$inputs/seed.txt")
echo "Seed article: $size bytes, $words words. valgrind $(valgrind --version | sed 's/valgrind-//')."
echo
echo "| measure | instructions (Ir) | heap blocks (malloc) | heap bytes |"
echo "|---|---:|---:|---:|"
echo "| start-up, empty article | $(fmt "${ir[empty]}") | $(fmt "${blocks[empty]}") | $(fmt "${bytes[empty]}") |"
echo "| start-up + seed once | $(fmt "${ir[seed]}") | $(fmt "${blocks[seed]}") | $(fmt "${bytes[seed]}") |"
echo "| **first analysis** (difference) | **$(fmt $first_ir)** | **$(fmt $first_bl)** | **$(fmt $first_by)** |"
echo "| **steady analysis** ((--repeat 12 − --repeat 2) / 10, no JSON encoding) | **$(fmt $steady_ir)** | **$(fmt $steady_bl)** | **$(fmt $steady_by)** |"
echo "| per word, steady | $(( steady_ir / words )) | $(awk "BEGIN{printf \"%.1f\", $steady_bl/$words}") | $(( steady_by / words )) |"
