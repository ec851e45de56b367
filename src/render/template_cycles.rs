//! Finding the circles Tera refuses — templates that extend or include each other,
//! components that call each other without end — in the templates' own tags, so the
//! message can name every file of the circle and the line of each link. Tera's own
//! errors name only the template it happened to check first, or nothing at all.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::error::Diagnostic;
use crate::messages::Text;
use crate::render::template_deps::Refs;
use crate::text;

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

/// The circles of `kind` among the templates: one diagnostic for each group of
/// templates caught in circles together (its shortest circle), located at the link of
/// the circle written in its first file (by name).
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
        .map(|knot| describe(kind, &knot, file, source))
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

/// One circle per knot of the graph (a strongly connected component: templates that
/// all reach each other), each starting at its smallest node, ordered by that node.
/// Listing every simple circle instead would take exponential time and bury the user
/// in messages: ten partials that include each other form millions of them. Breaking
/// the shortest circle reported is a first step; the note names the rest of the knot.
fn cycles(edges: &BTreeMap<String, Vec<Link>>) -> Vec<Knot> {
    let mut graph: DiGraph<&str, ()> = DiGraph::new();
    let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
    for (from, links) in edges {
        let a = *index
            .entry(from.as_str())
            .or_insert_with(|| graph.add_node(from.as_str()));
        for l in links {
            let b = *index
                .entry(l.to.as_str())
                .or_insert_with(|| graph.add_node(l.to.as_str()));
            graph.add_edge(a, b, ());
        }
    }
    let mut found: Vec<Knot> = petgraph::algo::tarjan_scc(&graph)
        .into_iter()
        .filter_map(|component| {
            let members: BTreeSet<&str> = component.iter().map(|&i| graph[i]).collect();
            let circle = shortest_circle(edges, &members)?;
            let others = members
                .iter()
                .filter(|m| !circle.iter().any(|l| l.from == **m))
                .map(|m| m.to_string())
                .collect();
            Some(Knot { circle, others })
        })
        .collect();
    found.sort_by(|a, b| a.circle[0].from.cmp(&b.circle[0].from));
    found
}

/// A circle of links and the other nodes of its knot.
struct Knot {
    circle: Vec<Link>,
    others: Vec<String>,
}

/// A shortest circle among `members` (a strongly connected component), starting at its
/// smallest node; `None` for a single node that does not link to itself. Breadth-first
/// from each member in name order, so ties go to the circle through the smallest node.
fn shortest_circle(
    edges: &BTreeMap<String, Vec<Link>>,
    members: &BTreeSet<&str>,
) -> Option<Vec<Link>> {
    let mut best: Option<Vec<Link>> = None;
    for &start in members {
        let limit = best.as_ref().map_or(usize::MAX, Vec::len);
        if let Some(circle) = circle_through(edges, members, start, limit) {
            best = Some(circle);
        }
    }
    best
}

/// The shortest circle from `start` back to it within `members`, if it is shorter than
/// `limit` links.
fn circle_through(
    edges: &BTreeMap<String, Vec<Link>>,
    members: &BTreeSet<&str>,
    start: &str,
    limit: usize,
) -> Option<Vec<Link>> {
    // How each reached node was reached: the link into it, and its distance.
    let mut reached: BTreeMap<&str, (&Link, usize)> = BTreeMap::new();
    let mut queue = VecDeque::from([(start, 0)]);
    while let Some((at, depth)) = queue.pop_front() {
        if depth + 1 >= limit {
            return None;
        }
        for link in edges.get(at).into_iter().flatten() {
            let to = link.to.as_str();
            if to == start {
                let mut circle = vec![link.clone()];
                let mut back = at;
                while back != start {
                    let (into, _) = reached[back];
                    circle.push(into.clone());
                    back = into.from.as_str();
                }
                circle.reverse();
                return Some(circle);
            }
            if members.contains(to) && !reached.contains_key(to) {
                reached.insert(to, (link, depth + 1));
                queue.push_back((to, depth + 1));
            }
        }
    }
    None
}

fn describe(
    kind: Kind,
    knot: &Knot,
    file: &dyn Fn(&str) -> PathBuf,
    source: &dyn Fn(&str) -> Option<String>,
) -> Diagnostic {
    let circle = &knot.circle;
    let names: Vec<&str> = circle
        .iter()
        .map(|l| l.from.as_str())
        .chain(circle.first().map(|l| l.from.as_str()))
        .collect();
    let chain = names.join(" → ");
    let (message, hint) = match kind {
        Kind::Extends => (
            text!("templates-extends-circle", chain = chain),
            text!("templates-extends-circle.hint"),
        ),
        Kind::Include => (
            text!("templates-includes-circle", chain = chain),
            text!("templates-includes-circle.hint"),
        ),
        Kind::Component => (
            text!("templates-components-circle", chain = chain),
            text!("templates-components-circle.hint"),
        ),
    };
    let first = &circle[0];
    let mut d = Diagnostic::new(file(&first.file), message).at(first.line, None);
    if let Some(text) = source(&first.file) {
        d = d.with_source(&text);
    }
    // Places in files: the same in every language.
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
    // A diagnostic has one note: the rest of the circle, then the rest of the knot.
    let mut notes: Vec<Text> = Vec::new();
    if !others.is_empty() {
        notes.push(text!(
            "templates-circle-continues",
            links = others.join(", ")
        ));
    }
    if !knot.others.is_empty() {
        notes.push(text!(
            "templates-circle-others",
            names = knot.others.join(", ")
        ));
    }
    let note = notes
        .into_iter()
        .reduce(|first, second| text!("templates-notes-joined", first = first, second = second));
    if let Some(note) = note {
        d = d.note(note);
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
        assert!(out[0].starts_with("error: templates extend each other in a circle: base.html → layout.html → base.html\n--> templates/base.html:2\n"), "{}", out[0]);
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
        assert!(out[0].starts_with("error: components call each other deeper than Tera allows (20 levels): kreis → kreis"), "{}", out[0]);
        assert!(
            out[0].contains("--> templates/bausteine.html:2\n"),
            "{}",
            out[0]
        );
    }

    #[test]
    fn a_knot_gives_its_shortest_circle_and_separate_knots_one_each() {
        let out = run(
            Kind::Include,
            &[
                ("a.html", "{% include \"b.html\" %}"),
                ("b.html", "{% include \"c.html\" %}"),
                (
                    "c.html",
                    "{% include \"a.html\" %}\n{% include \"b.html\" %}",
                ),
                ("x.html", "{% include \"x.html\" %}"),
            ],
        );
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(
            out[0].contains("circle: b.html → c.html → b.html"),
            "{}",
            out[0]
        );
        assert!(
            out[0].contains("more circles pass through a.html;"),
            "{}",
            out[0]
        );
        assert!(out[1].contains("circle: x.html → x.html"), "{}", out[1]);
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
