"""The large-page corpus of scripts/gen-bench-site.py (`--corpus large`).

Legal-text-like page bundles: content/abschnitt-XX/seite-K/index.md with images.
Text comes from pools of sentences and table cells drawn once from the seed, so
that 300 MB of Markdown take seconds, not minutes, in pure Python. This module makes
texts and image bytes only; writing them is the caller's job.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

from benchgen_text import (ADJECTIVES, NOUNS, SECTIONS, SMALL, TAGS, Rng, cap, decorate,
                           front_matter,
                           heading_text, sentence_words, slugify, title_text)

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
    return "\n".join(front_matter(title, description, date, page.number, tags)) + "\n"


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
