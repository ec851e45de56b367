//! What the templates can read of a page besides what every build gives them, decided
//! from their text before anything renders: whether any template reads a table of
//! contents or a word count, and whether any can read the `content` of a page other
//! than the one it renders. A build whose templates do none of this leaves those values
//! out (and counts no words), or drops a page's HTML once the page is written (see
//! [`super::early`]).
//!
//! The reading is conservative: every word inside a tag counts, string literals
//! included; a `content` it cannot place as the page's own is taken as a read of
//! another page's, and a loop over a map's keys and values or a filter that prints or
//! lists a whole map (`json_encode`, `values`, `pairs`, `str`) as a read of
//! everything. What it cannot see is a whole page value printed bare (`{{ p }}`) or
//! a loop over its values alone (`{% for v in p %}`): such a template reads neither
//! the `toc`, the `word_count` nor another page's `content` by name, and gets none.

use super::template_deps::{Tag, first_word, scan};

/// What the site's templates read, as far as their text shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reads {
    /// Some template names `toc`.
    pub toc: bool,
    /// Some template names `word_count` or `reading_time`: only then are words counted.
    pub words: bool,
    /// Some template may read the `content` of a page other than its own: it names
    /// `content` other than as `page.content` or `section.content`, or it binds the
    /// name `page` (a loop, `set`, a component's parameter), so `page` may be another.
    pub others_content: bool,
}

impl Reads {
    /// What a site whose templates are unknown may read: everything.
    pub const ALL: Reads = Reads {
        toc: true,
        words: true,
        others_content: true,
    };

    /// What the templates with these source texts read.
    pub fn of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Reads {
        let mut reads = Reads {
            toc: false,
            words: false,
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
        let words: Vec<(usize, &str)> = words(tag.body).collect();
        if binds_own_name(tag, first, &words) {
            self.others_content = true;
        }
        // Whole values: every field of a map, `toc` and `content` included, without
        // naming them.
        let whole = words.iter().any(|(_, w)| WHOLE_VALUE_FILTERS.contains(w));
        if whole || loops_over_a_map(&words) {
            *self = Reads::ALL;
        }
        for &(at, word) in &words {
            match word {
                "toc" => self.toc = true,
                "word_count" | "reading_time" => self.words = true,
                "content" if !own_content(tag, first, at) => self.others_content = true,
                _ => {}
            }
        }
    }
}

/// The functions that give a template other pages' values.
const FETCHING: [&str; 4] = ["get_page", "get_section", "get_taxonomy", "get_term"];

/// Whether a template with this text may ask for another page's value: a page using
/// it waits for every body instead of being rendered early (where it would only fail).
pub fn asks_for_others(text: &str) -> bool {
    let (tags, _) = scan(text);
    tags.iter()
        .any(|tag| words(tag.body).any(|(_, w)| FETCHING.contains(&w)))
}

/// Filters that turn a whole map into something printed or iterated.
const WHOLE_VALUE_FILTERS: [&str; 4] = ["json_encode", "values", "pairs", "str"];

/// The names a template's own page and section have; another value bound to one of
/// them would pass for the own one.
const OWN_NAMES: [&str; 2] = ["page", "section"];

/// Whether `tag` gives `page` or `section` a value: as the target of `set`, a loop
/// variable (of a `for` tag or of a list comprehension in any tag), or anywhere in a
/// component's definition.
fn binds_own_name(tag: &Tag, first: &str, words: &[(usize, &str)]) -> bool {
    let own = |w: &&str| OWN_NAMES.contains(w);
    let mut names = words.iter().map(|(_, w)| *w).skip(1);
    let bound = match (tag.block, first) {
        (true, "set" | "set_global") => names.next().is_some_and(|w| own(&w)),
        (true, "component") => names.any(|w| own(&w)),
        _ => false,
    };
    bound || loop_names(words).any(|names| names.iter().any(own))
}

/// The variables of every `for … in` in the words of a tag.
fn loop_names<'w>(words: &'w [(usize, &'w str)]) -> impl Iterator<Item = Vec<&'w str>> + 'w {
    words
        .iter()
        .enumerate()
        .filter(|(_, (_, w))| *w == "for")
        .map(|(i, _)| {
            words[i + 1..]
                .iter()
                .map(|(_, w)| *w)
                .take_while(|w| *w != "in")
                .collect()
        })
}

/// Whether a loop takes a map's keys and values (`for key, value in …`).
fn loops_over_a_map(words: &[(usize, &str)]) -> bool {
    loop_names(words).any(|names| names.len() > 1)
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
                words: false,
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
            "{{ p | values | join(sep=',') }}",
            "{{ [page.content for page in section.pages] | join(sep='') }}",
            "{% for section in term.pages %}{{ section.content }}{% endfor %}",
            "{% component card(section) %}{{ section.content }}{% endcomponent card %}",
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
                words: false,
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
    fn word_count_and_reading_time_are_noticed_anywhere_in_a_tag() {
        assert!(reads("{{ page.word_count }} Wörter").words);
        assert!(reads("{% if p.reading_time > 5 %}lang{% endif %}").words);
        assert!(reads("{{ page | get(key=\"reading_time\") }}").words);
        assert!(!reads("<p class=\"word_count\">{{ page.title }}</p>").words);
        assert!(!reads("{{ page.word_counts }}").words);
    }

    #[test]
    fn a_whole_value_printed_or_listed_reads_its_toc_too() {
        for text in [
            "{{ page | json_encode }}",
            "{% for k, v in page %}{{ v }}{% endfor %}",
        ] {
            assert_eq!(reads(text), Reads::ALL, "{text}");
        }
    }

    #[test]
    fn a_template_that_fetches_another_value_is_noticed() {
        assert!(asks_for_others("{% set s = get_section(path='a') %}"));
        assert!(asks_for_others(
            "{{ get_term(taxonomy='t', term='x').name }}"
        ));
        assert!(!asks_for_others("{# get_page #}{{ url(path='@/a.md') }}"));
    }

    #[test]
    fn comments_and_raw_blocks_are_not_code() {
        let r = reads("{# page.toc, p.content #}{% raw %}{{ p.content }}{% endraw %}");
        assert_eq!(
            r,
            Reads {
                toc: false,
                words: false,
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
                words: false,
                others_content: false
            }
        );
    }
}
