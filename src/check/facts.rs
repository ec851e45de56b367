//! What `check` needs from one rendered HTML file, read in one pass by lol_html: its
//! ids, the addresses it refers to, its headings and title, and the elements that break
//! an accessibility rule by themselves. Each carries the text of its start tag, so that
//! [`super::origin`] can tell where it came from.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::Element;
use lol_html::{HtmlRewriter, Settings};

/// A start tag as written in the file, and where it starts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tag {
    /// The start tag as written.
    pub text: String,
    /// Its byte offset in the file.
    pub offset: usize,
}

/// A reference to another file: `href`, `src` or one address of a `srcset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    /// The attribute, e.g. `href`.
    pub attr: &'static str,
    /// The address as the browser reads it (entities decoded).
    pub url: String,
    /// The start tag.
    pub tag: Tag,
    /// Whether the browser loads the address with the page (an image, a script, a
    /// stylesheet, a frame) rather than going there when asked (a link).
    pub loads: bool,
}

/// An accessibility rule one element breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// `<img>` without `alt`.
    ImageWithoutAlt,
    /// A link with no text, no label and no image with alt text.
    EmptyLink,
    /// A button with no text and no label.
    EmptyButton,
    /// A link whose text says nothing out of context („hier“).
    VagueLinkText,
    /// A table without a single header cell.
    TableWithoutHeaders,
    /// `<img alt="">`: right for decoration, wrong where the alt text was forgotten.
    ImageAltEmpty,
}

/// One element that breaks a [`Rule`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// The rule.
    pub rule: Rule,
    /// The start tag.
    pub tag: Tag,
    /// What the element says (a link's text), for the message.
    pub text: String,
}

/// Everything `check` reads from one HTML file.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    /// `<html lang>`, if given.
    pub lang: Option<String>,
    /// Whether the file has an `<html>` start tag.
    pub has_html: bool,
    /// Whether the file sends the browser on at once (`<meta http-equiv="refresh"
    /// content="0; …">`): the redirect pages of aliases, which nobody reads and search
    /// engines skip; the rules for pages people read do not apply to them.
    pub redirect: bool,
    /// The text of `<title>`, if there is one.
    pub title: Option<String>,
    /// Every `id` (and `<a name>`), with its start tag.
    pub ids: Vec<(String, Tag)>,
    /// Every address the file refers to.
    pub refs: Vec<Ref>,
    /// Headings in order: level, start tag, text.
    pub headings: Vec<(u8, Tag, String)>,
    /// Elements that break a rule by themselves.
    pub lints: Vec<Lint>,
    /// The file as read, for [`super::origin`] to find the page body in.
    pub html: String,
}

/// An element whose text is being collected until its end tag.
#[derive(Debug)]
struct Open {
    tag: &'static str,
    at: Tag,
    text: String,
    /// A label that stands in for the text: `aria-label`, `aria-labelledby`, `title`,
    /// or an image with alt text inside.
    labelled: bool,
    /// For tables: whether a `<th>` was seen.
    headers: bool,
    /// Whether its text stays out of the elements around it: it is hidden
    /// (`aria-hidden="true"`) or named by its own `aria-label`.
    quiet: bool,
}

#[derive(Debug, Default)]
struct State {
    facts: Facts,
    open: Vec<Open>,
    /// Inside `<script>` or `<style>`: text that is not text.
    raw: usize,
    /// Inside `<svg>`: its `<title>` names the drawing, not the page.
    svg: usize,
}

/// Link texts that say nothing without their surroundings (WCAG 2.4.4), compared
/// after trimming, in lower case and without a final punctuation mark.
const VAGUE: &[&str] = &[
    "hier",
    "mehr",
    "weiter",
    "link",
    "klicken sie hier",
    "hier klicken",
    "mehr lesen",
    "click here",
    "here",
    "more",
    "read more",
];

/// Reads `html`; malformed HTML is read as browsers read it, never an error.
pub fn read(html: &[u8]) -> Facts {
    let state = Rc::new(RefCell::new(State::default()));
    let on_element = Rc::clone(&state);
    let on_text = Rc::clone(&state);
    let settings = Settings::new()
        .append_element_content_handler(lol_html::element!("*", move |el| {
            start(&on_element, el, html);
            Ok(())
        }))
        .append_document_content_handler(lol_html::doc_text!(move |t| {
            let mut s = on_text.borrow_mut();
            if s.raw == 0 {
                // Inner first: the text of an element with its own label (or hidden)
                // is not part of the elements around it, as for screen readers.
                for open in s.open.iter_mut().rev() {
                    if !matches!(open.tag, "table" | "quiet") {
                        open.text.push_str(t.as_str());
                    }
                    if open.quiet {
                        break;
                    }
                }
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // lol_html reports errors only for limits and handler errors; neither applies.
    let _ = rewriter.write(html);
    let _ = rewriter.end();
    let mut s = state.borrow_mut();
    // Elements whose end tag never came (malformed HTML) are judged as they are.
    while let Some(open) = s.open.pop() {
        close(&mut s.facts, open);
    }
    let mut facts = std::mem::take(&mut s.facts);
    facts.html = String::from_utf8_lossy(html).into_owned();
    facts
}

fn start(state: &Rc<RefCell<State>>, el: &mut Element, html: &[u8]) {
    let name = el.tag_name();
    let range = el.source_location().bytes();
    let at = Tag {
        text: String::from_utf8_lossy(html.get(range.clone()).unwrap_or_default()).into_owned(),
        offset: range.start,
    };
    let mut s = state.borrow_mut();
    let ids = [
        el.get_attribute("id"),
        // `<a name>` is an anchor target as well (HTML's older form of an id).
        el.get_attribute("name").filter(|_| name == "a"),
    ];
    for id in ids.into_iter().flatten() {
        s.facts.ids.push((
            html_escape::decode_html_entities(&id).into_owned(),
            at.clone(),
        ));
    }
    let refs: &[&'static str] = match name.as_str() {
        "a" | "area" | "link" => &["href"],
        "img" | "source" => &["src", "srcset"],
        "video" => &["src", "poster"],
        "object" => &["data"],
        "script" | "iframe" | "audio" | "track" | "embed" => &["src"],
        _ => &[],
    };
    let loads = match name.as_str() {
        "a" | "area" => false,
        "link" => el.get_attribute("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|r| LOADING_RELS.iter().any(|l| r.eq_ignore_ascii_case(l)))
        }),
        _ => true,
    };
    for &attr in refs {
        if let Some(value) = el.get_attribute(attr) {
            let value = html_escape::decode_html_entities(&value);
            push_refs(&mut s.facts, attr, &value, &at, loads);
        }
    }
    let tag: Option<&'static str> = match name.as_str() {
        "html" => {
            s.facts.has_html = true;
            s.facts.lang = el.get_attribute("lang");
            None
        }
        "img" => {
            match el.get_attribute("alt") {
                None => s.facts.lints.push(Lint {
                    rule: Rule::ImageWithoutAlt,
                    tag: at.clone(),
                    text: el.get_attribute("src").unwrap_or_default(),
                }),
                Some(alt) if !alt.trim().is_empty() => label_open(&mut s),
                Some(_) => s.facts.lints.push(Lint {
                    rule: Rule::ImageAltEmpty,
                    tag: at.clone(),
                    text: el.get_attribute("src").unwrap_or_default(),
                }),
            }
            None
        }
        "svg" => {
            if el.can_have_content() {
                s.svg += 1;
                let state = Rc::clone(state);
                let _ = el.on_end_tag(lol_html::end_tag!(move |_| {
                    let mut s = state.borrow_mut();
                    s.svg = s.svg.saturating_sub(1);
                    Ok(())
                }));
            }
            None
        }
        "meta" => {
            let refresh = el
                .get_attribute("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("refresh"));
            let at_once = el
                .get_attribute("content")
                .is_some_and(|c| c.trim_start().starts_with('0'));
            if refresh && at_once {
                s.facts.redirect = true;
            }
            None
        }
        "th" => {
            if let Some(table) = s.open.iter_mut().rev().find(|o| o.tag == "table") {
                table.headers = true;
            }
            None
        }
        "script" | "style" => {
            s.raw += 1;
            Some(if name == "script" { "script" } else { "style" })
        }
        "a" if el.get_attribute("href").is_some() => Some("a"),
        "button" => Some("button"),
        "table" => Some("table"),
        // A drawing's title names the drawing (and labels a link around it: its text
        // goes to the elements around it as any text does).
        "title" if s.svg > 0 => None,
        "title" => Some("title"),
        "h1" => Some("h1"),
        "h2" => Some("h2"),
        "h3" => Some("h3"),
        "h4" => Some("h4"),
        "h5" => Some("h5"),
        "h6" => Some("h6"),
        _ => None,
    };
    let hidden = el
        .get_attribute("aria-hidden")
        .is_some_and(|v| v.trim() == "true");
    let named = el
        .get_attribute("aria-label")
        .is_some_and(|v| !v.trim().is_empty());
    let quiet = hidden || named;
    // An element inside a link or button that is named by its own label names them.
    if named && !hidden {
        label_open(&mut s);
    }
    let Some(tag) = tag.or(quiet.then_some("quiet")) else {
        return;
    };
    if !el.can_have_content() {
        return;
    }
    let labelled = named
        || ["aria-labelledby", "title"]
            .iter()
            .any(|a| el.get_attribute(a).is_some_and(|v| !v.trim().is_empty()));
    s.open.push(Open {
        tag,
        at,
        text: String::new(),
        labelled,
        headers: false,
        quiet,
    });
    drop(s);
    let state = Rc::clone(state);
    let _ = el.on_end_tag(lol_html::end_tag!(move |_| {
        let mut s = state.borrow_mut();
        if matches!(tag, "script" | "style") {
            s.raw = s.raw.saturating_sub(1);
        }
        if let Some(i) = s.open.iter().rposition(|o| o.tag == tag) {
            let open = s.open.remove(i);
            close(&mut s.facts, open);
        }
        Ok(())
    }));
}

/// `rel` values of `<link>` with which the browser loads or connects to the address
/// with the page (a link to a `canonical` or `alternate` page is only named).
const LOADING_RELS: &[&str] = &[
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
];

/// Marks every element that is open as labelled: an image with alt text or an element
/// with its own label names the links and buttons around it.
fn label_open(s: &mut State) {
    for open in &mut s.open {
        open.labelled = true;
    }
}

/// `srcset` holds several addresses, each before an optional width or density; a
/// `data:` address is the file itself, not a reference.
fn push_refs(facts: &mut Facts, attr: &'static str, value: &str, at: &Tag, loads: bool) {
    let urls: Vec<&str> = if attr == "srcset" {
        crate::srcset::urls(value)
    } else {
        vec![value.trim()]
    };
    for url in urls {
        if url
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("data:"))
        {
            continue;
        }
        facts.refs.push(Ref {
            attr,
            url: url.to_string(),
            tag: at.clone(),
            loads,
        });
    }
}

fn close(facts: &mut Facts, open: Open) {
    let text = collapse(&open.text);
    match open.tag {
        "a" if text.is_empty() && !open.labelled => facts.lints.push(Lint {
            rule: Rule::EmptyLink,
            tag: open.at,
            text,
        }),
        "a" if is_vague(&text) => facts.lints.push(Lint {
            rule: Rule::VagueLinkText,
            tag: open.at,
            text,
        }),
        "button" if text.is_empty() && !open.labelled => facts.lints.push(Lint {
            rule: Rule::EmptyButton,
            tag: open.at,
            text,
        }),
        "table" if !open.headers => facts.lints.push(Lint {
            rule: Rule::TableWithoutHeaders,
            tag: open.at,
            text,
        }),
        // The first title is the page's, as browsers take it.
        "title" if facts.title.is_none() => facts.title = Some(text),
        h if h.len() == 2 && h.starts_with('h') => {
            let level = h.as_bytes()[1] - b'0';
            facts.headings.push((level, open.at, text));
        }
        _ => {}
    }
}

/// Text as a reader sees it: entities decoded, white space (no-break spaces too)
/// collapsed.
fn collapse(raw: &str) -> String {
    let text = html_escape::decode_html_entities(raw);
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_vague(text: &str) -> bool {
    let text = text
        .trim_end_matches(['.', '!', ':', '…', '»', '›', '>', ' '])
        .to_lowercase();
    VAGUE.contains(&text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_refs_headings_and_title() {
        let f = read(
            br##"<!doctype html><html lang="de"><head><title>A &amp; B</title></head><body><h1 id="x">Eins <a href="#x" aria-label="Link zu Eins">#</a><span aria-hidden="true">*</span></h1><a href="/a/#b">Zu A</a><img src="b.png" srcset="b.png 1x, b@2.png 2x" alt="B"></body></html>"##,
        );
        assert_eq!(f.lang.as_deref(), Some("de"));
        assert_eq!(f.title.as_deref(), Some("A & B"));
        assert_eq!(f.ids[0].0, "x");
        let urls: Vec<_> = f.refs.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(urls, ["#x", "/a/#b", "b.png", "b.png", "b@2.png"]);
        assert_eq!(f.headings.len(), 1);
        assert_eq!(f.headings[0].2, "Eins");
        assert!(f.lints.is_empty(), "{:?}", f.lints);
    }

    #[test]
    fn finds_the_elements_that_break_a_rule() {
        let f = read(
            br#"<html><body><img src="a.png"><a href="/x/"></a><a href="/y/"><img src="y.png" alt="Y"></a><a href="/z/">Hier.</a><button></button><button aria-label="Menu"></button><table><tr><td>1</td></tr></table><table><tr><th>K</th></tr></table><script>var a = "<a href='x'>";</script></body></html>"#,
        );
        let rules: Vec<Rule> = f.lints.iter().map(|l| l.rule).collect();
        assert_eq!(
            rules,
            [
                Rule::ImageWithoutAlt,
                Rule::EmptyLink,
                Rule::VagueLinkText,
                Rule::EmptyButton,
                Rule::TableWithoutHeaders
            ]
        );
    }

    /// How a `srcset` splits is tested in `crate::srcset`; here, that a `data:`
    /// candidate is no reference.
    #[test]
    fn a_data_address_in_a_srcset_is_no_reference() {
        let f = read(br#"<img srcset="data:image/png;base64,AAA= 1x, b.png 2x" alt="B">"#);
        let urls: Vec<_> = f.refs.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(urls, ["b.png"]);
    }

    #[test]
    fn a_name_is_an_anchor_and_an_svg_title_is_not_the_page_title() {
        let f = read(
            br#"<html><head><title>Seite</title></head><body><svg><title>Logo</title></svg><a name="alt"></a><a href="/"><span aria-label="Start"></span></a></body></html>"#,
        );
        assert_eq!(f.title.as_deref(), Some("Seite"));
        assert_eq!(f.ids[0].0, "alt");
        assert!(f.lints.is_empty(), "{:?}", f.lints);
    }
}
