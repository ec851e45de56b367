//! Loading `content/` with and without the cache: the cache must always give what a
//! fresh walk gives.

use super::*;
use crate::config::Overrides;

/// A site folder with `site.yaml` and the given content files.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.yaml"),
        "title: T\nbase_url: https://x.example\n",
    )
    .unwrap();
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    let config = Config::load(dir.path(), &Overrides::default()).unwrap();
    (dir, config)
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join("content").join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A load into `cache`: the edited pages when that is all it found, and all content.
fn load_into(config: &Config, cache: &mut ContentCache) -> (Option<Vec<String>>, Content) {
    match load_changes(config, cache).unwrap() {
        Changes::Edited(docs) => {
            let rels = docs.iter().map(|d| d.rel.clone()).collect();
            (Some(rels), cache.content())
        }
        Changes::Full(content) => (None, content),
    }
}

fn rels(content: &Content) -> Vec<&str> {
    let mut all: Vec<&str> = content.pages.iter().map(|d| d.rel.as_str()).collect();
    all.extend(content.sections.iter().map(|d| d.rel.as_str()));
    all.extend(content.files.iter().map(|(r, _)| r.as_str()));
    all.sort_by(|a, b| walk::walk_order(a, b));
    all
}

const PAGE: &str = "---\ntitle: P\n---\nText\n";

#[test]
fn walk_order_is_the_order_of_the_walk() {
    let names = [
        "a-b/c.md",
        "a/b.md",
        "a.md",
        "ab.md",
        "a/z/y.md",
        "a/c.md",
        "_index.md",
    ];
    let (dir, config) = site(&names.map(|n| (n, PAGE)));
    let walk = walk::walk(&config.content_dir(), dir.path());
    assert!(walk.problems.is_empty());
    let walked: Vec<&str> = walk.files.iter().map(|f| f.rel.as_str()).collect();
    let mut sorted = walked.clone();
    sorted.sort_by(|a, b| walk::walk_order(a, b));
    assert_eq!(walked, sorted);
    assert_eq!(walked[..3], ["_index.md", "a/b.md", "a/c.md"]);
}

#[test]
fn files_read_while_the_walk_goes_on_come_in_walk_order() {
    let mut files: Vec<(String, &str)> = (0..150)
        .map(|i| (format!("teil-{}/seite-{i}.md", i % 7), PAGE))
        .collect();
    files.push(("teil-3/bild.png".into(), "png"));
    files.push(("teil-5/kaputt.md".into(), "---\ntitle: [\n---\n"));
    let files: Vec<(&str, &str)> = files.iter().map(|(r, t)| (r.as_str(), *t)).collect();
    let (dir, config) = site(&files);
    let content_dir = config.content_dir();
    let whole = walk::walk(&content_dir, dir.path());
    for batch in [1, 2, 64, 1000] {
        let mut handed = Vec::new();
        let rest = walk::walk_in_batches(&content_dir, dir.path(), batch, |b| {
            assert!(!b.is_empty() && b.len() <= batch);
            handed.extend(b);
        });
        assert!(rest.files.is_empty());
        let rels = |f: &[SourceFile]| f.iter().map(|f| f.rel.clone()).collect::<Vec<_>>();
        assert_eq!(rels(&handed), rels(&whole.files), "batches of {batch}");
    }
    let (entries, _) = walk_and_parse(&content_dir, dir.path(), &[]);
    let parsed: Vec<&str> = entries.iter().map(|e| e.file.rel.as_str()).collect();
    let walked: Vec<&str> = whole.files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(parsed, walked);
    for e in &entries {
        let expected = match e.file.rel.as_str() {
            "teil-3/bild.png" => "not read",
            "teil-5/kaputt.md" => "failed",
            _ => "parsed",
        };
        let got = match &e.parsed {
            None => "not read",
            Some(Err(_)) => "failed",
            Some(Ok(_)) => "parsed",
        };
        assert_eq!(got, expected, "{}", e.file.rel);
    }
}

#[test]
fn reported_edits_are_read_again_without_a_walk() {
    let (dir, config) = site(&[("_index.md", PAGE), ("a/x.md", PAGE), ("a/y.md", PAGE)]);
    let mut cache = ContentCache::default();
    let (edited, first) = load_into(&config, &mut cache);
    assert_eq!(edited, None, "a first load knows no earlier state");

    write(dir.path(), "a/x.md", "---\ntitle: Neu\n---\nText\n");
    cache.note_changed(["a/x.md"]);
    let (edited, second) = load_into(&config, &mut cache);
    assert_eq!(edited, Some(vec!["a/x.md".to_string()]));
    let x = second.pages.iter().find(|d| d.rel == "a/x.md").unwrap();
    assert_eq!(x.front_matter.title, "Neu");
    let y = |c: &Content| Arc::clone(c.pages.iter().find(|d| d.rel == "a/y.md").unwrap());
    assert!(
        Arc::ptr_eq(&y(&first), &y(&second)),
        "an unreported file is not read again"
    );

    // A file the watcher did not report is not seen until a walk.
    write(dir.path(), "a/unreported.md", PAGE);
    let (edited, third) = load_into(&config, &mut cache);
    assert_eq!(edited, Some(vec![]));
    assert!(!rels(&third).contains(&"a/unreported.md"));
    cache.note_unknown();
    let (edited, fourth) = load_into(&config, &mut cache);
    assert_eq!(edited, None);
    assert!(rels(&fourth).contains(&"a/unreported.md"));
}

#[test]
fn a_removed_path_matters_only_if_the_last_load_had_it() {
    let (_dir, config) = site(&[("_index.md", PAGE), ("a/x.md", PAGE), ("a-b.md", PAGE)]);
    let mut cache = ContentCache::default();
    assert!(
        cache.knew("tmp123"),
        "before any load nothing can be ruled out"
    );
    load_cached(&config, Some(&mut cache)).unwrap();
    for known in ["a/x.md", "a", "a-b.md", "_index.md"] {
        assert!(cache.knew(known), "{known}");
    }
    for unknown in ["sedx4bxGU", "a/y.md", "a/x", "b", "a-"] {
        assert!(!cache.knew(unknown), "{unknown}");
    }
    cache.note_unknown();
    assert!(
        cache.knew("sedx4bxGU"),
        "after lost events nothing can be ruled out"
    );
}

#[test]
fn added_and_removed_files_and_folders_keep_the_walk_order() {
    let (dir, config) = site(&[("_index.md", PAGE), ("a/x.md", PAGE), ("b/y.md", PAGE)]);
    let mut cache = ContentCache::default();
    load_cached(&config, Some(&mut cache)).unwrap();

    write(dir.path(), "a-b.md", PAGE);
    write(dir.path(), "a/w.pdf", "pdf");
    std::fs::remove_dir_all(dir.path().join("content/b")).unwrap();
    cache.note_changed(["a-b.md", "a/w.pdf", "b"]);
    let (edited, patched) = load_into(&config, &mut cache);
    assert_eq!(edited, None, "files came and went");
    assert_eq!(rels(&patched), ["_index.md", "a/w.pdf", "a/x.md", "a-b.md"]);

    let walked = load(&config).unwrap();
    assert_eq!(rels(&patched), rels(&walked));
    let order = |c: &Content| c.pages.iter().map(|d| d.rel.clone()).collect::<Vec<_>>();
    assert_eq!(order(&patched), order(&walked), "documents in walk order");
}

#[test]
fn a_reported_file_is_read_again_even_when_a_walk_is_needed_and_its_stamp_is_the_same() {
    let (dir, config) = site(&[("_index.md", PAGE), ("a.md", "---\ntitle: Alt\n---\n")]);
    let path = dir.path().join("content/a.md");
    let mut cache = ContentCache::default();
    load_cached(&config, Some(&mut cache)).unwrap();
    // Same length, same modification time (as `cp -p` or unzip leave it).
    let time = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, "---\ntitle: Neu\n---\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(time)
        .unwrap();
    cache.note_changed(["a.md"]);
    cache.note_unknown();
    let content = load_cached(&config, Some(&mut cache)).unwrap();
    let a = content.pages.iter().find(|d| d.rel == "a.md").unwrap();
    assert_eq!(a.front_matter.title, "Neu");
}

#[test]
#[cfg(unix)]
fn a_walk_that_followed_a_link_is_repeated_so_the_target_s_changes_are_seen() {
    let (dir, config) = site(&[("_index.md", PAGE)]);
    let target = dir.path().join("data/geteilt.md");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, "---\ntitle: Alt\n---\n").unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("content/geteilt.md")).unwrap();
    let mut cache = ContentCache::default();
    load_cached(&config, Some(&mut cache)).unwrap();
    // The watcher reports `data/geteilt.md`, which is not under `content/`.
    std::fs::write(&target, "---\ntitle: Neu und länger\n---\n").unwrap();
    cache.note_changed([]);
    let content = load_cached(&config, Some(&mut cache)).unwrap();
    assert_eq!(content.pages[0].front_matter.title, "Neu und länger");
}

#[test]
fn a_file_in_place_of_a_folder_drops_the_folder_s_files() {
    let (dir, config) = site(&[("_index.md", PAGE), ("neu/seite.md", PAGE)]);
    let mut cache = ContentCache::default();
    load_cached(&config, Some(&mut cache)).unwrap();
    std::fs::remove_dir_all(dir.path().join("content/neu")).unwrap();
    std::fs::write(dir.path().join("content/neu"), "x").unwrap();
    cache.note_changed(["neu"]);
    let content = load_cached(&config, Some(&mut cache)).unwrap();
    assert_eq!(rels(&content), ["_index.md", "neu"]);
}

#[test]
fn a_new_folder_or_a_hidden_file_is_handled_like_the_walk() {
    let (dir, config) = site(&[("_index.md", PAGE)]);
    let mut cache = ContentCache::default();
    load_cached(&config, Some(&mut cache)).unwrap();

    // A folder is reported, not the files written into it before it was watched.
    write(dir.path(), "neu/seite.md", PAGE);
    write(dir.path(), ".versteckt.md", PAGE);
    cache.note_changed(["neu", ".versteckt.md"]);
    let (edited, content) = load_into(&config, &mut cache);
    assert_eq!(edited, None, "a folder makes the load walk");
    assert_eq!(rels(&content), ["_index.md", "neu/seite.md"]);
}

#[test]
fn a_build_keeps_only_front_matter_and_reads_the_body_again() {
    let text = "---\ntitle: P\n---\nDer Text.\n";
    let (dir, config) = site(&[("a.md", text)]);
    let content = load(&config).unwrap();
    let doc = &content.pages[0];
    assert_eq!(doc.text, "---\ntitle: P\n---\n");
    assert_eq!(doc.body_len, "Der Text.\n".len());
    let content_dir = config.content_dir();
    let full = |doc: &Document<PageFrontMatter>| doc.with_full_text(&content_dir, str::to_string);
    assert_eq!(full(doc).unwrap(), text);
    // A file saved again between the two readings would pair old front matter with a
    // new body: that is an error, not a mixed page.
    write(
        dir.path(),
        "a.md",
        "---\ntitle: P\n---\nEin anderer Text.\n",
    );
    let problem = full(doc).unwrap_err();
    assert_eq!(problem.path, Path::new("content/a.md"));
    let shown = problem.message.to_string();
    assert!(
        shown.contains("changed") || shown.contains("geändert"),
        "{shown}"
    );
    // The preview tries again, reading the file anew, also when something else is wrong
    // too (the next try reports that without the passing problem).
    let failure = crate::error::Error::Content(vec![problem.clone()]);
    assert_eq!(changed_while_read(&failure), Some(vec!["a.md".to_string()]));
    let other = Diagnostic::new("content/b.md", crate::text!("content-not-utf8"));
    let mixed = crate::error::Error::Content(vec![other.clone(), problem.clone()]);
    assert_eq!(changed_while_read(&mixed), Some(vec!["a.md".to_string()]));
    let only_other = crate::error::Error::Content(vec![other]);
    assert_eq!(changed_while_read(&only_other), None);
    let mut nested = problem;
    nested.path = Path::new("content").join("docs").join("tief").join("b.md");
    let nested = crate::error::Error::Content(vec![nested]);
    assert_eq!(
        changed_while_read(&nested),
        Some(vec!["docs/tief/b.md".to_string()])
    );
    // Gone meanwhile: the reading error.
    std::fs::remove_file(content_dir.join("a.md")).unwrap();
    let gone = full(doc).unwrap_err();
    assert_eq!(
        changed_while_read(&crate::error::Error::Content(vec![gone])),
        None
    );
}

#[test]
fn a_cached_load_keeps_only_front_matter_too() {
    let (_dir, config) = site(&[("a.md", PAGE)]);
    let mut cache = ContentCache::default();
    let content = load_cached(&config, Some(&mut cache)).unwrap();
    let doc = &content.pages[0];
    assert_eq!(doc.text, &PAGE[..doc.body_start]);
    let full = doc.with_full_text(&config.content_dir(), str::to_string);
    assert_eq!(full.unwrap(), PAGE);
}

#[test]
fn a_load_says_edited_only_while_every_file_parses_and_only_pages_changed() {
    let (dir, config) = site(&[("_index.md", PAGE), ("a.md", PAGE), ("b.md", PAGE)]);
    let mut cache = ContentCache::default();
    load_into(&config, &mut cache);
    let mut save = |rel: &str, text: &str| {
        write(dir.path(), rel, text);
        cache.note_changed([rel]);
        load_into(&config, &mut cache)
    };

    // A front matter that does not parse: everything, with the problem.
    let (edited, content) = save("a.md", "---\ntitle: [offen\n---\n");
    assert_eq!(edited, None, "a failed edit is not an edit in place");
    assert_eq!(content.failed, ["a.md"]);
    // Another page edited while a.md still fails: still everything, with a.md's problem.
    let (edited, content) = save("b.md", "---\ntitle: B\n---\nNeu\n");
    assert_eq!(edited, None, "the load before had a problem");
    assert_eq!(content.failed, ["a.md"]);
    // Repaired: everything once more (the load before was not clean), then edits again.
    let (edited, content) = save("a.md", "---\ntitle: A\n---\n");
    assert_eq!((edited, content.is_clean()), (None, true));
    let (edited, _) = save("b.md", "---\ntitle: B\n---\nNeuer\n");
    assert_eq!(edited, Some(vec!["b.md".to_string()]));
    // A section's index is not a page: everything.
    let (edited, content) = save("_index.md", "---\ntitle: Start\n---\nNeu\n");
    assert_eq!((edited, content.sections.len()), (None, 1));
}
