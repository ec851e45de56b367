"""The shared randomness and text of the benchmark corpora (scripts/gen-bench-site.py).

SplitMix64 (`Rng`), the fixed German word lists, tags and section titles, the lernort slug
rule, and the word, sentence, heading and title makers that both corpora draw from. Every
draw here is part of the corpora: changing the order or the number of draws changes the
generated sites, which must stay byte-identical for the same seed.
"""

from __future__ import annotations

MASK64 = (1 << 64) - 1
SECTIONS = 20


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


def front_matter(title: str, description: str, date: str, weight: int, tags: list[str]) -> list[str]:
    """The front matter lines of a page of either corpus, the last one empty."""
    return [
        "---",
        f"title: {yaml_str(title)}",
        f"description: {yaml_str(description)}",
        f"date: {date}",
        f"weight: {weight}",
        "tags: [" + ", ".join(yaml_str(t) for t in tags) + "]",
        "---",
        "",
    ]
