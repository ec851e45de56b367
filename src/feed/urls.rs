//! Absolute addresses in an entry's HTML. A feed reader shows the HTML away from the
//! site, where `/kbm/bild.jpg`, `bild.jpg` or `#abschnitt` lead nowhere, and many
//! readers ignore `xml:base`. Every address is read against the page's own permalink,
//! as a browser on that page reads it: root-relative ones (which already hold the base
//! path) get the origin, page-relative ones and fragments the page. Addresses with a
//! scheme (`https:`, `mailto:`, `tel:`, `data:`) stay exactly as written.

use lol_html::html_content::Element;
use lol_html::{Settings, element, rewrite_str};
use url::Url;

/// The attributes that hold one address each.
const SINGLE: [&str; 3] = ["href", "src", "poster"];

/// `html` with every relative address made absolute against `page`. When `page` is
/// not an absolute address, or lol_html fails (only a handler's error or its memory
/// limit could make it, neither of which this module has), the HTML is kept as it is.
pub fn absolute(html: &str, page: &str) -> String {
    let Ok(page) = Url::parse(page) else {
        return html.to_string();
    };
    // Not strict: where the HTML is ambiguous (`<select><xmp>`), lol_html reads on as
    // it guesses instead of giving up, so that addresses after that point are made
    // absolute too; only attribute values are changed either way.
    let settings = Settings::new()
        .append_element_content_handler(element!("*", |el| {
            rewrite(el, &page);
            Ok(())
        }))
        .with_strict(false);
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

/// Makes the addresses of one element absolute; attributes without a relative address
/// are left untouched, byte for byte.
fn rewrite(el: &mut Element, page: &Url) {
    for name in SINGLE.into_iter().chain(["srcset"]) {
        let Some(raw) = el.get_attribute(name) else {
            continue;
        };
        // lol_html gives the value as written, entities and all.
        let value = html_escape::decode_html_entities(&raw);
        let changed = if name == "srcset" {
            srcset(&value, page)
        } else {
            resolve(&value, page)
        };
        if let Some(new) = changed {
            // lol_html escapes `"` but not `&`; the value is escaped here in full. A
            // name from the list above is always a valid attribute name.
            let _ = el.set_attribute(name, &html_escape::encode_double_quoted_attribute(&new));
        }
    }
}

/// The absolute form of one address, or `None` when it stays as written: it has a
/// scheme already, or cannot be read against the page (`//host:99999/`).
pub fn resolve(value: &str, page: &Url) -> Option<String> {
    // Browsers drop white space around an address before reading it.
    let address = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if Url::parse(address).is_ok() {
        return None;
    }
    page.join(address).ok().map(String::from)
}

/// `srcset` with each candidate's address made absolute, its descriptors (`2x`,
/// `800w`) and separators kept; `None` when no address changed.
fn srcset(value: &str, page: &Url) -> Option<String> {
    let mut out = String::with_capacity(value.len() + 64);
    let mut done = 0;
    let mut changed = false;
    for range in crate::srcset::addresses(value) {
        out.push_str(&value[done..range.start]);
        let address = &value[range.clone()];
        match resolve(address, page) {
            Some(absolute) => {
                out.push_str(&absolute);
                changed = true;
            }
            None => out.push_str(address),
        }
        done = range.end;
    }
    out.push_str(&value[done..]);
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://kbm.example.org/kbm/aktuelles/fest/";

    #[test]
    fn every_kind_of_relative_address_is_resolved_against_the_page() {
        let page = Url::parse(PAGE).expect("URL");
        let r = |v: &str| resolve(v, &page);
        assert_eq!(
            r("/kbm/x/").as_deref(),
            Some("https://kbm.example.org/kbm/x/")
        );
        assert_eq!(
            r("bild.jpg").as_deref(),
            Some("https://kbm.example.org/kbm/aktuelles/fest/bild.jpg")
        );
        assert_eq!(
            r("../x/").as_deref(),
            Some("https://kbm.example.org/kbm/aktuelles/x/")
        );
        assert_eq!(
            r("#programm").as_deref(),
            Some("https://kbm.example.org/kbm/aktuelles/fest/#programm")
        );
        assert_eq!(
            r("//cdn.example.org/a.js").as_deref(),
            Some("https://cdn.example.org/a.js")
        );
        assert_eq!(
            r(" /kbm/x/ ").as_deref(),
            Some("https://kbm.example.org/kbm/x/")
        );
        for kept in [
            "https://www.trier.de/",
            "mailto:info@trier.de",
            "tel:+49651123",
            "data:image/png;base64,AAAA",
            "//host:99999/",
        ] {
            assert_eq!(r(kept), None, "{kept}");
        }
    }

    #[test]
    fn attributes_are_rewritten_in_place() {
        let html = concat!(
            "<p><a href=\"/kbm/a/?x=1&amp;y=2\" class=\"k\">A</a> ",
            "<a href=\"mailto:a@b.de\">M</a> <a href='#s'>S</a></p>\n",
            "<img src=\"bild.jpg\" srcset=\"klein.jpg 480w, /kbm/gross.jpg 2x,data:x,y 3x\" alt=\"\">",
            "<video poster=\"p.jpg\" src=\"https://v.example.org/v.mp4\"></video>"
        );
        let out = absolute(html, PAGE);
        assert_eq!(
            out,
            concat!(
                "<p><a href=\"https://kbm.example.org/kbm/a/?x=1&amp;y=2\" class=\"k\">A</a> ",
                "<a href=\"mailto:a@b.de\">M</a> ",
                "<a href=\"https://kbm.example.org/kbm/aktuelles/fest/#s\">S</a></p>\n",
                "<img src=\"https://kbm.example.org/kbm/aktuelles/fest/bild.jpg\" ",
                "srcset=\"https://kbm.example.org/kbm/aktuelles/fest/klein.jpg 480w, ",
                "https://kbm.example.org/kbm/gross.jpg 2x,data:x,y 3x\" alt=\"\">",
                "<video poster=\"https://kbm.example.org/kbm/aktuelles/fest/p.jpg\" ",
                "src=\"https://v.example.org/v.mp4\"></video>"
            )
        );
    }

    #[test]
    fn srcset_is_read_as_the_standard_says() {
        fn list(v: &str) -> Vec<&str> {
            crate::srcset::addresses(v)
                .into_iter()
                .map(|r| &v[r])
                .collect()
        }
        assert_eq!(list("a.jpg 1x, b.jpg 2x"), ["a.jpg", "b.jpg"]);
        assert_eq!(
            list("a.jpg,b.jpg"),
            ["a.jpg,b.jpg"],
            "one address with a comma"
        );
        assert_eq!(list("a.jpg, b.jpg"), ["a.jpg", "b.jpg"]);
        assert_eq!(list(" ,a.jpg (x, y) 2x, b.jpg"), ["a.jpg", "b.jpg"]);
        assert_eq!(
            list("data:image/png;base64,AA== 1x"),
            ["data:image/png;base64,AA=="]
        );
        assert_eq!(list(""), Vec::<&str>::new());
        assert_eq!(list(" , ,"), Vec::<&str>::new());
        assert_eq!(list("ä.jpg 1x,\tö.jpg"), ["ä.jpg", "ö.jpg"]);
    }

    #[test]
    fn ambiguous_html_is_read_on() {
        let html = "<select><xmp><a href=\"/x/\">x</a></xmp></select><img src=\"b.jpg\">";
        let out = absolute(html, PAGE);
        assert!(
            out.ends_with("<img src=\"https://kbm.example.org/kbm/aktuelles/fest/b.jpg\">"),
            "{out}"
        );
    }

    #[test]
    fn a_page_that_is_not_an_address_leaves_the_html_alone() {
        let html = "<a href=\"/x/\">x</a>";
        assert_eq!(absolute(html, "/kbm/x/"), html);
    }
}
