#!/usr/bin/env python3
"""Shows gold and predicted events of each article side by side, paired the way score.py pairs them.

Usage: events_in_context.py GOLD PRED [ARTICLE_ID]
Each line: '=' matched (date right), '~' matched with another date, '+' spurious, '-' missed.
"""
import json
import sys
import unicodedata


def norm(s):
    if s is None:
        return ""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().strip()


gold = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    gold[d["id"]] = d
only = sys.argv[3] if len(sys.argv) > 3 else None
for line in open(sys.argv[2], encoding="utf-8"):
    rec = json.loads(line)
    gid = rec.get("id") or rec["article"]["id"]
    if only and gid != only:
        continue
    g = gold[gid]
    text = g["text"]
    names = {e["id"]: e["name"] for e in rec.get("entities", [])}
    gevents = g.get("events", [])
    gset = [({norm(p) for p in e["participants"]}, norm(e.get("location")), e) for e in gevents]
    taken, pairs = set(), []
    for pe in rec.get("events", []):
        parts = {norm(names.get(p["entity"], p["entity"])) for p in pe.get("participants", [])}
        loc = norm(names.get(pe.get("location"), pe.get("location"))) if pe.get("location") else ""
        best, bo = None, 0
        for i, (gp, gl, ge) in enumerate(gset):
            if i in taken or ge["type"] != pe["type"]:
                continue
            o = len(parts & gp) + (1 if loc and loc == gl else 0)
            if not gp and not gl and ge.get("date") and ge.get("date") == pe.get("date"):
                o = max(o, 0.5)
            if o > bo:
                best, bo = i, o
        if best is not None:
            taken.add(best)
        pairs.append((pe, best))
    print(f"## {gid} published {g.get('published')}")
    for pe, b in pairs:
        s, e = pe["sentence"]["start"], pe["sentence"]["end"]
        t = pe["trigger"]
        sent = text[s:t["start"]] + "[[" + text[t["start"]:t["end"]] + "]]" + text[t["end"]:e]
        who = ", ".join(names.get(p["entity"], p["entity"]) + ":" + p["role"][0] for p in pe.get("participants", []))
        if b is None:
            mark = "+"
            gdesc = ""
        else:
            ge = gevents[b]
            mark = "=" if (not ge.get("date") or ge.get("date") == pe.get("date")) else "~"
            gdesc = f"  GOLD {ge['trigger']!r} {ge.get('date')}"
        print(f"{mark} {pe['type']:9} {pe.get('date')!s:10} ({pe.get('dateText')!r}) [{who}]{gdesc}\n      {sent.strip()!r}")
    for i, (_, _, ge) in enumerate(gset):
        if i not in taken:
            print(f"- {ge['type']:9} {ge.get('date')!s:10} {ge['trigger']!r} {ge['participants']} loc={ge.get('location')}")
