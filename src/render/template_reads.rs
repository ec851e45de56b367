//! What the templates can read of a page besides what every build gives them, decided
//! from their text before anything renders: whether any template reads a table of
//! contents, and whether any can read the `content` of a page other than the one it
//! renders. A build whose templates do neither leaves those values out, or drops a
//! page's HTML once the page is written (see [`super::early`]).
//!
//! The reading is conservative: every word inside a tag counts, string literals
//! included; a `content` it cannot place as the page's own, a loop over a map's keys
//! and values, and `json_encode` are taken as reads of another page's content. What
//! it cannot see is a whole page value printed bare (`{{ p }}`).

use super::template_deps::{Tag, first_word, scan};

/// What the site's templates read, as far as their text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reads {
    /// Some template names `toc`.
    pub toc: bool,
    /// Some template may read the `content` of a page other than its own: it names
    /// `content` other than as `page.content` or `section.content`, or it binds the
    /// name `page` (a loop, `set`, a component's parameter), so `page` may be another.
    pub others_content: bool,
}

impl Reads {
    /// What a site whose templates are unknown may read: everything.
    pub const ALL: Reads = Reads {
        toc: true,
        others_content: true,
    };

    /// What the templates with these source texts read.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Reads {
        let mut reads = Reads {
            toc: false,
            others_content: false,
        };
        for text in texts {
            let (tags, _) = scan(text);
            for tag in &tags {
                reads.note(tag);
            }
        }
        reads
    }

    fn note(&mut self, tag: &Tag) {
        let first = first_word(tag.body);
        if tag.block && binds_page(first, tag.body) {
            self.others_content = true;
        }
        // Whole values: every field of a map, `content` included, without naming it.
        if (tag.block && first == "for" && whole_map_loop(tag.body))
            || tag.body.contains("json_encode")
        {
            self.others_content = true;
        }
        for (at, word) in words(tag.body) {
            match word {
                "toc" => self.toc = true,
                "content" if !own_content(tag, first, at) => self.others_content = true,
                _ => {}
            }
        }
    }
}

/// Whether a `{% … %}` tag starting with `first` gives the name `page` a value: as the
/// target of `set`, a loop variable, or anywhere in a component's definition.
fn binds_page(first: &str, body: &str) -> bool {
    let mut names = words(body).map(|(_, w)| w).skip(1);
    match first {
        "set" | "set_global" => names.next() == Some("page"),
        "for" => names.take_while(|w| *w != "in").any(|w| w == "page"),
        "component" => names.any(|w| w == "page"),
        _ => false,
    }
}

/// Whether a `for` tag takes a map's keys and values (`for key, value in …`).
fn whole_map_loop(body: &str) -> bool {
    let head = body.split(" in ").next().unwrap_or(body);
    head.contains(',')
}

/// Whether the `content` at byte `at` of `tag` is a block's name or the rendered
/// page's (or section's) own `content`.
fn own_content(tag: &Tag, first: &str, at: usize) -> bool {
    let before = &tag.body[..at];
    if tag.block && matches!(first, "block" | "endblock") {
        return before.trim_end() == first;
    }
    ["page.", "section."].iter().any(|owner| {
        before.strip_suffix(owner).is_some_and(|rest| {
            // `x.page.content` is some other value's `page`.
            !rest.ends_with(|c: char| c == '.' || is_word_char(c))
        })
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The words of `body` with their byte offsets.
fn words(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = body.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if is_word_char(c) {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &body[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(text: &str) -> Reads {
        Reads::of([text])
    }

    #[test]
    fn the_themes_own_content_and_block_names_read_no_other_page() {
        let r = reads(
            "{% block content %}<h1>{{ page.title }}</h1>{{ page.content | safe }}\
             {{ section.content | safe }}{% endblock content %}",
        );
        assert_eq!(
            r,
            Reads {
                toc: false,
                others_content: false
            }
        );
    }

    #[test]
    fn a_list_reading_its_pages_content_reads_other_pages() {
        for text in [
            "{% for p in section.pages %}{{ p.content }}{% endfor %}",
            "{% for page in section.pages %}{{ page.content }}{% endfor %}",
            "{% set page = get_page(path='a.md') %}{{ page.title }}",
            "{% set_global page = 1 %}",
            "{% for key, page in pages_by_key %}{{ key }}{% endfor %}",
            "{% component teaser(page) %}{{ page.title }}{% endcomponent teaser %}",
            "{{ get_page(path='a.md').content }}",
            "{{ page | get(key='content') }}",
            "{{ page['content'] }}",
            "{{ site.page.content }}",
            "{{ mypage.content }}",
            "{% for key, value in p %}{{ value }}{% endfor %}",
            "{{ p | json_encode }}",
        ] {
            assert!(reads(text).others_content, "{text}");
        }
    }

    #[test]
    fn reading_the_own_page_in_a_loop_or_a_set_binds_nothing() {
        let r = reads(
            "{% set crumbs = page.breadcrumbs %}{% for t in page.taxonomies.tags %}{{ t }}\
             {% endfor %}{% if page.content %}{{ page.content }}{% endif %}",
        );
        assert_eq!(
            r,
            Reads {
                toc: false,
                others_content: false
            }
        );
    }

    #[test]
    fn toc_is_noticed_anywhere_in_a_tag() {
        assert!(reads("{% for h in page.toc %}{{ h.title }}{% endfor %}").toc);
        assert!(reads("{{ page | get(key=\"toc\") }}").toc);
        assert!(!reads("<nav class=\"toc\">{{ page.title }}</nav>").toc);
    }

    #[test]
    fn comments_and_raw_blocks_are_not_code() {
        let r = reads("{# page.toc, p.content #}{% raw %}{{ p.content }}{% endraw %}");
        assert_eq!(
            r,
            Reads {
                toc: false,
                others_content: false
            }
        );
    }

    #[test]
    fn a_word_that_only_contains_page_or_toc_is_another_word() {
        let r = reads("{% for p in section.pages %}{{ p.tocs }}{{ p.contents }}{% endfor %}");
        assert_eq!(
            r,
            Reads {
                toc: false,
                others_content: false
            }
        );
    }
}
