//! List pages: a section's list of pages, a taxonomy's list of terms and a term's list
//! of pages, each split into pages of `paginate_by` entries when asked. Page 1 is the
//! list's own address (`/aktuelles/`), page n is `/aktuelles/seite/n/` (the path word
//! from the site's locale), and `/aktuelles/seite/1/` leads back to page 1.

use super::{Section, SectionId, Taxonomy};
use crate::content::front_matter::Expired;
use crate::locale::Locale;

/// The site path of a section's archive: `/aktuelles/archiv/`.
pub fn archive_url(section: &Section, locale: Locale) -> String {
    format!("{}{}/", section.url, locale.archive_word())
}

/// What a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// A section's pages (page 1 is the section's own page).
    Section(SectionId),
    /// A section's archived pages (`expired: archive`), e.g. `/aktuelles/archiv/`.
    Archive(SectionId),
    /// A taxonomy's terms (index into `Site::taxonomies`).
    Taxonomy(usize),
    /// A term's pages: taxonomy index, term index.
    Term(usize, usize),
}

/// One list and the addresses of its pages.
#[derive(Debug, Clone)]
pub struct List {
    /// What it lists.
    pub kind: ListKind,
    /// How many entries it lists.
    pub items: usize,
    /// Entries per page; all on one when `None`.
    pub paginate_by: Option<usize>,
    /// The site path of each page, page 1 first (at least one).
    pub urls: Vec<String>,
    /// The address `…/seite/1/` that leads to page 1, for a paginated list.
    pub first_alias: Option<String>,
}

impl List {
    fn new(
        kind: ListKind,
        url: &str,
        items: usize,
        paginate_by: Option<usize>,
        word: &str,
    ) -> List {
        let count = match paginate_by {
            Some(n) if n > 0 => items.div_ceil(n).max(1),
            _ => 1,
        };
        let mut urls = Vec::with_capacity(count);
        urls.push(url.to_string());
        urls.extend((2..=count).map(|n| format!("{url}{word}/{n}/")));
        List {
            kind,
            items,
            paginate_by,
            urls,
            first_alias: paginate_by.map(|_| format!("{url}{word}/1/")),
        }
    }

    /// The addresses of the pages this list adds to the site: all of them, but for a
    /// section's list, whose page 1 is the section itself.
    pub fn own_urls(&self) -> &[String] {
        let first = usize::from(matches!(self.kind, ListKind::Section(_)));
        &self.urls[first..]
    }

    /// The range of entries (0-based, end exclusive) on page `number` (1-based).
    pub fn slice(&self, number: usize) -> std::ops::Range<usize> {
        match self.paginate_by {
            Some(n) if n > 0 => {
                let start = (number - 1).saturating_mul(n).min(self.items);
                start..start.saturating_add(n).min(self.items)
            }
            _ => 0..self.items,
        }
    }
}

/// Every list of the site: sections (with `counts[id]` = (listed, archived) pages
/// each) and their archives, then each taxonomy's list and its terms' lists.
pub fn all(
    sections: &[Section],
    counts: &[(usize, usize)],
    taxonomies: &[Taxonomy],
    locale: Locale,
) -> Vec<List> {
    let word = locale.pager_word();
    let mut lists = Vec::with_capacity(sections.len() + taxonomies.len());
    for (id, s) in sections.iter().enumerate() {
        let (items, archived) = counts.get(id).copied().unwrap_or((0, 0));
        lists.push(List::new(
            ListKind::Section(id),
            &s.url,
            items,
            s.paginate_by,
            word,
        ));
        if s.expired == Expired::Archive {
            let url = archive_url(s, locale);
            let kind = ListKind::Archive(id);
            lists.push(List::new(kind, &url, archived, s.paginate_by, word));
        }
    }
    for (t, tax) in taxonomies.iter().enumerate() {
        let terms = tax.terms.len();
        lists.push(List::new(
            ListKind::Taxonomy(t),
            &tax.url,
            terms,
            None,
            word,
        ));
        for (i, term) in tax.terms.iter().enumerate() {
            let kind = ListKind::Term(t, i);
            let n = term.pages.len();
            lists.push(List::new(kind, &term.url, n, tax.paginate_by, word));
        }
    }
    lists
}

/// Whose pages a feed holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedKind {
    /// Every dated page of the site.
    Home,
    /// A section's pages.
    Section(SectionId),
    /// A term's pages: taxonomy index, term index.
    Term(usize, usize),
}

/// One Atom feed file of the site.
#[derive(Debug, Clone)]
pub struct FeedFile {
    /// Whose pages it holds.
    pub kind: FeedKind,
    /// Its site path, e.g. `/aktuelles/atom.xml`.
    pub url: String,
    /// The site path of the page it belongs to, e.g. `/aktuelles/`.
    pub page: String,
}

/// Every feed of the site: the home page's (unless `feeds: home: false`, or when its
/// `_index.md` asks), each section's that asks, and each term's of a taxonomy that asks.
pub fn feeds(
    settings: &crate::feed::settings::Settings,
    sections: &[Section],
    taxonomies: &[Taxonomy],
) -> Vec<FeedFile> {
    let name = settings.filename.as_str();
    let mut out = Vec::new();
    for (id, s) in sections.iter().enumerate() {
        let wanted = if id == super::HOME {
            settings.home || s.feed
        } else {
            s.feed
        };
        if wanted {
            let kind = if id == super::HOME {
                FeedKind::Home
            } else {
                FeedKind::Section(id)
            };
            out.push(FeedFile {
                kind,
                url: format!("{}{name}", s.url),
                page: s.url.clone(),
            });
        }
    }
    for (t, tax) in taxonomies.iter().enumerate().filter(|(_, t)| t.feed) {
        for (i, term) in tax.terms.iter().enumerate() {
            out.push(FeedFile {
                kind: FeedKind::Term(t, i),
                url: format!("{}{name}", term.url),
                page: term.url.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: usize, by: Option<usize>) -> List {
        List::new(ListKind::Taxonomy(0), "/a/", items, by, "seite")
    }

    #[test]
    fn pages_at_the_boundaries() {
        assert_eq!(list(0, Some(10)).urls, ["/a/"]);
        assert_eq!(list(1, Some(10)).urls, ["/a/"]);
        assert_eq!(list(10, Some(10)).urls, ["/a/"]);
        assert_eq!(list(11, Some(10)).urls, ["/a/", "/a/seite/2/"]);
        assert_eq!(list(11, None).urls, ["/a/"]);
        assert_eq!(list(11, None).first_alias, None);
        assert_eq!(
            list(11, Some(10)).first_alias.as_deref(),
            Some("/a/seite/1/")
        );
    }

    #[test]
    fn slices_cover_every_entry_once() {
        let l = list(23, Some(10));
        assert_eq!(l.slice(1), 0..10);
        assert_eq!(l.slice(3), 20..23);
        assert_eq!(list(0, Some(10)).slice(1), 0..0);
        assert_eq!(list(5, None).slice(1), 0..5);
    }
}
