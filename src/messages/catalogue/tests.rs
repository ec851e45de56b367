//! The catalogues are complete and consistent: every file parses, German and English
//! have the same messages with the same arguments, every id the code uses exists, and
//! every message in the catalogue is used.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::{DE, EN};

/// Message or attribute id (`id` or `id.attr`) → the variables it uses.
type Shape = BTreeMap<String, BTreeSet<String>>;

fn shape(name: &str, text: &str) -> Shape {
    let resource = match FluentResource::try_new(text.to_string()) {
        Ok(r) => r,
        Err((_, errors)) => panic!("{name}.ftl does not parse: {errors:?}"),
    };
    let mut shape = Shape::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(m) = entry {
            if let Some(value) = &m.value {
                shape.insert(m.id.name.to_string(), variables(value));
            }
            for a in &m.attributes {
                shape.insert(format!("{}.{}", m.id.name, a.id.name), variables(&a.value));
            }
        }
    }
    shape
}

fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, &mut found);
        }
    }
    found
}

fn expression_variables(e: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_variables(i, found),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, found);
            for v in variants {
                found.extend(variables(&v.value));
            }
        }
    }
}

fn inline_variables(e: &ast::InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for p in &arguments.positional {
                inline_variables(p, found);
            }
            for n in &arguments.named {
                inline_variables(&n.value, found);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, found),
        _ => {}
    }
}

fn all(files: &[(&str, &str)]) -> Shape {
    let mut everything = Shape::new();
    for (name, text) in files {
        for (id, vars) in shape(name, text) {
            assert!(
                everything.insert(id.clone(), vars).is_none(),
                "`{id}` is defined twice ({name}.ftl)"
            );
        }
    }
    everything
}

#[test]
fn german_and_english_have_the_same_messages_and_arguments() {
    assert_eq!(DE.len(), EN.len());
    for ((de_name, de), (en_name, en)) in DE.iter().zip(EN) {
        assert_eq!(de_name, en_name);
        let (de, en) = (shape(de_name, de), shape(en_name, en));
        let de_ids: BTreeSet<_> = de.keys().collect();
        let en_ids: BTreeSet<_> = en.keys().collect();
        assert_eq!(
            de_ids, en_ids,
            "{de_name}.ftl: the German and English files define different messages"
        );
        for (id, vars) in &de {
            assert_eq!(
                Some(vars),
                en.get(id),
                "{de_name}.ftl: `{id}` uses different arguments in German and English"
            );
        }
    }
}

/// Every id written literally after `text!(` or `Text::new(` in `src/`.
fn ids_in_code() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.expect("src readable");
        // This file names the markers it looks for.
        if entry.path().extension().is_none_or(|e| e != "rs")
            || entry.path().ends_with("catalogue/tests.rs")
        {
            continue;
        }
        let code = std::fs::read_to_string(entry.path()).expect("source readable");
        for marker in ["text!(", "Text::new("] {
            for (i, _) in code.match_indices(marker) {
                // rustfmt may put the id on the next line.
                let rest = code[i + marker.len()..].trim_start();
                if let Some(rest) = rest.strip_prefix('"')
                    && let Some(end) = rest.find('"')
                {
                    let id = &rest[..end];
                    let is_id = id.starts_with(|c: char| c.is_ascii_lowercase())
                        && id.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
                        });
                    assert!(
                        is_id,
                        "`{id}` in {} is not a message id",
                        entry.path().display()
                    );
                    ids.insert(id.to_string());
                }
            }
        }
    }
    ids
}

#[test]
fn every_message_the_code_uses_exists_and_every_message_is_used() {
    let catalogue = all(EN);
    let used = ids_in_code();
    let missing: Vec<_> = used
        .iter()
        .filter(|id| !catalogue.contains_key(id.as_str()))
        .collect();
    assert!(missing.is_empty(), "not in the catalogues: {missing:?}");
    // An attribute counts as used with its message: a hint is often picked by code
    // that builds the id, and the message it belongs to is used by name.
    let unused: Vec<_> = catalogue
        .keys()
        .filter(|id| {
            let message = id.split('.').next().unwrap_or(id);
            !used.contains(id.as_str()) && !used.contains(message) && id.as_str() != "verbatim"
        })
        .collect();
    assert!(
        unused.is_empty(),
        "in the catalogues but never used: {unused:?}"
    );
}

#[test]
fn arguments_are_filled_in_without_isolation_marks() {
    let t = crate::text!("common-build-failed", count = 2usize);
    let de = t.render(super::Lang::De);
    assert!(de.contains('2') && !de.contains('\u{2068}'), "{de}");
    assert_ne!(de, t.render(super::Lang::En));
}
