//! Where a new page goes: the `SECTION/NAME` an editor typed, checked against the
//! sections the build would see, and a file name that takes nothing from another page.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use crate::content::front_matter::SortBy;
use crate::content::slug::slugify;
use crate::content::{Content, display_path, join, parent, section_index};
use crate::error::{Error, Result};
use crate::text;

/// The typed path, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    /// The section folder inside `content/`, `""` for the top.
    pub dir: String,
    /// The page's name: its file name without `.md`, or its folder's name.
    pub name: String,
}

/// The section the page goes into, as far as the new page needs it.
#[derive(Debug)]
pub struct Home {
    /// The content type its pages have (its own `page_type` or an ancestor's).
    pub page_type: Option<String>,
    /// Whether it sorts its pages by date.
    pub by_date: bool,
    /// Every section folder and every page folder, as the build sees them.
    sections: BTreeSet<String>,
    bundles: HashSet<String>,
}

/// Reads `SECTION/NAME`. `\` counts as `/`; a leading `content/` and a trailing `.md`,
/// as a shell completes them, are left out; `.` parts are ignored, `..` refused.
pub fn parse(path: &str) -> Result<Wanted> {
    let slashed = path.trim().replace('\\', "/");
    let slashed = slashed.strip_suffix(".md").unwrap_or(&slashed);
    let mut parts: Vec<&str> = slashed
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.contains(&"..") {
        return Err(Error::usage(text!("new-outside", path = path)));
    }
    if parts.len() > 1 && parts[0] == "content" {
        parts.remove(0);
    }
    let Some(name) = parts.pop() else {
        return Err(Error::usage(text!("new-no-name")));
    };
    if name == "_index" || name == "index" {
        return Err(Error::usage(text!("new-reserved", name = name)));
    }
    if crate::ignored::is_ignored(name) || crate::ignored::is_ignored(&format!("{name}.md")) {
        return Err(Error::usage(text!("new-ignored", name = name)));
    }
    if slugify(name).is_empty() {
        return Err(Error::usage(text!("new-no-slug", name = name)));
    }
    Ok(Wanted {
        dir: parts.join("/"),
        name: name.to_string(),
    })
}

/// The section `wanted.dir`, which must be one the build sees; its type and order come
/// from its `_index.md` and its ancestors', which must have been readable.
pub fn section(content: &Content, wanted: &Wanted) -> Result<Home> {
    let (sections, bundles) = crate::model::sections_and_bundles(content);
    let dir = wanted.dir.as_str();
    if !sections.contains(dir) {
        return Err(no_section(wanted, &sections, &bundles));
    }
    let mut page_type = None;
    let mut by_date = false;
    let mut at = Some(dir);
    while let Some(d) = at {
        let index = section_index(d);
        if content.failed.contains(&index) {
            // Which type the page has depends on this file: its problems come first.
            let shown = display_path(&index);
            let problems: Vec<_> = content
                .problems
                .iter()
                .filter(|p| p.path == shown)
                .cloned()
                .collect();
            return Err(Error::content(problems));
        }
        if let Some(doc) = content.sections.iter().find(|s| s.rel == index) {
            let fm = &doc.front_matter;
            page_type = page_type.or_else(|| fm.page_type.clone());
            by_date |= d == dir && fm.sort_by == SortBy::Date;
        }
        at = (!d.is_empty()).then(|| parent(d));
    }
    Ok(Home {
        page_type,
        by_date,
        sections,
        bundles,
    })
}

/// The usage error for a folder that is no section, with what there is instead.
fn no_section(wanted: &Wanted, sections: &BTreeSet<String>, bundles: &HashSet<String>) -> Error {
    let dir = wanted.dir.as_str();
    let names: Vec<String> = sections.iter().filter(|s| !s.is_empty()).cloned().collect();
    let listed = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let more = if bundles.contains(dir) {
        text!("new-no-section-bundle", dir = dir)
    } else if let Some(best) = crate::yaml::closest(dir, &names) {
        text!("new-no-section-closest", best = best, sections = listed)
    } else if names.is_empty() {
        text!(
            "new-no-section-none",
            dir = dir,
            name = wanted.name.as_str()
        )
    } else {
        text!("new-no-section-list", sections = listed, dir = dir)
    };
    Error::usage(text!("new-no-section", dir = dir, more = more))
}

/// The new file's path inside `content/`: it must not exist, and no page or section of
/// the same section may have the address it would get.
pub fn free_file(
    content_dir: &Path,
    content: &Content,
    home: &Home,
    wanted: &Wanted,
    bundle: bool,
) -> Result<String> {
    let (dir, name) = (wanted.dir.as_str(), wanted.name.as_str());
    let rel = if bundle {
        join(dir, &format!("{name}/index.md"))
    } else {
        join(dir, &format!("{name}.md"))
    };
    // `symlink_metadata`: a dangling link is a file too, and writing would follow it.
    if std::fs::symlink_metadata(content_dir.join(&rel)).is_ok() {
        return Err(Error::usage(text!(
            "new-exists",
            file = format!("content/{rel}")
        )));
    }
    let slug = slugify(name);
    let pages = content.pages.iter().filter(|p| {
        let is_bundle = home.bundles.contains(p.dir());
        let stem = if is_bundle {
            p.dir().rsplit('/').next().unwrap_or_default()
        } else {
            p.rel
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".md")
        };
        crate::model::page_section_dir(p, &home.bundles) == dir
            && slugify(p.front_matter.slug.as_deref().unwrap_or(stem)) == slug
    });
    if let Some(page) = pages.into_iter().next() {
        let file = page.display.display().to_string().replace('\\', "/");
        return Err(Error::usage(text!("new-taken", file = file)));
    }
    let subsection = home.sections.iter().find(|s| {
        !s.is_empty() && parent(s) == dir && slugify(s.rsplit('/').next().unwrap_or(s)) == slug
    });
    if let Some(s) = subsection {
        return Err(Error::usage(text!(
            "new-taken",
            file = format!("content/{s}/")
        )));
    }
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(dir: &str, name: &str) -> Wanted {
        Wanted {
            dir: dir.into(),
            name: name.into(),
        }
    }

    #[test]
    fn paths_as_editors_type_them() {
        let w = |p: &str| parse(p).ok();
        assert_eq!(w("team/anna"), Some(wanted("team", "anna")));
        assert_eq!(w("content/team/anna.md"), Some(wanted("team", "anna")));
        assert_eq!(w("./team//anna/"), Some(wanted("team", "anna")));
        assert_eq!(w("team\\extern\\gast"), Some(wanted("team/extern", "gast")));
        assert_eq!(w("kontakt"), Some(wanted("", "kontakt")));
        assert_eq!(w("content"), Some(wanted("", "content")));
        for bad in [
            "",
            "/",
            "../x",
            "team/../x",
            "team/_index",
            "team/index",
            "team/!!",
            "team/.x",
            "team/x~",
        ] {
            assert_eq!(w(bad), None, "{bad}");
        }
    }
}
