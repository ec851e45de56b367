//! Which file names are never inputs: hidden files, and the backup, swap and temporary
//! files editors and tools write next to the real one while saving. One rule for the
//! content, asset and template walks and for the watcher, so that `build` never
//! publishes a file the preview ignores, and the preview never waits for one.

/// Whether a file (or, under `content/`, a folder) called `name` is left out.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with(".kate-swp")
        || name.contains("___jb_")
        // Vim's test file for whether it may write into the folder.
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_and_hidden_files_are_ignored_real_files_are_not() {
        for name in [
            ".lvo.md.swp",
            "lvo.md~",
            "#lvo.md#",
            "4913",
            ".page.html.kate-swp",
            "plan.pdf.bak",
            "lvo.md___jb_tmp___",
            ".htaccess",
            "x.tmp",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["lvo.md", "plan.pdf", "security.txt", "4913.md", "backup.md"] {
            assert!(!is_ignored(name), "{name}");
        }
    }
}
