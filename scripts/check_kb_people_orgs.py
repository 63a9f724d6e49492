#!/usr/bin/env python3
"""Validate the people and organization knowledge-base files.

Usage: scripts/check_kb_people_orgs.py [KB_DIR]
KB_DIR defaults to Sources/AttacheCore/Resources/kb next to this script's parent.

Errors (exit status 1): a line that is not a JSON object, unknown or mistyped keys,
duplicate ids, ids that are not URL-safe, canonical names with non-ASCII letters,
unknown ISO 3166-1 alpha-2 codes, unknown organization kinds, role dates that are not
real ISO dates (YYYY, YYYY-MM or YYYY-MM-DD), from > to, and role org ids that do not
exist in organizations.jsonl.
Warnings (printed, exit status unaffected): the same alias or acronym on two entries.
"""
import datetime
import json
import os
import re
import sys

ISO2 = set("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
VN VU WF WS YE YT ZA ZM ZW XK
""".split())
# Historical states that appear in 1990s news: Soviet Union, Yugoslavia, Serbia and Montenegro, Czechoslovakia.
ISO2 |= {"SU", "YU", "CS"}

KINDS = {"igo", "igo-organ", "government", "military", "armed-group", "party", "agency",
         "ngo", "company", "ad-hoc-group", "court", "other"}
ORG_KEYS = {"id": str, "type": str, "name": str, "aliases": list, "acronyms": list, "metonyms": list,
            "country": str, "kind": str}
PERSON_KEYS = {"id": str, "type": str, "name": str, "aliases": list, "acronyms": list,
               "country": str, "roles": list}
ROLE_KEYS = {"title": str, "country": str, "org": str, "from": str, "to": str}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Report:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"ERROR {where}: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"warning {where}: {msg}")


def parse_date(s):
    """Return (lo, hi) dates covered by an ISO date of day, month or year precision, or None."""
    m = DATE_RE.match(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            x = datetime.date(y, int(mo), int(d))
            return x, x
        if mo:
            lo = datetime.date(y, int(mo), 1)
            nxt = datetime.date(y + (int(mo) == 12), int(mo) % 12 + 1, 1)
            return lo, nxt - datetime.timedelta(days=1)
        return datetime.date(y, 1, 1), datetime.date(y, 12, 31)
    except ValueError:
        return None


def load(path, rep):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{os.path.basename(path)}:{n}"
            if not line.strip():
                rep.error(where, "blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                rep.error(where, f"not JSON: {e}")
                continue
            if not isinstance(obj, dict):
                rep.error(where, "not an object")
                continue
            rows.append((where, obj))
    return rows


def check_common(where, obj, keys, want_type, prefix, rep):
    for k, v in obj.items():
        if k not in keys:
            rep.error(where, f"unknown key {k!r}")
        elif not isinstance(v, keys[k]):
            rep.error(where, f"key {k!r} should be {keys[k].__name__}")
    for k in ("id", "type", "name"):
        if not obj.get(k):
            rep.error(where, f"missing {k}")
    if obj.get("type") != want_type:
        rep.error(where, f"type should be {want_type!r}")
    oid = obj.get("id", "")
    if isinstance(oid, str) and not (oid.startswith(prefix) and ID_RE.match(oid)):
        rep.error(where, f"id {oid!r} should be {prefix}<lowercase-slug>")
    name = obj.get("name", "")
    if isinstance(name, str) and not name.isascii():
        rep.error(where, f"canonical name {name!r} must carry no accents")
    for k in ("aliases", "acronyms"):
        if k not in obj:
            continue
        vals = obj[k]
        if not isinstance(vals, list):
            continue
        if not vals:
            rep.error(where, f"empty {k}: omit the key")
        for v in vals:
            if not isinstance(v, str) or not v.strip() or v != v.strip():
                rep.error(where, f"bad {k} entry {v!r}")
        if len(set(vals)) != len(vals):
            rep.error(where, f"duplicate {k} entries")
        if name in vals:
            rep.error(where, f"{k} repeats the canonical name")
    cc = obj.get("country")
    if cc is not None and cc not in ISO2:
        rep.error(where, f"country {cc!r} is not ISO 3166-1 alpha-2")


def index_surfaces(rows, rep, seen):
    """Warn when one alias (case-folded) or acronym (exact) names two entries."""
    for where, o in rows:
        surfaces = [("alias", s.casefold()) for s in [o.get("name", "")] + o.get("aliases", [])]
        surfaces += [("acronym", s) for s in o.get("acronyms", [])]
        for kind, s in set(surfaces):
            other = seen.get((kind, s))
            if other and other != o.get("id"):
                rep.warn(where, f"{kind} {s!r} also names {other}")
            else:
                seen[(kind, s)] = o.get("id")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    kb = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "Sources", "AttacheCore", "Resources", "kb")
    rep = Report()
    orgs = load(os.path.join(kb, "organizations.jsonl"), rep)
    people = load(os.path.join(kb, "people.jsonl"), rep)
    ids = {}
    for where, o in orgs + people:
        oid = o.get("id")
        if oid in ids:
            rep.error(where, f"duplicate id {oid!r} (first at {ids[oid]})")
        ids[oid] = where
    org_ids = {o.get("id") for _, o in orgs}
    for where, o in orgs:
        check_common(where, o, ORG_KEYS, "organization", "org-", rep)
        if o.get("kind") not in KINDS:
            rep.error(where, f"kind {o.get('kind')!r} not one of {sorted(KINDS)}")
    roles = 0
    for where, p in people:
        check_common(where, p, PERSON_KEYS, "person", "person-", rep)
        for i, r in enumerate(p.get("roles", []) if isinstance(p.get("roles"), list) else []):
            rw = f"{where} role {i + 1}"
            roles += 1
            if not isinstance(r, dict):
                rep.error(rw, "not an object")
                continue
            for k, v in r.items():
                if k not in ROLE_KEYS:
                    rep.error(rw, f"unknown key {k!r}")
                elif not isinstance(v, str) or not v:
                    rep.error(rw, f"key {k!r} should be a non-empty string")
            if not r.get("title"):
                rep.error(rw, "missing title")
            if "country" not in r and "org" not in r:
                rep.error(rw, "needs country or org")
            if "country" in r and r["country"] not in ISO2:
                rep.error(rw, f"country {r['country']!r} is not ISO 3166-1 alpha-2")
            if "org" in r and r["org"] not in org_ids:
                rep.error(rw, f"org {r['org']!r} not in organizations.jsonl")
            span = {}
            for k in ("from", "to"):
                if k in r:
                    span[k] = parse_date(r[k])
                    if span[k] is None:
                        rep.error(rw, f"{k} {r[k]!r} is not a real ISO date")
            if span.get("from") and span.get("to") and span["from"][0] > span["to"][1]:
                rep.error(rw, f"from {r['from']} is after to {r['to']}")
            if span.get("from") and span["from"][0] > datetime.date(2026, 12, 31):
                rep.error(rw, f"from {r['from']} is in the future")
    index_surfaces(orgs, rep, {})
    index_surfaces(people, rep, {})
    print(f"{len(orgs)} organizations, {len(people)} people, {roles} roles: "
          f"{rep.errors} errors, {rep.warnings} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
