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

The code: this file plans and writes the N-page corpus, the home and section pages that
both corpora share, and the command line. Beside it (imported from this script's folder,
which Python puts first on sys.path when it runs the script, whatever the current folder):
benchgen_text.py (SplitMix64, word lists, slug rule, sentences and headings),
benchgen_large.py (`--corpus large`), benchgen_hugo.py (hugo.toml, layouts, term pages)
and benchgen_files.py (the marker, byte-exact writes, the theme copy, the two-site Writer).
scripts/bench.sh and scripts/bench-watch.sh hash all of them into their cache key.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchgen_files import Writer, copy_theme, prepare, write
from benchgen_hugo import write_hugo_frame
from benchgen_large import LARGE_PAGES, Pools, large_text, plan_large, png_bytes
from benchgen_text import (ADJECTIVES, NOUNS, SECTION_TITLES, SECTIONS, SMALL, SORTS, TAGS,
                           Rng, decorate, front_matter, heading_text, sentence_words, slugify,
                           title_text, yaml_str)

DEFAULT_SEED = 20260101
WORDS_PER_PAGE = 800


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
    front = front_matter(title, description, date, page.number, tags)

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


# --- The site frame: site.yaml, home page and sections (both corpora) ---------


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
