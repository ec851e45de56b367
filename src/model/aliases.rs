//! Checking a page's `aliases`: each is an old address on this site, written as a plain
//! path, because it becomes a file in the output folder. Anything else (a full URL,
//! `//host`, `?`, `#`, `..`, a backslash) would write outside the intended place or
//! never be requested, and is an error.

use crate::markdown::links;
use crate::messages::Text;
use crate::text;

/// Why an alias is not a plain site path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadAlias {
    /// `https://…`, `//host/…`, `mailto:…`.
    FullAddress,
    /// A query or an anchor, which a file cannot have.
    QueryOrAnchor,
    /// A `\`, which is no folder separator in a URL.
    Backslash,
    /// A control character.
    Control,
    /// A `%` sequence that does not decode to UTF-8.
    Percent,
    /// `..` above the site, or no path at all.
    Outside,
}

impl BadAlias {
    /// The message about `alias` and how to fix it.
    pub fn message(self, alias: &str) -> (Text, Text) {
        match self {
            BadAlias::FullAddress => (
                text!("model-alias-full-address", alias = alias),
                text!("model-alias-full-address.hint"),
            ),
            BadAlias::QueryOrAnchor => (
                text!("model-alias-query", alias = alias),
                text!("model-alias-query.hint"),
            ),
            BadAlias::Backslash => (
                text!("model-alias-backslash", alias = alias),
                text!("model-alias-backslash.hint"),
            ),
            BadAlias::Control => (
                text!("model-alias-control", alias = alias),
                text!("model-alias-control.hint"),
            ),
            BadAlias::Percent => (
                text!("model-alias-percent", alias = alias),
                text!("model-alias-percent.hint"),
            ),
            BadAlias::Outside => (
                text!("model-alias-outside", alias = alias),
                text!("model-alias-outside.hint"),
            ),
        }
    }
}

/// The site path an alias is served at (`alt/seite` → `/alt/seite/`, `/alt.html` stays).
pub fn site_path(alias: &str) -> Result<String, BadAlias> {
    let first_segment = alias.split('/').next().unwrap_or_default();
    if alias.starts_with("//") || first_segment.contains(':') {
        return Err(BadAlias::FullAddress);
    }
    if alias.contains(['?', '#']) {
        return Err(BadAlias::QueryOrAnchor);
    }
    if alias.contains('\\') {
        return Err(BadAlias::Backslash);
    }
    if alias.chars().any(char::is_control) {
        return Err(BadAlias::Control);
    }
    let decoded = percent_encoding::percent_decode_str(alias)
        .decode_utf8()
        .map_err(|_| BadAlias::Percent)?;
    if decoded.split('/').any(|s| s == "..") {
        return Err(BadAlias::Outside);
    }
    match links::normalize("", &decoded) {
        Some(path) if !path.is_empty() => {
            let trailing = if path.contains('.') { "" } else { "/" };
            Ok(format!("/{path}{trailing}"))
        }
        _ => Err(BadAlias::Outside),
    }
}

/// The 1-based line and column of `value` as an item of the top-level `key` in `front`
/// (the front matter part of a file), falling back to the key's own line.
pub fn item_position(front: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    let start = crate::yaml::line_of_key(front, key)?;
    let own = front
        .lines()
        .enumerate()
        .skip(start - 1)
        // The key's own line, then its indented or list lines.
        .take_while(|(i, l)| *i + 1 == start || l.starts_with([' ', '-', '\t']))
        .find_map(|(i, l)| {
            let at = l.find(value).filter(|_| !value.is_empty())?;
            Some((i + 1, l[..at].chars().count() + 1))
        });
    Some(own.unwrap_or((start, 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_become_site_paths() {
        assert_eq!(site_path("/lvo/").as_deref(), Ok("/lvo/"));
        assert_eq!(site_path("alt/seite").as_deref(), Ok("/alt/seite/"));
        assert_eq!(site_path("/alt.html").as_deref(), Ok("/alt.html"));
        assert_eq!(site_path("/%C3%BCber/").as_deref(), Ok("/über/"));
    }

    #[test]
    fn anything_but_a_plain_path_is_rejected() {
        for alias in [
            "https://evil.example/",
            "//evil.example/x/",
            "mailto:a@b",
            "/a/?x=1",
            "/a/#b",
            "/a/../../etc/",
            "\\a\\b",
            "/a%FF/",
            "",
            "/",
        ] {
            assert!(site_path(alias).is_err(), "{alias:?}");
        }
    }

    #[test]
    fn the_position_of_a_list_item() {
        let front = "title: A\naliases:\n  - /a/\n  - https://x/\nweight: 1\n";
        assert_eq!(item_position(front, "aliases", "https://x/"), Some((4, 5)));
        let flow = "aliases: [/a/, //x/]\n";
        assert_eq!(item_position(flow, "aliases", "//x/"), Some((1, 16)));
        assert_eq!(item_position(front, "aliases", "/fehlt/"), Some((2, 1)));
    }
}
