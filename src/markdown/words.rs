//! Word counting on the Markdown hot path: every text fragment of every page passes
//! through here. The text is classified 64 bytes at a time into bit masks (letters,
//! spaces, first bytes of other characters), and the words of a block are counted
//! with one addition: no step waits for the one before it, as a per-character state
//! machine must.

/// How a character counts, as bits: a letter or digit starts or continues a word, a
/// space ends one, anything else (punctuation inside or after a word:
/// `Bildungs-management`, `Ort.`) leaves the state as it is.
const LETTER: u8 = 1;
const SPACE: u8 = 2;
/// Not a class: the first byte of a character beyond ASCII, classified by decoding it.
#[cfg(any(test, not(target_arch = "x86_64")))]
const LEAD: u8 = 4;

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

/// What a byte of UTF-8 says on its own: the class of an ASCII character, [`LEAD`]
/// for the first byte of any other, nothing for the bytes that continue one (they
/// leave the state as it is, so a character counts once, by its first byte).
#[cfg(any(test, not(target_arch = "x86_64")))]
static BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b < 0x80 {
            LATIN1[b]
        } else if b >= 0xc0 {
            LEAD
        } else {
            0
        };
        b += 1;
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

/// The bytes of one block, one bit each (bit `j` for byte `j`).
#[derive(Debug, Default, PartialEq, Eq)]
struct Masks {
    letters: u64,
    spaces: u64,
    /// First bytes of characters beyond ASCII, still to classify.
    leads: u64,
}

/// [`Masks`] of a block, by table: for targets without [`masks_sse2`].
#[cfg(any(test, not(target_arch = "x86_64")))]
fn masks_by_table(block: &[u8; 64]) -> Masks {
    let mut m = Masks::default();
    for (j, &b) in block.iter().enumerate() {
        let class = BYTES[usize::from(b)];
        m.letters |= u64::from(class & LETTER) << j;
        m.spaces |= u64::from((class & SPACE) >> 1) << j;
        m.leads |= u64::from((class & LEAD) >> 2) << j;
    }
    m
}

/// [`Masks`] of a block, 16 bytes per step with SSE2 (part of every x86-64 CPU).
/// Bytes from 0x80 are negative as `i8`, so the signed range tests below never take
/// them for ASCII letters, digits or spaces.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn masks_sse2(block: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmpgt_epi8, _mm_cmplt_epi8,
        _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let bits = |v: __m128i| u64::from(_mm_movemask_epi8(v) as u16);
    let within = |x: __m128i, low: i8, high: i8| {
        _mm_and_si128(
            _mm_cmpgt_epi8(x, _mm_set1_epi8(low - 1)),
            _mm_cmplt_epi8(x, _mm_set1_epi8(high + 1)),
        )
    };
    let mut m = Masks::default();
    for (k, part) in block.chunks_exact(16).enumerate() {
        // SAFETY: `part` is 16 bytes long, and an unaligned load reads exactly 16.
        let x = unsafe { _mm_loadu_si128(part.as_ptr().cast()) };
        let lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
        let letters = _mm_or_si128(within(lower, 0x61, 0x7a), within(x, 0x30, 0x39));
        // \t \n \x0c \r (not the vertical tab \x0b) and the space.
        let controls = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x0b)), within(x, 9, 13));
        let spaces = _mm_or_si128(controls, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x20)));
        // 0xc0–0xff: -64 to -1 as `i8`.
        let leads = within(x, -64, -1);
        m.letters |= bits(letters) << (16 * k);
        m.spaces |= bits(spaces) << (16 * k);
        m.leads |= bits(leads) << (16 * k);
    }
    m
}

/// [`Masks`] of a block, the fastest way this target has.
fn masks(block: &[u8; 64]) -> Masks {
    // SAFETY: SSE2 is part of x86-64 itself: every CPU that runs this build has it.
    #[cfg(target_arch = "x86_64")]
    return unsafe { masks_sse2(block) };
    #[cfg(not(target_arch = "x86_64"))]
    return masks_by_table(block);
}

/// Counts the words starting in one block, at byte `at` of `text`, given whether the
/// state is closed (no word open) before it; updates that state to the block's end.
///
/// With spaces as "generate", bytes that leave the state as it is as "propagate" and
/// letters as "kill", the carries of `spaces + !letters + closed` are exactly "closed
/// before this byte": a space closes, a neutral byte passes on what came before it, a
/// letter opens. A word starts at every letter with the state closed before it.
fn block_words(mut m: Masks, text: &str, at: usize, closed: &mut bool) -> usize {
    while m.leads != 0 {
        let j = m.leads.trailing_zeros() as usize;
        m.leads &= m.leads - 1;
        // German text's letters beyond ASCII are nearly all U+00C0–U+00FF: 0xC3 and
        // one more byte, all letters but `×` and `÷`. Others are decoded; a lead byte
        // starts a character, so `at + j` is a character boundary.
        let class = match text.as_bytes()[at + j..] {
            [0xc3, 0x97 | 0xb7, ..] => 0,
            [0xc3, _, ..] => LETTER,
            _ => text[at + j..].chars().next().map_or(0, class_of),
        };
        m.letters |= u64::from(class & LETTER) << j;
        m.spaces |= u64::from((class & SPACE) >> 1) << j;
    }
    let others = !m.letters;
    let (sum, over) = m.spaces.overflowing_add(others);
    let (sum, over_too) = sum.overflowing_add(u64::from(*closed));
    let closed_before = sum ^ m.spaces ^ others;
    *closed = over | over_too;
    (m.letters & closed_before).count_ones() as usize
}

/// Counts the words that start in `text`, given whether a word was open before it.
/// Returns the count and whether a word is still open at its end, so that words are
/// counted across fragments (`**Bildungs**management` is one word).
pub(super) fn count(text: &str, in_word: bool) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut closed = !in_word;
    let mut words = 0;
    let mut blocks = bytes.chunks_exact(64);
    let mut at = 0;
    for block in &mut blocks {
        // `chunks_exact(64)` yields only slices of 64 bytes.
        let block: &[u8; 64] = block.try_into().unwrap_or(&[0; 64]);
        words += block_words(masks(block), text, at, &mut closed);
        at += 64;
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        // NUL bytes fill the block: they leave the state as it is.
        let mut block = [0; 64];
        block[..rest.len()].copy_from_slice(rest);
        words += block_words(masks(&block), text, at, &mut closed);
    }
    (words, !closed)
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
    fn both_ways_of_making_masks_agree_on_every_byte_at_every_place() {
        for b in 0..=255u8 {
            for j in 0..64 {
                let mut block = [b'x'; 64];
                block[j] = b;
                block[63 - j] = b;
                assert_eq!(
                    super::masks(&block),
                    super::masks_by_table(&block),
                    "{b:#x} at {j}"
                );
            }
        }
    }

    #[test]
    fn words_across_block_edges_count_like_the_character_rule() {
        let unit = "Übergänge – „Bildungs-management“ Straße ";
        for len in [1, 10, 63, 64, 65, 127, 128, 129, 500] {
            let text: String = unit.chars().cycle().take(len).collect();
            for open in [false, true] {
                assert_eq!(count(&text, open), by_chars(&text, open), "{len} {open}");
            }
        }
    }

    #[test]
    fn latin1_letters_and_signs_at_every_place_around_a_block_edge_count_alike() {
        for sample in ["×", "÷", "ä", "Ö", "a×b", " ÷ ", "ß×", "×ä"] {
            for pad in 55..70 {
                let text = format!(
                    "{}{sample} x",
                    "a b ".repeat(pad / 4) + &"y".repeat(pad % 4)
                );
                for open in [false, true] {
                    assert_eq!(count(&text, open), by_chars(&text, open), "{text:?}");
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
        fn any_text_counts_like_the_character_rule(text in "\\PC{0,200}", open: bool) {
            proptest::prop_assert_eq!(count(&text, open), by_chars(&text, open));
        }

        /// Texts drawn from whitespace, Latin-1 and the characters around its edges.
        #[test]
        fn latin1_edges_count_like_the_character_rule(
            text in "[\\u{0}-\\u{17f}\\u{85}\\u{a0}\\u{2000}-\\u{200b}\\u{3000}\\u{300}-\\u{36f}]{0,200}",
            open: bool,
        ) {
            proptest::prop_assert_eq!(count(&text, open), by_chars(&text, open));
        }
    }
}
