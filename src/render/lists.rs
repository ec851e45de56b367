//! The render jobs of list pages: every page of a section's list (page 1 is the
//! section's own page) and of its archive, a taxonomy's list of terms and each term's
//! list of pages,
//! each with its `paginator`. The lists and their addresses come from the model
//! ([`crate::model::List`]); here they become template contexts.

use std::path::Path;

use tera::Value;

use super::Job;
use super::context::{Views, href};
use super::fields::Fields;
use super::fingerprint::Fingerprints;
use crate::model::{HOME, List, ListKind, Site};

/// `site.yaml`, the file that declares taxonomies: named when their template fails.
const SITE_YAML: &str = crate::config::CONFIG_FILE;

/// What every page of one list is rendered with; the `paginator` differs per page.
struct Spec<'a, 'v> {
    template: &'a str,
    display: &'a Path,
    chosen_by: (&'a Path, Option<usize>),
    fingerprint: u64,
    default: bool,
    vars: Vec<(&'static str, Value)>,
    entries: &'v [Value],
}

/// The jobs of every list page of `site`.
pub(super) fn jobs<'a>(site: &'a Site, views: &Views, fps: &Fingerprints) -> Vec<Job<'a>> {
    let site_yaml = Path::new(SITE_YAML);
    let mut jobs = Vec::new();
    for list in &site.lists {
        let spec = match list.kind {
            ListKind::Section(id) => {
                let s = &site.sections[id];
                let default = if id == HOME {
                    "index.html"
                } else {
                    "section.html"
                };
                Spec {
                    template: s.template.as_deref().unwrap_or(default),
                    display: &s.display,
                    chosen_by: (&s.display, s.template_line),
                    fingerprint: fps.sections[id],
                    default: s.template.is_none(),
                    vars: vec![("section", views.sections[id].clone())],
                    entries: &views.section_pages[id],
                }
            }
            ListKind::Archive(id) => {
                let s = &site.sections[id];
                let entries = &views.archive_pages[id];
                Spec {
                    template: "archive.html",
                    display: &s.display,
                    chosen_by: (&s.display, None),
                    fingerprint: fps.sections[id],
                    default: true,
                    vars: vec![
                        ("section", views.sections[id].clone()),
                        ("archive", archive_value(site, list, entries)),
                    ],
                    entries,
                }
            }
            ListKind::Taxonomy(t) => Spec {
                template: "taxonomy_list.html",
                display: site_yaml,
                chosen_by: (site_yaml, None),
                fingerprint: fps.taxonomies[t],
                default: true,
                vars: vec![("taxonomy", views.taxonomies[t].clone())],
                entries: &[],
            },
            ListKind::Term(t, i) => Spec {
                template: "taxonomy_term.html",
                display: site_yaml,
                chosen_by: (site_yaml, None),
                fingerprint: fps.terms[t][i],
                default: true,
                vars: vec![
                    ("taxonomy", views.taxonomies[t].clone()),
                    ("term", views.terms[t][i].clone()),
                ],
                entries: &views.term_pages[t][i],
            },
        };
        for (n, url) in list.urls.iter().enumerate() {
            let mut vars = spec.vars.clone();
            vars.push(("paginator", paginator(site, list, n + 1, spec.entries)));
            jobs.push(Job {
                template: spec.template,
                vars,
                url,
                display: spec.display,
                chosen_by: spec.chosen_by,
                fingerprint: spec.fingerprint,
                default: spec.default,
            });
        }
    }
    jobs
}

/// `archive` in `archive.html`: its address and all its pages.
fn archive_value(site: &Site, list: &List, entries: &[Value]) -> Value {
    let mut m = Fields::default();
    m.put("url", href(site, &list.urls[0]));
    m.put("permalink", site.config.permalink(&list.urls[0]));
    m.put("pages", entries.to_vec());
    Value::from(m)
}

/// The `paginator` of page `number` of `list`, whose entries are `entries`; `null`
/// for a list that is not paginated.
fn paginator(site: &Site, list: &List, number: usize, entries: &[Value]) -> Value {
    let Some(paginate_by) = list.paginate_by else {
        return Value::none();
    };
    let url = |n: usize| href(site, &list.urls[n - 1]);
    let total = list.urls.len();
    let mut m = Fields::default();
    m.put("number", number);
    m.put("total_pages", total);
    m.put("total_items", list.items);
    m.put("paginate_by", paginate_by);
    let slice = list.slice(number);
    m.put("pages", entries.get(slice).unwrap_or_default().to_vec());
    m.put("first", url(1));
    m.put("last", url(total));
    let previous = (number > 1).then(|| url(number - 1));
    m.put("previous", previous.map_or_else(Value::none, Value::from));
    let next = (number < total).then(|| url(number + 1));
    m.put("next", next.map_or_else(Value::none, Value::from));
    let numbers: Vec<Value> = (1..=total)
        .map(|n| {
            let mut e = Fields::default();
            e.put("number", n);
            e.put("url", url(n));
            e.put("current", n == number);
            Value::from(e)
        })
        .collect();
    m.put("numbers", numbers);
    Value::from(m)
}

/// The redirect pages from `…/seite/1/` to each paginated list's first page.
pub fn first_page_aliases(site: &Site) -> impl Iterator<Item = (&str, &str)> {
    site.lists
        .iter()
        .filter_map(|l| l.first_alias.as_deref().map(|a| (a, l.urls[0].as_str())))
}
