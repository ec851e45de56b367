//! What a line is, wherever lernort counts lines or shows one: a line ends at `\n`, and
//! a `\r` right before it belongs to the line break (Windows files). Every position in
//! a message, and every source line shown under one (`str::lines`), follows this rule.
//!
//! A lone `\r` (one not followed by `\n`) is rejected instead of counted. YAML and
//! CommonMark read it as a line break, so serde_yaml and saphyr number lines after it
//! differently from git, grep and most editors, which show such a file on fewer lines:
//! whichever rule lernort picked, a reported line number would be wrong in some tool.
//! A lone `\r` comes only from classic Mac OS files or a broken conversion, so naming
//! its place and asking for normal line endings is clearer than a shifted number.

/// The 1-based line and column (in characters) of the first lone `\r` in `text`.
pub fn lone_carriage_return(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let at = bytes
        .iter()
        .enumerate()
        .position(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))?;
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let line = before.matches('\n').count() + 1;
    Some((line, before[line_start..].chars().count() + 1))
}

/// What to do about a lone `\r`, for hints.
pub const LONE_CR_HINT: &str = "save the file with Unix (LF) or Windows (CRLF) line endings; a carriage return alone is the line ending of classic Mac OS, which tools count differently";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_a_carriage_return_that_ends_no_line() {
        assert_eq!(lone_carriage_return("a\r\nb\n"), None);
        assert_eq!(lone_carriage_return("a\r\nbä\rc"), Some((2, 3)));
        assert_eq!(lone_carriage_return("\r"), Some((1, 1)));
        assert_eq!(lone_carriage_return("a\n\r\r\n"), Some((2, 1)));
    }
}
