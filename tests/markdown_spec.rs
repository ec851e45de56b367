//! The CommonMark and GFM spec examples (tests/spec/, see its README) through lernort's
//! Markdown layer, compared with pulldown-cmark's own HTML for the same input and
//! options (smart punctuation off). lernort's intended additions are normalised away
//! — and only those, each by a named rule below — so that any other difference fails.
//!
//! This compares lernort with pulldown-cmark, not with the spec's expected HTML:
//! where pulldown-cmark itself deviates from the spec, that is not lernort's to fix.

use std::path::Path;

use lernort::markdown::{self, Input, Resolve, Resolved, Unresolved};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// The fence around an example, and the line between its Markdown and its HTML.
const FENCE: &str = "````````````````````````````````";

/// One spec example.
struct Example {
    file: &'static str,
    /// The example's number in its file, as the spec counts them.
    number: usize,
    /// The line of its opening fence.
    line: usize,
    markdown: String,
}

/// The examples of a spec file: between a line of 32 backticks + ` example` (with an
/// optional extension name) and a line of 32 backticks; `→` stands for a tab.
fn examples(file: &'static str) -> Vec<Example> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/spec")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let opening = format!("{FENCE} example");
    let mut out = Vec::new();
    let mut current: Option<(usize, Vec<&str>, bool)> = None;
    for (i, line) in text.lines().enumerate() {
        match &mut current {
            None if line.starts_with(&opening) => current = Some((i + 1, Vec::new(), false)),
            None => {}
            Some((start, md, _)) if line == FENCE => {
                let mut markdown = md.join("\n").replace('→', "\t");
                if !md.is_empty() {
                    markdown.push('\n');
                }
                out.push(Example {
                    file,
                    number: out.len() + 1,
                    line: *start,
                    markdown,
                });
                current = None;
            }
            Some((_, _, past_dot)) if *past_dot => {}
            Some((_, _, past_dot)) if line == "." => *past_dot = true,
            Some((_, md, _)) => md.push(line),
        }
    }
    assert!(current.is_none(), "{file}: an example is never closed");
    out
}

/// Resolves every content path and site path to itself, as if each file existed at that URL.
struct Permissive;

impl Resolve for Permissive {
    fn resolve(&self, rel: &str) -> Result<Resolved, Unresolved> {
        Ok(Resolved {
            url: rel.to_string(),
            document: None,
            size: None,
        })
    }

    fn base_path(&self) -> &str {
        ""
    }

    fn absolute(&self, url: &str) -> String {
        format!("https://spec.example.org{url}")
    }

    fn resolve_url(&self, path: &str) -> Result<Resolved, Unresolved> {
        Ok(Resolved {
            url: path.to_string(),
            document: None,
            size: None,
        })
    }
}

fn lernort_html(md: &str) -> String {
    let input = Input {
        text: md,
        body_start: 0,
        rel: "spec.md",
        display: Path::new("content/spec.md"),
        locale: lernort::locale::Locale::English,
        count_words: true,
    };
    markdown::render(&input, &Permissive).html
}

fn pulldown_html(md: &str) -> String {
    let options = markdown::options() - Options::ENABLE_SMART_PUNCTUATION;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(md, options));
    out
}

/// Removes every match of `start … end` whose middle contains neither `<` nor `>`
/// (so a removal never spans a tag).
fn remove_between(html: &str, start: &str, end: &str) -> String {
    replace_between(html, start, end, "")
}

/// Replaces every match of `start … end` whose middle contains neither `<` nor `>`
/// with `with`.
fn replace_between(html: &str, start: &str, end: &str, with: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(start) {
        let after = &rest[i + start.len()..];
        match after.find(end) {
            Some(j) if !after[..j].contains(['<', '>']) => {
                out.push_str(&rest[..i]);
                out.push_str(with);
                rest = &after[j + end.len()..];
            }
            _ => {
                out.push_str(&rest[..i + start.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Removes the `id` of heading start tags: lernort gives every heading one.
fn without_heading_ids(html: &str) -> String {
    let mut out = html.to_string();
    for level in 1..=6 {
        let tag = format!("<h{level}");
        out = replace_between(&out, &format!("{tag} id=\""), "\"", &tag);
    }
    out
}

/// Undoes smart punctuation, the same way in both outputs (a literal `“` in the input
/// is normalised in pulldown-cmark's output too): quotes become `"` in text and
/// `&quot;` inside tags (where pulldown-cmark escapes them), dashes and ellipses the
/// hyphens and dots they were made of.
fn without_smart_punctuation(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        match c {
            '“' | '”' if in_tag => out.push_str("&quot;"),
            '“' | '”' => out.push('"'),
            '‘' | '’' => out.push('\''),
            '–' => out.push_str("--"),
            '—' => out.push_str("---"),
            '…' => out.push_str("..."),
            c => out.push(c),
        }
    }
    out
}

/// How many header cells the tables of `md` have: exactly these get `scope="col"`.
fn header_cells(md: &str) -> usize {
    let mut in_head = false;
    let mut cells = 0;
    for event in Parser::new_ext(md, markdown::options()) {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) if in_head => cells += 1,
            _ => {}
        }
    }
    cells
}

/// lernort's intended additions to pulldown-cmark's HTML, undone. `scope="col"` is
/// undone only if exactly the header cells of `md`'s tables carry it; otherwise it
/// stays and the comparison fails.
fn normalise_lernort(html: &str, md: &str) -> String {
    // Heading ids (here and in pulldown's output) and the anchor link in each heading.
    let html = remove_between(html, " <a class=\"heading-anchor\" href=\"", "\">#</a>");
    let html = without_heading_ids(&html);
    // `data-href`: the absolute URL of a link, which print shows.
    let html = remove_between(&html, " data-href=\"", "\"");
    // Task markers are labelled symbols instead of disabled, unlabelled checkboxes.
    let html = html
        .replace(
            "<span class=\"task-marker\" role=\"img\" aria-label=\"done\">☑</span> ",
            "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n",
        )
        .replace(
            "<span class=\"task-marker\" role=\"img\" aria-label=\"open\">☐</span> ",
            "<input disabled=\"\" type=\"checkbox\"/>\n",
        );
    // Header cells of lernort's tables carry `scope="col"`.
    let html = if html.matches("<th scope=\"col\"").count() == header_cells(md) {
        html.replace("<th scope=\"col\"", "<th")
    } else {
        html
    };
    without_smart_punctuation(&html)
}

fn normalise_pulldown(html: &str) -> String {
    without_smart_punctuation(&without_heading_ids(html))
}

/// Examples whose difference is known and accepted: file, example number, reason.
const ACCEPTED: &[(&str, usize, &str)] = &[(
    "commonmark.txt",
    484,
    "`./target.md` is a content link: lernort resolves it to the page's URL \
     (with the test's resolver, to the normalised path `target.md`)",
)];

#[test]
fn spec_examples_render_as_pulldown_cmark_renders_them() {
    let mut compared = 0;
    let mut accepted = Vec::new();
    let mut failures = Vec::new();
    for file in ["commonmark.txt", "gfm.txt"] {
        for ex in examples(file) {
            let ours = normalise_lernort(&lernort_html(&ex.markdown), &ex.markdown);
            let theirs = normalise_pulldown(&pulldown_html(&ex.markdown));
            compared += 1;
            if ours == theirs {
                continue;
            }
            let known = ACCEPTED
                .iter()
                .find(|(f, n, _)| *f == ex.file && *n == ex.number);
            match known {
                Some((_, _, reason)) => accepted.push(format!(
                    "{} example {} (line {}): {reason}",
                    ex.file, ex.number, ex.line
                )),
                None => failures.push(format!(
                    "{} example {} (line {}):\n--- markdown\n{}--- lernort (normalised)\n{ours}--- pulldown-cmark\n{theirs}",
                    ex.file, ex.number, ex.line, ex.markdown
                )),
            }
        }
    }
    println!(
        "compared {compared} spec examples: {} equal, {} known differences",
        compared - accepted.len() - failures.len(),
        accepted.len()
    );
    for a in &accepted {
        println!("  accepted: {a}");
    }
    assert!(
        failures.is_empty(),
        "{} examples differ:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        accepted.len(),
        ACCEPTED.len(),
        "an accepted difference no longer occurs; remove it from ACCEPTED"
    );
    assert!(compared > 1000, "the spec files hold over 1000 examples");
}
