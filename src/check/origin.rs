//! Where an element of the rendered output came from, so that a problem is reported
//! where an editor or theme author can fix it: the Markdown file and line when the
//! element is part of a page's rendered body, else the template line that writes its
//! attribute, else the page's file.
//!
//! A body's HTML appears in the output byte for byte (`{{ page.content | safe }}`), so
//! an element's start tag found in it is the body's. Its line in the Markdown file is
//! the line that holds the tag (raw HTML) or the address as written. A template line
//! "matches" an address when the attribute's literal parts, between its `{{ … }}` and
//! `{% … %}`, appear in the address in order; the match with the most literal text wins.

use std::path::{Path, PathBuf};

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
    body: &'a str,
}

/// The sources of every rendered page and the site's template files.
pub struct Origins<'a> {
    root: &'a Path,
    pages: rustc_hash::FxHashMap<String, Source<'a>>,
    templates: Vec<(PathBuf, String)>,
}

impl<'a> Origins<'a> {
    /// Looks up pages by output path; reads the template files (theme first, so that
    /// the site's own files, which win, come last and are preferred on equal matches).
    pub fn new(site: &'a Site) -> Origins<'a> {
        let mut pages = rustc_hash::FxHashMap::default();
        for s in &site.sections {
            let source = Source {
                display: &s.display,
                body: s.body.html.as_str().unwrap_or(""),
            };
            pages.insert(crate::model::output_path(&s.url), source);
        }
        for p in &site.pages {
            let source = Source {
                display: &p.display,
                body: p.body.html.as_str().unwrap_or(""),
            };
            pages.insert(crate::model::output_path(&p.url), source);
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
            pages,
            templates,
        }
    }

    /// The content file that `output` (an output path) was rendered from, if any.
    pub fn page(&self, output: &str) -> Option<&Path> {
        self.pages.get(output).map(|s| s.display)
    }

    /// Where the element whose start tag is `tag` in `output` came from; `attr` and
    /// its value name the attribute to look for in templates (`None`: the first line
    /// holding the tag as written); `words` is what else the Markdown line may be
    /// found by (a link's `[text]`, a heading's text).
    pub fn locate(
        &self,
        output: &str,
        tag: &str,
        attr: Option<(&str, &str)>,
        words: Option<&str>,
    ) -> Place {
        let page = self.pages.get(output);
        if let Some(page) = page
            && !tag.is_empty()
            && page.body.contains(tag)
        {
            let needles = [Some(tag), attr.map(|(_, v)| v), words];
            return self.in_markdown(page.display, &needles);
        }
        if let Some((attr, value)) = attr
            && let Some(place) = self.in_templates(attr, value)
        {
            return place;
        }
        if let Some(place) = self.tag_in_templates(tag) {
            return place;
        }
        Place {
            path: page.map_or_else(|| PathBuf::from(output), |p| p.display.to_path_buf()),
            line: None,
            source: None,
        }
    }

    /// The first line of the Markdown file that holds the first of `needles` found.
    fn in_markdown(&self, display: &Path, needles: &[Option<&str>]) -> Place {
        let text = std::fs::read_to_string(self.root.join(display)).unwrap_or_default();
        let line = needles
            .iter()
            .flatten()
            .filter(|n| !n.is_empty())
            .find_map(|n| text.lines().position(|l| l.contains(n)));
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
