//! URL slugs and heading ids from German text: lowercase ASCII, umlauts transliterated.

/// Turns `text` into a URL segment: `Über uns` → `ueber-uns`, `Straße` → `strasse`.
///
/// Letters and digits are kept (lowercased); German letters are transliterated;
/// everything else (spaces, punctuation, other non-ASCII) folds into single `-`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let mapped: Option<&str> = match c {
            'ä' | 'Ä' => Some("ae"),
            'ö' | 'Ö' => Some("oe"),
            'ü' | 'Ü' => Some("ue"),
            'ß' | 'ẞ' => Some("ss"),
            _ => None,
        };
        if let Some(m) = mapped {
            out.push_str(m);
            dash = false;
        } else if ('\u{0300}'..='\u{036f}').contains(&c) {
            // A combining mark from a decomposed letter (as macOS saves file names):
            // a diaeresis after a, o or u is an umlaut; other marks are dropped.
            if c == '\u{0308}' && out.ends_with(['a', 'o', 'u']) {
                out.push('e');
            }
        } else if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn transliterates_german_letters() {
        assert_eq!(slugify("Über uns"), "ueber-uns");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(
            slugify("Bildungsübergänge ÄÖÜ"),
            "bildungsuebergaenge-aeoeue"
        );
    }

    #[test]
    fn folds_spaces_punctuation_and_other_non_ascii() {
        assert_eq!(
            slugify("  Lernen vor Ort – Rückblick!  "),
            "lernen-vor-ort-rueckblick"
        );
        assert_eq!(slugify("Café Zeit_2024"), "caf-zeit_2024");
        assert_eq!(slugify("a///b"), "a-b");
    }

    #[test]
    fn decomposed_umlauts_match_composed_ones() {
        assert_eq!(slugify("U\u{308}berga\u{308}nge"), "uebergaenge");
        assert_eq!(slugify("Cafe\u{301}"), "cafe");
    }

    #[test]
    fn empty_and_symbol_only_text_gives_empty_slug() {
        assert_eq!(slugify(""), "");
        assert_eq!(slugify("€ – !"), "");
    }
}
