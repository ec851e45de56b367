//! Classifying link destinations written in Markdown: external URLs, same-page anchors,
//! site-absolute URLs, and content paths (relative, or `@/` from `content/`).
//! Pure functions; looking the paths up is the model's job.

/// What a Markdown link destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// `https://…`, `mailto:…`, `//host/…`: left exactly as written.
    External,
    /// `/already/a/url/`: left as written.
    SiteAbsolute,
    /// `#anchor` on the same page.
    Anchor(String),
    /// The page itself: an empty destination (`[x]()`, `[x](<>)`), a bare `#`, or only
    /// a query (`?q=1`); left exactly as written.
    ThisPage,
    /// A path inside `content/`, normalised and `/`-separated, with an optional anchor.
    Content {
        /// The path relative to `content/`; `""` is the content folder itself.
        rel: String,
        /// The part after `#`, if any.
        anchor: Option<String>,
    },
}

/// Why a content path could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscapesContent;

/// Classifies `dest` as written in a file in folder `from_dir` (relative to `content/`).
pub fn classify(from_dir: &str, dest: &str) -> Result<Destination, EscapesContent> {
    if dest.starts_with("//") || has_scheme(dest) {
        return Ok(Destination::External);
    }
    if dest.is_empty() || dest == "#" || dest.starts_with('?') {
        return Ok(Destination::ThisPage);
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Ok(Destination::Anchor(anchor.to_string()));
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let (base, path) = if let Some(rest) = dest.strip_prefix("@/") {
        let rest = rest.split(['#', '?']).next().unwrap_or(rest);
        ("", rest)
    } else if dest.starts_with('/') {
        return Ok(Destination::SiteAbsolute);
    } else {
        (from_dir, path)
    };
    // A backslash is part of a file name in a URL, not a folder separator.
    let rel = join(base, &percent_decode(path), &['/']).ok_or(EscapesContent)?;
    Ok(Destination::Content { rel, anchor })
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// A root-relative link (`/impressum/`, `/downloads/plan.pdf?v=2#seite`) in its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RootRelative<'a> {
    /// The site path, percent-decoded, without query and anchor; starts with `/`.
    pub path: String,
    /// The part after `?` (before any `#`), kept as written.
    pub query: Option<&'a str>,
    /// The part after `#`, kept as written.
    pub anchor: Option<&'a str>,
}

/// Cuts a root-relative destination (one [`classify`] calls [`Destination::SiteAbsolute`])
/// into path, query and anchor; the path is looked up among the site's published URLs.
pub fn root_relative(dest: &str) -> RootRelative<'_> {
    let (rest, anchor) = match dest.split_once('#') {
        Some((r, a)) => (r, Some(a)),
        None => (dest, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    RootRelative {
        path: percent_decode(path),
        query,
        anchor,
    }
}

/// Joins `path` onto `base` and resolves `.` and `..`; `None` if it climbs above the top.
/// Both `/` and `\` separate folders in `path`.
pub fn normalize(base: &str, path: &str) -> Option<String> {
    join(base, path, &['/', '\\'])
}

/// [`normalize`] with the folder separators `seps`.
fn join(base: &str, path: &str, seps: &[char]) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split(seps) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%20` and friends so `Mein%20Plan.pdf` finds `Mein Plan.pdf`; text that
/// does not decode to UTF-8 is taken as written.
fn percent_decode(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_or_else(|_| path.to_string(), |p| p.into_owned())
}

/// The query of a link destination (`bericht.pdf?v=2#s` → `v=2`), kept on the URL.
pub(super) fn query_of(dest: &str) -> Option<&str> {
    let path = dest.split('#').next().unwrap_or(dest);
    path.split_once('?').map(|(_, query)| query)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(rel: &str, anchor: Option<&str>) -> Destination {
        Destination::Content {
            rel: rel.into(),
            anchor: anchor.map(Into::into),
        }
    }

    #[test]
    fn external_links_are_left_alone() {
        for d in [
            "https://trier.de",
            "mailto:kbm@example.org",
            "tel:+49",
            "//cdn.example.org/x",
        ] {
            assert_eq!(classify("a", d), Ok(Destination::External), "{d}");
        }
    }

    #[test]
    fn relative_paths_resolve_against_the_folder() {
        assert_eq!(
            classify("projekte", "lvo.md#ergebnisse"),
            Ok(content("projekte/lvo.md", Some("ergebnisse")))
        );
        assert_eq!(
            classify("projekte", "../team/_index.md"),
            Ok(content("team/_index.md", None))
        );
        assert_eq!(
            classify("a/b", "./c/../d.md"),
            Ok(content("a/b/d.md", None))
        );
    }

    #[test]
    fn at_paths_start_from_content() {
        assert_eq!(
            classify("x/y", "@/projekte/knotenpunkte.md"),
            Ok(content("projekte/knotenpunkte.md", None))
        );
    }

    #[test]
    fn anchors_and_site_absolute_urls() {
        assert_eq!(
            classify("", "#ziel"),
            Ok(Destination::Anchor("ziel".into()))
        );
        assert_eq!(classify("", "/impressum/"), Ok(Destination::SiteAbsolute));
    }

    #[test]
    fn empty_destinations_and_queries_are_the_page_itself() {
        for d in ["", "#", "?q=1", "?q=1#x"] {
            assert_eq!(classify("a", d), Ok(Destination::ThisPage), "{d:?}");
        }
    }

    #[test]
    fn a_backslash_is_part_of_the_name() {
        assert_eq!(classify("a", "foo\\bar"), Ok(content("a/foo\\bar", None)));
        assert_eq!(normalize("", "a\\b"), Some("a/b".to_string()));
    }

    #[test]
    fn root_relative_links_keep_query_and_anchor() {
        let r = root_relative("/downloads/Mein%20Plan.pdf?v=2#seite-3");
        assert_eq!(r.path, "/downloads/Mein Plan.pdf");
        assert_eq!((r.query, r.anchor), (Some("v=2"), Some("seite-3")));
        let r = root_relative("/impressum#a?b");
        assert_eq!(
            (r.path.as_str(), r.query, r.anchor),
            ("/impressum", None, Some("a?b"))
        );
    }

    #[test]
    fn climbing_above_content_is_rejected() {
        assert_eq!(classify("a", "../../etc/passwd"), Err(EscapesContent));
    }

    #[test]
    fn percent_encoding_is_decoded() {
        assert_eq!(
            classify("", "Mein%20Plan.pdf"),
            Ok(content("Mein Plan.pdf", None))
        );
        assert_eq!(classify("", "100%.pdf"), Ok(content("100%.pdf", None)));
    }
}
