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

More corpora and a second tool (issue 11):

    scripts/gen-bench-site.py --pages N --out DIR --hugo HDIR
    scripts/gen-bench-site.py --corpus large [--pages N] --out DIR [--hugo HDIR]

* `--hugo HDIR` also writes a Hugo site with the same content: the same content/
  files byte for byte (Hugo reads the same YAML front matter: title, description,
  date, weight, tags; `sort_by` of a section is a plain parameter there), plus
  content/tags/<term>/_index.md for every used tag (its title, and `url:` so that
  the term page is at lernort's address, /tags/uebergaenge/ rather than Hugo's
  /tags/übergänge/), hugo.toml and layouts/ equivalent to themes/einfach (see
  HUGO_* below), and the theme's CSS under static/.
* `--corpus large` (default 3,000 pages): page bundles
  content/abschnitt-XX/seite-K/index.md of 30 KB to 3 MB of German-looking Markdown
  (sizes heavy-tailed: a Pareto law from 30 KB, capped at 3 MB; most pages 30-100 KB,
  a few MB-sized), with nested `##`-`######` headings (Teil, Kapitel, §, Absatz, Nr.),
  tables of 100-500 rows, definition lists (`Begriff` / `: Erklärung`), links to other
  pages and their `##` headings, and 1-20 small valid PNG images per page next to it
  (bild-1.png ..., referenced as `![Abbildung …](bild-3.png)`). The total is printed.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import struct
import sys
import zlib
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


def decorate(rng: Rng, words: list[str], emphasis: int, strong: int, quoted: int) -> None:
    """Marks, each with the given chance in percent, one word *emphasised*, one **strong**,
    and words 2–3 as an ASCII quotation (the draws in this order, so corpora stay the same)."""
    if rng.chance(emphasis):
        j = rng.below(len(words))
        words[j] = f"*{words[j]}*"
    if rng.chance(strong):
        j = rng.below(len(words))
        words[j] = f"**{words[j]}**"
    if rng.chance(quoted) and len(words) > 3:
        words[1] = f'"{words[1]}'
        words[2] = f'{words[2]}"'


def paragraph(rng: Rng, links: list[tuple[str, int]]) -> tuple[str, int]:
    sentences = []
    count = 0
    for _ in range(rng.between(3, 6)):
        words = sentence_words(rng)
        count += len(words)
        # Some emphasis, some ASCII quotes (rewritten to „…“ by lernort).
        decorate(rng, words, 25, 15, 8)
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


# --- The large-page corpus -----------------------------------------------------
#
# Legal-text-like page bundles: content/abschnitt-XX/seite-K/index.md with images.
# Text comes from pools of sentences and table cells drawn once from the seed, so
# that 300 MB of Markdown take seconds, not minutes, in pure Python.

LARGE_PAGES = 3000
LARGE_MIN = 30_000          # bytes: the smallest page (and the Pareto law's scale)
LARGE_MAX = 3_000_000       # bytes: the largest page
LARGE_ALPHA = 1.35          # Pareto shape: median ~50 KB, mean ~90 KB, ~0.5 % above 1 MB
LARGE_TEIL = 60_000         # bytes of Markdown per `##` part (at least 2 parts per page)


def pareto_size(rng: Rng) -> int:
    u = ((rng.next() >> 11) + 1) / float(1 << 53)       # (0, 1]
    return min(LARGE_MAX, int(LARGE_MIN * u ** (-1.0 / LARGE_ALPHA)))


class LargePlan:
    __slots__ = ("index", "section", "number", "size", "teile", "images")

    def __init__(self, index: int, section: int, number: int, seed: int):
        rng = Rng(seed, index, 11)
        self.index = index
        self.section = section
        self.number = number
        self.size = pareto_size(rng)
        self.teile = []                   # [(text, id)] of the `##` headings
        for t in range(1, max(2, self.size // LARGE_TEIL) + 1):
            text = f"Teil {t} {heading_text(rng)}"
            self.teile.append((text, slugify(text)))
        self.images = rng.between(1, 20)

    @property
    def folder(self) -> str:
        return f"abschnitt-{self.section:02d}/seite-{self.number}"


def plan_large(pages: int, seed: int) -> list[LargePlan]:
    return [LargePlan(i, i % SECTIONS + 1, i // SECTIONS + 1, seed) for i in range(pages)]


class Pools:
    """Sentences and table cells, drawn once; pages pick from them."""

    def __init__(self, seed: int) -> None:
        rng = Rng(seed, 0xFFFF, 12)
        self.sentences = []
        for _ in range(4096):
            words = sentence_words(rng, 6, 18)
            decorate(rng, words, 20, 10, 6)
            self.sentences.append(" ".join(words) + rng.pick([".", ".", ".", ";", "!"]))
        self.cells = [f"{rng.pick(ADJECTIVES)} {rng.pick(NOUNS)}" for _ in range(1024)]
        self.terms = [f"{cap(rng.pick(ADJECTIVES))} {rng.pick(NOUNS)}" for _ in range(512)]


class LargeBody:
    def __init__(self, rng: Rng, pools: Pools) -> None:
        self.rng = rng
        self.pools = pools
        self.parts: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text.encode("utf-8")) + 2

    def sentences(self, lo: int, hi: int) -> str:
        pool = self.pools.sentences
        rng = self.rng
        return " ".join(pool[rng.below(len(pool))] for _ in range(rng.between(lo, hi)))

    def table(self) -> None:
        rng, cells = self.rng, self.pools.cells
        rows = ["| Nr. | Bereich | Regelung | Betrag (€) | Frist |",
                "| ---: | --- | --- | ---: | --- |"]
        for r in range(1, rng.between(100, 500) + 1):
            rows.append(f"| {r} | {rng.pick(NOUNS)} | {cells[rng.below(len(cells))]} | "
                        f"{rng.between(1, 99999)},{rng.below(100):02d} | "
                        f"{rng.between(1, 28):02d}.{rng.between(1, 12):02d}.{rng.between(2018, 2030)} |")
        self.add("\n".join(rows))

    def definitions(self) -> None:
        rng, terms = self.rng, self.pools.terms
        items = [f"{terms[rng.below(len(terms))]}\n: {self.sentences(1, 3)}"
                 for _ in range(rng.between(3, 8))]
        self.add("\n\n".join(items))


def large_link(rng: Rng, page: LargePlan, target: LargePlan) -> str:
    if target.section == page.section:
        path = f"../seite-{target.number}/index.md"
    else:
        path = f"../../{target.folder}/index.md"
    if rng.chance(50):
        path += "#" + rng.pick(target.teile)[1]
    return f"[{rng.pick(NOUNS)} {rng.pick(SMALL)} {rng.pick(NOUNS)}]({path})"


def large_front(rng: Rng, page: LargePlan) -> str:
    title = f"{title_text(rng)} ({page.section}/{page.number})"
    description = " ".join(sentence_words(rng, 8, 14)) + "."
    date = f"{rng.between(2015, 2025)}-{rng.between(1, 12):02d}-{rng.between(1, 28):02d}"
    tags = rng.sample(TAGS, rng.between(1, 3))
    return "\n".join([
        "---",
        f"title: {yaml_str(title)}",
        f"description: {yaml_str(description)}",
        f"date: {date}",
        f"weight: {page.number}",
        "tags: [" + ", ".join(yaml_str(t) for t in tags) + "]",
        "---",
        "",
    ]) + "\n"


def large_text(page: LargePlan, plans: list[LargePlan], pools: Pools, seed: int) -> str:
    rng = Rng(seed, page.index, 13)
    front = large_front(rng, page)
    b = LargeBody(rng, pools)
    n = len(plans)
    b.add(b.sentences(3, 6))
    # Images at evenly spread byte offsets; the rest (if the page ends early) at the end.
    image = 1
    image_every = max(1, page.size // (page.images + 1))
    para = 0
    per_teil = page.size // len(page.teile)
    for t, (text, _hid) in enumerate(page.teile, 1):
        b.add(f"## {text}")
        b.add(b.sentences(1, 3))
        teil_end = b.size + per_teil
        k = 0
        while b.size < teil_end:
            k += 1
            b.add(f"### Kapitel {t}.{k} {heading_text(rng)}")
            for _ in range(rng.between(2, 6)):
                para += 1
                b.add(f"#### § {para} {heading_text(rng)}")
                for a in range(1, rng.between(1, 4) + 1):
                    b.add(f"({a}) {b.sentences(2, 7)}")
                if rng.chance(25):
                    for j in range(1, rng.between(1, 3) + 1):
                        b.add(f"##### Absatz {para}.{j} {heading_text(rng)}")
                        b.add(b.sentences(2, 5))
                        if rng.chance(40):
                            b.add(f"###### Nr. {para}.{j}.1 {heading_text(rng)}")
                            b.add(b.sentences(1, 4))
                if rng.chance(12):
                    b.definitions()
                if rng.chance(6):
                    b.table()
                if n > 1 and rng.chance(30):
                    target = plans[rng.below(n)]
                    if target.index != page.index:
                        b.add(f"Siehe {large_link(rng, page, target)}. {b.sentences(1, 2)}")
                while image <= page.images and b.size >= image * image_every:
                    b.add(f"![Abbildung {image}: {heading_text(rng)}](bild-{image}.png)")
                    image += 1
                if b.size >= teil_end:
                    break
    while image <= page.images:
        b.add(f"![Abbildung {image}: {heading_text(rng)}](bild-{image}.png)")
        image += 1
    return front + "\n\n".join(b.parts) + "\n"


def png_bytes(seed: int, page: int, image: int) -> bytes:
    """A small valid RGB PNG (32-64 x 24-48 pixels of deterministic noise, ~2-9 KB)."""
    rng = Rng(seed, page, 14, image)
    w, h = rng.between(32, 64), rng.between(24, 48)
    noise = hashlib.shake_256(f"{seed}/{page}/{image}".encode()).digest(w * h * 3)
    raw = b"".join(b"\x00" + noise[y * w * 3:(y + 1) * w * 3] for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6))
            + chunk(b"IEND", b""))


# --- The Hugo site -------------------------------------------------------------
#
# Equivalent to themes/einfach for the pages this generator makes: the same page set
# (home, 20 sections, every page, /tags/ and every /tags/<slug>/, 404.html, the home's
# Atom feed atom.xml, sitemap.xml, robots.txt, css/einfach.css) and about the same
# work per page (navigation of all sections, breadcrumbs, date, tags with links, body;
# links to .md files resolved and checked by a render hook, as lernort resolves and
# checks them; images looked up among the bundle's files, alt text required).
# Hugo's RSS feeds of sections and terms are off, as lernort makes none by default.

HUGO_CONFIG = """\
baseURL = "https://bench.example.org/"
title = "Benchmark"
languageCode = "de"
defaultContentLanguage = "de"
enableRobotsTXT = true
buildFuture = true
disableKinds = ["RSS"]

[params]
description = "Generierte Testseite"

[taxonomies]
tag = "tags"

[mediaTypes."application/atom+xml"]
suffixes = ["xml"]

[outputFormats.atom]
mediaType = "application/atom+xml"
baseName = "atom"
isPlainText = false

[outputs]
home = ["HTML", "atom"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]
page = ["HTML"]

[markup.goldmark.extensions]
linkify = false
typographer = true
definitionList = true
footnote = true
table = true
strikethrough = true
taskList = true
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="alternate" type="application/atom+xml" title="{{ site.Title }}" href="/atom.xml">
<link rel="stylesheet" href="{{ "css/einfach.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#inhalt">Zum Inhalt springen</a>
<header class="site-header">
  <p class="site-title"><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>
  <nav aria-label="Hauptnavigation">
  <ul>
  {{- $cur := .RelPermalink }}
  {{- range site.Sections.ByWeight }}
    <li><a href="{{ .RelPermalink }}"{{ if hasPrefix $cur .RelPermalink }} aria-current="{{ if eq $cur .RelPermalink }}page{{ else }}true{{ end }}"{{ end }}>{{ .Title }}</a></li>
  {{- end }}
  </ul>
</nav>
</header>
{{ block "breadcrumbs" . }}{{ end }}
<main id="inhalt">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <p>{{ site.Title }}</p>
</footer>
</body>
</html>
""",
    "partials/seitenliste.html": """\
<ul class="pages">
{{- range . }}
  <li>
    <a href="{{ .RelPermalink }}">{{ .Title }}</a>
    {{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time>{{ end }}
    {{ with .Description }}<p>{{ . }}</p>{{ end }}
  </li>
{{- end }}
</ul>
""",
    "partials/brotkrumen.html": """\
<nav aria-label="Brotkrumen" class="breadcrumbs">
  <ol>
    <li><a href="{{ site.Home.RelPermalink }}">{{ site.Home.Title }}</a></li>
    {{- with .Parent }}{{ if not .IsHome }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
    {{- end }}{{ end }}
  </ol>
</nav>
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{- range $i, $s := site.Sections.ByWeight }}
<section aria-labelledby="teaser-{{ add $i 1 }}">
  <h2 id="teaser-{{ add $i 1 }}"><a href="{{ $s.RelPermalink }}">{{ $s.Title }}</a></h2>
  {{ with $s.Description }}<p>{{ . }}</p>{{ end }}
</section>
{{- end }}
{{ end }}
""",
    "_default/list.html": """\
{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "breadcrumbs" }}{{ partial "brotkrumen.html" . }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{- $pages := .Pages.ByWeight }}
{{- if eq .Params.sort_by "date" }}{{ $pages = .Pages.ByDate.Reverse }}{{ end }}
{{- if eq .Params.sort_by "title" }}{{ $pages = .Pages.ByTitle }}{{ end }}
{{ partial "seitenliste.html" $pages }}
{{ end }}
""",
    "_default/single.html": """\
{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "breadcrumbs" }}{{ partial "brotkrumen.html" . }}{{ end }}
{{ define "main" }}
<article>
  <h1>{{ .Title }}</h1>
  {{ if not .Date.IsZero }}<p class="meta">Veröffentlicht am <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>{{ end }}
  {{ .Content }}
  {{ with .GetTerms "tags" }}<p class="terms">Tags: {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>{{ end }}
</article>
{{ end }}
""",
    "_default/terms.html": """\
{{ define "title" }}{{ .Title }} – {{ site.Title }}{{ end }}
{{ define "breadcrumbs" }}{{ partial "brotkrumen.html" . }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="terms-list">
{{- range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }} {{ if eq .Count 1 }}Seite{{ else }}Seiten{{ end }})</li>
{{- end }}
</ul>
{{ end }}
""",
    "_default/term.html": """\
{{ define "title" }}{{ .Title }} – Tags – {{ site.Title }}{{ end }}
{{ define "breadcrumbs" }}{{ partial "brotkrumen.html" . }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="meta">{{ len .Pages }} Seiten gehören zu „{{ .Title }}“ (Tags)</p>
{{ partial "seitenliste.html" .Pages.ByDate.Reverse }}
<p><a href="{{ .Parent.RelPermalink }}">Alle Tags</a></p>
{{ end }}
""",
    "404.html": """\
{{ define "title" }}Seite nicht gefunden – {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>Seite nicht gefunden</h1>
<p>Diese Seite gibt es nicht (mehr). Vielleicht hilft die <a href="{{ site.Home.RelPermalink }}">Startseite</a> weiter.</p>
{{ end }}
""",
    "index.atom.xml": """\
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
<title>{{ site.Title }}</title>
<link rel="self" href="{{ .Permalink }}atom.xml"/>
<link rel="alternate" href="{{ .Permalink }}"/>
<id>{{ .Permalink }}</id>
{{- $pages := first 20 site.RegularPages.ByDate.Reverse }}
{{- with index $pages 0 }}
<updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</updated>
{{- end }}
{{- range $pages }}
<entry>
<title>{{ .Title }}</title>
<link rel="alternate" href="{{ .Permalink }}"/>
<id>{{ .Permalink }}</id>
<updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}</updated>
<summary type="html">{{ .Summary | html }}</summary>
</entry>
{{- end }}
</feed>
""",
    # Links to .md files are resolved to the page's address, as lernort does; a link
    # to a missing page stops the build (lernort rejects broken links too).
    "_default/_markup/render-link.html": """\
{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.Scheme) (strings.HasSuffix $u.Path ".md") -}}
  {{- $target := path.Join "/" .Page.File.Dir $u.Path -}}
  {{- with site.GetPage $target -}}
    {{- $href = .RelPermalink -}}
    {{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
  {{- else -}}
    {{- errorf "%s: link to a missing page: %s" $.Page.File.Path $.Destination -}}
  {{- end -}}
{{- end -}}
<a href="{{ $href | safeURL }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /**/ -}}
""",
    # Headings carry a self-link, as lernort's do (lernort's ids transliterate umlauts,
    # Hugo's keep them; Hugo 0.111 cannot make its typographer's quotes German either).
    "_default/_markup/render-heading.html": """\
<h{{ .Level }} id="{{ .Anchor | safeURL }}">{{ .Text | safeHTML }} <a class="heading-anchor" href="#{{ .Anchor | safeURL }}" aria-label="Link zum Abschnitt „{{ .PlainText }}“">#</a></h{{ .Level }}>
{{- /**/ -}}
""",
    # Images must be files of the page's bundle and have alt text (as in lernort).
    "_default/_markup/render-image.html": """\
{{- $r := .Page.Resources.GetMatch .Destination -}}
{{- if not $r }}{{ errorf "%s: image not found: %s" .Page.File.Path .Destination }}{{ end -}}
{{- if not .Text }}{{ errorf "%s: image without alt text: %s" .Page.File.Path .Destination }}{{ end -}}
<img src="{{ $r.RelPermalink }}" alt="{{ .Text }}">
{{- /**/ -}}
""",
}


def hugo_term_text(tag: str) -> str:
    return "\n".join(["---", f"title: {yaml_str(tag)}", f"url: /tags/{slugify(tag)}/", "---", ""])


def write_hugo_frame(hugo: Path, theme: Path, tags_used: set[str]) -> None:
    """Everything of the Hugo site except the shared content files."""
    write(hugo / "hugo.toml", HUGO_CONFIG)
    for rel, text in HUGO_LAYOUTS.items():
        path = hugo / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path, text)
    css = theme / "assets" / "css" / "einfach.css"
    (hugo / "static" / "css").mkdir(parents=True)
    shutil.copyfile(css, hugo / "static" / "css" / "einfach.css")
    for tag in sorted(tags_used):
        # Hugo's term key is the lower-cased name; the folder must be named so.
        folder = hugo / "content" / "tags" / tag.lower()
        folder.mkdir(parents=True)
        write(folder / "_index.md", hugo_term_text(tag))


def front_tags(text: str) -> list[str]:
    """The tags of a generated page (its front matter's `tags: [...]` line)."""
    for line in text.split("\n", 8):
        if line.startswith("tags: ["):
            return [t.strip().strip('"') for t in line[len("tags: ["):-1].split(",")]
    return []


# --- Writing both sites ------------------------------------------------------


class Writer:
    """Writes each content file into lernort's site and, if asked, Hugo's."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = roots
        self.bytes_md = 0
        self.bytes_other = 0
        self.tags: set[str] = set()

    def mkdir(self, rel: str) -> None:
        for root in self.roots:
            (root / "content" / rel).mkdir(parents=True, exist_ok=True)

    def text(self, rel: str, text: str) -> None:
        self.bytes_md += len(text.encode("utf-8"))
        self.tags.update(front_tags(text))
        for root in self.roots:
            write(root / "content" / rel, text)

    def binary(self, rel: str, data: bytes) -> None:
        self.bytes_other += len(data)
        for root in self.roots:
            with open(root / "content" / rel, "wb") as f:
                f.write(data)


def main() -> int:
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=None,
                    help=f"number of pages (default 10000; {LARGE_PAGES} with --corpus large)")
    ap.add_argument("--out", type=Path, required=True, help="site folder to (re)create")
    ap.add_argument("--hugo", type=Path, default=None,
                    help="also (re)create a Hugo site with the same content in this folder")
    ap.add_argument("--corpus", choices=["pages", "large"], default="pages",
                    help="pages: ~800-word pages (default); large: 30 KB-3 MB page bundles with images")
    ap.add_argument("--theme", type=Path, default=repo / "themes" / "einfach",
                    help="theme folder to copy to themes/einfach (default: the repo's)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed (default {DEFAULT_SEED})")
    args = ap.parse_args()
    if args.pages is None:
        args.pages = LARGE_PAGES if args.corpus == "large" else 10000
    if args.pages < 1:
        ap.error("--pages must be at least 1")
    if args.hugo is not None and args.hugo.resolve() == args.out.resolve():
        ap.error("--hugo must be another folder than --out")

    out: Path = args.out
    prepare(out)
    write(out / "site.yaml", SITE_YAML)
    copy_theme(args.theme, out / "themes" / "einfach")
    roots = [out]
    if args.hugo is not None:
        prepare(args.hugo)
        roots.append(args.hugo)
    files = Writer(roots)
    files.mkdir("")
    files.text("_index.md", home_text(args.pages, args.seed))
    for s in range(1, SECTIONS + 1):
        files.mkdir(f"abschnitt-{s:02d}")
        files.text(f"abschnitt-{s:02d}/_index.md", section_text(s, args.seed))

    if args.corpus == "pages":
        plans = plan_site(args.pages, args.seed)
        total_words = 0
        for page in plans:
            text = page_text(page, plans, args.seed)
            total_words += len(text.split())
            files.text(f"{page.folder}/{page.file}", text)
        summary = (f"{args.pages} pages in {SECTIONS} sections, "
                   f"~{total_words // max(1, args.pages)} words per file (front matter included)")
    else:
        large = plan_large(args.pages, args.seed)
        pools = Pools(args.seed)
        images = 0
        largest = 0
        for page in large:
            files.mkdir(page.folder)
            text = large_text(page, large, pools, args.seed)
            largest = max(largest, len(text.encode("utf-8")))
            files.text(f"{page.folder}/index.md", text)
            for i in range(1, page.images + 1):
                files.binary(f"{page.folder}/bild-{i}.png", png_bytes(args.seed, page.index, i))
            images += page.images
        summary = (f"{args.pages} page bundles in {SECTIONS} sections, "
                   f"{files.bytes_md / 1e6:.1f} MB of Markdown (largest page {largest / 1e6:.2f} MB), "
                   f"{images} images ({files.bytes_other / 1e6:.1f} MB)")
    if args.hugo is not None:
        write_hugo_frame(args.hugo, args.theme, files.tags)
    print(f"gen-bench-site: {summary} -> {out}"
          + (f" and (Hugo) {args.hugo}" if args.hugo is not None else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
