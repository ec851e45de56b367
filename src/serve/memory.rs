//! The preview's sink: rendered files collected in memory, and the pages open in a
//! browser served as soon as they are ready.

use std::sync::Mutex;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Served, State};
use crate::error::Result;
use crate::render::{Output, Sink};

/// Collects rendered files in memory. With `early`, the pages open in a browser are
/// rendered first and served at once, before the rest of the rebuild.
pub(super) struct Memory<'s> {
    files: Mutex<FxHashMap<String, Served>>,
    /// The preview to serve the open pages in early, and their output paths.
    early: Option<(&'s State, FxHashSet<String>)>,
}

impl Sink for Memory<'_> {
    fn put(&self, output: Output) -> Result<()> {
        if let Ok(mut files) = self.files.lock() {
            files.insert(output.path, Served::Bytes(output.bytes));
        }
        Ok(())
    }

    fn urgent(&self, url: &str) -> bool {
        self.early
            .as_ref()
            .is_some_and(|(_, open)| open.contains(&crate::model::output_path(url)))
    }

    fn urgent_done(&self) {
        let Some((state, open)) = &self.early else {
            return;
        };
        let files = match self.files.lock() {
            Ok(files) => files,
            Err(poisoned) => poisoned.into_inner(),
        };
        let ready = open
            .iter()
            .filter_map(|path| Some((path.clone(), files.get(path)?.clone())));
        let ready: Vec<(String, Served)> = ready.collect();
        drop(files);
        state.serve_early(ready);
    }
}

impl<'s> Memory<'s> {
    /// An empty sink; with `early`, the preview and the output paths of its open pages.
    pub(super) fn new(early: Option<(&'s State, FxHashSet<String>)>) -> Memory<'s> {
        Memory {
            files: Mutex::default(),
            early,
        }
    }

    /// The files collected.
    pub(super) fn into_files(self) -> FxHashMap<String, Served> {
        self.files.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::Overrides;
    use crate::render::FileBytes;
    use crate::render::file_bytes::Piece;
    use crate::serve::{Served, Session, render};

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
        std::fs::write(path, text).expect("write");
    }

    /// The text of the page's one shared piece: the address of the page's HTML.
    fn shared_html(update: &crate::serve::Update) -> *const u8 {
        let Some(Served::Bytes(FileBytes::Pieces(pieces))) = update.written.get("a/index.html")
        else {
            panic!(
                "the page is not in pieces: {:?}",
                update.written.get("a/index.html")
            );
        };
        let shared: Vec<&str> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Shared(v) => v.as_str(),
                Piece::Own(_) => None,
            })
            .collect();
        assert_eq!(shared.len(), 1, "one shared piece");
        assert!(
            shared[0].starts_with("<p>Ein langer Absatz"),
            "{}",
            shared[0]
        );
        shared[0].as_ptr()
    }

    #[test]
    fn a_page_shares_its_html_with_its_value_in_every_version_of_its_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        write(
            root,
            "site.yaml",
            "title: T\nbase_url: https://example.org\nlanguage: de\n",
        );
        let long = "Ein langer Absatz mit vielen Wörtern. ".repeat(60);
        write(root, "content/_index.md", "---\ntitle: Start\n---\n");
        write(
            root,
            "content/a.md",
            &format!("---\ntitle: A\n---\n{long}\n"),
        );
        write(root, "templates/index.html", "<h1>{{ section.title }}</h1>");
        write(
            root,
            "templates/section.html",
            "<h1>{{ section.title }}</h1>",
        );
        let page = "<main>{{ page.content | safe }}</main>";
        write(root, "templates/page.html", page);
        let mut session = Session::default();
        let first = render(root, &Overrides::default(), &mut session, None).expect("first");
        let served = first.written.get("a/index.html").cloned();
        let Some(Served::Bytes(bytes)) = served else {
            panic!("no page: {served:?}");
        };
        let expected = format!("<main><p>{}</p>\n</main>", long.trim_end());
        assert_eq!(bytes.contiguous(), expected.as_bytes());
        let html = shared_html(&first);

        // A template edit renders the page again: the new file shares the same HTML.
        write(
            root,
            "templates/page.html",
            "<main class=\"neu\">{{ page.content | safe }}</main>",
        );
        session.caches.content.note_unknown();
        let second = render(root, &Overrides::default(), &mut session, None).expect("second");
        assert_eq!(shared_html(&second), html);
    }
}
