//! URL slugs and heading ids from German text: lowercase ASCII, umlauts transliterated
//! the German way, other letters by `deunicode`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Turns `text` into a URL segment: `Über uns` → `ueber-uns`, `Straße` → `strasse`,
/// `Café` → `cafe`.
///
/// The text is first normalised to NFC, so a letter typed as base letter plus
/// combining mark (as macOS saves file names) is the same letter. German letters are
/// transliterated (`ä` → `ae`, `ß` and `ẞ` → `ss`); other letters and digits by their
/// closest ASCII (`é` → `e`, `中` → `zhong`), lowercased; `_` is kept. Everything else
/// — spaces, punctuation, symbols, emoji — folds into single `-`. Text without letters
/// or digits gives an empty slug, which callers report.
pub fn slugify(text: &str) -> String {
    // Every heading passes here. Text below U+0300 (ASCII, Latin-1, Latin Extended:
    // UTF-8 lead bytes under 0xCC) holds no combining mark and is NFC already, so
    // the normaliser is skipped for it.
    if text.bytes().all(|b| b < 0xCC) {
        slug_of(text.chars(), text.len())
    } else {
        slug_of(text.nfc(), text.len())
    }
}

/// The slug of `chars` (already NFC), built in a string of `capacity` bytes.
fn slug_of(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    for c in chars {
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' | 'ẞ' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() || c == '_' => out.push(c.to_ascii_lowercase()),
            c if c.is_alphanumeric() => push_ascii(&mut out, c),
            // A mark left over after NFC (no composed form exists) belongs to the letter
            // before it: dropped, so that it does not split the word.
            c if is_combining_mark(c) => {}
            _ => dash(&mut out),
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Appends the ASCII transliteration of a non-ASCII letter or digit; what is not a
/// letter or digit in it (the spaces between CJK syllables) becomes `-`.
fn push_ascii(out: &mut String, c: char) {
    let Some(ascii) = deunicode::deunicode_char(c) else {
        dash(out);
        return;
    };
    for a in ascii.chars() {
        if a.is_ascii_alphanumeric() {
            out.push(a.to_ascii_lowercase());
        } else {
            dash(out);
        }
    }
}

/// Appends a `-` unless the slug is empty or already ends with one.
fn dash(out: &mut String) {
    if !out.is_empty() && !out.ends_with('-') {
        out.push('-');
    }
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
    fn folds_spaces_and_punctuation() {
        assert_eq!(
            slugify("  Lernen vor Ort – Rückblick!  "),
            "lernen-vor-ort-rueckblick"
        );
        assert_eq!(slugify("Café Zeit_2024"), "cafe-zeit_2024");
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

    #[test]
    fn decomposed_letters_give_the_same_slug_as_composed_ones() {
        assert_eq!(slugify("Cafe\u{301} Zeit"), "cafe-zeit");
        assert_eq!(slugify("Café Zeit"), "cafe-zeit");
        assert_eq!(slugify("A\u{308}rger o\u{308}ffnen"), "aerger-oeffnen");
    }

    #[test]
    fn capital_sharp_s_and_other_letters_are_transliterated() {
        assert_eq!(slugify("GROẞE STRAẞE"), "grosse-strasse");
        assert_eq!(slugify("Øresund Łódź Ærø"), "oresund-lodz-aero");
        assert_eq!(slugify("Ελλάδα"), "ellada");
        assert_eq!(slugify("中文"), "zhong-wen");
    }

    #[test]
    fn stray_combining_marks_and_emoji_are_dropped() {
        // A mark on a letter without a composed form (q + ring) leaves the letter.
        assert_eq!(slugify("q\u{30a}uiz"), "quiz");
        assert_eq!(slugify("q\u{20dd}uiz x\u{1ab0}"), "quiz-x");
        assert_eq!(slugify("Fest 🎉 2026"), "fest-2026");
        assert_eq!(slugify("🎉🎉"), "");
    }

    /// The fast path's claim: a text whose UTF-8 bytes are all below 0xCC (every
    /// character below U+0300) is NFC already. Composition needs a second character
    /// that can combine, and none is below U+0300, so all pairs prove it.
    #[test]
    fn text_below_u0300_is_its_own_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let below: Vec<char> = (0..0x300u32).filter_map(char::from_u32).collect();
        for &a in &below {
            let one = a.to_string();
            assert_eq!(one.nfc().collect::<String>(), one, "U+{:04X}", a as u32);
            for &b in &below {
                let two: String = [a, b].iter().collect();
                assert!(two.bytes().all(|x| x < 0xCC));
                assert!(
                    unicode_normalization::is_nfc(&two),
                    "U+{:04X} U+{:04X}",
                    a as u32,
                    b as u32
                );
            }
        }
        // The first byte the fast path refuses belongs to U+0300, a combining mark.
        assert_eq!("\u{300}".as_bytes()[0], 0xCC);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 4096,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Below U+0300 the slug with and without NFC is the same, for any text.
        #[test]
        fn the_fast_path_slugs_as_nfc_does(text in "[\\u{0}-\\u{2ff}]{0,24}") {
            use unicode_normalization::UnicodeNormalization;
            proptest::prop_assert_eq!(
                super::slug_of(text.chars(), text.len()),
                super::slug_of(text.nfc(), text.len())
            );
        }
    }
}
