//! Typographic quotes by language. pulldown-cmark's smart punctuation produces English
//! quotes (“…” and ‘…’); German uses „…“ and ‚…‘, with ’ kept as the apostrophe.

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

    /// Rewrites English typographic quotes in `text` for `lang`; other languages pass through.
    pub fn apply(&mut self, lang: &str, text: &str) -> Option<String> {
        if !is_german(lang) || !text.contains(['“', '”', '‘', '’']) {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 4);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '“' => out.push('„'),
                '”' => out.push('“'),
                '‘' => {
                    self.single_open = true;
                    out.push('‚');
                }
                // An apostrophe sits between letters (or ends a word like "Hans’");
                // it closes a quote only when one is open and no letter follows.
                '’' if self.single_open && !chars.peek().is_some_and(|n| n.is_alphanumeric()) => {
                    self.single_open = false;
                    out.push('‘');
                }
                other => out.push(other),
            }
        }
        Some(out)
    }
}

fn is_german(lang: &str) -> bool {
    lang == "de" || lang.starts_with("de-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de(text: &str) -> String {
        QuoteState::default()
            .apply("de", text)
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
        assert_eq!(QuoteState::default().apply("en", "“x”"), None);
    }
}
