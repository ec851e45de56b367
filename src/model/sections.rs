//! The sections of a site: one per folder that no draft leaves out, with what its
//! `_index.md` says, or a title made from the folder's name.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;

use super::build::key_line;
use super::folders::is_drafted;
use super::{Body, Routes, Section, SectionId};
use crate::config::Config;
use crate::content::front_matter::SectionFrontMatter;
use crate::content::{self, Document, parent, slug::slugify};
use crate::error::Diagnostic;
use crate::text;
use crate::yaml;

type SectionDoc = std::sync::Arc<Document<SectionFrontMatter>>;

/// The sections of the folders `dirs` that no draft leaves out, parents first, and
/// their ids by folder; a drafted `_index.md` is noted in `routes`.
pub(super) fn sections_of(
    (dirs, drafts): (&BTreeSet<String>, &[String]),
    section_docs: &[SectionDoc],
    config: &Config,
    routes: &mut Routes,
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Section>, FxHashMap<String, SectionId>) {
    let index_docs: FxHashMap<&str, &SectionDoc> =
        section_docs.iter().map(|d| (d.dir(), d)).collect();
    let mut sections = Vec::new();
    let mut section_ids = FxHashMap::default();
    for dir in dirs.iter().filter(|d| !is_drafted(d, drafts)) {
        let doc = index_docs.get(dir.as_str()).copied();
        let parent_id: Option<SectionId> = (!dir.is_empty()).then(|| section_ids[parent(dir)]);
        let parent = parent_id.map(|p| (p, &sections[p]));
        let section = new_section(dir, doc, parent, config, problems);
        section_ids.insert(dir.clone(), sections.len());
        sections.push(section);
    }
    for doc in section_docs {
        if is_drafted(doc.dir(), drafts) {
            routes.insert_draft(doc.rel.clone());
        }
    }
    (sections, section_ids)
}

/// A folder's title when it has no `_index.md`: `lernen-vor-ort` → `Lernen vor ort`.
fn title_from_folder(dir: &str) -> String {
    let name = dir
        .rsplit('/')
        .next()
        .unwrap_or(dir)
        .replace(['-', '_'], " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

fn new_section(
    dir: &str,
    doc: Option<&SectionDoc>,
    parent: Option<(SectionId, &Section)>,
    config: &Config,
    problems: &mut Vec<Diagnostic>,
) -> Section {
    let parent_url = parent.map_or("", |(_, p)| p.url.as_str());
    let inherited = parent.and_then(|(_, p)| p.page_type.clone());
    let parent = parent.map(|(id, _)| id);
    let rel = content::section_index(dir);
    let display = doc.map_or_else(|| content::display_path(dir), |d| d.display.clone());
    let url = if dir.is_empty() {
        "/".to_string()
    } else {
        let name = dir.rsplit('/').next().unwrap_or(dir);
        let slug = slugify(name);
        if slug.is_empty() {
            problems.push(
                Diagnostic::new(
                    content::display_path(dir),
                    text!("model-folder-no-slug", name = name),
                )
                .hint(text!("model-folder-no-slug.hint")),
            );
        }
        format!("{parent_url}{slug}/")
    };
    let default_title = if dir.is_empty() {
        config.title.clone()
    } else {
        title_from_folder(dir)
    };
    let fm = doc.map(|d| &d.front_matter);
    let own_type = fm.and_then(|f| f.page_type.clone());
    if let (Some(name), Some(doc)) = (&own_type, doc)
        && config.schema.get(name).is_none()
    {
        let (message, hint) = config.schema.unknown(name);
        let line = key_line(doc, "page_type").unwrap_or(1);
        problems.push(
            Diagnostic::new(&doc.display, message)
                .at(line, Some(1))
                .with_source(&doc.text)
                .hint(hint),
        );
    }
    let paginate_by = match (fm.and_then(|f| f.paginate_by), doc) {
        (Some(0), Some(doc)) => {
            let line = key_line(doc, "paginate_by").unwrap_or(1);
            problems.push(
                Diagnostic::new(&doc.display, text!("model-paginate-by-zero"))
                    .at(line, Some(1))
                    .with_source(&doc.text)
                    .hint(text!("model-paginate-by-zero.hint")),
            );
            None
        }
        (n, _) => n.and_then(|n| usize::try_from(n).ok()),
    };
    Section {
        page_type: own_type.or(inherited),
        paginate_by,
        feed: fm.is_some_and(|f| f.feed),
        dir: dir.to_string(),
        rel,
        display,
        has_index: doc.is_some(),
        title: fm.and_then(|f| f.title.clone()).unwrap_or(default_title),
        description: fm.and_then(|f| f.description.clone()),
        weight: fm.and_then(|f| f.weight),
        sort_by: fm.map(|f| f.sort_by).unwrap_or_default(),
        template: fm.and_then(|f| f.template.clone()),
        page_template: fm.and_then(|f| f.page_template.clone()),
        extra: fm.map_or_else(yaml::empty_map, |f| f.extra.clone()),
        url,
        parent,
        expired: fm.map(|f| f.expired).unwrap_or_default(),
        pages: Vec::new(),
        archived: Vec::new(),
        subsections: Vec::new(),
        body: Body::default(),
        template_line: doc.and_then(|d| key_line(d, "template")),
        page_template_line: doc.and_then(|d| key_line(d, "page_template")),
        source_hash: doc.map_or(0, |d| d.hash),
    }
}
