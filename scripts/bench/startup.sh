#!/usr/bin/env bash
# Start-up cost of the knowledge base: wall time, CPU time and peak RSS of `attache analyze` on a
# one-line article (the run is all loading), and the loader's own figure (`--timing`: "kb load").
# Medians of RUNS runs (default 9). Usage: scripts/bench/startup.sh [BINARY ...]
# (default .build/release/attache; give two binaries to compare them, runs interleaved).
set -euo pipefail
RUNS=${RUNS:-9}
BINS=("$@")
[ ${#BINS[@]} -eq 0 ] && BINS=(.build/release/attache)
input=$(mktemp)
trap 'rm -f "$input" "$input".*' EXIT
echo "Talks were held in Split, Croatia, on Monday." > "$input"
for b in "${BINS[@]}"; do : > "$input.$(echo "$b" | md5sum | cut -c1-8)"; done
for _ in $(seq "$RUNS"); do
  for b in "${BINS[@]}"; do
    out="$input.$(echo "$b" | md5sum | cut -c1-8)"
    /usr/bin/time -f '%e %U %S %M' -o "$input.time" "$b" analyze --timing "$input" > /dev/null 2> "$input.err"
    load=$(grep -o 'kb load [0-9.]*' "$input.err" | awk '{print $3}')
    read -r wall user sys rss < "$input.time"
    echo "$wall $(echo "$user + $sys" | bc) $rss $load" >> "$out"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for b in "${BINS[@]}"; do
  out="$input.$(echo "$b" | md5sum | cut -c1-8)"
  printf '%s: wall %s s, cpu %s s, max RSS %s MB, kb load %s ms (medians of %d runs)\n' "$b" \
    "$(cut -d' ' -f1 "$out" | median)" "$(cut -d' ' -f2 "$out" | median)" \
    "$(cut -d' ' -f3 "$out" | median | awk '{printf "%.1f", $1/1024}')" "$(cut -d' ' -f4 "$out" | median)" "$RUNS"
done
