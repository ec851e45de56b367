//! Which templates a template uses: the ones it extends, includes or imports, read
//! from its text, plus every template that defines components (usable anywhere).
//! A page is rendered again only when a template of its chain changed.

use std::collections::{BTreeSet, HashMap};

/// The template names a text refers to literally, and whether it also refers to one
/// by a variable (then it may use any template).
pub fn referenced(text: &str) -> (Vec<String>, bool) {
    let mut names = Vec::new();
    let mut dynamic = false;
    let mut rest = text;
    while let Some(i) = rest.find("{%") {
        rest = &rest[i + 2..];
        let tag = rest.trim_start_matches('-').trim_start();
        let word: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if !matches!(word.as_str(), "extends" | "include" | "import") {
            continue;
        }
        let args = tag[word.len()..].trim_start();
        let end = args.find("%}").unwrap_or(args.len());
        let args = &args[..end];
        let quoted = quoted_strings(args);
        if quoted.is_empty()
            || !(args.starts_with('"') || args.starts_with('\'') || args.starts_with('['))
        {
            dynamic = true;
        }
        names.extend(quoted);
    }
    (names, dynamic)
}

/// Every `"…"` or `'…'` string in `args`.
fn quoted_strings(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = args;
    while let Some(open) = rest.find(['"', '\'']) {
        let quote = &rest[open..open + 1];
        let inner = &rest[open + 1..];
        let Some(len) = inner.find(quote) else {
            break;
        };
        out.push(inner[..len].to_string());
        rest = &inner[len + 1..];
    }
    out
}

/// For every template, the set of templates its output can depend on (itself included).
pub fn closures(sources: &HashMap<String, String>) -> HashMap<String, BTreeSet<String>> {
    let definers: Vec<&String> = sources
        .iter()
        .filter(|(_, text)| text.contains("{% component") || text.contains("{%- component"))
        .map(|(name, _)| name)
        .collect();
    let all: BTreeSet<String> = sources.keys().cloned().collect();
    let direct: HashMap<&String, (Vec<String>, bool)> =
        sources.iter().map(|(n, t)| (n, referenced(t))).collect();
    let mut out = HashMap::new();
    for name in sources.keys() {
        let mut seen = BTreeSet::new();
        let mut stack = vec![name.clone()];
        let mut everything = false;
        while let Some(current) = stack.pop() {
            if !seen.insert(current.clone()) {
                continue;
            }
            let Some((names, dynamic)) = direct.get(&current) else {
                continue;
            };
            everything |= *dynamic;
            stack.extend(names.iter().cloned());
            stack.extend(definers.iter().map(|d| (*d).clone()));
        }
        out.insert(name.clone(), if everything { all.clone() } else { seen });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_extends_include_and_import() {
        let text = r#"{% extends "base.html" %}{%- include "partials/nav.html" -%}{% import 'macros.html' as m %}{% include ["a.html", "b.html"] %}"#;
        let (names, dynamic) = referenced(text);
        assert_eq!(
            names,
            [
                "base.html",
                "partials/nav.html",
                "macros.html",
                "a.html",
                "b.html"
            ]
        );
        assert!(!dynamic);
    }

    #[test]
    fn a_variable_template_name_is_dynamic() {
        let (names, dynamic) = referenced("{% include page.extra.teil %}");
        assert!(names.is_empty());
        assert!(dynamic);
    }

    #[test]
    fn other_tags_are_ignored() {
        assert_eq!(
            referenced("{% if x %}{% block included %}{% endblock %}{% endif %}"),
            (vec![], false)
        );
    }

    #[test]
    fn closures_follow_chains_and_add_component_definers() {
        let sources: HashMap<String, String> = [
            ("page.html", "{% extends \"base.html\" %}"),
            ("base.html", "{% include \"nav.html\" %}"),
            ("nav.html", "<nav></nav>"),
            (
                "bausteine.html",
                "{% component datum(x) %}{% endcomponent datum %}",
            ),
            ("404.html", "nothing"),
            ("dyn.html", "{% include name %}"),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
        let c = closures(&sources);
        let page: Vec<&str> = c["page.html"].iter().map(String::as_str).collect();
        assert_eq!(
            page,
            ["base.html", "bausteine.html", "nav.html", "page.html"]
        );
        assert!(!c["404.html"].contains("nav.html"));
        assert_eq!(
            c["dyn.html"].len(),
            sources.len(),
            "a dynamic include may use anything"
        );
    }
}
