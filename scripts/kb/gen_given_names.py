#!/usr/bin/env python3
"""Generate Sources/AttacheCore/Resources/kb/lexicon/given-names.txt.

Input: scripts/kb/kb_src/given-names.src, hand-written: "# Section" lines and
space-separated names. A token written with "_" is a full name kept in the
source as a reminder of who the name is for (e.g. Bola_Tinubu): only its first
part is emitted, plus the first two parts when they form a compound given name
("Abdel Fattah", "Jose Luis"). Surname-first names (Chinese, Korean,
Vietnamese) thus contribute their surname, which is harmless for detection.

Names in EXCLUDED are dropped: ordinary English words that start sentences,
months, honorifics and titles (kept in honorifics.txt/titles.txt), country or
city names, particles, and surnames that slipped into the source. The list is
written into the output header so a reader sees what is missing and why.

After the hand-written sections comes one generated from the first names of the
1990 US Census (public-domain data, shipped by the PyPI package `names`, MIT,
pinned in scripts/kb/requirements-kb.txt): every name that is not an everyday word.
A census name is left out when its lower-case form is among the 12,000 commonest
English words (lexicon/common-words.txt) or is a word of Debian's word list
(/usr/share/dict/american-english, package wamerican): "Dean", "Will", "Summer",
"Regis" read as words first. The hand-written EXCLUDED list applies too.

Run: python3 scripts/kb/gen_given_names.py   (with `names` installed, see requirements-kb.txt)
     python3 scripts/kb/gen_given_names.py --check  (exit 1 when the file differs from a fresh run)
"""
import io
import os
import re
import unicodedata

from kb_output import write_or_check

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "scripts", "kb", "kb_src", "given-names.src")
OUT = os.path.join(ROOT, "Sources", "AttacheCore", "Resources", "kb", "lexicon", "given-names.txt")

EXCLUDED = {
    "common English words or months": """Will May June April August Hope Faith Joy Summer Autumn Dawn
        Eve Rich Sunny Chase Miles Sue Art Dean Destiny Patience Justice Major Precious Blessings
        Pearl Amber Crystal Ruby Holly Sterling Rand Prosper Odd Una Mate Long Son Hung Tin Win Saw
        Than Tea To Ho Le Ha Tu Ne Ei Ban Moon Sun He Pan Wee No Van Nam Jihad Ramadan Rajab Barbecue
        Christian German Marles Kirby""",
    "honorifics and titles": """Sheikh King Prince Princess Sultan Emir Imam Mullah Maulana Alhaji
        Samdech Dasho Ratu Tengku Tunku Agong Dame Baroness Mahatma Begum U Gen Sen Tan""",
    "countries, cities, regions": """Jordan Chad Georgia India Israel Kenya Paris Sydney Austin Dallas
        Houston Florence Sofia Milan Santiago Alexandria Asia Africa America Roma Ararat Carolina
        Virginia Riyadh Aden Kiribati Nara Ganga Bharat Sadr Mercedes Chanel Lenin Jesus Islam Said
        Salam Amal Edappadi Aam Pheu""",
    "particles and short forms": "Al Abu K FW AK Ai Hun Ye Man Job Pal",
    "surnames": """Nuland Bannon Meloni Kofod Persson Hammarskjold Edtstadler Jetten Frieden Akhannouch
        Kakar Izetbegovic Tsikhanouskaya Zhaparov Stanikzai Baradar Hashemi Yudhoyono Kejriwal Oligui
        Mensah Asante Boateng Owusu Agyeman Amoako Antwi Appiah Baffour Darko Frimpong Gyamfi Kufuor
        Opoku Kamau Kariuki Kimani Ruto Mutai Korir Langat Wafula Wanjala Wekesa Kasongo Kabamba
        Kalonji Kanku Kazadi Lukusa Mbuyi Mukendi Mulumba Ngalula Ilunga Tshibanda Motegi Gnassingbe
        Eyadema Rowley Shettima Zulum Wazed Ranasinghe Khandu Mufti Thae Mahanta Masisi Stalin Grabar
        Davio Kwon Atta Sahara Sukarno Suharto Habibie Ahok Gottemoeller Kallas Baron Tirana""",
}
EXCLUDE = {w for ws in EXCLUDED.values() for w in ws.split()}

COMMON_WORDS = os.path.join(ROOT, "Sources", "AttacheCore", "Resources", "kb", "lexicon", "common-words.txt")
WORD_LIST = "/usr/share/dict/american-english"
CENSUS_SECTION = "US Census 1990 first names (package names 0.3.0), less everyday words"
CENSUS_FILES = ("dist.male.first", "dist.female.first")


def everyday_words():
    """Lower-case words a capitalised census name could be read as: the common-words lexicon and
    the lower-case entries of the system word list (its capitalised entries are proper nouns)."""
    words = set()
    with open(COMMON_WORDS, encoding="utf-8") as f:
        words.update(l.strip() for l in f if l.strip() and not l.startswith("#"))
    with open(WORD_LIST, encoding="utf-8") as f:
        words.update(w for w in (l.strip() for l in f) if w and w == w.lower())
    return words


def census_first_names():
    """The census first names, most frequent first within each file, recased ("MARY" -> "Mary")."""
    import names as census
    folder = os.path.dirname(census.__file__)
    out = []
    for file in CENSUS_FILES:
        with open(os.path.join(folder, file), encoding="ascii") as f:
            out.extend(line.split()[0].capitalize() for line in f if line.strip())
    return out

# Two-part given names emitted as such (besides every "Abd..." compound).
COMPOUND = {"Jose Luis", "Jose Manuel", "Jose Maria", "Juan Carlos", "Juan Manuel", "Maria Jose",
            "Miguel Angel", "Mary Lou", "Pier Ferdinando", "Jan Peter", "Lars Lokke", "Jonas Gahr",
            "Anders Fogh", "Ali Akbar", "Mohammad Javad", "Mohammad Bagher", "Mohammad Reza",
            "Andres Manuel", "Pedro Pablo", "Maria Corina", "Jose Eduardo", "Juan Ramon",
            "Ahmed Gaid", "Kassym Jomart", "Frank Walter", "Mohammed Shia", "Mahmoud Reza"}


def main():
    sections, order, seen = {}, [], set()
    current = None
    with open(SRC, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if line.startswith("#"):
                title = line.lstrip("#").strip()
                if current is None and not title[:1].isupper():
                    continue
                if title and title[0].isupper() and not title.startswith(("Source", "A token", "Accents", "\"#")):
                    current = title
                    sections.setdefault(current, [])
                    order.append(current)
                continue
            for tok in line.split():
                parts = tok.split("_")
                names = [parts[0]]
                if len(parts) >= 2:
                    two = parts[0] + " " + parts[1]
                    if two in COMPOUND or (parts[0].startswith("Abd") and parts[1][:1].isupper()):
                        names.append(two)
                for n in names:
                    if n in EXCLUDE or n in seen or not re.fullmatch(r"[A-Z][A-Za-z' -]*", n) or len(n) < 2:
                        continue
                    if any(ord(c) > 127 for c in n):
                        continue
                    seen.add(n)
                    sections[current].append(n)
    words = everyday_words()
    sections[CENSUS_SECTION] = []
    order.append(CENSUS_SECTION)
    for n in census_first_names():
        if n in EXCLUDE or n in seen or n.lower() in words or len(n) < 3:
            continue
        seen.add(n)
        sections[CENSUS_SECTION].append(n)
    with io.StringIO() as f:
        f.write("# Given names as written in English-language news, one per line, generated by\n"
                "# scripts/kb/gen_given_names.py from scripts/kb/kb_src/given-names.src (edit that, then rerun).\n"
                "# Accents are omitted: the engine folds them. Variant transliterations are separate lines.\n"
                "# Deliberately left out:\n")
        for why, ws in EXCLUDED.items():
            words = " ".join(sorted(ws.split()))
            f.write(f"#   {why}: {words}\n")
        for sec in order:
            if not sections[sec]:
                continue
            f.write(f"\n# {sec}\n")
            for n in sections[sec]:
                f.write(n + "\n")
        text = f.getvalue()
    write_or_check(OUT, text, f"wrote {len(seen)} given names to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
