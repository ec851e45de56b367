//! One rebuild of the preview: the normal pipeline into memory, with the caches of the
//! last good build, at the moment the site is shown at, and what it changed.

use std::path::Path;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Served, Session, State, Update, clock, memory, without};
use crate::config::{Config, Overrides};
use crate::error::Result;

/// Renders the site in `root` with the normal pipeline into memory. Pages whose inputs
/// did not change since the last good build are not rendered again and not part of
/// the update: the preview still serves them.
/// With `early`, the pages open in its browsers are served as soon as they are
/// rendered (see [`State::serve_early`]).
pub fn render(
    root: &Path,
    overrides: &Overrides,
    session: &mut Session,
    early: Option<&State>,
) -> Result<Update> {
    let pinned = overrides.now.is_some() || crate::schedule::pinned_by_environment();
    if pinned {
        let (rendered, written) = render_once(root, overrides, session, early)?;
        return Ok(hand_over(rendered, written, session));
    }
    let real = jiff::Timestamp::now();
    let moment = session.clock.moment(real);
    let mut result = render_once(root, &clock::at(overrides, moment), session, early);
    let mut shown_at = moment;
    let next = result.as_ref().ok().map(|(r, _)| r.site.next_change);
    if clock::outdated(moment, real, next) {
        // The moment kept since the last build is not as good as now: build at now.
        // What the first try removed stays removed unless this one wrote it again.
        let removed = result.map_or_else(|_| Vec::new(), |(r, _)| r.render.removed);
        result =
            render_once(root, &clock::at(overrides, real), session, early).map(|(mut r, w)| {
                let again = removed.into_iter().filter(|path| !w.contains_key(path));
                r.render.removed.extend(again);
                (r, w)
            });
        shown_at = real;
    }
    let (rendered, written) = result?;
    session.clock.built(shown_at, rendered.site.next_change);
    Ok(hand_over(rendered, written, session))
}

/// How often a rebuild is tried at once when files were saved while it read them (each
/// body is read again when it is rendered).
const TRIES: usize = 3;

/// One run of the pipeline into memory: the site and the files it rendered. A run that
/// failed (also) because files were saved while it read them is repeated with those files
/// read anew (their save's own rebuild follows and finds nothing more to do); only a
/// file that keeps changing gets its message shown.
fn render_once(
    root: &Path,
    overrides: &Overrides,
    session: &mut Session,
    early: Option<&State>,
) -> Result<(crate::build::Rendered, FxHashMap<String, Served>)> {
    let mut tries = 1;
    loop {
        let config = Config::load(root, overrides)?;
        let early = early
            .map(|state| (state, state.events.open_pages()))
            .filter(|(_, open)| !open.is_empty());
        let memory = memory::Memory::new(early);
        session.without.forget(&mut session.caches);
        match crate::build::render_into(config, &memory, Some(&mut session.caches)) {
            Ok(rendered) => return Ok((rendered, memory.into_files())),
            Err(e) => match crate::content::changed_while_read(&e) {
                Some(paths) if tries < TRIES => {
                    session
                        .caches
                        .content
                        .note_changed(paths.iter().map(String::as_str));
                    tries += 1;
                }
                _ => return Err(e),
            },
        }
    }
}

/// The update for a good build: what it rendered, and the copied files that are new,
/// come from another file or went away. Keeps the site for the next rebuild.
fn hand_over(
    rendered: crate::build::Rendered,
    mut written: FxHashMap<String, Served>,
    session: &mut Session,
) -> Update {
    let caches = &mut session.caches;
    let mut removed = rendered.render.removed;
    if session.without.memo {
        removed.extend(without::gone(&mut session.rendered, &written));
    }
    // Only copies that are new or come from another file now are handed over.
    let copies = &rendered.copies;
    let content_dir = rendered.site.config.content_dir();
    for copy in copies {
        if session.copied.get(&copy.to) != Some(&copy.from) {
            session.copied.insert(copy.to.clone(), copy.from.clone());
            let served = if copy.from.starts_with(&content_dir) {
                Served::File(copy.from.clone())
            } else {
                Served::Asset(copy.from.clone())
            };
            written.insert(copy.to.clone(), served);
        }
    }
    if session.copied.len() > copies.len() {
        // Some went away (rare: the set of current paths is built only then).
        let now: FxHashSet<&str> = copies.iter().map(|c| c.to.as_str()).collect();
        session.copied.retain(|to, _| {
            let keep = now.contains(to.as_str());
            if !keep {
                removed.push(to.clone());
            }
            keep
        });
    }
    // Rendered without errors: the next rebuild may update this site in place.
    caches.model.last = Some(rendered.site);
    session.without.forget(caches);
    Update {
        written,
        removed,
        rendered: rendered.render.rendered,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::render;
    use crate::config::Overrides;
    use crate::render::FileBytes;
    use crate::render::file_bytes::Piece;
    use crate::serve::{Served, Session};

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

    /// Overrides that build at a fixed moment, so that each rebuild runs the pipeline
    /// once (without them, a rebuild may try a second time at the real moment).
    fn fixed_moment() -> Overrides {
        Overrides {
            now: Some("2026-01-01".into()),
            ..Overrides::default()
        }
    }

    /// A small site: a start page, templates, and the given content files.
    fn site(root: &Path, pages: &[(&str, &str)]) {
        site_with(root, "", pages);
    }

    /// [`site`] with more lines in `site.yaml`.
    fn site_with(root: &Path, config: &str, pages: &[(&str, &str)]) {
        let config = format!("title: T\nbase_url: https://example.org\nlanguage: de\n{config}");
        write(root, "site.yaml", &config);
        write(root, "content/_index.md", "---\ntitle: Start\n---\n");
        write(root, "templates/index.html", "<h1>{{ section.title }}</h1>");
        write(
            root,
            "templates/section.html",
            "<h1>{{ section.title }}</h1>",
        );
        let page = "<main>{{ page.content | safe }}</main>";
        write(root, "templates/page.html", page);
        for (rel, text) in pages {
            write(root, &format!("content/{rel}"), text);
        }
    }

    fn page(update: &crate::serve::Update, path: &str) -> String {
        match update.written.get(path) {
            Some(Served::Bytes(b)) => String::from_utf8_lossy(&b.contiguous()).into_owned(),
            other => panic!("{path}: {other:?}"),
        }
    }

    #[test]
    fn a_file_saved_while_the_rebuild_reads_it_is_read_again_instead_of_failing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let b = "---\ntitle: B\n---\n[zu A](@/a.md)\n";
        site(root, &[("a.md", "---\ntitle: A\n---\nA\n"), ("b.md", b)]);
        let mut session = Session::default();
        render(root, &Overrides::default(), &mut session, None).expect("first");

        // `b.md` is saved after the rebuild has taken the watcher's report (which names
        // only `a.md`): its body must be rendered again for the link to A's new address,
        // and what is read then is not the file whose front matter the cache holds.
        write(root, "content/a.md", "---\ntitle: A\nslug: neu\n---\nA\n");
        write(
            root,
            "content/b.md",
            "---\ntitle: B\n---\n[zu A](@/a.md), neu\n",
        );
        session.caches.content.note_changed(["a.md"]);
        let update = render(root, &Overrides::default(), &mut session, None).expect("second");
        let b = page(&update, "b/index.html");
        assert!(b.contains("href=\"/neu/\"") && b.contains("neu</p>"), "{b}");
    }

    #[test]
    fn a_page_shares_its_html_with_its_value_in_every_version_of_its_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let long = "Ein langer Absatz mit vielen Wörtern. ".repeat(60);
        site(root, &[("a.md", &format!("---\ntitle: A\n---\n{long}\n"))]);
        let mut session = Session::default();
        let first = render(root, &Overrides::default(), &mut session, None).expect("first");
        let html = format!("<p>{}</p>\n", long.trim_end());
        assert_eq!(page(&first, "a/index.html"), format!("<main>{html}</main>"));
        let shared = shared_html(&first);

        // A template edit renders the page again: the new file shares the same HTML.
        write(
            root,
            "templates/page.html",
            "<main class=\"neu\">{{ page.content | safe }}</main>",
        );
        session.caches.content.note_unknown();
        let second = render(root, &Overrides::default(), &mut session, None).expect("second");
        let expected = format!("<main class=\"neu\">{html}</main>");
        assert_eq!(page(&second, "a/index.html"), expected);
        assert_eq!(shared_html(&second), shared);
    }

    #[test]
    fn a_file_added_where_a_page_is_written_fails_the_rebuild_as_a_clean_build_does() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        site(root, &[("a.md", "---\ntitle: A\n---\nA\n")]);
        let at = fixed_moment();
        let layout = |s: &Session| s.caches.model.last.as_ref().map(|site| site.layout);
        let mut session = Session::default();
        render(root, &at, &mut session, None).expect("first");
        let first = layout(&session);
        assert!(first.is_some() && session.caches.no_overlaps == first);
        // A page edit keeps the layout: the copies were checked already.
        write(root, "content/a.md", "---\ntitle: A\n---\nA, neu\n");
        session.caches.content.note_changed(["a.md"]);
        render(root, &at, &mut session, None).expect("edit");
        assert_eq!(layout(&session), first, "an edit in place keeps the layout");

        // A new file is a new layout: checked again, it would overwrite the page.
        write(root, "content/a/index.html", "<p>von Hand</p>");
        session.caches.content.note_changed(["a/index.html"]);
        let Err(e) = render(root, &at, &mut session, None) else {
            panic!("a file over a page's output passed");
        };
        let message = e.render(crate::error::Style::plain(crate::messages::Lang::En));
        assert!(
            message.contains("content/a/index.html")
                && message.contains("would overwrite the generated `a/index.html`"),
            "{message}"
        );
    }

    #[test]
    fn a_template_that_starts_reading_the_table_of_contents_gets_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        site(
            root,
            &[("a.md", "---\ntitle: A\n---\n## Erstens\n\nText\n")],
        );
        let at = fixed_moment();
        let mut session = Session::default();
        render(root, &at, &mut session, None).expect("first");

        // No template named `toc`, so the page values were made without one; now one
        // does, and the page (whose text did not change) must be made with it.
        let page_html = "{% for h in page.toc %}[{{ h.title }}]{% endfor %}";
        write(root, "templates/page.html", page_html);
        session.caches.content.note_changed([]);
        let update = render(root, &at, &mut session, None).expect("edit");
        assert_eq!(page(&update, "a/index.html"), "[Erstens]");
    }

    #[test]
    fn a_template_that_starts_showing_the_word_count_gets_every_page_counted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        site(
            root,
            &[
                ("a.md", "---\ntitle: A\n---\nEins zwei drei\n"),
                ("b.md", "---\ntitle: B\n---\nVier\n"),
            ],
        );
        let at = fixed_moment();
        let mut session = Session::default();
        render(root, &at, &mut session, None).expect("first");

        // No template named the count, so no words were counted; now one does, with no
        // text changed, and then one page's text changes (the in-place update).
        write(
            root,
            "templates/page.html",
            "{{ page.word_count }}/{{ page.reading_time }}",
        );
        session.caches.content.note_changed([]);
        let update = render(root, &at, &mut session, None).expect("template edit");
        assert_eq!(page(&update, "a/index.html"), "3/1");
        assert_eq!(page(&update, "b/index.html"), "1/1");
        write(
            root,
            "content/a.md",
            "---\ntitle: A\n---\nEins zwei drei vier\n",
        );
        session.caches.content.note_changed(["a.md"]);
        let update = render(root, &at, &mut session, None).expect("text edit");
        assert_eq!(page(&update, "a/index.html"), "4/1");
    }

    /// Forty pages in `p/q/`, each in one of two terms; the templates print each page's
    /// breadcrumbs and terms, and the section's order.
    fn many_pages(root: &Path) {
        let pages: Vec<(String, String)> = (0..40)
            .map(|n| {
                let tag = if n % 2 == 0 { "Gerade" } else { "Ungerade" };
                let text = format!("---\ntitle: Seite {n:02}\ntags: [{tag}]\n---\nText {n}\n");
                (format!("p/q/s{n:02}.md"), text)
            })
            .collect();
        let pages: Vec<(&str, &str)> = pages
            .iter()
            .map(|(r, t)| (r.as_str(), t.as_str()))
            .collect();
        site_with(root, "taxonomies: [{name: tags}]\n", &pages);
        write(root, "content/p/_index.md", "---\ntitle: P\n---\n");
        write(root, "content/p/q/_index.md", "---\ntitle: Q\n---\n");
        let page = "{% for c in page.breadcrumbs %}{{ c.title }}>{{ c.url }} {% endfor %}\
                    {% for t in page.taxonomies.tags %}[{{ t.name }} {{ t.url }} {{ t.permalink }}]{% endfor %}\
                    {{ page.content | safe }}";
        write(root, "templates/page.html", page);
        let section = "{% for p in section.pages %}{{ p.title }},{% endfor %}";
        write(root, "templates/section.html", section);
        write(root, "templates/taxonomy_list.html", "{{ taxonomy.name }}");
        write(
            root,
            "templates/taxonomy_term.html",
            "{% for p in term.pages %}{{ p.title }},{% endfor %}",
        );
    }

    /// What a clean build of `root` writes to `path`.
    fn clean(root: &Path, path: &str) -> String {
        let mut fresh = Session::default();
        let update = render(root, &Overrides::default(), &mut fresh, None).expect("clean");
        page(&update, path)
    }

    #[test]
    fn pages_made_again_after_a_small_edit_equal_a_clean_build() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        many_pages(root);
        let mut session = Session::default();
        render(root, &Overrides::default(), &mut session, None).expect("first");

        // One page of forty is made again: its value does not share the parts the
        // others were made with (breadcrumbs, terms), and must not differ from them.
        let edited = "---\ntitle: Seite 07\ntags: [Ungerade]\n---\nNeuer Text\n";
        write(root, "content/p/q/s07.md", edited);
        session.caches.content.note_changed(["p/q/s07.md"]);
        let update = render(root, &Overrides::default(), &mut session, None).expect("edit");
        let path = "p/q/s07/index.html";
        let html = page(&update, path);
        assert!(
            html.starts_with("Start>/ P>/p/ Q>/p/q/ [Ungerade /tags/ungerade/"),
            "{html}"
        );
        assert_eq!(html, clean(root, path));

        // A new title moves the page to the end of its section and of its term.
        let renamed = "---\ntitle: Seite 99\ntags: [Ungerade]\n---\nNeuer Text\n";
        write(root, "content/p/q/s07.md", renamed);
        session.caches.content.note_changed(["p/q/s07.md"]);
        let update = render(root, &Overrides::default(), &mut session, None).expect("rename");
        for path in [
            "p/q/index.html",
            "tags/ungerade/index.html",
            "p/q/s07/index.html",
        ] {
            let html = page(&update, path);
            assert_eq!(html, clean(root, path), "{path}");
        }
        assert!(page(&update, "p/q/index.html").ends_with("Seite 39,Seite 99,"));
    }
}
