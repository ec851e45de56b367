//! The edits of the random sequences: a small fixed random generator, the pages as
//! the test keeps them, and one random edit per step, keeping the site valid as an
//! editor would, except for deliberate mistakes that the next step repairs.

use super::Session;
use super::lists::LIST_WEIGHTS;
use super::typed::{Person, TYPED_WEIGHTS};

/// SplitMix64: a small, fixed generator, so a failing seed can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One page as the test keeps it; its file is written from this.
#[derive(Clone, Debug)]
pub struct Page {
    pub rel: String,
    pub title: String,
    pub weight: Option<i64>,
    pub date: Option<String>,
    pub slug: Option<String>,
    /// The page is not built: a draft, or left out by its dates (see `hidden_by`).
    pub draft: bool,
    /// How a page that is not built is left out: 0 `draft: true`, 1 a `publish_date`
    /// still to come, 2 an `expiry_date` that has passed (both far from any clock).
    pub hidden_by: u8,
    /// A built page carries a `publish_date` that has passed.
    pub published_since: bool,
    pub paragraphs: Vec<String>,
    pub headings: Vec<String>,
    /// `@/` link targets, with an anchor or not.
    pub links: Vec<String>,
    /// Root-relative link targets (`/projekte/a/#teil-1`, `/alt-5/`, `/datei-3.pdf`).
    pub site_links: Vec<String>,
    /// Old site paths that redirect here.
    pub aliases: Vec<String>,
    /// The file holds broken front matter until the page is written again.
    pub broken: bool,
    /// The typed fields of a page in `personen/` (see `typed.rs`).
    pub person: Option<Person>,
    /// Terms of the taxonomy `tags` (see `lists.rs`).
    pub terms: Vec<String>,
}

impl Page {
    pub fn new(rel: &str, n: usize) -> Page {
        Page {
            rel: rel.to_string(),
            title: format!("Seite {n}"),
            weight: None,
            date: None,
            slug: None,
            draft: false,
            hidden_by: 0,
            published_since: false,
            paragraphs: match n % 2 {
                // Long enough (over 1 KiB of HTML) for the preview to share the page's
                // HTML with its value instead of copying it into the file.
                0 => vec![format!("Langer Text der Seite {n}. ").repeat(50)],
                _ => vec![format!("Text der Seite {n}.")],
            },
            headings: Vec::new(),
            links: Vec::new(),
            site_links: Vec::new(),
            aliases: Vec::new(),
            broken: false,
            person: None,
            terms: Vec::new(),
        }
    }

    pub fn text(&self) -> String {
        let mut t = format!("---\ntitle: \"{}\"\n", self.title);
        if let Some(w) = self.weight {
            t.push_str(&format!("weight: {w}\n"));
        }
        if let Some(d) = &self.date {
            t.push_str(&format!("date: {d}\n"));
        }
        if let Some(s) = &self.slug {
            t.push_str(&format!("slug: {s}\n"));
        }
        if !self.aliases.is_empty() {
            t.push_str(&format!("aliases: [{}]\n", self.aliases.join(", ")));
        }
        match (self.draft, self.hidden_by) {
            (true, 1) => t.push_str("publish_date: 9000-01-01\n"),
            (true, 2) => t.push_str("expiry_date: 2000-01-01\n"),
            (true, _) => t.push_str("draft: true\n"),
            (false, _) if self.published_since => t.push_str("publish_date: 2000-01-01\n"),
            (false, _) => {}
        }
        if !self.terms.is_empty() {
            t.push_str(&format!("tags: [{}]\n", self.terms.join(", ")));
        }
        if let Some(person) = &self.person {
            t.push_str(&person.front_matter());
        }
        t.push_str("---\n");
        for p in &self.paragraphs {
            t.push_str(&format!("{p}\n\n"));
        }
        for h in &self.headings {
            t.push_str(&format!("## {h}\n\nMehr dazu.\n\n"));
        }
        for l in &self.links {
            t.push_str(&format!("- [Verweis](@/{l})\n"));
        }
        for l in &self.site_links {
            t.push_str(&format!("- [Adresse]({l})\n"));
        }
        t
    }
}

pub const FOLDERS: [&str; 4] = ["", "projekte", "aktuelles", "team/leitung"];

/// The page that is never deleted or moved, so templates can name it.
pub const STABLE: &str = "projekte/a.md";

pub const PAGE_TEMPLATES: [&str; 8] = [
    "",
    "<p class=\"liste\">{% set s = get_section(path=\"projekte\") %}{% for q in s.pages %}{{ q.title }}; {% endfor %}</p>",
    "<p class=\"ziel\"><a href=\"{{ url(path='@/projekte/a.md') }}\">A</a></p>",
    // Values a build leaves out while no template reads them (`template_reads.rs`).
    "<p class=\"inhalt\">{% for h in page.toc %}{{ h.title }}; {% endfor %}</p>",
    "<p class=\"woerter\">{{ page.word_count }} Wörter, {{ page.reading_time }} min</p>",
    "<p class=\"texte\">{% set s = get_section(path=\"projekte\") %}{% for q in s.pages %}{{ q.content | length }}; {% endfor %}</p>",
    // The page's HTML written a second time, and through a variable: shared pieces both.
    "<div class=\"noch\">{{ page.content | safe }}</div>",
    "{% set c = page.content %}<div class=\"wieder\">{{ c | safe }}</div>",
];

/// How often each kind of edit is picked (out of the sum), by the numbers in `step`.
/// Links, headings, titles and slugs are frequent, so that pages often depend on each
/// other and lists change order; drafts too, as they stand for pages left out by their
/// dates as well.
const WEIGHTS: [u64; 24] = [
    5, 8, 5, 10, 3, 6, 4, 3, 8, 7, 4, 3, 3, 2, 5, 2, 2, 3, 4, 2, 2, 2, 2, 8,
];

/// The heading id lernort gives `Teil 5`.
pub fn anchor(heading: &str) -> String {
    heading.to_lowercase().replace(' ', "-")
}

impl Session {
    fn pick(&mut self) -> usize {
        self.rng.below(self.pages.len())
    }

    /// Whether `target` (a content path, maybe with `#anchor`) is a built page that has
    /// the anchor.
    fn holds(&self, target: &str) -> bool {
        let (rel, anchor_id) = match target.split_once('#') {
            Some((rel, a)) => (rel, Some(a)),
            None => (target, None),
        };
        let file = anchor_id.is_none() && self.files.iter().any(|f| f == rel);
        file || self.pages.iter().any(|p| {
            p.rel == rel
                && !p.draft
                && anchor_id.is_none_or(|a| p.headings.iter().any(|h| anchor(h) == a))
        })
    }

    /// Removes the links that no longer hold, as an editor would after moving or
    /// deleting a page or a heading, and writes the pages that changed.
    fn repair(&mut self) {
        // Files a deliberate mistake named before they existed.
        for (file, text) in std::mem::take(&mut self.pending) {
            let path = format!("content/{file}");
            self.p.sandbox.write(&path, &text);
            self.written.push(path);
            self.files.push(file);
        }
        for i in 0..self.pages.len() {
            let person_changed = self.repair_person(i);
            let before = self.pages[i].links.len() + self.pages[i].site_links.len();
            let links = std::mem::take(&mut self.pages[i].links);
            let kept: Vec<String> = links.into_iter().filter(|l| self.holds(l)).collect();
            self.pages[i].links = kept;
            let links = std::mem::take(&mut self.pages[i].site_links);
            let kept: Vec<String> = links.into_iter().filter(|l| self.holds_site(l)).collect();
            self.pages[i].site_links = kept;
            let after = self.pages[i].links.len() + self.pages[i].site_links.len();
            if after != before || self.pages[i].broken || person_changed {
                self.write(i);
            }
        }
    }

    /// While the site is broken on purpose, only the text of another page changes (the
    /// preview's quickest path, when the files still parse): the build must still fail
    /// with the same problem, and no earlier good site may take the edit in place.
    /// The mistake stays for the next step to repair; `None` when no page may be edited.
    fn edit_while_broken(&mut self) -> Option<String> {
        let fine: Vec<usize> = (0..self.pages.len())
            .filter(|&j| !self.pages[j].broken)
            .collect();
        let i = *fine.get(self.rng.below(fine.len().max(1)))?;
        let n = self.next;
        self.next += 1;
        self.pages[i].paragraphs.push(format!("Absatz {n}."));
        self.write(i);
        Some(format!(
            "a paragraph in {} while the site is broken",
            self.pages[i].rel
        ))
    }

    /// A link target that holds: another built page, often with one of its headings.
    fn target(&mut self, from: usize) -> Option<String> {
        let candidates: Vec<usize> = (0..self.pages.len())
            .filter(|&j| j != from && !self.pages[j].draft)
            .collect();
        let page = &self.pages[*candidates.get(self.rng.below(candidates.len().max(1)))?];
        let (rel, headings) = (page.rel.clone(), page.headings.clone());
        if headings.is_empty() || self.rng.chance(25) {
            return Some(rel);
        }
        let h = &headings[self.rng.below(headings.len())];
        Some(format!("{rel}#{}", anchor(h)))
    }

    /// Moves page `i` to the content path `to` (a folder that may not exist yet); the
    /// links and references to it follow, as an editor would make them.
    pub fn move_page(&mut self, i: usize, to: &str) {
        let rel = self.pages[i].rel.clone();
        let (from_path, to_path) = (format!("content/{rel}"), format!("content/{to}"));
        let dir = self.p.sandbox.path(&to_path);
        std::fs::create_dir_all(dir.parent().expect("parent")).expect("mkdir");
        self.p.sandbox.rename(&from_path, &to_path);
        self.written.extend([from_path, to_path]);
        // Links to the old path are now dangling: point them at the new one.
        let mut follow = vec![false; self.pages.len()];
        for (j, p) in self.pages.iter_mut().enumerate() {
            for l in &mut p.links {
                if l == &rel || l.starts_with(&format!("{rel}#")) {
                    *l = l.replacen(&rel, to, 1);
                    follow[j] = true;
                }
            }
            if let Some(c) = p.person.as_mut().and_then(|p| p.contact.as_mut())
                && *c == rel
            {
                *c = to.to_string();
                follow[j] = true;
            }
        }
        self.pages[i].rel = to.to_string();
        for (j, follows) in follow.into_iter().enumerate() {
            if follows && j != i {
                self.write(j);
            }
        }
    }

    /// An edit kind, by [`WEIGHTS`] and then [`TYPED_WEIGHTS`] (`typed_boost` times
    /// those), which come after the others, from `WEIGHTS.len()` on.
    fn kind(&mut self) -> usize {
        let boost = self.typed_boost;
        let typed = TYPED_WEIGHTS.map(|w| w * boost);
        let lists = LIST_WEIGHTS.map(|w| w * self.list_boost);
        let weights = || WEIGHTS.iter().chain(&typed).chain(&lists);
        let total: u64 = weights().sum();
        let mut roll = self.rng.next() % total;
        for (kind, w) in weights().enumerate() {
            if roll < *w {
                return kind;
            }
            roll -= w;
        }
        0
    }

    /// Applies one random edit (or repairs what the last one broke on purpose) and
    /// returns what it did. Edits that may leave links dangling repair them at once.
    pub fn step(&mut self) -> String {
        self.written.clear();
        if self.broken
            && !std::mem::replace(&mut self.edited_while_broken, true)
            && self.rng.chance(40)
            && let Some(what) = self.edit_while_broken()
        {
            return what;
        }
        self.edited_while_broken = false;
        self.expect.clear();
        if std::mem::take(&mut self.broken) {
            self.repair();
            return "repairing".into();
        }
        let i = self.pick();
        let rel = self.pages[i].rel.clone();
        let n = self.next;
        self.next += 1;
        let stable = rel == STABLE;
        let what = match self.kind() {
            0 => {
                self.pages[i].paragraphs.push(format!("Absatz {n}."));
                self.write(i);
                format!("a paragraph in {rel}")
            }
            1 => {
                self.pages[i].headings.push(format!("Teil {n}"));
                self.write(i);
                format!("a heading in {rel}")
            }
            2 if !self.pages[i].headings.is_empty() => {
                let k = self.rng.below(self.pages[i].headings.len());
                let h = self.pages[i].headings.remove(k);
                self.write(i);
                // Sometimes the links to it are left dangling on purpose: the preview
                // must notice that unchanged pages now link to a missing heading.
                let target = format!("{rel}#{}", anchor(&h));
                let linked = self.pages.iter().any(|p| p.links.contains(&target));
                if linked && self.rng.chance(50) {
                    self.broken = true;
                    return format!("heading {h:?} removed from {rel}, links to it kept");
                }
                format!("heading {h:?} removed from {rel}")
            }
            3 => match self.target(i) {
                Some(target) => {
                    self.pages[i].links.push(target.clone());
                    self.write(i);
                    format!("a link from {rel} to {target}")
                }
                None => "nothing (no page to link)".into(),
            },
            4 if !self.pages[i].links.is_empty() => {
                self.pages[i].links.pop();
                self.write(i);
                format!("the last link of {rel} removed")
            }
            5 => {
                // Titles that sort before and after the others.
                let prefix = ["Anfang", "Mitte", "Zuletzt"][self.rng.below(3)];
                self.pages[i].title = format!("{prefix} {n}");
                self.write(i);
                format!("{rel} retitled {:?}", self.pages[i].title)
            }
            6 => {
                self.pages[i].weight = self.rng.chance(70).then_some((n % 5) as i64);
                self.write(i);
                format!("{rel} weighted {:?}", self.pages[i].weight)
            }
            7 => {
                self.pages[i].date = self
                    .rng
                    .chance(70)
                    .then(|| format!("2024-0{}-1{}", 1 + n % 9, n % 10));
                self.write(i);
                format!("{rel} dated {:?}", self.pages[i].date)
            }
            8 => {
                self.pages[i].slug = self.rng.chance(60).then(|| format!("kurz-{n}"));
                self.write(i);
                format!("{rel} slug {:?}", self.pages[i].slug)
            }
            9 if !stable => {
                let page = &mut self.pages[i];
                page.draft = !page.draft;
                if page.draft {
                    page.hidden_by = self.rng.below(3) as u8;
                } else {
                    page.published_since = self.rng.chance(30);
                }
                self.write(i);
                let page = &self.pages[i];
                format!(
                    "{rel} draft {} (hidden by {}, published since {})",
                    page.draft, page.hidden_by, page.published_since
                )
            }
            10 if self.pages.len() < 8 => {
                let folder = FOLDERS[self.rng.below(FOLDERS.len())];
                let rel = if folder.is_empty() {
                    format!("neu-{n}.md")
                } else {
                    format!("{folder}/neu-{n}.md")
                };
                self.pages.push(Page::new(&rel, n));
                self.write(self.pages.len() - 1);
                format!("{rel} added")
            }
            11 if self.pages.len() > 2 && !stable => {
                let page = self.pages.remove(i);
                let path = format!("content/{}", page.rel);
                self.p.sandbox.remove(&path);
                self.written.push(path);
                format!("{rel} deleted")
            }
            // A bundle's `index.md` stays in its folder (elsewhere it would make a
            // bundle of another folder, which is a mistake this test does not make).
            12 if !stable && !rel.ends_with("/index.md") && self.pages[i].person.is_none() => {
                let folder = FOLDERS[self.rng.below(FOLDERS.len())];
                let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
                let to = if folder.is_empty() {
                    name
                } else {
                    format!("{folder}/{name}")
                };
                if self.pages.iter().any(|p| p.rel == to) {
                    return "nothing (the move target exists)".into();
                }
                self.move_page(i, &to);
                format!("{rel} moved to {to}")
            }
            13 => {
                let title = format!("Projekte {n}");
                let path = "content/projekte/_index.md".to_string();
                let text = self.lists.projects_index(&title);
                self.p.sandbox.write(&path, &text);
                self.written.push(path);
                format!("the section retitled {title}")
            }
            14 => {
                let extra = PAGE_TEMPLATES[self.rng.below(PAGE_TEMPLATES.len())];
                let text = self
                    .template
                    .replace("</article>", &format!("{extra}</article>"));
                let path = "themes/test/templates/page.html".to_string();
                self.p.sandbox.write(&path, &text);
                self.written.push(path);
                format!("page.html with {extra:?}")
            }
            15 => {
                self.pages[i].broken = true;
                self.broken = true;
                let path = format!("content/{rel}");
                self.p
                    .sandbox
                    .write(&path, "---\ntitle: \"kaputt\n---\nText\n");
                self.written.push(path);
                format!("{rel} front matter broken")
            }
            // A new page with the mistake: the preview's full rebuild fails after a
            // clean load, and must not leave an older site for the next edit.
            16 if self.pages.len() < 8 && self.rng.chance(40) => {
                let rel = format!("projekte/neu-{n}.md");
                let mut page = Page::new(&rel, n);
                page.links.push(format!("{STABLE}#gibt-es-nicht"));
                self.pages.push(page);
                self.broken = true;
                self.write(self.pages.len() - 1);
                format!("{rel} added with a dead anchor")
            }
            16 => {
                self.pages[i].links.push(format!("{STABLE}#gibt-es-nicht"));
                self.broken = true;
                self.write(i);
                format!("a dead anchor in {rel}")
            }
            17 => {
                if self.pages[i].aliases.is_empty() {
                    self.pages[i].aliases.push(format!("/alt-{n}/"));
                } else {
                    self.pages[i].aliases.clear();
                }
                self.write(i);
                format!("{rel} aliases {:?}", self.pages[i].aliases)
            }
            18 if self.files.is_empty() || self.rng.chance(60) => {
                // A download of some size, linked from a page (the link shows the size).
                let folder = FOLDERS[self.rng.below(FOLDERS.len())];
                let file = if folder.is_empty() {
                    format!("datei-{n}.pdf")
                } else {
                    format!("{folder}/datei-{n}.pdf")
                };
                let path = format!("content/{file}");
                self.p.sandbox.write(&path, &"%".repeat(1 + n * 37 % 3000));
                self.written.push(path);
                self.files.push(file.clone());
                self.pages[i].links.push(file.clone());
                self.write(i);
                format!("{file} added, linked from {rel}")
            }
            18 => {
                let k = self.rng.below(self.files.len());
                let file = self.files.remove(k);
                let path = format!("content/{file}");
                self.p.sandbox.remove(&path);
                self.written.push(path);
                format!("{file} deleted")
            }
            19 => {
                // A whole folder renamed; the editor fixes the links into it.
                let from = ["aktuelles", "team"][self.rng.below(2)];
                if !self.p.sandbox.path(&format!("content/{from}")).is_dir() {
                    return format!("nothing (no folder {from})");
                }
                let to = format!("{from}-{n}");
                let (from_path, to_path) = (format!("content/{from}"), format!("content/{to}"));
                self.p.sandbox.rename(&from_path, &to_path);
                // The old name is reported only if something in it was an input (the
                // folder may hold nothing but empty folders by now).
                self.written.push(to_path);
                let moved = |rel: &str| {
                    rel.strip_prefix(&format!("{from}/"))
                        .map(|rest| format!("{to}/{rest}"))
                };
                for f in &mut self.files {
                    if let Some(new) = moved(f) {
                        *f = new;
                    }
                }
                for p in &mut self.pages {
                    if let Some(new) = moved(&p.rel) {
                        p.rel = new;
                    }
                }
                for j in 0..self.pages.len() {
                    let mut changed = false;
                    for l in &mut self.pages[j].links {
                        if let Some(new) = moved(l) {
                            *l = new;
                            changed = true;
                        }
                    }
                    if let Some(c) = self.pages[j]
                        .person
                        .as_mut()
                        .and_then(|p| p.contact.as_mut())
                        && let Some(new) = moved(c)
                    {
                        *c = new;
                        changed = true;
                    }
                    if changed {
                        self.write(j);
                    }
                }
                format!("content/{from} renamed to content/{to}")
            }
            21 => {
                // A section's own page comes and goes; its pages stay.
                let path = "content/aktuelles/_index.md".to_string();
                let what = if self.p.sandbox.path(&path).exists() {
                    self.p.sandbox.remove(&path);
                    "removed"
                } else {
                    let text = format!("---\ntitle: Aktuelles {n}\n---\nNeues.\n");
                    self.p.sandbox.write(&path, &text);
                    "written"
                };
                self.written.push(path);
                format!("content/aktuelles/_index.md {what}")
            }
            22 => {
                // A page bundle: a folder with its `index.md` and a file of its own.
                let rel = format!("projekte/buendel-{n}/index.md");
                let file = format!("projekte/buendel-{n}/bild-{n}.txt");
                let path = format!("content/{file}");
                self.p.sandbox.write(&path, "Bild");
                self.written.push(path);
                self.files.push(file);
                self.pages.push(Page::new(&rel, n));
                self.write(self.pages.len() - 1);
                format!("the bundle {rel} added")
            }
            20 => {
                // A new title, and the language by the number's parity: about half of
                // these edits switch between German and English words and dates.
                let language = if n.is_multiple_of(2) { "en" } else { "de" };
                let config = self.p.sandbox.read("site.yaml");
                let config: String = config
                    .lines()
                    .map(|l| {
                        if l.starts_with("title:") {
                            format!("title: KBM Test {n}\n")
                        } else if l.starts_with("language:") {
                            format!("language: {language}\n")
                        } else {
                            format!("{l}\n")
                        }
                    })
                    .collect();
                self.p.sandbox.write("site.yaml", &config);
                self.written.push("site.yaml".into());
                format!("site.yaml titled {n}, language {language}")
            }
            23 if self.rng.chance(15) => {
                // A dead address on purpose: the preview must show the build's error.
                self.pages[i].site_links.push("/gibt-es-nicht/".into());
                self.broken = true;
                self.write(i);
                format!("a dead root-relative link in {rel}")
            }
            23 => match self.site_target(i) {
                Some(target) => {
                    self.pages[i].site_links.push(target.clone());
                    self.write(i);
                    format!("a root-relative link from {rel} to {target}")
                }
                None => "nothing (no page to link)".into(),
            },
            k if k >= WEIGHTS.len() + TYPED_WEIGHTS.len() => {
                self.list_step(k - WEIGHTS.len() - TYPED_WEIGHTS.len(), n)
            }
            k if k >= WEIGHTS.len() => self.typed_step(k - WEIGHTS.len(), n),
            _ => {
                self.pages[i]
                    .paragraphs
                    .push(format!("Noch ein Absatz {n}."));
                self.write(i);
                format!("another paragraph in {rel}")
            }
        };
        if !self.broken {
            self.repair();
        }
        what
    }
}
