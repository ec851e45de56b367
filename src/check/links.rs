//! Where an address in the output leads, and whether the build emits a file there.

use percent_encoding::percent_decode_str;
use rustc_hash::{FxHashMap, FxHashSet};

use super::facts::Facts;

/// What an address in a page points to.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Another site, a mail address, a phone number: not this build's business.
    Elsewhere,
    /// A file of this site (an output path such as `team/index.html`) and an anchor.
    File {
        /// The output path.
        path: String,
        /// The part after `#`, percent-decoded.
        anchor: Option<String>,
    },
    /// An address of this site's host outside its base path.
    OutsideBase,
}

/// The emitted files of a build, and the ids of its HTML pages.
#[derive(Debug, Default)]
pub struct Emitted {
    /// Every output path (rendered and copied).
    pub files: FxHashSet<String>,
    /// The ids of each HTML file, by output path.
    pub ids: FxHashMap<String, FxHashSet<String>>,
}

impl Emitted {
    /// Records an HTML file's ids.
    pub fn add_page(&mut self, path: &str, facts: &Facts) {
        self.files.insert(path.to_string());
        let ids = facts.ids.iter().map(|(id, _)| id.clone()).collect();
        self.ids.insert(path.to_string(), ids);
    }

    /// The output file a site path names: `x/` is `x/index.html`, and `x` is the file
    /// `x` or, as servers redirect, the folder `x/`.
    pub fn file_for(&self, path: &str) -> Option<String> {
        let path = path.trim_start_matches('/');
        if path.is_empty() {
            return self
                .files
                .contains("index.html")
                .then(|| "index.html".into());
        }
        if path.ends_with('/') {
            let index = format!("{path}index.html");
            return self.files.contains(&index).then_some(index);
        }
        if self.files.contains(path) {
            return Some(path.to_string());
        }
        let index = format!("{path}/index.html");
        self.files.contains(&index).then_some(index)
    }
}

/// Where `url`, found in the file at output path `from`, leads; `base_url` is the
/// site's (`https://host/path`, no trailing slash) and `base_path` its path part.
pub fn resolve(url: &str, from: &str, base_url: &str, base_path: &str) -> Target {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let same_site = lower.starts_with(&base_url.to_ascii_lowercase())
        && url[base_url.len()..]
            .chars()
            .next()
            .is_none_or(|c| c == '/' || c == '#' || c == '?');
    let url = if same_site {
        let rest = &url[base_url.len()..];
        // `https://host/kbm` → `/kbm/`, the home page.
        &format!("{base_path}{}", if rest.is_empty() { "/" } else { rest })[..]
    } else {
        url
    };
    if !same_site && (has_scheme(url) || url.starts_with("//")) {
        return Target::Elsewhere;
    }
    let (url, anchor) = match url.split_once('#') {
        Some((u, a)) => (
            u,
            Some(percent_decode_str(a).decode_utf8_lossy().into_owned()),
        ),
        None => (url, None),
    };
    let url = url.split('?').next().unwrap_or(url);
    let path = if url.is_empty() {
        format!("/{from}")
    } else if url.starts_with('/') {
        match url.strip_prefix(base_path) {
            Some(rest) if base_path.is_empty() || rest.is_empty() || rest.starts_with('/') => {
                if rest.is_empty() {
                    "/".into()
                } else {
                    rest.to_string()
                }
            }
            _ => return Target::OutsideBase,
        }
    } else {
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        normalise(&format!("/{dir}/{url}"))
    };
    let path = percent_decode_str(&path).decode_utf8_lossy().into_owned();
    Target::File { path, anchor }
}

/// Whether `url` starts with a scheme such as `https:` or `mailto:`.
fn has_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Resolves `.` and `..` in a `/`-separated path; `..` above the top stays at the top,
/// as browsers do.
fn normalise(path: &str) -> String {
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, anchor: Option<&str>) -> Target {
        Target::File {
            path: path.into(),
            anchor: anchor.map(Into::into),
        }
    }

    #[test]
    fn resolves_addresses_like_a_browser() {
        let base = "https://kbm.example.org";
        let r = |u: &str| resolve(u, "team/index.html", base, "");
        assert_eq!(r("https://example.com/"), Target::Elsewhere);
        assert_eq!(r("mailto:a@b.de"), Target::Elsewhere);
        assert_eq!(r("//cdn.example/x.js"), Target::Elsewhere);
        assert_eq!(r("/impressum/"), file("/impressum/", None));
        assert_eq!(
            r("https://kbm.example.org/impressum/"),
            file("/impressum/", None)
        );
        assert_eq!(r("https://kbm.example.org"), file("/", None));
        assert_eq!(
            r("leitung/#kontakt"),
            file("/team/leitung/", Some("kontakt"))
        );
        assert_eq!(r("../a%20b.pdf?v=2"), file("/a b.pdf", None));
        assert_eq!(r("#oben"), file("/team/index.html", Some("oben")));
    }

    #[test]
    fn a_base_path_must_be_kept() {
        let r = |u: &str| resolve(u, "index.html", "https://x.org/kbm", "/kbm");
        assert_eq!(r("/kbm/team/"), file("/team/", None));
        assert_eq!(r("/kbm"), file("/", None));
        assert_eq!(r("/team/"), Target::OutsideBase);
        assert_eq!(r("/kbmx/"), Target::OutsideBase);
        assert_eq!(r("https://x.org/kbm/team/"), file("/team/", None));
    }
}
