//! Sort keys for titles. Comparing two keys bytewise gives the locale's order of the
//! titles; callers break ties themselves (by path), so the order is total.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// German order after DIN 5007-1: case is ignored, `ä` sorts as `a`, `ö` as `o`,
/// `ü` as `u` and `ß` as `ss`; every other character by its code point.
pub(super) fn german(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push('a'),
            'ö' => out.push('o'),
            'ü' => out.push('u'),
            'ß' => out.push_str("ss"),
            c => out.push(c),
        }
    }
    out
}

/// Case and accents ignored: the title is decomposed (NFD), its combining marks
/// dropped and the rest lowercased, so `Éclair` sorts with `eclair` and `Zoë` as `zoe`;
/// `ß` sorts as `ss` as in German.
pub(super) fn accent_blind(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.nfd().filter(|&c| !is_combining_mark(c)) {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_keys_fold_umlauts_only() {
        assert_eq!(german("Übergänge"), "ubergange");
        assert_eq!(german("Straße"), "strasse");
        // Other accents keep their code point: German order stays as it always was.
        assert_eq!(german("Éclair"), "éclair");
    }

    #[test]
    fn accent_blind_keys() {
        assert_eq!(accent_blind("Éclair"), "eclair");
        assert_eq!(accent_blind("Zoë"), "zoe");
        assert_eq!(accent_blind("Übergänge"), "ubergange");
        assert_eq!(accent_blind("STRASSE"), accent_blind("Straße"));
        // A combining mark typed after its letter sorts like the composed letter.
        assert_eq!(accent_blind("Cafe\u{301}"), accent_blind("Café"));
    }
}
