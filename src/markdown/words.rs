//! Word counting on the Markdown hot path: every text fragment of every page passes
//! through here, so ASCII is classified by a table and only other characters are
//! decoded.

/// How a character counts, as bits: a letter or digit starts or continues a word, a
/// space ends one, anything else (punctuation inside or after a word:
/// `Bildungs-management`, `Ort.`) leaves the state as it is.
const LETTER: u8 = 1;
const SPACE: u8 = 2;

/// The class of every character up to U+00FF (a test compares every entry with the
/// `char` methods): ASCII by `is_ascii_whitespace` (so a vertical tab is no space)
/// and `is_ascii_alphanumeric`, the rest by `is_whitespace` and `is_alphanumeric`.
/// ASCII and Latin-1, the characters of German text, are looked up instead of
/// decoded and searched for.
static LATIN1: [u8; 256] = {
    let mut table = [0; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = if c < 128 {
            if b.is_ascii_whitespace() {
                SPACE
            } else if b.is_ascii_alphanumeric() {
                LETTER
            } else {
                0
            }
        } else if c == 0x85 || c == 0xa0 {
            SPACE
        } else if matches!(c, 0xaa | 0xb2 | 0xb3 | 0xb5 | 0xb9 | 0xba | 0xbc..=0xbe)
            || (c >= 0xc0 && c != 0xd7 && c != 0xf7)
        {
            LETTER
        } else {
            0
        };
        c += 1;
    }
    table
};

/// The class of any character: by table up to U+00FF, else by the `char` methods.
fn class_of(c: char) -> u8 {
    match LATIN1.get(c as usize) {
        Some(&class) => class,
        None if c.is_whitespace() => SPACE,
        None if c.is_alphanumeric() => LETTER,
        None => 0,
    }
}

/// One step of the counter for a character of class `class` with a word `open` (0 or
/// 1): bit 0 of the result says whether a word is open after it, bit 1 whether one
/// started at it.
const fn step(open: u8, class: u8) -> u8 {
    if class & LETTER != 0 {
        1 | ((open ^ 1) << 1)
    } else if class & SPACE != 0 {
        0
    } else {
        open
    }
}

/// [`step`] for every ASCII byte, indexed by `open << 7 | byte`: one load per byte of the
/// mostly ASCII text.
static ASCII_STEP: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = step((i >> 7) as u8, LATIN1[i & 0x7f]);
        i += 1;
    }
    table
};

/// Counts the words that start in `text`, given whether a word was open before it.
/// Returns the count and whether a word is still open at its end, so that words are
/// counted across fragments (`**Bildungs**management` is one word).
pub(super) fn count(text: &str, in_word: bool) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut open = u8::from(in_word);
    let mut words = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let state = if b < 0x80 {
            i += 1;
            ASCII_STEP[usize::from(open << 7 | b)]
        } else {
            let class = match b {
                // U+0080–U+00FF: two bytes, decoded by hand.
                0xc2 | 0xc3 if i + 1 < bytes.len() => {
                    let c = (usize::from(b & 0x1f) << 6) | usize::from(bytes[i + 1] & 0x3f);
                    i += 2;
                    LATIN1[c]
                }
                _ => {
                    // `i` is at the start of a character: every branch steps over whole
                    // characters.
                    let c = text[i..].chars().next().unwrap_or(' ');
                    i += c.len_utf8();
                    class_of(c)
                }
            };
            step(open, class)
        };
        words += usize::from(state >> 1);
        open = state & 1;
    }
    (words, open == 1)
}

#[cfg(test)]
mod tests {
    use super::count;

    /// The rule the table stands for, one character at a time.
    fn by_chars(text: &str, mut in_word: bool) -> (usize, bool) {
        let mut words = 0;
        for c in text.chars() {
            let (space, letter) = if c.is_ascii() {
                (c.is_ascii_whitespace(), c.is_ascii_alphanumeric())
            } else {
                (c.is_whitespace(), c.is_alphanumeric())
            };
            if space {
                in_word = false;
            } else if letter && !in_word {
                in_word = true;
                words += 1;
            }
        }
        (words, in_word)
    }

    #[test]
    fn the_latin1_table_agrees_with_the_char_methods() {
        for c in (0..256u32).filter_map(char::from_u32) {
            let space = if c.is_ascii() {
                c.is_ascii_whitespace()
            } else {
                c.is_whitespace()
            };
            let expected = if space {
                super::SPACE
            } else if c.is_alphanumeric() {
                super::LETTER
            } else {
                0
            };
            assert_eq!(
                super::LATIN1[c as usize],
                expected,
                "{c:?} (U+{:04X})",
                c as u32
            );
        }
    }

    #[test]
    fn counts_like_the_character_rule() {
        let texts = [
            "",
            "Lernen vor Ort",
            "  Bildungs-management, Übergänge: Straße 12! ",
            "ein\u{a0}Wort\u{2003}zwei\u{85}drei",
            "中文 字 ẞ café e\u{301}",
            "...",
            "Ort.",
            "\t\nx",
            "a\u{b}b\u{1c}c",
            "×÷ a×b ª² µ¹ º¼ ÀÖØöøÿ \u{1680}x\u{3000}y",
            "Ä",
            "\u{c4}",
        ];
        for text in texts {
            for open in [false, true] {
                assert_eq!(count(text, open), by_chars(text, open), "{text:?} {open}");
            }
        }
    }

    #[test]
    fn every_short_mix_of_interesting_characters_counts_alike() {
        let chars = [
            'a', ' ', '-', '\u{b}', '\u{85}', '\u{a0}', 'ä', '×', '²', 'ſ', '中', '\u{301}',
            '\u{2003}', '😀', '\n',
        ];
        for &x in &chars {
            for &y in &chars {
                for &z in &chars {
                    let text: String = [x, y, z].iter().collect();
                    for open in [false, true] {
                        assert_eq!(count(&text, open), by_chars(&text, open), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn continues_a_word_across_fragments() {
        assert_eq!(count("Bildungs", false), (1, true));
        assert_eq!(count("management ist", true), (1, true));
        assert_eq!(count(" ", true), (0, false));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 4096,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Any text at all, with or without a word open before it.
        #[test]
        fn any_text_counts_like_the_character_rule(text in "\\PC{0,40}", open: bool) {
            proptest::prop_assert_eq!(count(&text, open), by_chars(&text, open));
        }

        /// Texts drawn from whitespace, Latin-1 and the characters around its edges.
        #[test]
        fn latin1_edges_count_like_the_character_rule(
            text in "[\\u{0}-\\u{17f}\\u{85}\\u{a0}\\u{2000}-\\u{200b}\\u{3000}\\u{300}-\\u{36f}]{0,40}",
            open: bool,
        ) {
            proptest::prop_assert_eq!(count(&text, open), by_chars(&text, open));
        }
    }
}
