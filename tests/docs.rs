//! Keeps the editors' guide `docs/redaktion.md` honest:
//!
//! - every `lernort …` command line in its code spans and code blocks names a subcommand
//!   that `lernort --help` lists, with options that the subcommand's `--help` lists;
//! - every content type declared in `site.yaml` has a section in the guide (a heading
//!   with the type's name in backticks), which mentions each of the type's fields, and
//!   whose front matter keys and `content/…` paths exist in the bundled site.
//!
//! A subcommand that is announced but not built yet is named in an HTML comment of the
//! guide (`angekündigt: new`); once `lernort --help` lists it, the test asks for the
//! comment to go, so that the section is compared with the real command.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

const BIN: &str = env!("CARGO_BIN_EXE_lernort");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn guide() -> String {
    std::fs::read_to_string(root().join("docs/redaktion.md")).expect("docs/redaktion.md exists")
}

/// A code span or code block of the guide, and the heading it stands under.
struct Code {
    text: String,
    block: bool,
    lang: String,
    section: usize,
}

/// A heading of the guide; its text keeps code spans in backticks.
struct Section {
    level: usize,
    heading: String,
}

/// The guide's headings and code, in order. Code before the first heading belongs to a
/// section without heading (index 0).
fn parse(text: &str) -> (Vec<Section>, Vec<Code>) {
    let mut sections = vec![Section {
        level: 0,
        heading: String::new(),
    }];
    let mut codes = Vec::new();
    let mut in_heading = false;
    let mut block: Option<(String, String)> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = true;
                sections.push(Section {
                    level: level as usize,
                    heading: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                block = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = block.take() {
                    codes.push(Code {
                        text,
                        block: true,
                        lang,
                        section: sections.len() - 1,
                    });
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = block.as_mut() {
                    text.push_str(&t);
                } else if in_heading {
                    sections.last_mut().expect("a heading").heading.push_str(&t);
                }
            }
            Event::Code(c) => {
                if in_heading {
                    let heading = &mut sections.last_mut().expect("a heading").heading;
                    heading.push('`');
                    heading.push_str(&c);
                    heading.push('`');
                }
                codes.push(Code {
                    text: c.to_string(),
                    block: false,
                    lang: String::new(),
                    section: sections.len() - 1,
                });
            }
            _ => {}
        }
    }
    (sections, codes)
}

/// The command lines in `codes`: each line of a block, or a whole span, that starts with
/// `lernort` (after a `$ ` prompt and `NAME=value` variables), without a `# comment`.
fn command_lines(codes: &[Code]) -> Vec<String> {
    let mut lines = Vec::new();
    for code in codes {
        let candidates: Vec<&str> = if code.block {
            code.text.lines().collect()
        } else {
            vec![code.text.as_str()]
        };
        for line in candidates {
            let mut line = line.trim().trim_start_matches("$ ");
            while let Some((first, rest)) = line.split_once(' ') {
                let is_variable = first.split_once('=').is_some_and(|(name, _)| {
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                });
                if !is_variable {
                    break;
                }
                line = rest.trim_start();
            }
            let line = match line.find(" #") {
                Some(i) if code.block => &line[..i],
                _ => line,
            };
            if line == "lernort" || line.starts_with("lernort ") {
                lines.push(line.trim().to_string());
            }
        }
    }
    lines
}

/// Splits a command line into words; quoted words ("…" or '…') stay one word.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            (_, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn help(args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .env("LERNORT_MESSAGES", "en")
        .output()
        .expect("lernort runs");
    assert!(out.status.success(), "lernort {args:?} failed");
    String::from_utf8(out.stdout).expect("UTF-8 help")
}

/// The subcommands `lernort --help` lists under "Commands:".
fn subcommands(help: &str) -> BTreeSet<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// The options a `--help` text lists: each `-x` and `--name`, and whether it takes a value.
fn options(help: &str) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    for line in help.lines() {
        let line = line.trim_start();
        if !line.starts_with('-') {
            continue;
        }
        // "-r, --root <DIR>   The site folder …": the names end where the text begins.
        let head = line.split("  ").next().unwrap_or("");
        let takes_value = head.contains('<');
        for name in head.split([',', ' ']).filter(|w| w.starts_with('-')) {
            found.push((name.to_string(), takes_value));
        }
    }
    found
}

/// The subcommands the guide announces before they exist (`angekündigt: new, …` in a comment).
fn announced(guide: &str) -> BTreeSet<String> {
    let re = regex::Regex::new(r"angekündigt:\s*([a-z][a-z0-9 ,-]*)").expect("valid regex");
    re.captures_iter(guide)
        .flat_map(|c| {
            c[1].split([',', ' '])
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_command_in_the_guide_exists() {
    let guide = guide();
    let (_, codes) = parse(&guide);
    let lines = command_lines(&codes);
    assert!(
        lines.len() >= 5,
        "found only {lines:?}: did the guide's format change?"
    );
    let top = help(&["--help"]);
    let commands = subcommands(&top);
    assert!(
        commands.contains("build"),
        "no subcommands found in:\n{top}"
    );
    let global = options(&top);
    let announced = announced(&guide);
    let mut problems = Vec::new();
    for name in &announced {
        if commands.contains(name) {
            problems.push(format!(
                "`lernort {name}` exists now: compare the guide's section on it with `lernort {name} --help`, \
                 then remove `{name}` from the comment `angekündigt: …` in docs/redaktion.md"
            ));
        }
    }
    for line in &lines {
        let words = words(line);
        let mut rest = words.iter().skip(1);
        let mut sub = None;
        while let Some(word) = rest.next() {
            if !word.starts_with('-') {
                sub = Some(word.clone());
                break;
            }
            let name = word.split('=').next().unwrap_or(word);
            match global.iter().find(|(n, _)| n == name) {
                Some((_, true)) if !word.contains('=') => {
                    rest.next();
                }
                Some(_) => {}
                None => problems.push(format!("`{line}`: lernort has no option `{name}`")),
            }
        }
        let Some(sub) = sub else { continue };
        if !commands.contains(&sub) {
            if !announced.contains(&sub) {
                problems.push(format!(
                    "`{line}`: `lernort --help` lists no subcommand `{sub}`"
                ));
            }
            continue;
        }
        let own = options(&help(&[&sub, "--help"]));
        for word in rest.filter(|w| w.starts_with('-')) {
            let name = word.split('=').next().unwrap_or(word);
            if !own.iter().any(|(n, _)| n == name) {
                problems.push(format!(
                    "`{line}`: `lernort {sub} --help` lists no option `{name}`"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "docs/redaktion.md:\n{}",
        problems.join("\n")
    );
}

/// The content types of `site.yaml`: name and field names.
fn types() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(root().join("site.yaml")).expect("site.yaml");
    let config: serde_yaml::Value = serde_yaml::from_str(&text).expect("site.yaml is YAML");
    let keys = |v: &serde_yaml::Value| -> Vec<String> {
        v.as_mapping()
            .map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    keys(&config["types"])
        .into_iter()
        .map(|name| {
            let fields = keys(&config["types"][name.as_str()]["fields"]);
            (name, fields)
        })
        .collect()
}

/// Every top-level front matter key some page or section of the bundled site uses.
fn keys_in_content() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for entry in walkdir::WalkDir::new(root().join("content")) {
        let entry = entry.expect("content readable");
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("UTF-8 content");
        let Some(front) = front_matter(&text) else {
            continue;
        };
        let value: serde_yaml::Value = serde_yaml::from_str(front).expect("front matter is YAML");
        if let Some(map) = value.as_mapping() {
            keys.extend(map.keys().filter_map(|k| k.as_str().map(str::to_string)));
        }
    }
    keys
}

/// The text between the opening `---` line and the closing one.
fn front_matter(text: &str) -> Option<&str> {
    let body = text.strip_prefix("---\n")?;
    let end = body.find("\n---")?;
    Some(&body[..end + 1])
}

/// The front matter keys written in a piece of code: `key: value` or `key:` in a span, and
/// the unindented `key:` lines of a block's front matter (or of a whole `yaml` block).
fn keys_written(code: &Code) -> Vec<String> {
    let re = regex::Regex::new(r"^([a-z][a-z0-9_]*):(\s|$)").expect("valid regex");
    let key = |line: &str| re.captures(line).map(|c| c[1].to_string());
    if !code.block {
        return key(&code.text).into_iter().collect();
    }
    let yaml = match front_matter(&code.text) {
        Some(front) => front,
        None if code.lang == "yaml" => code.text.as_str(),
        None => return Vec::new(),
    };
    yaml.lines().filter_map(key).collect()
}

/// The `content/…` paths written in a piece of code, without a trailing `.` or `:line`.
fn content_paths(code: &Code) -> Vec<String> {
    let re = regex::Regex::new(r"content/[A-Za-z0-9_./-]*").expect("valid regex");
    re.find_iter(&code.text)
        .map(|m| m.as_str().trim_end_matches('.').to_string())
        .collect()
}

#[test]
fn the_type_sections_match_the_bundled_site() {
    let guide = guide();
    let (sections, codes) = parse(&guide);
    let used = keys_in_content();
    assert!(used.contains("title"), "no front matter read from content/");
    let types = types();
    assert!(!types.is_empty(), "site.yaml declares no types");
    let mut problems = Vec::new();
    for (name, fields) in &types {
        let marker = format!("`{name}`");
        // A type's sections: each heading naming the type, with everything below it up to
        // the next heading of the same or a higher level.
        let mut members = BTreeSet::new();
        for (i, section) in sections.iter().enumerate() {
            if section.level == 0 || !section.heading.contains(&marker) {
                continue;
            }
            members.insert(i);
            for (j, below) in sections.iter().enumerate().skip(i + 1) {
                if below.level <= section.level {
                    break;
                }
                members.insert(j);
            }
        }
        if members.is_empty() {
            problems.push(format!("no heading names the type {marker} of site.yaml"));
            continue;
        }
        let own: Vec<&Code> = codes
            .iter()
            .filter(|c| members.contains(&c.section))
            .collect();
        for field in fields {
            let mentioned = own
                .iter()
                .any(|c| c.text == *field || keys_written(c).contains(field));
            if !mentioned {
                problems.push(format!(
                    "the section on {marker} does not mention its field `{field}`"
                ));
            }
        }
        for code in &own {
            for key in keys_written(code) {
                if !fields.contains(&key) && !used.contains(&key) {
                    problems.push(format!(
                        "the section on {marker} writes `{key}:`, which is neither a field of the type nor used in content/"
                    ));
                }
            }
            for path in content_paths(code) {
                if !root().join(Path::new(&path)).exists() {
                    problems.push(format!(
                        "the section on {marker} names `{path}`, which does not exist"
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "docs/redaktion.md:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_parser_reads_commands_keys_and_paths() {
    let text = "# A\n\nRun `lernort check --strict`.\n\n## B (`team`)\n\n```sh\n$ LERNORT_MESSAGES=de lernort serve  # preview\n```\n\n```markdown\n---\ntitle: \"x: y\"\n  nested: 1\n---\nbody: no key\n```\n\nSee `content/team/leitung.md:2:1`.\n";
    let (sections, codes) = parse(text);
    assert_eq!(sections.len(), 3);
    assert_eq!(sections[2].heading, "B (`team`)");
    assert_eq!(
        command_lines(&codes),
        ["lernort check --strict", "lernort serve"]
    );
    let keys: Vec<String> = codes.iter().flat_map(keys_written).collect();
    assert_eq!(keys, ["title"]);
    let paths: Vec<String> = codes.iter().flat_map(content_paths).collect();
    assert_eq!(paths, ["content/team/leitung.md"]);
    assert_eq!(
        words("lernort new a/b --title \"Titel der Meldung\""),
        ["lernort", "new", "a/b", "--title", "Titel der Meldung"]
    );
}
