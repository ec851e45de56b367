#!/usr/bin/env python3
"""Generate a deterministic lernort benchmark site.

Usage:
    scripts/gen-bench-site.py --pages N --out DIR [--theme DIR] [--seed S]

Writes a complete site into DIR (site.yaml, content/, themes/einfach/):

* 20 sections (content/abschnitt-01 … abschnitt-20), each with an _index.md;
* N pages spread round-robin over the sections (content/abschnitt-XX/seite-K.md);
* every page: ~800 words of German-looking Markdown from a fixed word list
  (umlauts and ß included) with ##/### headings, paragraphs with emphasis,
  one list, a table on roughly every third page, 3–5 internal links to other
  generated pages (same section and other sections; some with an anchor to a
  heading that exists in the target page), 1–3 tags from a fixed list of 30,
  a date, a weight and a description.

The output depends only on N, the seed and the theme files: the same arguments
give a byte-identical site. Randomness comes from a small built-in SplitMix64
generator (not Python's `random`), so the site does not change with the Python
version. Only the Python 3 standard library is used.

DIR is deleted and recreated; to avoid accidents the script refuses to delete a
non-empty DIR that it did not create itself (marker file `.lernort-bench-site`).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

MASK64 = (1 << 64) - 1
MARKER = ".lernort-bench-site"
SECTIONS = 20
DEFAULT_SEED = 20260101
WORDS_PER_PAGE = 800


class Rng:
    """SplitMix64: tiny, fast, and identical on every Python version."""

    def __init__(self, *seed: int) -> None:
        state = 0x9E3779B97F4A7C15
        for s in seed:
            state = (state ^ (s & MASK64)) * 0xBF58476D1CE4E5B9 & MASK64
            state ^= state >> 31
        self.state = state

    def next(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """An integer in [0, n)."""
        return self.next() % n

    def between(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def chance(self, percent: int) -> bool:
        return self.below(100) < percent

    def pick(self, items):
        return items[self.below(len(items))]

    def sample(self, items, k: int):
        """k distinct items, in the order drawn."""
        pool = list(items)
        out = []
        for _ in range(k):
            out.append(pool.pop(self.below(len(pool))))
        return out


# --- Vocabulary --------------------------------------------------------------

NOUNS = """
Bildung Schule Übergang Ausbildung Beratung Förderung Jugendliche Eltern Lehrkräfte
Schülerinnen Schüler Kommune Landkreis Verwaltung Netzwerk Bündnis Prüfung Zeugnis
Unterricht Kita Familie Ganztag Bibliothek Volkshochschule Weiterbildung Sprachförderung
Integration Teilhabe Öffentlichkeit Gebäude Straße Größe Maßnahme Lösung Möglichkeit
Zuständigkeit Übersicht Änderung Ergebnis Bericht Auswertung Planung Steuerung Qualität
Angebot Nachfrage Anmeldung Fristen Zuschüsse Fördermittel Haushalt Ausschuss Beschluss
Ansprechpartner Sprechstunde Öffnungszeiten Anschrift Bürgerbüro Rathaus Stadtteil
Quartier Träger Verein Stiftung Kooperation Vereinbarung Konzept Leitbild Strategie
Monitoring Kennzahl Daten Statistik Erhebung Befragung Rückmeldung Gespräch Workshop
Fachtag Konferenz Arbeitskreis Lenkungsgruppe Geschäftsstelle Koordinierung Projekt
Zielgruppe Lernort Werkstatt Praktikum Betrieb Handwerk Kammer Hochschule Studium
Berufsorientierung Schulabschluss Übergänge Lebenslagen Gesundheit Bewegung Ernährung
Kultur Musik Medien Digitalisierung Endgeräte Barrierefreiheit Gleichstellung Vielfalt
""".split()

ADJECTIVES = """
kommunal regional öffentlich gemeinsam nachhaltig früh schulisch beruflich digital
verlässlich zuständig ergänzend übergreifend gründlich möglich nötig jährlich künftig
aktuell bisherig zusätzlich offen barrierefrei mehrsprachig überörtlich kostenfrei
""".split()

VERBS = """
fördert begleitet unterstützt plant prüft verbessert bündelt stärkt öffnet ermöglicht
erklärt beschreibt zeigt sammelt wertet berät lädt informiert verknüpft überträgt
erhöht senkt klärt regelt führt schafft gewährleistet ergänzt übernimmt
""".split()

SMALL = """
der die das den dem des ein eine einen und oder aber auch noch schon nur sehr mehr
für über unter mit ohne gegen zwischen nach vor bei seit durch um zu im am vom zum zur
nicht sich wir sie es jetzt hier dort damit dabei außerdem zudem gemäß während
""".split()

TAGS = [
    "Bildung", "Schule", "Übergänge", "Ausbildung", "Beratung", "Förderung",
    "Kita", "Eltern", "Jugend", "Weiterbildung", "Integration", "Teilhabe",
    "Digitalisierung", "Barrierefreiheit", "Ganztag", "Sprachförderung",
    "Berufsorientierung", "Hochschule", "Kultur", "Gesundheit", "Bewegung",
    "Ehrenamt", "Quartier", "Monitoring", "Statistik", "Fördermittel",
    "Veranstaltung", "Öffentlichkeit", "Netzwerk", "Straßenverkehr",
]

SECTION_TITLES = [
    "Frühe Bildung", "Schule und Unterricht", "Übergänge gestalten",
    "Berufliche Ausbildung", "Hochschule und Studium", "Weiterbildung",
    "Sprachförderung", "Integration und Teilhabe", "Familienbildung",
    "Ganztag und Betreuung", "Digitale Bildung", "Kulturelle Bildung",
    "Gesundheit und Bewegung", "Bildungsberatung", "Bildungsmonitoring",
    "Fördermittel und Zuschüsse", "Netzwerke und Gremien", "Veranstaltungen",
    "Öffentlichkeitsarbeit", "Über uns",
]

SORTS = ["weight", "date", "title"]


def cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def slugify(text: str) -> str:
    """Mirror of lernort's heading id rule (src/content/slug.rs)."""
    out = []
    dash = False
    for c in text:
        mapped = {"ä": "ae", "Ä": "ae", "ö": "oe", "Ö": "oe", "ü": "ue", "Ü": "ue",
                  "ß": "ss", "ẞ": "ss"}.get(c)
        if mapped:
            out.append(mapped)
            dash = False
        elif (c.isascii() and c.isalnum()) or c == "_":
            out.append(c.lower())
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    s = "".join(out)
    return s.rstrip("-")


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar (our texts never contain `"` or `\\`)."""
    assert '"' not in text and "\\" not in text
    return f'"{text}"'


# --- Text --------------------------------------------------------------------


def word(rng: Rng) -> str:
    r = rng.below(100)
    if r < 38:
        return rng.pick(SMALL)
    if r < 70:
        return rng.pick(NOUNS)
    if r < 85:
        return rng.pick(ADJECTIVES)
    return rng.pick(VERBS)


def sentence_words(rng: Rng, lo: int = 6, hi: int = 16) -> list[str]:
    words = [word(rng) for _ in range(rng.between(lo, hi))]
    words[0] = cap(words[0])
    return words


def heading_text(rng: Rng) -> str:
    n = rng.between(2, 4)
    parts = [rng.pick(NOUNS)]
    for _ in range(n - 1):
        parts.append(rng.pick(NOUNS) if rng.chance(50) else rng.pick(ADJECTIVES))
    return " ".join(parts)


def title_text(rng: Rng) -> str:
    return f"{rng.pick(NOUNS)} {rng.pick(SMALL)} {rng.pick(NOUNS)} {cap(rng.pick(ADJECTIVES))}"


# --- Site plan ---------------------------------------------------------------


class PagePlan:
    __slots__ = ("index", "section", "number", "headings")

    def __init__(self, index: int, section: int, number: int, headings):
        self.index = index          # 0-based over the whole site
        self.section = section      # 1-based section number
        self.number = number        # 1-based page number in its section
        self.headings = headings    # [(level, text, id)]

    @property
    def folder(self) -> str:
        return f"abschnitt-{self.section:02d}"

    @property
    def file(self) -> str:
        return f"seite-{self.number}.md"


def plan_headings(rng: Rng):
    """3–4 `##` headings, each followed by 0–2 `###`; texts unique within the page."""
    headings = []
    seen = set()
    for _ in range(rng.between(3, 4)):
        for level in [2] + [3] * rng.between(0, 2):
            while True:
                text = heading_text(rng)
                hid = slugify(text)
                if hid not in seen:
                    break
            seen.add(hid)
            headings.append((level, text, hid))
    return headings


def plan_site(pages: int, seed: int) -> list[PagePlan]:
    plans = []
    for i in range(pages):
        section = i % SECTIONS + 1
        number = i // SECTIONS + 1
        plans.append(PagePlan(i, section, number, plan_headings(Rng(seed, i, 1))))
    return plans


# --- Page body ---------------------------------------------------------------


class Body:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.words = 0

    def add(self, text: str, words: int) -> None:
        self.parts.append(text)
        self.words += words


def link_to(rng: Rng, page: PagePlan, target: PagePlan) -> tuple[str, int]:
    """A Markdown link from `page` to `target` (relative path), maybe with an anchor."""
    if target.section == page.section:
        path = target.file
    else:
        path = f"../{target.folder}/{target.file}"
    if rng.chance(30):
        _level, _text, hid = rng.pick(target.headings)
        path += f"#{hid}"
    label = [rng.pick(NOUNS), rng.pick(SMALL), rng.pick(NOUNS)]
    return f"[{' '.join(label)}]({path})", len(label)


def paragraph(rng: Rng, links: list[tuple[str, int]]) -> tuple[str, int]:
    sentences = []
    count = 0
    for _ in range(rng.between(3, 6)):
        words = sentence_words(rng)
        count += len(words)
        # Some emphasis, some ASCII quotes (rewritten to „…“ by lernort).
        if rng.chance(25):
            j = rng.below(len(words))
            words[j] = f"*{words[j]}*"
        if rng.chance(15):
            j = rng.below(len(words))
            words[j] = f"**{words[j]}**"
        if rng.chance(8) and len(words) > 3:
            words[1] = f'"{words[1]}'
            words[2] = f'{words[2]}"'
        if links and rng.chance(35):
            text, n = links.pop()
            words.insert(rng.below(len(words)) + 1, text)
            count += n
        sentences.append(" ".join(words) + rng.pick([".", ".", ".", "!", "?"]))
    return " ".join(sentences), count


def bullet_list(rng: Rng) -> tuple[str, int]:
    items = []
    count = 0
    ordered = rng.chance(30)
    for k in range(rng.between(4, 7)):
        words = sentence_words(rng, 3, 9)
        count += len(words)
        marker = f"{k + 1}." if ordered else "-"
        items.append(f"{marker} {' '.join(words)}")
    return "\n".join(items), count


def table(rng: Rng) -> tuple[str, int]:
    head = ["Bereich", "Angebot", "Anzahl", "Stand"]
    rows = ["| " + " | ".join(head) + " |", "| --- | --- | ---: | --- |"]
    count = len(head)
    for _ in range(rng.between(3, 6)):
        cells = [
            rng.pick(NOUNS),
            f"{rng.pick(ADJECTIVES)} {rng.pick(NOUNS)}",
            str(rng.between(1, 999)),
            f"{rng.between(1, 28):02d}.{rng.between(1, 12):02d}.{rng.between(2018, 2025)}",
        ]
        count += 5
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows), count


def page_text(page: PagePlan, plans: list[PagePlan], seed: int) -> str:
    rng = Rng(seed, page.index, 2)
    n = len(plans)
    same_section = [p for p in (page.index - SECTIONS, page.index + SECTIONS) if 0 <= p < n]

    # Front matter.
    title = title_text(rng)
    description = " ".join(sentence_words(rng, 8, 14)) + "."
    year = rng.between(2015, 2025)
    date = f"{year}-{rng.between(1, 12):02d}-{rng.between(1, 28):02d}"
    tags = rng.sample(TAGS, rng.between(1, 3))
    front = [
        "---",
        f"title: {yaml_str(title)}",
        f"description: {yaml_str(description)}",
        f"date: {date}",
        f"weight: {page.number}",
        "tags: [" + ", ".join(yaml_str(t) for t in tags) + "]",
        "---",
        "",
    ]

    # Internal links: a neighbour in the same section (if any), the rest anywhere.
    targets = []
    if same_section:
        targets.append(plans[rng.pick(same_section)])
    wanted = rng.between(3, 5)
    while len(targets) < wanted and n > 1:
        t = plans[rng.below(n)]
        if t.index != page.index:
            targets.append(t)
    links = [link_to(rng, page, t) for t in targets]

    body = Body()
    body.add(*paragraph(rng, links))
    table_at = rng.below(len(page.headings)) if rng.chance(35) else -1
    list_at = rng.below(len(page.headings))
    for h, (level, text, _hid) in enumerate(page.headings):
        body.add(f"{'#' * level} {text}", len(text.split()))
        body.add(*paragraph(rng, links))
        if h == list_at:
            body.add(*bullet_list(rng))
        if h == table_at:
            body.add(*table(rng))
    # Top up to about WORDS_PER_PAGE words under the last heading.
    target = WORDS_PER_PAGE + rng.between(-40, 40)
    while body.words < target:
        body.add(*paragraph(rng, links))
    # Links not placed yet go into a closing "see also" list.
    if links:
        body.add("Siehe auch:", 2)
        body.add("\n".join(f"- {text}" for text, _n in links), sum(n for _t, n in links))
    return "\n".join(front) + "\n" + "\n\n".join(body.parts) + "\n"


# --- Files -------------------------------------------------------------------


SITE_YAML = """\
title: Benchmark
description: Generierte Testseite
base_url: https://bench.example.org
language: de
theme: einfach
taxonomies: [tags]
"""


def home_text(pages: int, seed: int) -> str:
    rng = Rng(seed, 0xFFFF, 3)
    lines = [
        "---",
        "title: Startseite",
        "description: Generierte Testseite für den lernort-Benchmark",
        "---",
        "",
        " ".join(sentence_words(rng, 20, 30)) + ".",
        "",
        f"Diese Seite hat {pages} Seiten in {SECTIONS} Abschnitten:",
        "",
    ]
    for s in range(1, SECTIONS + 1):
        lines.append(f"- [{SECTION_TITLES[s - 1]}](abschnitt-{s:02d}/_index.md)")
    return "\n".join(lines) + "\n"


def section_text(s: int, seed: int) -> str:
    rng = Rng(seed, 0xFFFF, 4, s)
    title = SECTION_TITLES[s - 1]
    return "\n".join([
        "---",
        f"title: {yaml_str(title)}",
        f"description: {yaml_str(' '.join(sentence_words(rng, 6, 10)) + '.')}",
        f"weight: {s}",
        f"sort_by: {SORTS[s % len(SORTS)]}",
        "---",
        "",
        " ".join(sentence_words(rng, 20, 40)) + ".",
        "",
        "Zurück zur [Startseite](../_index.md).",
        "",
    ])


def write(path: Path, text: str) -> None:
    # newline="\n": byte-identical output on every platform.
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def prepare(out: Path) -> None:
    if out.exists():
        if not out.is_dir():
            sys.exit(f"gen-bench-site: {out} exists and is not a folder")
        if any(out.iterdir()) and not (out / MARKER).exists():
            sys.exit(f"gen-bench-site: {out} is not empty and was not made by this script; "
                     "refusing to delete it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    write(out / MARKER, "Generated by scripts/gen-bench-site.py; safe to delete.\n")


def copy_theme(theme: Path, dest: Path) -> None:
    if not (theme / "templates").is_dir():
        sys.exit(f"gen-bench-site: {theme} has no templates/ folder")
    # copyfile, not copy2: no timestamps or modes, only bytes.
    shutil.copytree(theme, dest, copy_function=shutil.copyfile)


def main() -> int:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10000, help="number of pages (default 10000)")
    ap.add_argument("--out", type=Path, required=True, help="site folder to (re)create")
    ap.add_argument("--theme", type=Path, default=repo / "themes" / "einfach",
                    help="theme folder to copy to themes/einfach (default: the repo's)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed (default {DEFAULT_SEED})")
    args = ap.parse_args()
    if args.pages < 1:
        ap.error("--pages must be at least 1")

    out: Path = args.out
    prepare(out)
    write(out / "site.yaml", SITE_YAML)
    copy_theme(args.theme, out / "themes" / "einfach")
    content = out / "content"
    content.mkdir()
    write(content / "_index.md", home_text(args.pages, args.seed))
    for s in range(1, SECTIONS + 1):
        folder = content / f"abschnitt-{s:02d}"
        folder.mkdir()
        write(folder / "_index.md", section_text(s, args.seed))

    plans = plan_site(args.pages, args.seed)
    total_words = 0
    for page in plans:
        text = page_text(page, plans, args.seed)
        total_words += len(text.split())
        write(content / page.folder / page.file, text)
    print(f"gen-bench-site: {args.pages} pages in {SECTIONS} sections, "
          f"~{total_words // max(1, args.pages)} words per file (front matter included) -> {out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
