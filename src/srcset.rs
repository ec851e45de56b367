//! The candidate addresses of an HTML `srcset` attribute, by place, for every stage
//! that reads or rewrites them (`check` checks them, feeds make them absolute).

use std::ops::Range;

/// Where the addresses of a `srcset` are, read as the HTML standard says: an address
/// runs to the next white space (a comma in it belongs to it, as in `data:` addresses,
/// but commas at its end separate it from the next candidate); its descriptors run to
/// the next comma outside brackets.
pub fn addresses(value: &str) -> Vec<Range<usize>> {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
    let mut found = Vec::new();
    let mut at = 0;
    loop {
        let rest = &value[at..];
        at += rest.len()
            - rest
                .trim_start_matches(|c: char| is_space(c) || c == ',')
                .len();
        let rest = &value[at..];
        if rest.is_empty() {
            return found;
        }
        let len = rest.find(is_space).unwrap_or(rest.len());
        let address = rest[..len].trim_end_matches(',');
        if !address.is_empty() {
            found.push(at..at + address.len());
        }
        at += len;
        if address.len() == len {
            // Descriptors follow, up to a comma that is not inside brackets.
            let mut depth = 0usize;
            let rest = &value[at..];
            let mut stop = rest.len();
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    ',' if depth == 0 => {
                        stop = i;
                        break;
                    }
                    _ => {}
                }
            }
            at += stop;
        }
    }
}

/// The addresses of a `srcset` as text, in order ([`addresses`]).
pub fn urls(value: &str) -> Vec<&str> {
    addresses(value).into_iter().map(|r| &value[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_split_as_the_standard_reads_them() {
        assert_eq!(urls("a.png 1x, b.png 2x"), ["a.png", "b.png"]);
        assert_eq!(urls("a,b.png 1x,c.png"), ["a,b.png", "c.png"]);
        assert_eq!(urls("a.png,b.png 2x"), ["a.png,b.png"]);
        assert_eq!(urls("a.png, b.png"), ["a.png", "b.png"]);
        assert_eq!(urls("x.png (a, b) 1x, y.png"), ["x.png", "y.png"]);
        assert_eq!(urls("a.png 100w (x, y), b.png"), ["a.png", "b.png"]);
        assert_eq!(urls("  "), Vec::<&str>::new());
    }
}
