#!/usr/bin/env python3
"""Validate the knowledge base under Sources/AttacheCore/Resources/kb/.

Checks: every JSONL line parses and has the required keys with the right
types; ids are unique per file and well formed; ISO codes are unique; every
country capital names a location; no surface (name, alias, acronym, demonym)
points at two different countries; location kinds are known; lexicon files
have no duplicate lines. Exits 1 and lists the problems if any check fails.

Run: python3 scripts/check_kb.py [KB_DIR]
"""
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KB = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Sources", "AttacheCore", "Resources", "kb")

COUNTRY_KEYS = {"id", "type", "name", "iso2", "iso3", "aliases", "acronyms", "demonyms",
                "capital", "metonyms"}
LOCATION_KEYS = {"id", "type", "name", "aliases", "country", "kind", "caseSensitive", "needsContext",
                 "geonamesId", "latitude", "longitude"}
KINDS = {"city", "region", "body-of-water", "mountain", "continent", "world-region",
         "venue", "island", "other"}
LISTS = {"aliases", "acronyms", "demonyms", "metonyms"}

errors = []


def err(msg):
    errors.append(msg)


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower().replace("-", " ")


def load(name, allowed):
    path = os.path.join(KB, name)
    recs, ids = [], set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{name}:{n}"
            if not line.strip():
                err(f"{where}: blank line")
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{where}: bad JSON: {e}")
                continue
            extra = set(r) - allowed
            if extra:
                err(f"{where}: unknown keys {sorted(extra)}")
            for k in ("id", "type", "name"):
                if not isinstance(r.get(k), str) or not r.get(k):
                    err(f"{where}: missing {k}")
            for k in LISTS & set(r):
                v = r[k]
                if not isinstance(v, list) or not v or not all(isinstance(x, str) and x for x in v):
                    err(f"{where}: {k} must be a non-empty list of strings")
                elif len(set(v)) != len(v):
                    err(f"{where}: duplicate entries in {k}")
            for k, v in r.items():
                if isinstance(v, str) and v != v.strip():
                    err(f"{where}: {k} has surrounding spaces")
            if not re.fullmatch(r"[a-z]+-[a-z0-9-]+", r.get("id", "")):
                err(f"{where}: malformed id {r.get('id')!r}")
            if r.get("id") in ids:
                err(f"{where}: duplicate id {r['id']}")
            ids.add(r.get("id"))
            if not all(ord(c) < 128 for c in r.get("name", "")):
                err(f"{where}: canonical name has non-ASCII characters: {r['name']}")
            recs.append(r)
    return recs


countries = load("countries.jsonl", COUNTRY_KEYS)
locations = load("locations.jsonl", LOCATION_KEYS)

iso2, iso3, surfaces = {}, {}, {}
for c in countries:
    if c.get("type") != "country":
        err(f"{c['id']}: type must be country")
    for k, table, ln in (("iso2", iso2, 2), ("iso3", iso3, 3)):
        if k in c:
            if not re.fullmatch(rf"[A-Z]{{{ln}}}", c[k]):
                err(f"{c['id']}: bad {k} {c[k]}")
            if c[k] in table:
                err(f"{c['id']}: {k} {c[k]} also used by {table[c[k]]}")
            table[c[k]] = c["id"]
    if "iso3" in c and c["id"] != "country-" + c["iso3"].lower():
        err(f"{c['id']}: id does not match iso3 {c['iso3']}")
    for s in [c["name"]] + c.get("aliases", []) + c.get("acronyms", []) + c.get("demonyms", []):
        k = s if s.isupper() or "." in s else fold(s)
        if surfaces.get(k, c["id"]) != c["id"]:
            err(f"surface {s!r} used by both {surfaces[k]} and {c['id']}")
        surfaces[k] = c["id"]

loc_names = {}
for l in locations:
    if l.get("type") != "location":
        err(f"{l['id']}: type must be location")
    if l.get("kind") not in KINDS:
        err(f"{l['id']}: unknown kind {l.get('kind')}")
    if l["id"] != "loc-" + re.sub(r"[^a-z0-9]+", "-", fold(l["name"])).strip("-"):
        err(f"{l['id']}: id is not the slug of {l['name']!r}")
    if "country" in l and l["country"] not in iso2:
        err(f"{l['id']}: country {l['country']} is not an iso2 code in countries.jsonl")
    if "caseSensitive" in l and l["caseSensitive"] is not True:
        err(f"{l['id']}: caseSensitive must be true when present")
    for s in [l["name"]] + l.get("aliases", []):
        k = fold(s)
        if loc_names.get(k, l["id"]) != l["id"]:
            err(f"location surface {s!r} used by both {loc_names[k]} and {l['id']}")
        loc_names[k] = l["id"]

for c in countries:
    cap = c.get("capital")
    if cap and fold(cap) not in loc_names:
        err(f"{c['id']}: capital {cap!r} not in locations.jsonl")
    elif cap:
        loc = next(l for l in locations if l["id"] == loc_names[fold(cap)])
        if "iso2" in c and loc.get("country") not in (c["iso2"], None) and not c["id"].startswith("country-d"):
            err(f"{c['id']}: capital {cap} is located in {loc.get('country')}")
    for m in c.get("metonyms", []):
        if fold(m) not in loc_names:
            err(f"{c['id']}: metonym {m!r} has no venue in locations.jsonl")

country_keys = {fold(s) for c in countries
                for s in [c["name"]] + c.get("aliases", []) + c.get("acronyms", []) + c.get("demonyms", [])}
for k, lid in loc_names.items():
    if k in country_keys:
        err(f"{lid}: surface {k!r} is also a country name, alias or demonym")

lex_counts = {}
lexdir = os.path.join(KB, "lexicon")
for fn in sorted(os.listdir(lexdir)) if os.path.isdir(lexdir) else []:
    seen = set()
    with open(os.path.join(lexdir, fn), encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f]
    for n, l in enumerate(lines, 1):
        if not l.strip() or l.startswith("#"):
            continue
        if l != l.strip():
            err(f"lexicon/{fn}:{n}: surrounding spaces")
        if l in seen:
            err(f"lexicon/{fn}:{n}: duplicate {l!r}")
        seen.add(l)
    lex_counts[fn] = len(seen)

for e in errors:
    print("error:", e)
print(f"{len(countries)} countries, {len(locations)} locations, lexicons {lex_counts}: "
      f"{'OK' if not errors else str(len(errors)) + ' errors'}")
sys.exit(1 if errors else 0)
