#!/usr/bin/env python3
"""Self cost (instructions) of a callgrind output file per object (executable or shared library), largest first.

    valgrind --tool=callgrind --toggle-collect='*insertAll*' --callgrind-out-file=cg.out \
        .build/release/bench-payloads ../../shared/corpus/dev.jsonl sqlite 4
    python3 callgrind-by-object.py cg.out

Used for the SQLite row of the README's "Hand-written parts and why": how much of the insert path runs inside
libsqlite3 itself, which bounds what any Swift wrapper (ours or GRDB) can save.
"""
import re
import sys
from collections import Counter

names = {}          # compressed "(n)" -> object path
current = None      # object of the function being read
skip_next = False   # the line after calls= is an inclusive call cost, not self cost
totals = Counter()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    m = re.match(r"^c?ob=\((\d+)\)(?: (.*))?$", line)
    if m and m.group(2):
        names[m.group(1)] = m.group(2)
    if m and line.startswith("ob="):
        current = names.get(m.group(1), m.group(1))
        continue
    if line.startswith("calls="):
        skip_next = True
        continue
    if line and (line[0].isdigit() or line[0] in "+-*"):
        if skip_next:
            skip_next = False
            continue
        parts = line.split()
        if len(parts) >= 2 and current is not None:
            totals[current] += int(parts[1])
        continue
    skip_next = False if not line.startswith(("cfn=", "cfi=", "cob=", "cfl=")) else skip_next

grand = sum(totals.values()) or 1
for obj, cost in totals.most_common(8):
    print(f"{cost / grand:6.1%}  {cost:>14,}  {obj}")
print(f"total  {grand:,} instructions")
