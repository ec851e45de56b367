//! Finding the circles Tera refuses — templates that extend or include each other,
//! components that call each other without end — in the templates' own tags, so the
//! message can name every file of the circle and the line of each link. Tera's own
//! errors name only the template it happened to check first, or nothing at all.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::Diagnostic;
use crate::render::template_deps::Refs;

/// One link of a circle: from a template (or component) to the next, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Link {
    /// The template file the link is written in.
    file: String,
    /// What links (a template name, or a component name).
    from: String,
    /// What it links to.
    to: String,
    /// The line of the `extends`, `include` or call.
    line: usize,
}

/// Which kind of circle.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// `{% extends %}`.
    Extends,
    /// `{% include %}`.
    Include,
    /// A component calling a component.
    Component,
}

/// Every circle of `kind` among the templates, one diagnostic each, located at the
/// link of the circle written in the first file (by name).
/// `file` turns a template name into the path shown; `source` gives its text.
pub fn diagnose(
    kind: Kind,
    refs: &BTreeMap<&str, &Refs>,
    file: &dyn Fn(&str) -> PathBuf,
    source: &dyn Fn(&str) -> Option<String>,
) -> Vec<Diagnostic> {
    let edges = edges(kind, refs);
    cycles(&edges)
        .into_iter()
        .map(|circle| describe(kind, &circle, file, source))
        .collect()
}

/// The links of `kind`, by the node they start from, in name order.
fn edges(kind: Kind, refs: &BTreeMap<&str, &Refs>) -> BTreeMap<String, Vec<Link>> {
    let mut out: BTreeMap<String, Vec<Link>> = BTreeMap::new();
    for (&name, r) in refs {
        let link = |from: &str, to: &str, line| Link {
            file: name.to_string(),
            from: from.to_string(),
            to: to.to_string(),
            line,
        };
        let links: Vec<Link> = match kind {
            Kind::Extends => r.extends.iter().map(|(to, l)| link(name, to, *l)).collect(),
            Kind::Include => r
                .includes
                .iter()
                .map(|(to, l)| link(name, to, *l))
                .collect(),
            Kind::Component => r
                .components
                .iter()
                .flat_map(|c| c.calls.iter().map(|(to, l)| link(&c.name, to, *l)))
                .collect(),
        };
        for l in links {
            out.entry(l.from.clone()).or_default().push(l);
        }
    }
    out
}

/// The distinct circles of the graph, each starting at its smallest node.
fn cycles(edges: &BTreeMap<String, Vec<Link>>) -> Vec<Vec<Link>> {
    let mut found: Vec<Vec<Link>> = Vec::new();
    let mut seen_sets: BTreeSet<Vec<String>> = BTreeSet::new();
    for start in edges.keys() {
        // Depth-first from `start`, only through nodes not smaller than it, so that each
        // circle is found from its smallest node.
        let mut path: Vec<Link> = Vec::new();
        let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
        let mut nodes: Vec<&str> = vec![start];
        while let Some((depth, next)) = stack.pop() {
            path.truncate(depth);
            nodes.truncate(depth + 1);
            let Some(link) = edges.get(nodes[depth]).and_then(|l| l.get(next)) else {
                continue;
            };
            stack.push((depth, next + 1));
            if link.to == *start {
                let mut circle = path.clone();
                circle.push(link.clone());
                let mut key: Vec<String> = circle.iter().map(|l| l.from.clone()).collect();
                key.sort();
                if seen_sets.insert(key) {
                    found.push(circle);
                }
            } else if link.to.as_str() > start.as_str() && !nodes.contains(&link.to.as_str()) {
                path.push(link.clone());
                nodes.push(&link.to);
                stack.push((depth + 1, 0));
            }
        }
    }
    found
}

fn describe(
    kind: Kind,
    circle: &[Link],
    file: &dyn Fn(&str) -> PathBuf,
    source: &dyn Fn(&str) -> Option<String>,
) -> Diagnostic {
    let names: Vec<&str> = circle
        .iter()
        .map(|l| l.from.as_str())
        .chain(circle.first().map(|l| l.from.as_str()))
        .collect();
    let chain = names.join(" → ");
    let (message, hint) = match kind {
        Kind::Extends => (
            format!("templates extend each other in a circle: {chain}"),
            "one template of the chain must not extend another: usually `base.html` has no `{% extends %}`",
        ),
        Kind::Include => (
            format!("templates include each other in a circle: {chain}"),
            "remove one of these `{% include %}` tags; a template cannot contain itself",
        ),
        Kind::Component => (
            format!("components call each other deeper than Tera allows (20 levels): {chain}"),
            "a component may call itself only behind an `{% if %}` that stops the circle within 20 levels",
        ),
    };
    let first = &circle[0];
    let mut d = Diagnostic::new(file(&first.file), message).at(first.line, None);
    if let Some(text) = source(&first.file) {
        d = d.with_source(&text);
    }
    let others: Vec<String> = circle[1..]
        .iter()
        .map(|l| {
            format!(
                "{}:{} ({} → {})",
                shown(&file(&l.file)),
                l.line,
                l.from,
                l.to
            )
        })
        .collect();
    if !others.is_empty() {
        d = d.note(format!("the circle continues at {}", others.join(", ")));
    }
    d.hint(hint)
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::template_deps::refs;

    fn run(kind: Kind, sources: &[(&str, &str)]) -> Vec<String> {
        let parsed: Vec<(&str, Refs)> = sources.iter().map(|(n, t)| (*n, refs(t))).collect();
        let map: BTreeMap<&str, &Refs> = parsed.iter().map(|(n, r)| (*n, r)).collect();
        let file = |n: &str| PathBuf::from(format!("templates/{n}"));
        diagnose(kind, &map, &file, &|_| None)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn an_extends_circle_names_each_file_and_line_once() {
        let out = run(
            Kind::Extends,
            &[
                ("404.html", "{% extends \"base.html\" %}"),
                ("base.html", "{# x #}\n{% extends \"layout.html\" %}"),
                ("layout.html", "\n\n{% extends \"base.html\" %}"),
            ],
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(out[0].starts_with("templates/base.html:2: error: templates extend each other in a circle: base.html → layout.html → base.html"), "{}", out[0]);
        assert!(out[0].contains("templates/layout.html:3 (layout.html → base.html)"));
    }

    #[test]
    fn a_self_calling_component_is_a_circle_of_one() {
        let out = run(
            Kind::Component,
            &[(
                "bausteine.html",
                "\n{% component kreis(n) %}{{ <kreis n={n} /> }}{% endcomponent kreis %}",
            )],
        );
        assert_eq!(out.len(), 1);
        assert!(out[0].starts_with("templates/bausteine.html:2: error: components call each other deeper than Tera allows (20 levels): kreis → kreis"));
    }

    #[test]
    fn no_circle_no_diagnostic() {
        let out = run(
            Kind::Include,
            &[
                ("a.html", "{% include \"b.html\" %}{% include \"c.html\" %}"),
                ("b.html", "{% include \"c.html\" %}"),
                ("c.html", ""),
            ],
        );
        assert!(out.is_empty());
    }
}
