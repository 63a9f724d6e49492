#!/usr/bin/env python3
"""Prints score.py's mention errors with their surrounding text, grouped for error analysis.

Usage: errors_in_context.py GOLD PRED [FILTER]
"""
import json
import re
import subprocess
import sys

gold_path, pred_path = sys.argv[1], sys.argv[2]
flt = sys.argv[3] if len(sys.argv) > 3 else ""
texts = {}
for line in open(gold_path, encoding="utf-8"):
    d = json.loads(line)
    texts[d["id"]] = d["text"]
import pathlib

out = subprocess.run([sys.executable, str(pathlib.Path(__file__).resolve().parent.parent.parent / "shared/tools/score.py"), "--gold", gold_path, "--pred", pred_path, "--errors"],
                     capture_output=True, text=True).stdout
for line in out.splitlines():
    m = re.match(r"(\S+): (missed|spurious) mention (\w+) '(.*)' @(\d+)$", line)
    if not m or flt not in line:
        continue
    doc, what, typ, surface, at = m.groups()
    at = int(at)
    t = texts[doc]
    ctx = t[max(0, at - 50):at] + "[[" + t[at:at + len(surface)] + "]]" + t[at + len(surface):at + len(surface) + 40]
    print(f"{what[:4]} {typ[:4]} {doc}: {ctx!r}")
