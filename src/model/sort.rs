//! Total, stable orders for pages and sections: every tie is broken by path, so two
//! builds of the same input produce the same order.

use std::cmp::Ordering;

use crate::content::front_matter::SortBy;
use crate::locale::Locale;

use super::{HOME, Page, Section};

/// A page's title sort key, in its language's order ([`Locale::title_key`]).
fn page_key(page: &Page) -> String {
    Locale::from_tag(&page.lang).title_key(&page.title)
}

/// Every page's title sort key, each computed once (in parallel), for sorting the
/// many lists of a whole site: a page is in its section and in each of its terms.
pub fn title_keys(pages: &[Page]) -> Vec<String> {
    use rayon::prelude::*;
    pages.par_iter().map(page_key).collect()
}

/// Sorts pages like [`sort_pages`], with the keys of all `pages` ([`title_keys`]).
pub fn sort_pages_keyed(ids: &mut [usize], sort_by: SortBy, pages: &[Page], keys: &[String]) {
    // `compare_pages` is total (ties end at the unique path), so unstable is exact.
    ids.sort_unstable_by(|&a, &b| {
        compare_pages(sort_by, (&pages[a], &keys[a]), (&pages[b], &keys[b]))
    });
}

/// Sorts a section's pages (ids into `pages`) by `sort_by`.
pub fn sort_pages(ids: &mut [usize], sort_by: SortBy, pages: &[Page]) {
    // Sort keys once per page, not once per comparison.
    let mut keyed: Vec<(usize, String)> = ids.iter().map(|&p| (p, page_key(&pages[p]))).collect();
    keyed.sort_by(|(a, a_key), (b, b_key)| {
        compare_pages(sort_by, (&pages[*a], a_key), (&pages[*b], b_key))
    });
    for (slot, (p, _)) in ids.iter_mut().zip(keyed) {
        *slot = p;
    }
}

/// Whether two versions of a page sort the same against any other page (every order
/// reads only these fields; the path is the same page's).
pub fn sorts_alike(a: &Page, b: &Page) -> bool {
    let instant = |p: &Page| p.date.as_ref().map(|d| d.instant);
    a.title == b.title && a.lang == b.lang && a.weight == b.weight && instant(a) == instant(b)
}

/// Compares two pages for a section sorted by `sort_by`.
/// `a` and `b` come with their title keys ([`Locale::title_key`]), computed once per page by the caller.
pub fn compare_pages(
    sort_by: SortBy,
    (a, a_key): (&Page, &str),
    (b, b_key): (&Page, &str),
) -> Ordering {
    let by_weight = || {
        a.weight
            .unwrap_or(i64::MAX)
            .cmp(&b.weight.unwrap_or(i64::MAX))
    };
    let by_title = || a_key.cmp(b_key);
    let by_date = || match (&a.date, &b.date) {
        (Some(x), Some(y)) => y.instant.cmp(&x.instant),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let primary = match sort_by {
        SortBy::Weight => by_weight().then_with(by_title),
        SortBy::Date => by_date().then_with(by_title),
        SortBy::Title => by_title(),
    };
    primary.then_with(|| a.rel.cmp(&b.rel))
}

/// Compares sibling sections: by weight, then title in the site's `locale`
/// ([`Locale::title_key`]), then folder.
pub fn compare_sections(a: &Section, b: &Section, locale: Locale) -> Ordering {
    let key = |s: &Section| locale.title_key(&s.title);
    a.weight
        .unwrap_or(i64::MAX)
        .cmp(&b.weight.unwrap_or(i64::MAX))
        .then_with(|| key(a).cmp(&key(b)))
        .then_with(|| a.dir.cmp(&b.dir))
}

/// Fills in each section's pages and subsections and sorts them; section titles sort
/// in the site's `locale`, as the pages' titles do in theirs.
/// `keys` are the pages' title keys ([`title_keys`]).
pub(super) fn sort_tree(
    sections: &mut [Section],
    (pages, keys): (&[Page], &[String]),
    locale: Locale,
) {
    for (id, page) in pages.iter().enumerate() {
        let section = &mut sections[page.section];
        if page.archived {
            section.archived.push(id);
        } else {
            section.pages.push(id);
        }
    }
    for id in 1..sections.len() {
        if let Some(parent) = sections[id].parent {
            sections[parent].subsections.push(id);
        }
    }
    for s in sections.iter_mut() {
        sort_pages_keyed(&mut s.pages, s.sort_by, pages, keys);
        sort_pages_keyed(&mut s.archived, s.sort_by, pages, keys);
    }
    for id in 0..sections.len() {
        let mut subs = std::mem::take(&mut sections[id].subsections);
        subs.sort_by(|&a, &b| compare_sections(&sections[a], &sections[b], locale));
        sections[id].subsections = subs;
    }
    debug_assert_eq!(HOME, 0);
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::date::Date;
    use crate::model::Body;

    fn page(rel: &str, title: &str, weight: Option<i64>, date: Option<&str>) -> Page {
        in_lang("de", rel, title, weight, date)
    }

    fn in_lang(
        lang: &str,
        rel: &str,
        title: &str,
        weight: Option<i64>,
        date: Option<&str>,
    ) -> Page {
        Page {
            rel: rel.into(),
            display: rel.into(),
            title: title.into(),
            description: None,
            date: date.and_then(Date::parse),
            updated: None,
            publish_date: None,
            expiry_date: None,
            archived: false,
            weight,
            slug: String::new(),
            aliases: vec![],
            template: None,
            extra: crate::yaml::empty_map(),
            terms: Default::default(),
            type_name: None,
            fields: crate::yaml::Value::Null,
            url: String::new(),
            section: 0,
            body: Body::default(),
            template_line: None,
            lang: lang.into(),
            source_hash: 0,
            record_hash: 0,
        }
    }

    fn sorted(sort_by: SortBy, mut pages: Vec<Page>) -> Vec<String> {
        pages.sort_by(|a, b| compare_pages(sort_by, (a, &page_key(a)), (b, &page_key(b))));
        pages.into_iter().map(|p| p.rel).collect()
    }

    #[test]
    fn weight_then_title_then_path() {
        let pages = vec![
            page("c.md", "Beta", None, None),
            page("b.md", "Alpha", Some(2), None),
            page("a.md", "Zeta", Some(1), None),
            page("d.md", "Beta", None, None),
        ];
        assert_eq!(
            sorted(SortBy::Weight, pages),
            ["a.md", "b.md", "c.md", "d.md"]
        );
    }

    #[test]
    fn date_newest_first_undated_last() {
        let pages = vec![
            page("old.md", "X", None, Some("2020-01-01")),
            page("none.md", "X", None, None),
            page("new.md", "X", None, Some("2024-01-01")),
        ];
        assert_eq!(sorted(SortBy::Date, pages), ["new.md", "old.md", "none.md"]);
    }

    #[test]
    fn german_titles_sort_by_din_5007() {
        let pages = vec![
            page("z.md", "Zukunft", None, None),
            page("u.md", "Übergänge", None, None),
            page("a.md", "Aktuelles", None, None),
        ];
        assert_eq!(sorted(SortBy::Title, pages), ["a.md", "u.md", "z.md"]);
    }

    #[test]
    fn english_titles_ignore_case_and_accents() {
        let pages = vec![
            in_lang("en", "z.md", "zebra", None, None),
            in_lang("en", "e.md", "Éclair", None, None),
            in_lang("en", "f.md", "fig", None, None),
        ];
        assert_eq!(sorted(SortBy::Title, pages), ["e.md", "f.md", "z.md"]);
    }

    /// A page `rel` from small choices of each field an order may read, and some it
    /// may not (description, slug, section, archived).
    fn chosen(rel: &str, (t, l, w, d): (usize, usize, usize, usize), other: usize) -> Page {
        let titles = ["Äpfel", "Apfel", "Zebra", "apfel"];
        let dates = [
            None,
            Some("2020-01-01"),
            Some("2020-01-01T10:00:00Z"),
            Some("2024-05-06"),
        ];
        let mut p = in_lang(
            ["de", "en"][l],
            rel,
            titles[t],
            [None, Some(1), Some(2)][w],
            dates[d],
        );
        p.description = (other % 2 == 1).then(|| "Beschreibung".into());
        p.slug = format!("s{other}");
        p.section = other % 3;
        p.archived = other.is_multiple_of(5);
        p
    }

    proptest::proptest! {
        /// What `update` relies on to skip sorting: two versions of a page that sort
        /// alike compare the same against any other page, in every order.
        #[test]
        fn pages_that_sort_alike_compare_alike_against_any_other(
            a in (0..4usize, 0..2usize, 0..3usize, 0..4usize), a_other in 0..10usize,
            b in (0..4usize, 0..2usize, 0..3usize, 0..4usize), b_other in 0..10usize,
            c in (0..4usize, 0..2usize, 0..3usize, 0..4usize),
        ) {
            let (a, b) = (chosen("p.md", a, a_other), chosen("p.md", b, b_other));
            let c = chosen("q.md", c, 0);
            if sorts_alike(&a, &b) {
                for sort_by in [SortBy::Weight, SortBy::Date, SortBy::Title] {
                    let cmp = |x: &Page| compare_pages(sort_by, (x, &page_key(x)), (&c, &page_key(&c)));
                    proptest::prop_assert_eq!(cmp(&a), cmp(&b));
                }
            }
        }

        /// A whole site's lists are sorted with every page's key made once and an
        /// unstable sort: the order is the one each list's own keys give.
        #[test]
        fn sorting_with_the_site_s_keys_gives_the_same_order(
            fields in proptest::collection::vec(
                ((0..4usize, 0..2usize, 0..3usize, 0..4usize), 0..10usize), 0..24),
            picks in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 0..24),
        ) {
            let pages: Vec<Page> = fields
                .iter()
                .enumerate()
                .map(|(i, &(f, other))| chosen(&format!("p{i}.md"), f, other))
                .collect();
            let keys = title_keys(&pages);
            // A list holds some of the pages (a section's, a term's), here in reverse.
            let mut ids: Vec<usize> = if pages.is_empty() {
                Vec::new()
            } else {
                picks.iter().map(|i| i.index(pages.len())).collect()
            };
            ids.sort_unstable();
            ids.dedup();
            ids.reverse();
            for sort_by in [SortBy::Weight, SortBy::Date, SortBy::Title] {
                let (mut keyed, mut own) = (ids.clone(), ids.clone());
                sort_pages_keyed(&mut keyed, sort_by, &pages, &keys);
                sort_pages(&mut own, sort_by, &pages);
                proptest::prop_assert_eq!(keyed, own);
            }
        }
    }
}
