//! The `feeds:` key of `site.yaml`: whether the home page has a feed, what an entry
//! carries, how many entries a feed has and what its file is called. The raw struct
//! rejects unknown keys like the rest of `site.yaml` (and serde names the allowed
//! values of `content:`); [`resolve`] checks the rest and reports a bad value at its
//! line, using the default in its place.

use serde::Deserialize;

use crate::config::CONFIG_FILE;
use crate::error::Diagnostic;
use crate::messages::Text;
use crate::text;
use crate::yaml::{self, Step};

/// `feeds:` as written; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFeeds {
    /// Whether the home page has a feed.
    home: Option<bool>,
    /// What an entry carries.
    content: Option<Content>,
    /// Signed, so that `-1` is told the same as `0`, not as a type error.
    limit: Option<i64>,
    /// The feed file's name.
    filename: Option<String>,
}

/// What a feed entry carries of its page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Content {
    /// The page's summary as templates see it (`page.summary`): the text before
    /// `<!-- more -->`, or the first paragraph when there is no such marker. One
    /// meaning of „summary“ everywhere, and a feed whose size does not depend on an
    /// editor remembering the marker (Zola falls back to the whole page instead).
    #[default]
    Summary,
    /// The whole page body.
    Full,
}

/// The resolved `feeds:` settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Whether the home page has a feed (at `/<filename>`).
    pub home: bool,
    /// What an entry carries.
    pub content: Content,
    /// Entries per feed, at least 1.
    pub limit: usize,
    /// The feed file's name in the folder of its page, e.g. `atom.xml`.
    pub filename: String,
}

/// The default of `limit:`.
const LIMIT: usize = 20;
/// The default of `filename:`.
const FILENAME: &str = "atom.xml";

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            home: true,
            content: Content::Summary,
            limit: LIMIT,
            filename: FILENAME.to_string(),
        }
    }
}

/// The settings of `raw`; a bad value is pushed to `problems` as a diagnostic at its
/// line of `text` (the whole `site.yaml`), and its default is used instead.
pub fn resolve(raw: Option<&RawFeeds>, text: &str, problems: &mut Vec<Diagnostic>) -> Settings {
    let mut settings = Settings::default();
    let Some(raw) = raw else {
        return settings;
    };
    settings.home = raw.home.unwrap_or(settings.home);
    settings.content = raw.content.unwrap_or_default();
    match raw.limit {
        None => {}
        Some(n) if n >= 1 => settings.limit = usize::try_from(n).unwrap_or(usize::MAX),
        Some(n) => problems.push(problem(
            text,
            "limit",
            text!("feed-settings-limit", value = n.to_string()),
            text!("feed-settings-limit.hint", default = LIMIT),
        )),
    }
    if let Some(name) = &raw.filename {
        match filename_problem(name) {
            None => settings.filename = name.clone(),
            Some(message) => problems.push(problem(
                text,
                "filename",
                message,
                text!("feed-settings-filename.hint"),
            )),
        }
    }
    settings
}

/// What is wrong with `name` as the feed's file name, if anything. It must be a plain
/// name (it ends up in addresses and in every section's folder): ASCII letters, digits,
/// `-`, `_` and `.`, not hidden, ending in `.xml`, and not a file lernort writes itself.
fn filename_problem(name: &str) -> Option<Text> {
    let plain = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !plain || name.starts_with('.') || !name.ends_with(".xml") {
        return Some(text!("feed-settings-filename", value = name));
    }
    let path = format!("/{name}");
    if crate::model::FIXED_OUTPUTS.contains(&path.as_str()) {
        return Some(text!("feed-settings-filename-taken", value = name));
    }
    None
}

/// A problem with `feeds: <key>` in `site.yaml`, at that key (or the nearest enclosing
/// key that is found, e.g. in a flow mapping the parser places differently).
fn problem(text: &str, key: &str, message: Text, hint: Text) -> Diagnostic {
    let path = [Step::Key("feeds".into()), Step::Key(key.into())];
    let (line, column) = yaml::locate(text, &path).unwrap_or((1, 1));
    Diagnostic::new(CONFIG_FILE, message)
        .at(line, Some(column))
        .with_source(text)
        .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct Root {
        feeds: Option<RawFeeds>,
    }

    fn settings(yaml: &str) -> (Settings, Vec<Diagnostic>) {
        let root: Root = serde_yaml::from_str(yaml).expect("YAML");
        let mut problems = Vec::new();
        let settings = resolve(root.feeds.as_ref(), yaml, &mut problems);
        (settings, problems)
    }

    fn words(problem: &Diagnostic) -> (String, String) {
        let hint = problem.hint.as_ref().map(Text::to_string);
        (problem.message.to_string(), hint.unwrap_or_default())
    }

    #[test]
    fn defaults_without_the_key_or_with_it_empty() {
        for yaml in ["title: x\n", "feeds:\n", "feeds: {}\n"] {
            let (s, problems) = settings(yaml);
            assert!(problems.is_empty(), "{yaml}");
            assert_eq!(s, Settings::default(), "{yaml}");
        }
        let s = Settings::default();
        assert!(s.home);
        assert_eq!(s.content, Content::Summary);
        assert_eq!(s.limit, 20);
        assert_eq!(s.filename, "atom.xml");
    }

    #[test]
    fn every_key_is_read() {
        let yaml = "feeds:\n  home: false\n  content: full\n  limit: 5\n  filename: feed.xml\n";
        let (s, problems) = settings(yaml);
        assert!(problems.is_empty());
        assert_eq!(
            s,
            Settings {
                home: false,
                content: Content::Full,
                limit: 5,
                filename: "feed.xml".into()
            }
        );
    }

    #[test]
    fn a_limit_below_one_is_reported_at_its_line() {
        for (value, shown) in [("0", "0"), ("-3", "-3")] {
            let yaml = format!("title: x\nfeeds:\n  home: true\n  limit: {value}\n");
            let (s, problems) = settings(&yaml);
            assert_eq!(s.limit, 20, "the default stands in");
            assert_eq!(problems.len(), 1);
            assert_eq!((problems[0].line, problems[0].column), (Some(4), Some(3)));
            assert_eq!(
                words(&problems[0]),
                (
                    format!("`feeds.limit` must be a whole number of at least 1, not {shown}"),
                    "it is how many of the newest pages a feed lists; without this key, it is 20"
                        .into()
                )
            );
            assert_eq!(
                problems[0].message.render(crate::messages::Lang::De),
                format!("`feeds.limit` muss eine ganze Zahl ab 1 sein, nicht {shown}")
            );
        }
    }

    #[test]
    fn a_file_name_that_is_not_plain_is_reported() {
        for bad in [
            "feeds/atom.xml",
            "atom.rss",
            ".atom.xml",
            "ätom.xml",
            "",
            "a b.xml",
            "..\\a.xml",
        ] {
            let yaml = format!("feeds:\n  filename: '{bad}'\n");
            let (s, problems) = settings(&yaml);
            assert_eq!(s.filename, "atom.xml", "{bad}");
            assert_eq!(problems.len(), 1, "{bad}");
            assert_eq!(problems[0].line, Some(2));
            let (message, hint) = words(&problems[0]);
            assert_eq!(
                message,
                format!(
                    "`feeds.filename` must be a plain file name ending in `.xml`, not \"{bad}\""
                )
            );
            assert!(hint.starts_with("e.g. `atom.xml`"), "{hint}");
        }
        for fine in ["atom.xml", "Feed_2.xml", "news.atom.xml"] {
            assert_eq!(filename_problem(fine), None, "{fine}");
        }
    }

    #[test]
    fn the_sitemap_cannot_be_the_feed() {
        let (s, problems) = settings("feeds: {filename: sitemap.xml}\n");
        assert_eq!(s.filename, "atom.xml");
        assert_eq!(problems[0].line, Some(1));
        assert_eq!(
            problems[0].message.to_string(),
            "lernort writes `sitemap.xml` itself; `feeds.filename` cannot be that name"
        );
    }

    #[test]
    fn unknown_keys_and_values_are_told_by_the_yaml_layer() {
        let what = text!("yaml-what-site-yaml");
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Strict {
            feeds: Option<RawFeeds>,
        }
        let err = yaml::parse::<Strict>("feeds:\n  content: kurz\n", 1, &what).unwrap_err();
        assert_eq!(err.line, Some(2));
        let hint = err.hint.map(|h| h.to_string()).unwrap_or_default();
        assert_eq!(hint, "use one of: summary, full");
        let err = yaml::parse::<Strict>("feeds:\n  limt: 3\n", 1, &what).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.to_string().contains("`limt`"),
            "{}",
            err.message
        );
    }
}
