#!/usr/bin/env bash
# How well the extractor does on names its knowledge base has never seen: copies the shipped knowledge base,
# removes every person, organization and location that the dev gold names (countries stay: they are a
# closed list), and scores the dev corpus with only that copy. The gap to the full score is what the
# name patterns, coreference and metonymy rules leave to the dictionary.
#
#   scripts/dev/ablation.sh            (needs a built .build/debug/attache or ATTACHE_BIN, and ../shared)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="${SHARED_DIR:-$root/../shared}"
bin="${ATTACHE_BIN:-$root/.build/debug/attache}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -R "$root/Sources/AttacheCore/Resources/kb" "$tmp/kb"
python3 - "$shared/corpus/dev.jsonl" "$tmp/kb" <<'PY'
import json, sys
gold_path, kb = sys.argv[1], sys.argv[2]
names = set()
for line in open(gold_path, encoding="utf-8"):
    for m in json.loads(line)["entities"]:
        if m["type"] != "country":
            names.add(m["name"].lower())
for f in ("locations", "organizations", "people"):
    path = f"{kb}/{f}.jsonl"
    kept = [l for l in open(path, encoding="utf-8") if json.loads(l)["name"].lower() not in names]
    removed = sum(1 for _ in open(path, encoding="utf-8")) - len(kept)
    open(path, "w", encoding="utf-8").write("".join(kept))
    print(f"{f}: removed {removed}")
PY
"$bin" analyze --no-builtin-kb --kb "$tmp/kb" --jsonl "$shared/corpus/dev.jsonl" > "$tmp/out.jsonl"
python3 "$shared/tools/score.py" --gold "$shared/corpus/dev.jsonl" --pred "$tmp/out.jsonl"
