//! `lernort new SECTION/NAME`: a new page in an existing section, its front matter
//! prepared for the section's content type, so that editors fill in fields instead of
//! copying another page and guessing which keys it needs.
//!
//! The page is written with `title`, `description`, a `date` where the section sorts
//! by date, then the type's required fields, each empty with a comment saying what
//! belongs there, then the optional ones commented out. An empty required field fails
//! the build at its line (`schema-empty`), so a page is never published half filled
//! in; once they are filled, the page builds.

mod page;
mod target;

use std::io::Write;
use std::path::Path;

use crate::config::{Config, Overrides};
use crate::error::{Error, Result};
use crate::messages::{Lang, Text};
use crate::schema::{Field, Schema};
use crate::text;

/// What `lernort new` was asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `SECTION/NAME` inside `content/`, e.g. `team/anna-beispiel`.
    pub path: String,
    /// The title; made from the name when `None`.
    pub title: Option<String>,
    /// The content type instead of the section's.
    pub type_name: Option<String>,
    /// The page's date, `YYYY-MM-DD`; today in sections sorted by date when `None`.
    pub date: Option<String>,
    /// A page folder `NAME/index.md` instead of `NAME.md`.
    pub bundle: bool,
}

/// What `lernort new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The new file, relative to the site folder: `content/team/anna-beispiel.md`.
    pub file: String,
    /// The required fields the editor must fill in, in the order written.
    pub to_fill: Vec<String>,
}

/// Writes the page `request` asks for into the site at `root`, its comments in `lang`.
pub fn create(root: &Path, request: &Request, lang: Lang) -> Result<Created> {
    let date = request.date.as_deref().map(parse_date).transpose()?;
    if request.title.as_deref().is_some_and(crate::yaml::is_blank) {
        return Err(Error::usage(text!("new-title-blank")));
    }
    let config = Config::load(root, &Overrides::default())?;
    let wanted = target::parse(&request.path)?;
    let content = crate::content::load(&config)?;
    let home = target::section(&content, &wanted)?;
    let type_name = request.type_name.as_ref().or(home.page_type.as_ref());
    let fields: &[(String, Field)] = match type_name {
        Some(name) => &lookup(&config.schema, name)?.fields,
        None => &[],
    };
    let rel = target::free_file(
        &config.content_dir(),
        &content,
        &home,
        &wanted,
        request.bundle,
    )?;
    let title = match &request.title {
        Some(title) => title.trim().to_string(),
        None => title_from_name(&wanted.name),
    };
    let written = page::render(&page::Plan {
        title: &title,
        date: date.or_else(|| home.by_date.then(today).flatten()),
        // Written only where it changes what the section would give.
        type_name: request
            .type_name
            .as_deref()
            .filter(|t| home.page_type.as_deref() != Some(*t)),
        fields,
        taxonomies: &config
            .taxonomy_settings
            .iter()
            .map(|t| (t.name.clone(), t.title.clone(), t.terms.clone()))
            .collect::<Vec<_>>(),
        lang,
    });
    write(&config.content_dir(), &rel, request.bundle, &written.text)?;
    Ok(Created {
        file: format!("content/{rel}"),
        to_fill: written.to_fill,
    })
}

/// What to tell the editor after `created` was written into the site at `root`.
pub fn done(root: &Path, created: &Created) -> Text {
    // `--root` defaults to `.`: then paths and the next command are shown as typed.
    let here = root == Path::new(".");
    let file = if here {
        created.file.clone()
    } else {
        root.join(&created.file).display().to_string()
    };
    let next = if here {
        "lernort serve".to_string()
    } else {
        let shown = root.display().to_string();
        let quoted = if shown.contains(char::is_whitespace) {
            format!("\"{shown}\"")
        } else {
            shown
        };
        format!("lernort --root {quoted} serve")
    };
    if created.to_fill.is_empty() {
        return text!("new-created-plain", file = file, next = next);
    }
    let fields: Vec<String> = created.to_fill.iter().map(|f| format!("`{f}`")).collect();
    text!(
        "new-created",
        file = file,
        count = created.to_fill.len(),
        fields = fields.join(", "),
        next = next
    )
}

/// `anna-beispiel` → `Anna Beispiel`: `-` and `_` become spaces, and every word starts
/// with a capital letter (names are the common case; editors correct the rest).
pub fn title_from_name(name: &str) -> String {
    name.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Today in the local time zone (UTC where the system names none); `None` only for a
/// clock set outside the years jiff knows, where no date beats a wrong one.
fn today() -> Option<jiff::civil::Date> {
    jiff::ZonedDateTime::try_from(std::time::SystemTime::now())
        .ok()
        .map(|now| now.date())
}

/// `--date`: a day written `YYYY-MM-DD`, as front matter dates are.
fn parse_date(written: &str) -> Result<jiff::civil::Date> {
    let trimmed = written.trim();
    match trimmed.parse::<jiff::civil::Date>() {
        Ok(date) if trimmed.len() == 10 => Ok(date),
        _ => Err(Error::usage(text!("new-bad-date", value = written))),
    }
}

/// The type called `name`, or a usage error naming the declared ones.
fn lookup<'a>(schema: &'a Schema, name: &str) -> Result<&'a crate::schema::Type> {
    if let Some(found) = schema.get(name) {
        return Ok(found);
    }
    let names = schema.names();
    let listed = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let more = match crate::yaml::closest(name, &names) {
        _ if names.is_empty() => text!("new-type-none"),
        Some(best) => text!("new-type-closest", best = best, types = listed),
        None => text!("new-type-list", types = listed),
    };
    Err(Error::usage(text!(
        "new-type-unknown",
        name = name,
        more = more
    )))
}

/// Writes `text` to `content/<rel>`, creating the page folder of a bundle; never over
/// an existing file, even one that appeared since the checks.
fn write(content_dir: &Path, rel: &str, bundle: bool, text: &str) -> Result<()> {
    let path = content_dir.join(rel);
    if bundle && let Some(folder) = path.parent() {
        match std::fs::create_dir(folder) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                return Err(Error::io(text!("new-io-create-folder"), folder, e));
            }
            _ => {}
        }
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let file = format!("content/{rel}");
            return Err(Error::usage(text!("new-exists", file = file)));
        }
        Err(e) => return Err(Error::io(text!("new-io-write"), &path, e)),
    };
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(text!("new-io-write"), &path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_names() {
        assert_eq!(title_from_name("anna-beispiel"), "Anna Beispiel");
        assert_eq!(title_from_name("sommerfest_2027"), "Sommerfest 2027");
        assert_eq!(title_from_name("über--uns-"), "Über Uns");
        assert_eq!(title_from_name("Anna"), "Anna");
    }

    #[test]
    fn dates_are_days_written_in_full() {
        assert!(parse_date("2027-06-01").is_ok());
        for bad in ["2027-6-1", "01.06.2027", "2027-02-30", "heute", ""] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
