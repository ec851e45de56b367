//! Typographic quotes by language. pulldown-cmark's smart punctuation produces English
//! quotes (“…” and ‘…’); German uses „…“ and ‚…‘, with ’ kept as the apostrophe.

use crate::locale::Locale;

/// Tracks an open single quote across the text chunks of one block.
#[derive(Debug, Default)]
pub struct QuoteState {
    single_open: bool,
}

impl QuoteState {
    /// Forgets open quotes at the end of a block (paragraph, heading, list item).
    pub fn reset(&mut self) {
        self.single_open = false;
    }

    /// Rewrites English typographic quotes in `text` for `locale`; English passes
    /// through. `before` and `after` are the source characters around `text`, because
    /// pulldown-cmark hands over each quote as a text of its own.
    pub fn apply(
        &mut self,
        locale: Locale,
        text: &str,
        before: Option<char>,
        after: Option<char>,
    ) -> Option<String> {
        if !locale.german_quotes() || !text.contains(['“', '”', '‘', '’']) {
            return None;
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len() + 4);
        for (i, &c) in chars.iter().enumerate() {
            let prev = if i == 0 { before } else { Some(chars[i - 1]) };
            let next = chars.get(i + 1).copied().or(after);
            let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            match c {
                '“' => out.push('„'),
                '”' => out.push('“'),
                '‘' => {
                    self.single_open = true;
                    out.push('‚');
                }
                // Between letters (geht’s, Peter’s) it is an apostrophe; otherwise it
                // closes an open single quote.
                '’' if self.single_open && !(letter(prev) && letter(next)) => {
                    self.single_open = false;
                    out.push('‘');
                }
                other => out.push(other),
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de(text: &str) -> String {
        QuoteState::default()
            .apply(Locale::German, text, None, None)
            .unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn german_double_and_single_quotes() {
        assert_eq!(de("“Lernen vor Ort”"), "„Lernen vor Ort“");
        assert_eq!(de("‘kurz’ gesagt"), "‚kurz‘ gesagt");
    }

    #[test]
    fn apostrophes_stay() {
        assert_eq!(de("Geht’s? ‘Peter’s Buch’"), "Geht’s? ‚Peter’s Buch‘");
    }

    #[test]
    fn other_languages_are_untouched() {
        assert_eq!(
            QuoteState::default().apply(Locale::English, "“x”", None, None),
            None
        );
    }

    #[test]
    fn quotes_split_into_single_events_use_the_surrounding_source() {
        let mut q = QuoteState::default();
        assert_eq!(
            q.apply(Locale::German, "‘", Some(' '), Some('P')).unwrap(),
            "‚"
        );
        assert_eq!(
            q.apply(Locale::German, "’", Some('r'), Some('s')).unwrap(),
            "’"
        );
        assert_eq!(
            q.apply(Locale::German, "’", Some('e'), Some('.')).unwrap(),
            "‘"
        );
    }
}
