//! Words and formats that depend on the site language, in one place: the language
//! tag is resolved once into a [`Locale`] ([`crate::config::Config::locale`]), and
//! every stage that writes text for readers — Markdown labels and quotes, download
//! notes, the `date` filter, the redirect and 404 pages, the order of titles — asks
//! it instead of comparing language tags itself. German is the default of lernort's
//! sites; every other language gets English words and formats (the fallback).
//!
//! A `Locale` is a small `Copy` value, so that a later per-page language can pick
//! one per page.

mod collation;
mod dates;

/// The language lernort writes its own words in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    /// `de`, `de-AT`, `de_CH`, …
    German,
    /// Every other language.
    English,
}

impl Locale {
    /// The locale for a BCP 47 language tag such as `de`, `de-AT` or `en` (case and
    /// `_` instead of `-` are tolerated).
    pub fn from_tag(tag: &str) -> Locale {
        let primary = tag.split(['-', '_']).next().unwrap_or(tag);
        if primary.eq_ignore_ascii_case("de") {
            Locale::German
        } else {
            Locale::English
        }
    }

    /// A day in one of the `date` filter's formats: `long` (de `5. März 2024`, en
    /// `5 March 2024`), `short` (de `05.03.2024`, en `05/03/2024`, day first as in
    /// British English), `month` (`März 2024`, `March 2024`), `iso` (`2024-03-05`),
    /// or else a strftime pattern whose month and weekday names (`%B`, `%b`, `%A`,
    /// `%a`) are the locale's. A pattern that cannot be applied is an error, whose
    /// message is for the site's editors (the words of the date are for its readers).
    pub fn date(
        self,
        day: jiff::civil::Date,
        format: &str,
    ) -> Result<String, crate::messages::Text> {
        dates::format(self, day, format)
    }

    /// The sort key of a title: German keys follow DIN 5007-1 (`ä` as `a`, `ß` as
    /// `ss`, case ignored); English keys ignore case and all accents.
    pub fn title_key(self, title: &str) -> String {
        match self {
            Locale::German => collation::german(title),
            Locale::English => collation::accent_blind(title),
        }
    }

    /// The path word of a list's later pages: `/aktuelles/seite/2/`, `/news/page/2/`.
    pub fn pager_word(self) -> &'static str {
        match self {
            Locale::German => "seite",
            Locale::English => "page",
        }
    }

    /// The path word of a section's archive: `/aktuelles/archiv/`, `/news/archive/`.
    pub fn archive_word(self) -> &'static str {
        match self {
            Locale::German => "archiv",
            Locale::English => "archive",
        }
    }

    /// The title and the sentence (before the link) of an alias's redirect page.
    pub fn redirect(self) -> (&'static str, &'static str) {
        match self {
            Locale::German => ("Weiterleitung", "Diese Seite ist umgezogen:"),
            Locale::English => ("Redirect", "This page has moved:"),
        }
    }

    /// The built-in 404 page's title, its sentence, and the home link's text.
    pub fn not_found(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Locale::German => (
                "Seite nicht gefunden",
                "Diese Seite gibt es nicht (mehr).",
                "Zur Startseite",
            ),
            Locale::English => (
                "Page not found",
                "This page does not exist (any more).",
                "Go to the home page",
            ),
        }
    }

    /// Whether typographic quotes are the German „…“ and ‚…‘.
    pub fn german_quotes(self) -> bool {
        self == Locale::German
    }

    /// A number with one decimal from its tenths: `12` → `1,2` (German) or `1.2`.
    pub fn tenths(self, tenths: u64) -> String {
        let sep = match self {
            Locale::German => ',',
            Locale::English => '.',
        };
        format!("{}{sep}{}", tenths / 10, tenths % 10)
    }

    /// A size in bytes below one kilobyte: `512 Byte`, `1 byte`, `512 bytes`.
    pub fn bytes(self, n: u64) -> String {
        match (self, n) {
            (Locale::German, n) => format!("{n} Byte"),
            (Locale::English, 1) => "1 byte".to_string(),
            (Locale::English, n) => format!("{n} bytes"),
        }
    }

    /// The type name of a download without a file extension.
    pub fn plain_file(self) -> &'static str {
        match self {
            Locale::German => "Datei",
            Locale::English => "File",
        }
    }

    /// The label of a task list checkbox.
    pub fn task(self, done: bool) -> &'static str {
        match (self, done) {
            (Locale::German, true) => "erledigt",
            (Locale::German, false) => "offen",
            (Locale::English, true) => "done",
            (Locale::English, false) => "open",
        }
    }

    /// The label of a heading's anchor link, as the text before and after the title.
    pub fn section_link(self) -> (&'static str, &'static str) {
        match self {
            Locale::German => ("Link zum Abschnitt „", "“"),
            Locale::English => ("Link to section “", "”"),
        }
    }

    /// A footnote reference's label without its number, the footnote section's label,
    /// and the back link's label.
    pub fn footnotes(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Locale::German => ("Fußnote", "Fußnoten", "Zurück zum Text"),
            Locale::English => ("Footnote", "Footnotes", "Back to the text"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_resolve_by_their_primary_language() {
        for tag in ["de", "de-AT", "DE", "de_CH"] {
            assert_eq!(Locale::from_tag(tag), Locale::German, "{tag}");
        }
        for tag in ["en", "en-GB", "fr", "", "dex"] {
            assert_eq!(Locale::from_tag(tag), Locale::English, "{tag}");
        }
    }

    #[test]
    fn numbers_and_bytes() {
        assert_eq!(Locale::German.tenths(12), "1,2");
        assert_eq!(Locale::English.tenths(50), "5.0");
        assert_eq!(Locale::German.bytes(0), "0 Byte");
        assert_eq!(Locale::English.bytes(1), "1 byte");
        assert_eq!(Locale::English.bytes(0), "0 bytes");
    }
}
