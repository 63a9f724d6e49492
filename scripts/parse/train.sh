#!/bin/sh
# Trains the tagger and dependency parser of AttacheParse on UD English EWT and writes the shipped model
# files (Sources/AttacheParse/Resources/model/{tagger,parser}.model); prints UPOS, UAS and LAS on the dev
# and test splits. Deterministic: fixed epochs, shuffle seed and pruning, so a rerun gives the same bytes.
#
#   scripts/parse/train.sh EWT_DIR [OUT_DIR]     (EWT_DIR holds en_ewt-ud-{train,dev,test}.conllu)
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 EWT_DIR [OUT_DIR]" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
ewt=$(cd "$1" && pwd)
out=${2:-$root/Sources/AttacheParse/Resources/model}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root/Tools/ParserTraining"
swift build -c release --product parser-training
"$(swift build -c release --show-bin-path)/parser-training" "$ewt" "$out"
