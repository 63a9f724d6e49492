#!/usr/bin/env python3
"""Generate Sources/AttacheCore/Resources/kb/countries.jsonl.

Input: scripts/kb/kb_src/countries.tsv (hand-written: names, aliases, acronyms,
demonyms, capitals, metonyms). ISO 3166-1 alpha-2 codes and extra official
names come from pycountry (`pip install pycountry`), current or historic
(ISO 3166-3). Kosovo's XK/XKX are user-assigned codes in common use and are
taken from the table as written.

Run: python3 scripts/kb/gen_countries.py   (deterministic; rewrites the file)
     python3 scripts/kb/gen_countries.py --check  (exit 1 when the file differs from a fresh run)
"""
import json
import os
import re
import sys
import unicodedata

import pycountry

from kb_output import write_or_check

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "scripts", "kb", "kb_src", "countries.tsv")
OUT = os.path.join(ROOT, "Sources", "AttacheCore", "Resources", "kb", "countries.jsonl")

# User-assigned codes that ISO does not list but that news and the EU use.
EXTRA_ISO2 = {"XKX": "XK"}
# Historic codes that ISO reused for another state: keep only iso3 for these.
NO_ISO2 = {"SCG"}


def fold(s):
    """Lower-case, accent-free key used to detect clashes between surfaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower().replace("-", " ").strip()


def slug(s):
    s = fold(s)
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def split(field):
    return [] if field in ("", "-") else [x.strip() for x in field.split(";") if x.strip()]


def iso_lookup(iso3):
    c = pycountry.countries.get(alpha_3=iso3)
    if c is not None:
        return c, False
    for h in pycountry.historic_countries:
        if h.alpha_3 == iso3:
            return h, True
    return None, False


def main():
    rows = []
    with open(SRC, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 7:
                sys.exit(f"{SRC}:{n}: expected 7 tab-separated columns, got {len(cols)}")
            rows.append(cols)

    # Surfaces claimed by the hand-written table; pycountry names that clash are dropped.
    claimed = {}
    for iso3, name, aliases, acronyms, demonyms, _cap, metonyms in rows:
        for s in [name] + split(aliases) + split(acronyms) + split(demonyms) + split(metonyms):
            claimed.setdefault(fold(s), name)

    out = []
    for iso3, name, aliases, acronyms, demonyms, capital, metonyms in rows:
        rec = {}
        iso3 = "" if iso3 == "-" else iso3
        rec["id"] = "country-" + (iso3.lower() if iso3 else slug(name))
        rec["type"] = "country"
        rec["name"] = name
        al = split(aliases)
        if iso3:
            c, historic = iso_lookup(iso3)
            iso2 = EXTRA_ISO2.get(iso3) or (c.alpha_2 if c is not None else "")
            if iso2 and iso3 not in NO_ISO2:
                rec["iso2"] = iso2
            rec["iso3"] = iso3
            if c is not None and not historic:
                for attr in ("common_name", "name", "official_name"):
                    v = getattr(c, attr, None)
                    if not v or "," in v or "(" in v or v.lower().startswith("the "):
                        continue
                    k = fold(v)
                    if claimed.get(k, name) != name:
                        continue  # e.g. pycountry's "Congo" belongs to DR Congo here
                    if v != name and v not in al and k not in {fold(a) for a in al}:
                        al.append(v)
                        claimed[k] = name
        if al:
            rec["aliases"] = al
        for key, val in (("acronyms", acronyms), ("demonyms", demonyms)):
            if split(val):
                rec[key] = split(val)
        if capital not in ("", "-"):
            rec["capital"] = capital
        if split(metonyms):
            rec["metonyms"] = split(metonyms)
        out.append(rec)

    text = "".join(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n" for rec in out)
    write_or_check(OUT, text, f"wrote {len(out)} countries to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
