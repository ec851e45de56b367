//! Typed content in the random sequences: `site.yaml` declares the types `person` and
//! `mitarbeiter` (a required text, an optional mail address, an enum with a default, a
//! page reference, an optional image with its alt text), `personen/_index.md` names one
//! of them as its `page_type`, and the templates print `page.fields` (the referenced
//! page's title through `get_page`, the image, every field with its default or `null`),
//! and the section lists its people's fields.
//!
//! The edits change field values, leave optional fields out, point the reference at
//! another page or move and retitle the page it names, add and remove images and their
//! alt texts, change the types in `site.yaml`, the section's `page_type` and a page's own
//! `type`; and make deliberate mistakes (a required field left out, a wrong value, a
//! reference to a missing page or file, an alt text missing) that the error overlay must
//! name by the page's file and line.

use super::Session;
use super::edits::Page;

/// The folder of the typed pages. No other page moves in, and no typed page moves out.
pub const PEOPLE: &str = "personen";

/// The section's own page, which names the type.
pub const PEOPLE_INDEX: &str = "content/personen/_index.md";

/// The two sets of values the enum `level` may have, each with its default.
const LEVELS: [(&[&str], &str); 2] = [
    (&["junior", "senior", "chef"], "junior"),
    (&["neu", "junior", "senior"], "neu"),
];

/// The type names `personen/_index.md` or a page may name.
const TYPES: [&str; 2] = ["person", "mitarbeiter"];

/// Printed by `page.html` for typed pages (all others have `page.fields` null).
pub const FIELDS_TEMPLATE: &str = r#"{% if page.fields %}<dl class="felder">
<dt>Typ</dt><dd>{{ page.type }}</dd>
<dt>Rolle</dt><dd>{{ page.fields.role }}</dd>
<dt>E-Mail</dt><dd>{% if page.fields.email %}<a href="mailto:{{ page.fields.email }}">{{ page.fields.email }}</a>{% else %}(keine Adresse){% endif %}</dd>
<dt>Stufe</dt><dd>{{ page.fields.level }}</dd>
<dt>Kontakt</dt><dd>{% if page.fields.contact %}{% set c = get_page(path=page.fields.contact) %}<a href="{{ c.url }}">{{ c.title }}</a>{% else %}(niemand){% endif %}</dd>
<dt>Foto</dt><dd>{% if page.fields.photo %}<img src="{{ page.fields.photo.src }}" alt="{{ page.fields.photo.alt }}">{% else %}(kein Foto){% endif %}</dd>
<dt>Felder</dt><dd>{% for k, v in page.fields %}{{ k }}={% if v is none %}null{% else %}{{ v }}{% endif %}; {% endfor %}</dd>
</dl>{% endif %}"#;

/// The section template of `personen/`: every person's fields, so that the section
/// page shows what each of its pages' fields became.
pub const SECTION_TEMPLATE: &str = r#"{% extends "base.html" %}
{% block content %}<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ol class="personen">{% for p in section.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a>: {{ p.fields.role }} ({{ p.type }}, {{ p.fields.level }}){% if p.fields.photo %} <img src="{{ p.fields.photo.src }}" alt="{{ p.fields.photo.alt }}">{% endif %}{% if p.fields.contact %} → {{ p.fields.contact }}{% endif %}</li>{% endfor %}</ol>
{% endblock content %}
"#;

/// The fields of one typed page, as the test keeps them.
#[derive(Clone, Debug)]
pub struct Person {
    /// The page's own `type:` (else the section's `page_type`).
    pub own_type: Option<&'static str>,
    /// Required.
    pub role: String,
    pub email: Option<String>,
    /// Left out: the enum's default.
    pub level: Option<String>,
    /// A page's content path.
    pub contact: Option<String>,
    /// As written: next to the page (`bild-5.svg`) or from `content/` (`@/projekte/…`).
    pub photo: Option<String>,
    pub photo_alt: Option<String>,
    /// Only while `site.yaml` declares `note`.
    pub note: Option<String>,
}

impl Person {
    pub fn new(n: usize) -> Person {
        Person {
            own_type: None,
            role: format!("Rolle {n}"),
            email: Some(format!("person-{n}@example.org")),
            level: None,
            contact: None,
            photo: None,
            photo_alt: None,
            note: None,
        }
    }

    /// Its front matter lines, after lernort's own keys.
    pub fn front_matter(&self) -> String {
        let mut t = String::new();
        let mut line = |key: &str, value: &Option<String>| {
            match value {
                // `@` cannot start a plain YAML value.
                Some(v) if v.starts_with('@') => t.push_str(&format!("{key}: \"{v}\"\n")),
                Some(v) => t.push_str(&format!("{key}: {v}\n")),
                None => {}
            }
        };
        line("type", &self.own_type.map(str::to_string));
        line("role", &Some(self.role.clone()));
        line("email", &self.email);
        line("level", &self.level);
        line("contact", &self.contact);
        line("photo", &self.photo);
        line("photo_alt", &self.photo_alt);
        line("note", &self.note);
        t
    }
}

/// The `types:` of `site.yaml` as the test keeps them, and the section's type.
#[derive(Clone, Debug)]
pub struct Types {
    pub email_required: bool,
    /// Which of [`LEVELS`].
    pub levels: usize,
    /// Whether the optional field `note` is declared.
    pub note: bool,
    /// The `page_type` of `personen/_index.md`.
    pub section_type: &'static str,
    /// The section's title.
    pub section_title: String,
}

impl Default for Types {
    fn default() -> Types {
        Types {
            email_required: false,
            levels: 0,
            note: false,
            section_type: TYPES[0],
            section_title: "Personen".into(),
        }
    }
}

impl Types {
    /// The `types:` block, the last thing in `site.yaml`.
    pub fn yaml(&self) -> String {
        let (values, default) = LEVELS[self.levels];
        let mut fields = format!(
            "      role: {{type: string, required: true}}\n      email: {{type: email, required: {}}}\n      level: {{type: enum, values: [{}], default: {default}}}\n      contact: {{type: page}}\n      photo: {{type: image}}\n",
            self.email_required,
            values.join(", ")
        );
        if self.note {
            fields.push_str("      note: {type: string}\n");
        }
        // The second type has the same fields and one with a default of its own, so
        // the same page gives other fields when its type changes.
        format!(
            "types:\n  person:\n    fields:\n{fields}  mitarbeiter:\n    fields:\n{fields}      since: {{type: integer, default: 2020}}\n"
        )
    }

    fn levels(&self) -> &'static [&'static str] {
        LEVELS[self.levels].0
    }

    /// `personen/_index.md`.
    pub fn section_index(&self) -> String {
        format!(
            "---\ntitle: {}\npage_type: {}\ntemplate: personen.html\n---\nWer bei uns arbeitet.\n",
            self.section_title, self.section_type
        )
    }

    /// Whether the declared types accept `p` (references aside): the lines of the
    /// fields they do not, for the error's place.
    fn refuses(&self, p: &Person) -> Vec<&'static str> {
        let mut keys = Vec::new();
        if self.email_required && p.email.is_none() {
            keys.push("");
        }
        if p.level
            .as_deref()
            .is_some_and(|l| !self.levels().contains(&l))
        {
            keys.push("level");
        }
        if p.note.is_some() && !self.note {
            keys.push("note");
        }
        keys
    }
}

/// The 1-based line of the front matter key `key` in `text`; a missing field (`""`) is
/// reported at the front matter's first line, the `---`.
fn line_of(text: &str, key: &str) -> usize {
    if key.is_empty() {
        return 1;
    }
    let prefix = format!("{key}:");
    text.lines()
        .position(|l| l.starts_with(&prefix))
        .map_or(1, |i| i + 1)
}

/// `text` with the line of `key` replaced by `line` (removed when `None`; added after
/// `role` when the key is not there).
fn with_line(text: &str, key: &str, line: Option<&str>) -> String {
    let prefix = format!("{key}:");
    let present = text.lines().any(|l| l.starts_with(&prefix));
    let mut out = String::new();
    for l in text.lines() {
        let new = line.filter(|_| !present && l.starts_with("role:"));
        if !l.starts_with(&prefix) {
            out.push_str(l);
            out.push('\n');
        }
        if let Some(new) = line.filter(|_| l.starts_with(&prefix)).or(new) {
            out.push_str(new);
            out.push('\n');
        }
    }
    out
}

/// How often each typed edit is picked, by the numbers in `typed_step`.
pub const TYPED_WEIGHTS: [u64; 10] = [6, 4, 5, 4, 4, 5, 4, 2, 2, 2];

impl Session {
    /// The typed pages, by index, drafts too.
    fn people(&self) -> Vec<usize> {
        (0..self.pages.len())
            .filter(|&i| self.pages[i].person.is_some())
            .collect()
    }

    /// A random typed page, if there is one (`built`: only one that is not a draft, so
    /// that its fields are checked).
    fn pick_person(&mut self, built: bool) -> Option<usize> {
        let people: Vec<usize> = self
            .people()
            .into_iter()
            .filter(|&i| !built || !self.pages[i].draft)
            .collect();
        (!people.is_empty()).then(|| people[self.rng.below(people.len())])
    }

    fn person(&mut self, i: usize) -> &mut Person {
        self.pages[i].person.as_mut().expect("a typed page")
    }

    /// Whether a page reference to `rel` holds: a built page.
    pub fn page_holds(&self, rel: &str) -> bool {
        self.pages.iter().any(|p| p.rel == rel && !p.draft)
    }

    /// Whether the image `photo` of a page in [`PEOPLE`] exists and is published (a
    /// draft bundle's files are not).
    pub fn photo_holds(&self, photo: &str) -> bool {
        let rel = match photo.strip_prefix("@/") {
            Some(rel) => rel.to_string(),
            None => format!("{PEOPLE}/{photo}"),
        };
        let bundle_drafted = rel.rsplit_once('/').is_some_and(|(dir, _)| {
            self.pages
                .iter()
                .any(|p| p.draft && p.rel == format!("{dir}/index.md"))
        });
        self.files.contains(&rel) && !bundle_drafted
    }

    /// Clears references and images that no longer hold, as an editor would; whether
    /// page `i` changed.
    pub fn repair_person(&mut self, i: usize) -> bool {
        let Some(p) = self.pages[i].person.clone() else {
            return false;
        };
        let mut fixed = p.clone();
        if fixed
            .contact
            .as_deref()
            .is_some_and(|c| !self.page_holds(c))
        {
            fixed.contact = None;
        }
        if fixed.photo.as_deref().is_some_and(|f| !self.photo_holds(f)) {
            fixed.photo = None;
            fixed.photo_alt = None;
        }
        let changed = fixed.contact != p.contact || fixed.photo != p.photo;
        self.pages[i].person = Some(fixed);
        changed
    }

    /// Writes `text` to page `i` as a deliberate mistake that the preview must show at
    /// `line` of the page's file; the model keeps the page as it should be, and the
    /// next step writes it.
    fn write_broken(&mut self, i: usize, text: &str, line: usize) {
        let path = format!("content/{}", self.pages[i].rel);
        self.p.sandbox.write(&path, text);
        self.expect.push(format!("{path}:{line}:"));
        self.written.push(path);
        self.pages[i].broken = true;
        self.broken = true;
    }

    /// One typed edit (`kind` by [`TYPED_WEIGHTS`]); `n` is the step's fresh number.
    pub fn typed_step(&mut self, kind: usize, n: usize) -> String {
        if kind == 9 || self.people().is_empty() {
            return self.add_person(n);
        }
        match kind {
            0 => self.change_field(n),
            1 => self.toggle_optional(n),
            2 => self.break_field(n),
            3 => self.point_contact(n),
            4 => self.touch_contact_target(n),
            5 => self.image(n),
            6 => self.edit_types(),
            7 => {
                let t = &mut self.types;
                t.section_type = if t.section_type == TYPES[0] {
                    TYPES[1]
                } else {
                    TYPES[0]
                };
                if n.is_multiple_of(3) {
                    t.section_title = format!("Personen {n}");
                }
                let text = t.section_index();
                let what = format!("page_type {} in {PEOPLE_INDEX}", t.section_type);
                self.p.sandbox.write(PEOPLE_INDEX, &text);
                self.written.push(PEOPLE_INDEX.into());
                what
            }
            _ => {
                let i = self.pick_person(false).expect("people");
                let own = &mut self.person(i).own_type;
                *own = match own {
                    None => Some(TYPES[n % 2]),
                    Some(_) => None,
                };
                let own = *own;
                self.write(i);
                format!("{} own type {own:?}", self.pages[i].rel)
            }
        }
    }

    fn add_person(&mut self, n: usize) -> String {
        if self.people().len() >= 4 {
            return "nothing (enough people)".into();
        }
        let rel = format!("{PEOPLE}/person-{n}.md");
        let mut page = Page::new(&rel, n);
        let mut person = Person::new(n);
        if self.types.email_required {
            person.email = Some(format!("neu-{n}@example.org"));
        }
        if self.rng.chance(50) {
            person.contact = Some(super::edits::STABLE.into());
        }
        page.person = Some(person);
        self.pages.push(page);
        self.write(self.pages.len() - 1);
        format!("{rel} added")
    }

    /// A new role, mail address, level or note.
    fn change_field(&mut self, n: usize) -> String {
        let i = self.pick_person(false).expect("people");
        let levels = self.types.levels();
        let note = self.types.note;
        let choice = self.rng.below(if note { 4 } else { 3 });
        let level = levels[self.rng.below(levels.len())].to_string();
        let p = self.person(i);
        let what = match choice {
            0 => {
                p.role = format!("Aufgabe {n}");
                "role"
            }
            1 => {
                p.email = Some(format!("post-{n}@example.org"));
                "email"
            }
            2 => {
                p.level = Some(level);
                "level"
            }
            _ => {
                p.note = Some(format!("Notiz {n}"));
                "note"
            }
        };
        self.write(i);
        format!("{} {what} changed", self.pages[i].rel)
    }

    /// An optional field left out (the template shows its placeholder or the
    /// default), or given again.
    fn toggle_optional(&mut self, n: usize) -> String {
        let i = self.pick_person(false).expect("people");
        let email_required = self.types.email_required;
        let levels = self.types.levels();
        let level = levels[n % levels.len()].to_string();
        let choice = self.rng.below(3);
        let p = self.person(i);
        let what = match choice {
            0 if !email_required => {
                p.email = match p.email {
                    Some(_) => None,
                    None => Some(format!("wieder-{n}@example.org")),
                };
                "email"
            }
            1 => {
                p.level = match p.level {
                    Some(_) => None,
                    None => Some(level),
                };
                "level"
            }
            _ => {
                p.note = None;
                p.contact = match p.contact {
                    Some(_) => None,
                    None => Some(super::edits::STABLE.into()),
                };
                "contact"
            }
        };
        self.write(i);
        format!("{} {what} left out or given", self.pages[i].rel)
    }

    /// A deliberate mistake in a field: a required one left out, or a wrong value.
    fn break_field(&mut self, n: usize) -> String {
        let Some(i) = self.pick_person(true) else {
            return "nothing (no built person)".into();
        };
        let text = self.pages[i].text();
        let rel = self.pages[i].rel.clone();
        let (key, line, what) = match self.rng.below(6) {
            0 => ("role", None, "the required role left out"),
            1 => (
                "role",
                Some("role: [eins, zwei]".to_string()),
                "a list as role",
            ),
            2 => (
                "email",
                Some(format!("email: keine Adresse {n}")),
                "a wrong mail address",
            ),
            3 => (
                "level",
                Some(format!("level: stufe-{n}")),
                "a level not allowed",
            ),
            4 if self.types.email_required => ("email", None, "the required email left out"),
            _ => (
                "contact",
                Some(format!("contact: {PEOPLE}/niemand-{n}.md")),
                "a reference to a missing page",
            ),
        };
        let broken = with_line(&text, key, line.as_deref());
        let at = if line.is_none() {
            1
        } else {
            line_of(&broken, key)
        };
        self.write_broken(i, &broken, at);
        format!("{rel}: {what} (broken)")
    }

    /// The reference pointed at another built page, sometimes a missing one.
    fn point_contact(&mut self, n: usize) -> String {
        let i = self.pick_person(false).expect("people");
        if !self.pages[i].draft && self.rng.chance(15) {
            let text = self.pages[i].text();
            let broken = with_line(&text, "contact", Some(&format!("contact: team/weg-{n}.md")));
            let line = line_of(&broken, "contact");
            self.write_broken(i, &broken, line);
            return format!("{} contact at a missing page (broken)", self.pages[i].rel);
        }
        let targets: Vec<String> = self
            .pages
            .iter()
            .filter(|p| !p.draft)
            .map(|p| p.rel.clone())
            .collect();
        let target = targets[self.rng.below(targets.len())].clone();
        self.person(i).contact = Some(target.clone());
        self.write(i);
        format!("{} contact {target}", self.pages[i].rel)
    }

    /// The page a reference names retitled, or moved (the reference follows it).
    fn touch_contact_target(&mut self, n: usize) -> String {
        let referred: Vec<String> = self
            .people()
            .into_iter()
            .filter_map(|i| self.pages[i].person.as_ref()?.contact.clone())
            .collect();
        let Some(target) = referred.get(self.rng.below(referred.len().max(1))).cloned() else {
            return self.point_contact(n);
        };
        let Some(j) = self.pages.iter().position(|p| p.rel == target) else {
            return "nothing (the reference is dangling)".into();
        };
        let movable = self.pages[j].person.is_none()
            && target != super::edits::STABLE
            && !target.ends_with("/index.md");
        if movable && self.rng.chance(40) {
            let folder = super::edits::FOLDERS[self.rng.below(super::edits::FOLDERS.len())];
            let name = target.rsplit('/').next().unwrap_or(&target).to_string();
            let to = if folder.is_empty() {
                name
            } else {
                format!("{folder}/{name}")
            };
            if self.pages.iter().any(|p| p.rel == to) {
                return "nothing (the move target exists)".into();
            }
            self.move_page(j, &to);
            return format!("the referenced {target} moved to {to}");
        }
        self.pages[j].title = format!("Genannt {n}");
        self.write(j);
        format!("the referenced {target} retitled {:?}", self.pages[j].title)
    }

    /// An image added (next to the page, or a bundle's file), its alt text changed, or
    /// both removed (the file too, sometimes); or a deliberate mistake: the alt text
    /// left out, the file deleted while the page names it, the page naming a file that
    /// the next step adds.
    fn image(&mut self, n: usize) -> String {
        let i = self.pick_person(false).expect("people");
        let rel = self.pages[i].rel.clone();
        let built = !self.pages[i].draft;
        let has = self.pages[i].person.as_ref().and_then(|p| p.photo.clone());
        let bundle_files: Vec<String> = self
            .files
            .iter()
            .filter(|f| f.contains("/buendel-") && self.photo_holds(&format!("@/{f}")))
            .cloned()
            .collect();
        match (has, self.rng.below(6)) {
            (None, 0 | 1) | (Some(_), 0) => {
                let file = format!("bild-{n}.svg");
                let path = format!("content/{PEOPLE}/{file}");
                self.p.sandbox.write(
                    &path,
                    &format!(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>{n}</title></svg>\n"
                    ),
                );
                self.written.push(path);
                self.files.push(format!("{PEOPLE}/{file}"));
                let p = self.person(i);
                p.photo = Some(file.clone());
                p.photo_alt = Some(format!("Bild {n}"));
                self.write(i);
                format!("{rel} photo {file} added")
            }
            (None, 2) if !bundle_files.is_empty() => {
                let file = bundle_files[self.rng.below(bundle_files.len())].clone();
                let p = self.person(i);
                p.photo = Some(format!("@/{file}"));
                p.photo_alt = Some(format!("Bündelbild {n}"));
                self.write(i);
                format!("{rel} photo @/{file}")
            }
            (None, 3) if built => {
                // Named before the file exists: the next step adds the file.
                let file = format!("spaeter-{n}.svg");
                let p = self.person(i);
                p.photo = Some(file.clone());
                p.photo_alt = Some(format!("Später {n}"));
                let text = self.pages[i].text();
                let line = line_of(&text, "photo");
                self.pending.push((
                    format!("{PEOPLE}/{file}"),
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n".into(),
                ));
                self.write_broken(i, &text, line);
                format!("{rel} photo {file} before the file exists (broken)")
            }
            (None, _) => self.toggle_optional(n),
            (Some(photo), 1 | 2) => {
                self.person(i).photo_alt = Some(format!("Neu beschrieben {n}"));
                self.write(i);
                format!("{rel} alt text of {photo} changed")
            }
            (Some(photo), 3) if built => {
                let text = with_line(&self.pages[i].text(), "photo_alt", None);
                let line = line_of(&text, "photo");
                self.write_broken(i, &text, line);
                format!("{rel} alt text of {photo} left out (broken)")
            }
            // Not while other pages link the file: their dead links would be
            // reported too, maybe first.
            (Some(photo), 4) if built && !photo.starts_with("@/") && !self.linked(&photo) => {
                // The file deleted, the page still naming it; the next step removes
                // the photo from the page.
                let text = self.pages[i].text();
                let line = line_of(&text, "photo");
                let file = format!("{PEOPLE}/{photo}");
                self.remove_file(&file);
                let p = self.person(i);
                p.photo = None;
                p.photo_alt = None;
                self.write_broken(i, &text, line);
                format!("{rel} photo file {file} deleted, still named (broken)")
            }
            (Some(photo), _) => {
                let p = self.person(i);
                p.photo = None;
                p.photo_alt = None;
                self.write(i);
                // Sometimes the file goes too, if no other page shows it.
                let file = format!("{PEOPLE}/{photo}");
                let shown = self.pages.iter().any(|p| {
                    p.person.as_ref().and_then(|q| q.photo.as_deref()) == Some(photo.as_str())
                });
                if !photo.starts_with("@/") && !shown && self.rng.chance(50) {
                    self.remove_file(&file);
                    return format!("{rel} photo {photo} and its file removed");
                }
                format!("{rel} photo {photo} removed")
            }
        }
    }

    /// Whether a page links the image `photo` of a page in [`PEOPLE`].
    fn linked(&self, photo: &str) -> bool {
        let file = format!("{PEOPLE}/{photo}");
        let address = format!("/{file}");
        self.pages
            .iter()
            .any(|p| p.links.contains(&file) || p.site_links.contains(&address))
    }

    fn remove_file(&mut self, file: &str) {
        let path = format!("content/{file}");
        self.p.sandbox.remove(&path);
        self.written.push(path);
        self.files.retain(|f| f != file);
    }

    /// A change of the types in `site.yaml`: the optional field `note` declared or not,
    /// `email` required or not, the enum's values and default. The editor brings the
    /// pages in line in the same step, or (sometimes) leaves them for the next step,
    /// and the preview must then name a page that no longer fits.
    fn edit_types(&mut self) -> String {
        let what = match self.rng.below(3) {
            0 => {
                self.types.note = !self.types.note;
                format!("note declared {}", self.types.note)
            }
            1 => {
                self.types.email_required = !self.types.email_required;
                format!("email required {}", self.types.email_required)
            }
            _ => {
                self.types.levels = 1 - self.types.levels;
                format!("levels {:?}", self.types.levels())
            }
        };
        let config = self.p.sandbox.read("site.yaml");
        let head = config.split("types:\n").next().unwrap_or(&config);
        self.p
            .sandbox
            .write("site.yaml", &format!("{head}{}", self.types.yaml()));
        self.written.push("site.yaml".into());
        let leave = self.rng.chance(30);
        let mut left = Vec::new();
        for i in self.people() {
            let Some(p) = self.pages[i].person.clone() else {
                continue;
            };
            let refused = self.types.refuses(&p);
            if refused.is_empty() {
                continue;
            }
            if leave && !self.pages[i].draft {
                let text = self.pages[i].text();
                left.extend(
                    refused
                        .iter()
                        .map(|k| format!("content/{}:{}:", self.pages[i].rel, line_of(&text, k))),
                );
            }
            // What the editor changes: a mail address given, a level that is no
            // longer allowed left to the default, the undeclared note removed.
            let p = self.person(i);
            for key in refused {
                match key {
                    "" => p.email = Some(format!("pflicht-{i}@example.org")),
                    "level" => p.level = None,
                    _ => p.note = None,
                }
            }
            if leave && !self.pages[i].draft {
                self.pages[i].broken = true;
            } else {
                self.write(i);
            }
        }
        if left.is_empty() {
            return format!("site.yaml: {what}");
        }
        self.broken = true;
        self.expect.extend(left);
        format!("site.yaml: {what}, pages left as they were (broken)")
    }
}
