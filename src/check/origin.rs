//! Where an element of the rendered output came from, so that a problem is reported
//! where an editor or theme author can fix it: the Markdown file and line when the
//! element is part of a page's rendered body, else the template line that writes its
//! attribute, else the page's file.
//!
//! A body's HTML appears in the output byte for byte (`{{ page.content | safe }}`), so
//! it is found there once, and an element whose start lies in that range is the body's.
//! Its line in the Markdown file (after the front matter) is the line that holds the
//! tag (raw HTML), the address as written, or its words; the n-th such element of the
//! body is at the n-th line that holds them. A template line
//! "matches" an address when the attribute's literal parts, between its `{{ … }}` and
//! `{% … %}`, appear in the address in order; the match with the most literal text wins.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::facts::{Facts, Tag};
use crate::model::Site;

/// Where to report something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// 1-based line, if known.
    pub line: Option<usize>,
    /// The text of that line, for the report.
    pub source: Option<String>,
}

/// A rendered page's source.
#[derive(Debug)]
struct Source<'a> {
    display: &'a Path,
    /// The output file as read.
    html: &'a str,
    /// Where the page's rendered body lies in `html`, if it is there.
    body: Option<Range<usize>>,
}

/// The sources of every rendered page and the site's template files.
pub struct Origins<'a> {
    root: &'a Path,
    pages: rustc_hash::FxHashMap<&'a str, Source<'a>>,
    templates: Vec<(PathBuf, String)>,
}

impl<'a> Origins<'a> {
    /// Looks up pages by output path and finds each body in its output file (`pages`:
    /// output path and facts); reads the template files (theme first, so that the
    /// site's own files, which win, come last and are preferred on equal matches).
    pub fn new(site: &'a Site, pages: &'a [(String, Facts)]) -> Origins<'a> {
        let mut bodies = rustc_hash::FxHashMap::default();
        let sections = site.sections.iter().map(|s| (&s.url, &s.display, &s.body));
        let leaves = site.pages.iter().map(|p| (&p.url, &p.display, &p.body));
        for (url, display, body) in sections.chain(leaves) {
            let html = body.html.as_str().unwrap_or("");
            bodies.insert(crate::model::output_path(url), (display.as_path(), html));
        }
        let mut sources = rustc_hash::FxHashMap::default();
        for (output, facts) in pages {
            let Some((display, body)) = bodies.get(output.as_str()) else {
                continue;
            };
            // The body appears byte for byte in the output; an empty one holds nothing.
            let range = (!body.trim().is_empty())
                .then(|| facts.html.find(body).map(|i| i..i + body.len()))
                .flatten();
            let source = Source {
                display,
                html: &facts.html,
                body: range,
            };
            sources.insert(output.as_str(), source);
        }
        let root = site.config.root.as_path();
        let mut templates = Vec::new();
        for dir in site.config.template_dirs() {
            let listing = crate::render::listing::list(&dir, root);
            for (_, path) in listing.files {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    templates.push((shown, text));
                }
            }
        }
        Origins {
            root,
            pages: sources,
            templates,
        }
    }

    /// The content file that `output` (an output path) was rendered from, if any.
    pub fn page(&self, output: &str) -> Option<&Path> {
        self.pages.get(output).map(|s| s.display)
    }

    /// Whether the element at byte `offset` of `output` is part of the page's body
    /// (written by the editor), not of a template.
    pub fn in_body(&self, output: &str, offset: usize) -> bool {
        self.pages
            .get(output)
            .and_then(|s| s.body.as_ref())
            .is_some_and(|r| r.contains(&offset))
    }

    /// Where the element with start tag `tag` in `output` came from; `attr` and its
    /// value name the attribute to look for in templates (`None`: the first line
    /// holding the tag as written); `words` is what else the Markdown line may be
    /// found by (a link's `[text]`, a heading's text), with the number of elements of
    /// the body before this one that are found by the same words.
    pub fn locate(
        &self,
        output: &str,
        tag: &Tag,
        attr: Option<(&str, &str)>,
        words: Option<(&str, usize)>,
    ) -> Place {
        let page = self.pages.get(output);
        if let Some(page) = page
            && let Some(body) = &page.body
            && body.contains(&tag.offset)
        {
            let before = page.html.get(body.start..tag.offset).unwrap_or("");
            let mut needles = Vec::new();
            if !tag.text.is_empty() {
                needles.push((tag.text.clone(), before.matches(tag.text.as_str()).count()));
            }
            if let Some((attr, value)) = attr
                && !value.is_empty()
            {
                let written = format!(
                    "{attr}=\"{}\"",
                    html_escape::encode_double_quoted_attribute(value)
                );
                needles.push((value.to_string(), before.matches(written.as_str()).count()));
            }
            if let Some((words, n)) = words {
                needles.push((words.to_string(), n));
            }
            return self.in_markdown(page.display, &needles);
        }
        let text = tag.text.as_str();
        if let Some((attr, value)) = attr
            && let Some(place) = self.in_templates(attr, value)
        {
            return place;
        }
        if let Some(place) = self.tag_in_templates(text) {
            return place;
        }
        Place {
            path: page.map_or_else(|| PathBuf::from(output), |p| p.display.to_path_buf()),
            line: None,
            source: None,
        }
    }

    /// The line of the Markdown file `display` that holds the `n`-th occurrence (from
    /// 0) of the first of `needles` found in its body (never in its front matter); the
    /// last occurrence when there are fewer.
    fn in_markdown(&self, display: &Path, needles: &[(String, usize)]) -> Place {
        let text = std::fs::read_to_string(self.root.join(display)).unwrap_or_default();
        let first = crate::content::front_matter::split(&text).map_or(1, |s| s.body_line);
        let lines: Vec<&str> = text.lines().collect();
        let line = needles
            .iter()
            .filter(|(n, _)| !n.is_empty())
            .find_map(|(needle, nth)| {
                let mut seen = 0;
                let mut last = None;
                for (i, l) in lines.iter().enumerate().skip(first - 1) {
                    let here = l.matches(needle.as_str()).count();
                    if here == 0 {
                        continue;
                    }
                    last = Some(i);
                    seen += here;
                    if seen > *nth {
                        return last;
                    }
                }
                last
            });
        Place {
            path: display.to_path_buf(),
            line: line.map(|i| i + 1),
            source: line.and_then(|i| lines.get(i).map(|l| (*l).to_owned())),
        }
    }

    /// The line of `key:` in the front matter of the content file `display`.
    pub fn front_matter_key(&self, display: &Path, key: &str) -> Place {
        let text = std::fs::read_to_string(self.root.join(display)).unwrap_or_default();
        let end = crate::content::front_matter::split(&text).map_or(1, |s| s.body_line);
        let prefix = format!("{key}:");
        let line = text
            .lines()
            .take(end.saturating_sub(1))
            .position(|l| l.starts_with(&prefix));
        Place {
            path: display.to_path_buf(),
            line: line.map(|i| i + 1),
            source: line.and_then(|i| text.lines().nth(i).map(str::to_owned)),
        }
    }

    /// The template line whose `attr` best matches `value`.
    fn in_templates(&self, attr: &str, value: &str) -> Option<Place> {
        let mut best: Option<(usize, Place)> = None;
        for (path, text) in &self.templates {
            for (i, line) in text.lines().enumerate() {
                for pattern in attribute_values(line, attr) {
                    let Some(score) = matches(&pattern, value) else {
                        continue;
                    };
                    // Later files (the site's own) win ties over the theme's.
                    if best.as_ref().is_none_or(|(b, _)| score >= *b) && score > 0 {
                        best = Some((
                            score,
                            Place {
                                path: path.clone(),
                                line: Some(i + 1),
                                source: Some(line.to_string()),
                            },
                        ));
                    }
                }
            }
        }
        best.map(|(_, p)| p)
    }

    /// The first template line that holds `tag` as written (for elements a template
    /// writes without variable parts).
    fn tag_in_templates(&self, tag: &str) -> Option<Place> {
        if tag.is_empty() {
            return None;
        }
        self.templates.iter().rev().find_map(|(path, text)| {
            let i = text.lines().position(|l| l.contains(tag))?;
            Some(Place {
                path: path.clone(),
                line: Some(i + 1),
                source: text.lines().nth(i).map(str::to_owned),
            })
        })
    }
}

/// The values of `attr="…"` on a template line, with Tera tags left in (quotes inside
/// `{{ … }}` and `{% … %}` do not end the value).
fn attribute_values(line: &str, attr: &str) -> Vec<String> {
    let mut found = Vec::new();
    let marker = format!("{attr}=");
    let mut rest = line;
    while let Some(i) = rest.find(&marker) {
        // `data-href=` is not `href=`.
        let before = rest[..i].chars().next_back();
        rest = &rest[i + marker.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '-') {
            continue;
        }
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let body = &rest[1..];
        let mut value = String::new();
        let mut chars = body.char_indices().peekable();
        let mut depth_end: Option<&str> = None;
        let mut end = body.len();
        while let Some((j, c)) = chars.next() {
            match depth_end {
                Some(close) if body[j..].starts_with(close) => {
                    value.push_str(close);
                    for _ in 1..close.len() {
                        chars.next();
                    }
                    depth_end = None;
                    continue;
                }
                Some(_) => {}
                None if body[j..].starts_with("{{") => depth_end = Some("}}"),
                None if body[j..].starts_with("{%") => depth_end = Some("%}"),
                None if c == quote => {
                    end = j;
                    break;
                }
                None => {}
            }
            value.push(c);
        }
        found.push(value);
        rest = &body[end.min(body.len())..];
    }
    found
}

/// Whether `value` fits `pattern` (literal text with Tera tags standing for anything),
/// and how much literal text matched.
fn matches(pattern: &str, value: &str) -> Option<usize> {
    let mut pieces = Vec::new();
    let mut rest = pattern;
    let mut starts_open = false;
    let mut ends_open = false;
    loop {
        let next = [rest.find("{{"), rest.find("{%")]
            .into_iter()
            .flatten()
            .min();
        match next {
            Some(i) => {
                if i == 0 && pieces.is_empty() {
                    starts_open = true;
                }
                if i > 0 {
                    pieces.push(&rest[..i]);
                }
                let close = if rest[i..].starts_with("{{") {
                    "}}"
                } else {
                    "%}"
                };
                match rest[i..].find(close) {
                    Some(j) => rest = &rest[i + j + close.len()..],
                    None => return None,
                }
                if rest.is_empty() {
                    ends_open = true;
                }
            }
            None => {
                if !rest.is_empty() {
                    pieces.push(rest);
                }
                break;
            }
        }
    }
    if pieces.is_empty() {
        return Some(0);
    }
    let mut at = 0;
    for (n, piece) in pieces.iter().enumerate() {
        let found = value[at..].find(piece)? + at;
        if n == 0 && !starts_open && found != 0 {
            return None;
        }
        at = found + piece.len();
    }
    if !ends_open && at != value.len() {
        return None;
    }
    Some(pieces.iter().map(|p| p.len()).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_keep_tera_tags_with_quotes() {
        let line =
            r#"<a href="{{ get_url(path="impressum/") }}" data-href="x">I</a><img src='/b.png'>"#;
        assert_eq!(
            attribute_values(line, "href"),
            [r#"{{ get_url(path="impressum/") }}"#]
        );
        assert_eq!(attribute_values(line, "src"), ["/b.png"]);
    }

    #[test]
    fn a_pattern_matches_its_literal_parts_in_order() {
        assert_eq!(matches("{{ base }}/impresum/", "/kbm/impresum/"), Some(10));
        assert_eq!(matches("/a/{{ x }}/b", "/a/zz/b"), Some(5));
        assert_eq!(matches("/a/{{ x }}/b", "/a/zz/c"), None);
        assert_eq!(matches("/a/", "/a/b"), None);
        assert_eq!(matches("{{ page.url }}", "/x/"), Some(0));
        assert_eq!(matches("#{{ id }}", "#kb-eckdaten"), Some(1));
    }
}
