//! `lernort init [DIR]`: a minimal working site (config, home page, a section with one
//! page, and the plain `einfach` theme) that `lernort build` turns into a site at once.

use std::path::Path;

use crate::error::{Error, Result};
use crate::text;

/// The files of a new site: path relative to the site folder, and content.
const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: Meine Website\ndescription: Eine neue Website, gebaut mit lernort.\nbase_url: https://www.example.org\nlanguage: de\ntheme: einfach\ntaxonomies: [tags]\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: Willkommen\ndescription: Die Startseite der neuen Website.\n---\nDas ist die Startseite. Schreiben Sie hier, worum es auf der Website geht.\n",
    ),
    (
        "content/aktuelles/_index.md",
        "---\ntitle: Aktuelles\ndescription: Neuigkeiten und Termine.\nsort_by: date\n---\n",
    ),
    (
        "content/aktuelles/erste-meldung.md",
        "---\ntitle: Erste Meldung\ndescription: Die erste Meldung der neuen Website.\ndate: 2026-01-01\ntags: [Start]\n---\nDie erste Meldung. Zurück zur [Übersicht](_index.md).\n\n## Mehr dazu\n\nText mit „Anführungszeichen“.\n",
    ),
    (
        "themes/einfach/templates/base.html",
        include_str!("../themes/einfach/templates/base.html"),
    ),
    (
        "themes/einfach/templates/index.html",
        include_str!("../themes/einfach/templates/index.html"),
    ),
    (
        "themes/einfach/templates/section.html",
        include_str!("../themes/einfach/templates/section.html"),
    ),
    (
        "themes/einfach/templates/page.html",
        include_str!("../themes/einfach/templates/page.html"),
    ),
    (
        "themes/einfach/templates/404.html",
        include_str!("../themes/einfach/templates/404.html"),
    ),
    (
        "themes/einfach/templates/taxonomy_list.html",
        include_str!("../themes/einfach/templates/taxonomy_list.html"),
    ),
    (
        "themes/einfach/templates/taxonomy_term.html",
        include_str!("../themes/einfach/templates/taxonomy_term.html"),
    ),
    (
        "themes/einfach/templates/archive.html",
        include_str!("../themes/einfach/templates/archive.html"),
    ),
    (
        "themes/einfach/templates/partials/nav.html",
        include_str!("../themes/einfach/templates/partials/nav.html"),
    ),
    (
        "themes/einfach/templates/partials/breadcrumbs.html",
        include_str!("../themes/einfach/templates/partials/breadcrumbs.html"),
    ),
    (
        "themes/einfach/templates/partials/paginierung.html",
        include_str!("../themes/einfach/templates/partials/paginierung.html"),
    ),
    (
        "themes/einfach/templates/partials/seitenliste.html",
        include_str!("../themes/einfach/templates/partials/seitenliste.html"),
    ),
    (
        "themes/einfach/templates/partials/begriffe.html",
        include_str!("../themes/einfach/templates/partials/begriffe.html"),
    ),
    (
        "themes/einfach/templates/partials/feed.html",
        include_str!("../themes/einfach/templates/partials/feed.html"),
    ),
    (
        "themes/einfach/assets/css/einfach.css",
        include_str!("../themes/einfach/assets/css/einfach.css"),
    ),
    // CI that checks, builds and publishes (the same files as lernort's own site's).
    (SCRIPT, include_str!("../scripts/site-ci.sh")),
    (
        ".github/workflows/site.yml",
        include_str!("../.github/workflows/site.yml"),
    ),
    (".gitlab-ci.yml", include_str!("../.gitlab-ci.yml")),
];

/// The CI script, which must be executable.
const SCRIPT: &str = "scripts/site-ci.sh";

/// Writes a new site into `dir`, which must be empty or not exist.
pub fn create(dir: &Path) -> Result<()> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).map_err(|e| Error::io(text!("cli-init-io-read"), dir, e))?;
        if entries.next().is_some() {
            return Err(Error::usage(if dir == Path::new(".") {
                text!("cli-init-here-not-empty")
            } else {
                text!("cli-init-not-empty", dir = dir.display().to_string())
            }));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(text!("cli-init-io-create-folder"), parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(text!("cli-init-io-write"), &path, e))?;
        #[cfg(unix)]
        if *rel == SCRIPT {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                .map_err(|e| Error::io(text!("cli-init-io-write"), &path, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::FILES;

    #[test]
    fn every_file_of_the_einfach_theme_is_written() {
        let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/einfach");
        for entry in walkdir::WalkDir::new(&theme) {
            let entry = entry.expect("the theme folder is readable");
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&theme).expect("inside the theme");
            let rel = format!(
                "themes/einfach/{}",
                rel.to_string_lossy().replace('\\', "/")
            );
            let text = std::fs::read_to_string(entry.path()).expect("a text file");
            let written = FILES.iter().find(|(path, _)| *path == rel);
            assert_eq!(written.map(|(_, t)| *t), Some(text.as_str()), "{rel}");
        }
    }
}
