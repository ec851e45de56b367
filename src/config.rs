//! `site.yaml`: the raw file as written (unknown keys rejected), then the resolved
//! [`Config`] with validated values and absolute paths. Nothing else reads `site.yaml`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Result};
use crate::locale::Locale;
use crate::messages::Text;
use crate::text;
use crate::yaml;

/// The name of the site configuration file in the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// `site.yaml` as written by the user.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// The site's name, shown in titles and the header.
    title: String,
    /// One sentence about the site, for the home page's meta description.
    #[serde(default)]
    description: String,
    /// The public address the site is deployed at, e.g. `https://kbm.trier.de`.
    base_url: String,
    /// The content language as a BCP 47 tag; `de` by default.
    #[serde(default = "default_language")]
    language: String,
    /// The theme folder under `themes/`; optional when the site has its own `templates/`.
    #[serde(default)]
    theme: Option<String>,
    /// The IANA time zone (`Europe/Berlin`) in which a bare `publish_date` or
    /// `expiry_date` begins at midnight; `UTC` by default.
    #[serde(default)]
    timezone: Option<String>,
    /// Taxonomies, such as `tags`; pages list their terms under these keys.
    #[serde(default)]
    taxonomies: Vec<crate::taxonomy::RawTaxonomy>,
    /// Free values for templates, available as `site.extra`.
    #[serde(default)]
    extra: yaml::Value,
    /// Content types: the fields pages of each type have (see [`crate::schema`]).
    #[serde(default)]
    types: yaml::Value,
    /// How `lernort check` behaves (see `check::settings`).
    #[serde(default)]
    check: Option<crate::check::settings::RawCheck>,
    /// The Atom feeds (see `feed::settings`).
    #[serde(default)]
    feeds: Option<crate::feed::settings::RawFeeds>,
}

fn default_language() -> String {
    "de".into()
}

/// Options a command passes on top of `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Replaces `base_url` (e.g. for a preview deployment).
    pub base_url: Option<String>,
    /// Includes pages and sections marked `draft: true`.
    pub drafts: bool,
    /// Where the site is written; `public/` in the root by default.
    pub output_dir: Option<PathBuf>,
    /// Includes pages whose `publish_date` is still to come (`--future`).
    pub future: bool,
    /// Includes pages whose `expiry_date` has passed (`--expired`).
    pub expired: bool,
    /// The moment to build the site at (`--now`), as written: RFC 3339 or a bare date.
    pub now: Option<String>,
}

/// The resolved site configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The site's name.
    pub title: String,
    /// The site's description.
    pub description: String,
    /// The public base URL without a trailing slash, e.g. `https://example.org`.
    pub base_url: String,
    /// The path of `base_url` without a trailing slash, e.g. `/kbm`; `""` at a domain root.
    base_path: String,
    /// The content language, e.g. `de`.
    pub language: String,
    /// The theme name, if any.
    pub theme: Option<String>,
    /// Configured taxonomy names (front matter keys), in declaration order.
    pub taxonomies: Vec<String>,
    /// Each taxonomy's declaration, in the same order.
    pub taxonomy_settings: Vec<crate::taxonomy::Settings>,
    /// Free values for templates.
    pub extra: yaml::Value,
    /// The declared content types.
    pub schema: crate::schema::Schema,
    /// How `lernort check` behaves.
    pub check: crate::check::settings::Check,
    /// The Atom feeds.
    pub feeds: crate::feed::settings::Settings,
    /// Whether drafts are built.
    pub drafts: bool,
    /// The moment the site is built at, and whether future and expired pages are.
    pub schedule: crate::schedule::Schedule,
    /// The site's time zone (`timezone:`), in which bare dates begin.
    pub time_zone: jiff::tz::TimeZone,
    /// Absolute site root.
    pub root: PathBuf,
    /// Absolute output directory.
    pub output_dir: PathBuf,
    /// The words and formats lernort writes, resolved once from `language`; every
    /// stage reads this instead of looking at the tag.
    pub locale: Locale,
}

impl Config {
    /// Reads and validates `site.yaml` in `root`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        if !root.is_dir() {
            return Err(Error::usage(text!(
                "config-root-missing",
                dir = root.display().to_string()
            )));
        }
        // Every later path check compares absolute paths; a relative root such as `.`
        // would hide that `-o .` points at the site itself.
        let root = &root
            .canonicalize()
            .map_err(|e| Error::io(text!("config-io-open-root"), root, e))?;
        let path = require_site(root)?;
        let text = crate::content::read_text(&path, Path::new(CONFIG_FILE))?;
        let what = crate::text!("yaml-what-site-yaml");
        let raw: RawConfig = yaml::parse(&text, 1, &what).map_err(|e| located(e, &text))?;
        Self::resolve(raw, root, overrides, &text)
    }

    fn resolve(raw: RawConfig, root: &Path, o: &Overrides, text: &str) -> Result<Config> {
        let mut problems = Vec::new();
        // A flag is the caller's mistake, not the site's: a usage error naming the flag.
        if let Some(flag) = &o.base_url
            && let Some(problem) = base_url_problem("--base-url", flag)
        {
            return Err(Error::usage(match problem.normal {
                Some(normal) => text!(
                    "config-base-url-flag-normal",
                    problem = problem.why,
                    normal = normal
                ),
                None => text!("config-base-url-flag-example", problem = problem.why),
            }));
        }
        let time_zone = match crate::schedule::time_zone(raw.timezone.as_deref()) {
            Ok(zone) => zone,
            Err((message, hint)) => {
                problems.push(key_problem(text, "timezone", message, hint));
                jiff::tz::TimeZone::UTC
            }
        };
        let schedule = crate::schedule::Schedule {
            now: crate::schedule::now(o.now.as_deref(), &time_zone)?,
            future: o.future,
            expired: o.expired,
        };
        if yaml::is_blank(&raw.title) {
            problems.push(key_problem(
                text,
                "title",
                text!("config-title-empty"),
                text!("config-title-empty.hint"),
            ));
        }
        let base_url = o.base_url.clone().unwrap_or(raw.base_url);
        let (base_url, base_path) = match base_url_problem("base_url", &base_url) {
            Some(problem) => {
                let hint = match problem.normal {
                    Some(normal) => text!("config-base-url-hint-normal", normal = normal),
                    None => text!("config-base-url-hint-example"),
                };
                problems.push(key_problem(text, "base_url", problem.why, hint));
                (base_url, String::new())
            }
            None => split_base_url(&base_url),
        };
        let language = match icu_locale_core::Locale::try_from_str(&raw.language) {
            // `_` parses too, but `<html lang>` needs `-`.
            Ok(tag) if !raw.language.contains('_') => tag.to_string(),
            _ => {
                problems.push(key_problem(
                    text,
                    "language",
                    text!("config-language-invalid", value = &raw.language),
                    text!("config-language-invalid.hint"),
                ));
                raw.language.clone()
            }
        };
        let taxonomy_settings = crate::taxonomy::resolve(&raw.taxonomies, text, &mut problems);
        let taxonomies: Vec<String> = taxonomy_settings.iter().map(|t| t.name.clone()).collect();
        let builtin = crate::content::front_matter::builtin_keys(&taxonomies);
        let schema = crate::schema::define(&raw.types, text, &builtin).unwrap_or_else(|found| {
            problems.extend(found);
            crate::schema::Schema::default()
        });
        if let Some(theme) = &raw.theme
            && let Some(why) = theme_problem(theme)
        {
            let folders = theme_folders(root);
            let hint = match folders.first() {
                None => text!("config-theme-hint-no-folders"),
                Some(first) => text!(
                    "config-theme-hint-folders",
                    folders = folders.join(", "),
                    first = first
                ),
            };
            problems.push(key_problem(text, "theme", why, hint));
        }
        let check = crate::check::settings::resolve(raw.check.as_ref(), text, &mut problems);
        let feeds = crate::feed::settings::resolve(raw.feeds.as_ref(), text, &mut problems);
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        let output_dir = match &o.output_dir {
            Some(dir) => absolute(dir)?,
            None => root.join("public"),
        };
        let locale = Locale::from_tag(&language);
        Ok(Config {
            title: raw.title,
            description: raw.description,
            base_url,
            base_path,
            language,
            theme: raw.theme,
            taxonomies,
            taxonomy_settings,
            extra: raw.extra,
            schema,
            check,
            feeds,
            drafts: o.drafts,
            schedule,
            time_zone,
            root: root.to_path_buf(),
            output_dir,
            locale,
        })
    }

    /// The content folder.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// The template folders in lookup order: the site's own, then the theme's.
    pub fn template_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.root.join("templates")];
        if let Some(theme) = &self.theme {
            dirs.push(self.root.join("themes").join(theme).join("templates"));
        }
        dirs
    }

    /// The asset folders in copy order: the theme's first, so the site's files win.
    pub fn asset_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = Vec::new();
        if let Some(theme) = &self.theme {
            dirs.push(self.root.join("themes").join(theme).join("assets"));
        }
        dirs.push(self.root.join("assets"));
        dirs
    }

    /// The path part of `base_url` (`/kbm` for `https://example.org/kbm`), `""` at a domain root.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The absolute URL of a site path such as `/team/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// `dir` as an absolute path without `.` or `..`, as the user wrote it: symbolic links
/// are not followed here, so that messages name the path that was given (`-o ziel`,
/// not the file `ziel` links to). The output module follows links itself and checks
/// where they lead (`output::resolve`).
fn absolute(dir: &Path) -> Result<PathBuf> {
    let joined = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(text!("config-io-current-folder"), dir, e))?
            .join(dir)
    };
    let mut clean = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    Ok(clean)
}

/// What is wrong with a theme name, if anything: it names one folder directly under
/// `themes/`, so that templates and assets are never read from elsewhere on the disk.
fn theme_problem(theme: &str) -> Option<Text> {
    if theme.trim().is_empty() {
        Some(text!("config-theme-empty"))
    } else if Path::new(theme).is_absolute() || theme.starts_with(['/', '\\']) {
        Some(text!("config-theme-absolute", theme = theme))
    } else if theme == "." || theme == ".." || theme.contains(['/', '\\', ':']) {
        Some(text!("config-theme-path", theme = theme))
    } else {
        None
    }
}

/// The folders in the site's `themes/`, sorted by name.
pub fn theme_folders(root: &Path) -> Vec<String> {
    let mut themes: Vec<String> = std::fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    themes.sort();
    themes
}

/// What is wrong with a base URL, and the address meant where it is clear.
struct BaseUrlProblem {
    /// The problem in words, naming the key or flag and the address as written.
    why: Text,
    /// The address in normal form, without a trailing `/`, when the problem is only how
    /// it is written.
    normal: Option<String>,
}

/// What is wrong with a base URL, if anything: it must be an absolute `http(s)` address
/// with a host, and nothing after the path (every link is built by appending to it).
/// It must also be written in the normal form the URL parser gives it (modulo one
/// trailing `/`), unless only its spelling differs (see [`only_spelled_differently`]):
/// the parser accepts `https:example.org`, `\\` for `/` and `..` segments, which are
/// more likely typos than meant. `key` is where the address was given: `base_url` or
/// `--base-url`.
fn base_url_problem(key: &str, url: &str) -> Option<BaseUrlProblem> {
    let plain = |why: Text| {
        Some(BaseUrlProblem {
            why: why.arg("key", key).arg("url", url),
            normal: None,
        })
    };
    let parsed = match url::Url::parse(url) {
        Ok(p) if matches!(p.scheme(), "http" | "https") => p,
        _ => return plain(text!("config-base-url-not-http")),
    };
    if parsed.host_str().is_none_or(str::is_empty) {
        return plain(text!("config-base-url-no-host"));
    } else if parsed.query().is_some() || parsed.fragment().is_some() {
        return plain(text!("config-base-url-query"));
    } else if !parsed.username().is_empty() || parsed.password().is_some() {
        return plain(text!("config-base-url-user"));
    } else if url.chars().any(char::is_whitespace) {
        return plain(text!("config-base-url-spaces"));
    }
    let normal = parsed.as_str();
    let without_slash = |s: &str| s.strip_suffix('/').unwrap_or(s).to_string();
    // Empty segments (`/kbm//`) survive parsing but would double every link's slash.
    if parsed.path().contains("//") {
        let segments: Vec<&str> = parsed.path().split('/').filter(|s| !s.is_empty()).collect();
        let mut fixed = parsed.clone();
        fixed.set_path(&segments.join("/"));
        return Some(BaseUrlProblem {
            why: text!("config-base-url-empty-segment", key = key, url = url),
            normal: Some(without_slash(fixed.as_str())),
        });
    }
    if without_slash(normal) != without_slash(url) && !only_spelled_differently(url) {
        return Some(BaseUrlProblem {
            why: text!(
                "config-base-url-not-normal",
                key = key,
                url = url,
                normal = without_slash(normal)
            ),
            normal: Some(without_slash(normal)),
        });
    }
    None
}

/// Whether `url` differs from its normal form only in spelling that leaves no doubt
/// about the address: an upper-case scheme or host, an international domain name
/// (`bürgerbüro.de`, stored as `xn--…`), a default port, or non-ASCII letters in the path
/// (stored percent-encoded). Such an address is accepted and stored in normal form. What
/// the URL parser merely repairs (`https:host`, `\\`, `.` and `..` segments) stays an
/// error, since it is more likely a typo than meant.
fn only_spelled_differently(url: &str) -> bool {
    let Some(rest) = ["https://", "http://"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|p| p.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    }) else {
        return false;
    };
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    // `%2e%2e` is `..` to the parser, and `https:///host` has a slash too many.
    let dots = |seg: &str| {
        let seg = percent_encoding::percent_decode_str(seg).decode_utf8_lossy();
        seg == "." || seg == ".."
    };
    !rest.starts_with('/') && !rest.contains('\\') && !path.split('/').any(dots)
}

/// The `site.yaml` of the site in `root` (an absolute folder), or the usage error that
/// the folder is not a lernort site. `serve` asks before it starts listening: a preview
/// of a folder that is no site would only ever show this error.
pub fn require_site(root: &Path) -> Result<PathBuf> {
    let path = root.join(CONFIG_FILE);
    if path.is_file() {
        Ok(path)
    } else {
        Err(Error::usage(text!(
            "config-no-site-yaml",
            dir = root.display().to_string()
        )))
    }
}

/// The `language:` of the site in `root`, read leniently and before anything else, so
/// that even a `site.yaml` with errors (or a build that fails before reading it) gets
/// its messages in the site's language. `None` without a `site.yaml` or that line.
pub fn language_of(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        let value = value.split(" #").next().unwrap_or(value).trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// A valid base URL (see [`base_url_problem`]) as stored: in normal form, without a
/// trailing `/`, and its path taken from the parsed URL.
fn split_base_url(url: &str) -> (String, String) {
    let parsed = url::Url::parse(url).ok();
    let normal = parsed.as_ref().map_or(url, |p| p.as_str());
    let path = parsed.as_ref().map_or("", |p| p.path());
    let path = path.strip_suffix('/').unwrap_or(path).to_string();
    let url = normal.strip_suffix('/').unwrap_or(normal).to_string();
    (url, path)
}

/// A YAML problem in `site.yaml` as a diagnostic showing its line of `text`.
fn located(e: yaml::YamlError, text: &str) -> Diagnostic {
    let mut d = Diagnostic::new(CONFIG_FILE, e.message);
    d.line = e.line;
    d.column = e.column;
    let d = d.with_source(text);
    match e.hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// A problem with `key` in `site.yaml`, shown at the first line that starts with it.
fn key_problem(text: &str, key: &str, message: Text, hint: Text) -> Diagnostic {
    let line = text
        .lines()
        .position(|l| l.starts_with(key))
        .map_or(1, |i| i + 1);
    Diagnostic::new(CONFIG_FILE, message)
        .at(line, Some(1))
        .with_source(text)
        .hint(hint)
}
