//! Which templates a template uses — the ones it extends or includes, plus every
//! template that defines components (usable anywhere) — and where it names them.
//! Tera 2 keeps what it parsed private, so the tags are read from the text here, the
//! way Tera's lexer sees them: comments and `{% raw %}` blocks are not code.
//! A page is rendered again only when a template of its chain changed.

use std::collections::{BTreeSet, HashMap};

/// What one template's tags say about other templates and components.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Refs {
    /// The template named by `{% extends %}` and the line of that tag.
    pub extends: Option<(String, usize)>,
    /// Every `{% include %}`: the name and the line.
    pub includes: Vec<(String, usize)>,
    /// Every `{% component name(…) %}` defined here: the name, the line, and the
    /// components called inside its body (name, line).
    pub components: Vec<Component>,
}

/// One component definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// The component's name.
    pub name: String,
    /// The line of `{% component … %}`.
    pub line: usize,
    /// The components its body calls, with the line of each call.
    pub calls: Vec<(String, usize)>,
}

/// A `{% … %}` or `{{ … }}` tag outside comments and raw blocks.
pub(super) struct Tag<'a> {
    /// `true` for `{% … %}`.
    pub(super) block: bool,
    /// The text between the delimiters, without `-` whitespace markers.
    pub(super) body: &'a str,
    /// 1-based line of the opening delimiter.
    pub(super) line: usize,
}

/// The tags of `text` in order, skipping `{# … #}` and the body of `{% raw %}`.
fn tags(text: &str) -> Vec<Tag<'_>> {
    scan(text).0
}

/// The tags of `text`, and whether the text ends outside a tag (not inside an
/// unterminated `{%`, `{{` or `{#`).
pub(super) fn scan(text: &str) -> (Vec<Tag<'_>>, bool) {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut in_raw = false;
    while let Some(found) = text[pos..].find('{') {
        let start = pos + found;
        let after = start + 2;
        let close = match text.get(start..after) {
            Some("{#") if !in_raw => "#}",
            Some("{%") => "%}",
            Some("{{") if !in_raw => "}}",
            _ => {
                pos = start + 1;
                continue;
            }
        };
        // Tera reads a comment up to the first `#}`, quotes or not.
        let len = if close == "#}" {
            text[after..].find(close)
        } else {
            end_of(&text[after..], close)
        };
        let Some(len) = len else {
            return (out, false);
        };
        pos = after + len + 2;
        if close == "#}" {
            continue;
        }
        let body = text[after..after + len]
            .trim_start_matches('-')
            .trim_end_matches('-')
            .trim();
        let word = first_word(body);
        if in_raw {
            in_raw = word != "endraw";
            continue;
        }
        if close == "%}" && word == "raw" {
            in_raw = true;
            continue;
        }
        let line = text[..start].matches('\n').count() + 1;
        out.push(Tag {
            block: close == "%}",
            body,
            line,
        });
    }
    (out, true)
}

/// The offset of `close` in `rest`, not counting one inside a quoted string.
fn end_of(rest: &str, close: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in rest.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if rest[i..].starts_with(close) => return Some(i),
            None => {}
        }
    }
    None
}

pub(super) fn first_word(body: &str) -> &str {
    let end = body
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    &body[..end]
}

/// The first quoted string in `args`.
fn quoted(args: &str) -> Option<String> {
    let open = args.find(['"', '\'', '`'])?;
    let quote = &args[open..open + 1];
    let inner = &args[open + 1..];
    inner.find(quote).map(|len| inner[..len].to_string())
}

/// The component a tag calls: `{{ <name … /> }}` or `{% <name …> %}`.
fn called(tag: &Tag) -> Option<String> {
    let rest = tag.body.strip_prefix('<')?;
    let name = first_word(rest);
    (!name.is_empty()).then(|| name.to_string())
}

/// What `text` refers to.
pub fn refs(text: &str) -> Refs {
    let mut refs = Refs::default();
    // The component whose body the tags are in (Tera does not nest definitions).
    let mut open: Option<Component> = None;
    for tag in tags(text) {
        let word = if tag.block { first_word(tag.body) } else { "" };
        let args = tag.body[word.len()..].trim_start();
        match word {
            "extends" => refs.extends = quoted(args).map(|n| (n, tag.line)),
            "include" => refs.includes.extend(quoted(args).map(|n| (n, tag.line))),
            "component" => {
                open = Some(Component {
                    name: first_word(args).to_string(),
                    line: tag.line,
                    calls: Vec::new(),
                });
            }
            "endcomponent" => refs.components.extend(open.take()),
            _ => {
                if let (Some(c), Some(name)) = (open.as_mut(), called(&tag)) {
                    c.calls.push((name, tag.line));
                }
            }
        }
    }
    refs
}

/// For every template, the set of templates its output can depend on (itself included).
/// Names that are not templates are left out: Tera reports them.
pub fn closures(refs: &HashMap<String, Refs>) -> HashMap<String, BTreeSet<String>> {
    let definers: Vec<&String> = refs
        .iter()
        .filter(|(_, r)| !r.components.is_empty())
        .map(|(name, _)| name)
        .collect();
    let mut out = HashMap::new();
    for name in refs.keys() {
        let mut seen = BTreeSet::new();
        let mut stack = vec![name];
        while let Some(current) = stack.pop() {
            let Some(r) = refs.get(current) else {
                continue;
            };
            if !seen.insert(current.clone()) {
                continue;
            }
            stack.extend(r.extends.iter().map(|(n, _)| n));
            stack.extend(r.includes.iter().map(|(n, _)| n));
            stack.extend(definers.iter().copied());
        }
        out.insert(name.clone(), seen);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[(String, usize)]) -> Vec<&str> {
        list.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn finds_extends_and_includes_with_their_lines() {
        let text = "{% extends \"base.html\" %}\n{%- include \"partials/nav.html\" -%}\n\n{% include 'a.html' %}";
        let r = refs(text);
        assert_eq!(r.extends, Some(("base.html".to_string(), 1)));
        assert_eq!(names(&r.includes), ["partials/nav.html", "a.html"]);
        assert_eq!(r.includes[1].1, 4);
    }

    #[test]
    fn comments_and_raw_blocks_are_not_code() {
        let text = "{# {% include \"gibtsnicht.html\" %} it's #}\n{% raw %}{% include \"roh.html\" %}{{ x }}{% endraw %}\n{% include \"echt.html\" %}";
        let r = refs(text);
        assert_eq!(names(&r.includes), ["echt.html"]);
        assert_eq!(r.includes[0].1, 3);
    }

    #[test]
    fn delimiters_inside_strings_do_not_end_a_tag() {
        let r = refs("{{ \"%} {# }}\" }}{% include \"a.html\" %}");
        assert_eq!(names(&r.includes), ["a.html"]);
    }

    #[test]
    fn an_unclosed_tag_ends_the_scan_without_panicking() {
        assert_eq!(refs("{% include \"a.html\""), Refs::default());
        assert_eq!(refs("{# nie zu"), Refs::default());
        assert_eq!(refs("{"), Refs::default());
    }

    #[test]
    fn every_short_mix_of_delimiters_scans_without_panicking() {
        let alphabet = ['{', '%', '#', '}', '"', 'é', '-', '<', 'r'];
        let n = alphabet.len();
        for i in 0..n.pow(5) {
            let text: String = (0..5).map(|d| alphabet[i / n.pow(d) % n]).collect();
            let _ = refs(&text);
            let _ = refs(&format!("{{% raw %}}{text}{{% endraw %}}{text}"));
        }
    }

    #[test]
    fn finds_component_definitions_and_their_calls() {
        let text = "{% component kreis(n) %}\n{{ <kreis n={n} /> }}{% endcomponent kreis %}\n{{ <kreis n={1} /> }}\n{% component b() %}{% <kreis> %}x{% </kreis> %}{% endcomponent b %}";
        let r = refs(text);
        assert_eq!(r.components.len(), 2);
        assert_eq!(r.components[0].name, "kreis");
        assert_eq!(r.components[0].calls, [("kreis".to_string(), 2)]);
        assert_eq!(r.components[1].calls, [("kreis".to_string(), 4)]);
    }

    #[test]
    fn closures_follow_chains_add_component_definers_and_skip_missing_names() {
        let sources: HashMap<String, Refs> = [
            ("page.html", "{% extends \"base.html\" %}"),
            (
                "base.html",
                "{% include \"nav.html\" %}{% include \"fehlt.html\" %}",
            ),
            ("nav.html", "<nav></nav>"),
            (
                "bausteine.html",
                "{% component datum(x) %}{% endcomponent datum %}",
            ),
            ("404.html", "{# {% include \"nav.html\" %} #}"),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_string(), refs(t)))
        .collect();
        let c = closures(&sources);
        let page: Vec<&str> = c["page.html"].iter().map(String::as_str).collect();
        assert_eq!(
            page,
            ["base.html", "bausteine.html", "nav.html", "page.html"]
        );
        assert!(!c["404.html"].contains("nav.html"));
    }
}
