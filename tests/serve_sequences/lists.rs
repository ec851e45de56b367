//! Lists in the random sequences: pages name terms of the taxonomy `tags`, the section
//! `projekte` is paginated or not, has a feed or not and archives its expired pages
//! or not, the taxonomy's term pages are
//! paginated and have feeds or not, and `site.yaml`'s `feeds:` changes the limit and
//! the content. Term pages, list pages and feeds must follow every edit.

use super::Session;

/// The terms pages may name: two that collide would be an error, so none do.
const TERMS: [&str; 4] = ["MINT", "Übergänge", "Grundbildung", "Lernen vor Ort"];

/// How often each list edit is picked, by the numbers in [`Session::list_step`].
pub const LIST_WEIGHTS: [u64; 5] = [8, 4, 3, 2, 6];

/// The settings of the lists, as the test keeps them.
#[derive(Debug, Default)]
pub struct Lists {
    /// `paginate_by` of `projekte/_index.md`.
    pub projects_paginate_by: Option<usize>,
    /// `feed:` of `projekte/_index.md`.
    pub projects_feed: bool,
    /// `expired: archive` in `projekte/_index.md`: its pages with a past `expiry_date`
    /// are archived instead of left out.
    pub projects_archive: bool,
    /// `paginate_by` of the taxonomy `tags`.
    pub tags_paginate_by: Option<usize>,
    /// `feed:` of the taxonomy `tags`.
    pub tags_feed: bool,
    /// `feeds:` in `site.yaml`: the limit, and whether feeds hold whole pages.
    pub feeds: Option<(usize, bool)>,
}

impl Lists {
    /// `projekte/_index.md` titled `title`.
    pub fn projects_index(&self, title: &str) -> String {
        let mut t = format!("---\ntitle: {title}\n");
        if let Some(n) = self.projects_paginate_by {
            t.push_str(&format!("paginate_by: {n}\n"));
        }
        if self.projects_feed {
            t.push_str("feed: true\n");
        }
        if self.projects_archive {
            t.push_str("expired: archive\n");
        }
        t.push_str("---\nAlle Projekte.\n");
        t
    }

    /// The `taxonomies:` line of `site.yaml`.
    fn taxonomies_line(&self) -> String {
        let mut t = String::from("taxonomies: [{name: tags");
        if let Some(n) = self.tags_paginate_by {
            t.push_str(&format!(", paginate_by: {n}"));
        }
        if self.tags_feed {
            t.push_str(", feed: true");
        }
        t.push_str("}]");
        t
    }

    /// The `feeds:` line of `site.yaml`, if any.
    fn feeds_line(&self) -> Option<String> {
        self.feeds.map(|(limit, full)| {
            let content = if full { "full" } else { "summary" };
            format!("feeds: {{limit: {limit}, content: {content}}}")
        })
    }
}

impl Session {
    /// One list edit (`kind` by [`LIST_WEIGHTS`]); `n` is the step's fresh number.
    pub fn list_step(&mut self, kind: usize, n: usize) -> String {
        match kind {
            0 => {
                let i = self.rng.below(self.pages.len());
                let count = self.rng.below(3);
                let mut terms: Vec<String> = Vec::new();
                for _ in 0..count {
                    let t = TERMS[self.rng.below(TERMS.len())].to_string();
                    if !terms.contains(&t) {
                        terms.push(t);
                    }
                }
                self.pages[i].terms = terms.clone();
                self.write(i);
                format!("{} names the terms {terms:?}", self.pages[i].rel)
            }
            1 => {
                let sizes = [None, Some(1), Some(2), Some(3)];
                self.lists.projects_paginate_by = sizes[self.rng.below(sizes.len())];
                self.lists.projects_feed = self.rng.chance(50);
                self.lists.projects_archive = self.rng.chance(50);
                let path = "content/projekte/_index.md".to_string();
                let text = self.lists.projects_index(&format!("Projekte {n}"));
                self.p.sandbox.write(&path, &text);
                self.written.push(path);
                let l = &self.lists;
                format!(
                    "projekte paginated by {:?}, feed {}, archive {}",
                    l.projects_paginate_by, l.projects_feed, l.projects_archive
                )
            }
            2 => {
                let sizes = [None, Some(1), Some(2)];
                self.lists.tags_paginate_by = sizes[self.rng.below(sizes.len())];
                self.lists.tags_feed = self.rng.chance(50);
                self.write_config();
                format!(
                    "tags paginated by {:?}, feed {}",
                    self.lists.tags_paginate_by, self.lists.tags_feed
                )
            }
            4 => {
                // A page in lists gets a new title or date: every list it is in moves.
                let tagged: Vec<usize> = (0..self.pages.len())
                    .filter(|&i| !self.pages[i].terms.is_empty())
                    .collect();
                if tagged.is_empty() {
                    return "nothing (no page with terms)".into();
                }
                let i = tagged[self.rng.below(tagged.len())];
                if self.rng.chance(50) {
                    self.pages[i].title =
                        format!("{} Seite {n}", ["A", "M", "Z"][self.rng.below(3)]);
                } else {
                    self.pages[i].date = Some(format!(
                        "2026-0{}-1{}",
                        1 + self.rng.below(9),
                        self.rng.below(10)
                    ));
                }
                self.write(i);
                format!("{} retitled or redated in its lists", self.pages[i].rel)
            }
            _ => {
                self.lists.feeds = if self.rng.chance(30) {
                    None
                } else {
                    Some((1 + self.rng.below(3), self.rng.chance(50)))
                };
                self.write_config();
                format!("feeds {:?}", self.lists.feeds)
            }
        }
    }

    /// Writes `site.yaml` with the lists' lines, every other line as it is.
    fn write_config(&mut self) {
        let config = self.p.sandbox.read("site.yaml");
        let mut out = String::new();
        for line in config.lines() {
            if line.starts_with("feeds:") {
                continue;
            }
            if line.starts_with("taxonomies:") {
                out.push_str(&self.lists.taxonomies_line());
                out.push('\n');
                if let Some(feeds) = self.lists.feeds_line() {
                    out.push_str(&feeds);
                    out.push('\n');
                }
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        self.p.sandbox.write("site.yaml", &out);
        self.written.push("site.yaml".into());
    }
}
