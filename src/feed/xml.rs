//! Writing XML 1.0 by hand, for the few elements of a feed: every text and attribute
//! value is escaped, and characters XML 1.0 forbids are dropped, so that no page text
//! can make a feed that readers refuse. Element and attribute names are this module's
//! callers' literals, never input.

/// An XML document being written, two spaces of indentation per level.
pub struct Writer {
    out: String,
}

impl Writer {
    /// An empty document.
    pub fn new() -> Writer {
        Writer {
            out: String::with_capacity(4096),
        }
    }

    /// The XML declaration.
    pub fn declaration(&mut self) {
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    }

    /// `<name attrs>` on a line of its own.
    pub fn open(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)]) {
        self.start(depth, name, attrs);
        self.out.push_str(">\n");
    }

    /// `</name>` on a line of its own.
    pub fn close(&mut self, depth: usize, name: &str) {
        self.indent(depth);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name attrs>text</name>` on one line (the text may hold line breaks).
    pub fn leaf(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(depth, name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)]) {
        self.start(depth, name, attrs);
        self.out.push_str("/>\n");
    }

    /// The document written.
    pub fn finish(self) -> String {
        self.out
    }

    fn start(&mut self, depth: usize, name: &str, attrs: &[(&str, &str)]) {
        self.indent(depth);
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }
}

/// Appends `text` escaped for XML text and attribute values alike, without the
/// characters XML 1.0 does not allow.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// Whether XML 1.0 allows `c` in a document (its production `Char`); a Rust `char` is
/// never a surrogate, so only control characters and two non-characters are left out.
pub fn allowed(c: char) -> bool {
    match c {
        '\t' | '\n' | '\r' => true,
        '\u{FFFE}' | '\u{FFFF}' => false,
        c => c >= ' ',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            escaped(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
        );
    }

    #[test]
    fn forbidden_characters_are_dropped() {
        let all: String = (0u32..0x20).filter_map(char::from_u32).collect();
        assert_eq!(escaped(&all), "\t\n\r");
        assert_eq!(escaped("a\u{FFFE}b\u{FFFF}c\u{FFFD}"), "abc\u{FFFD}");
        assert_eq!(
            escaped("Straße \u{1F600} \u{7F}"),
            "Straße \u{1F600} \u{7F}"
        );
    }
}
