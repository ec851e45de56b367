//! Front matter split and parse: the split cuts the file where it says, and every
//! parse error points at a line of the front matter block (counted from the file top).
#![no_main]

use lernort::content::front_matter::{parse_page, parse_section, split};
use lernort::yaml::YamlError;
use lernort_fuzz::invariants::position_inside;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let split = match split(text) {
        Ok(s) => s,
        Err(line) => {
            assert_eq!(
                line, 1,
                "an unclosed front matter is reported at its first fence"
            );
            return;
        }
    };
    let unbommed = text.strip_prefix('\u{feff}').unwrap_or(text);
    assert!(
        unbommed.ends_with(split.body),
        "the body is the end of the file"
    );
    let before_body = &unbommed[..unbommed.len() - split.body.len()];
    // An empty body after a last line without a line break starts on no line at all.
    if !split.body.is_empty() {
        assert_eq!(
            split.body_line,
            before_body.matches('\n').count() + 1,
            "body_line is the file line the body starts on"
        );
    }
    let yaml = split.front_matter.unwrap_or("");
    if let Some(fm) = split.front_matter {
        assert_eq!(split.front_matter_line, 2);
        assert!(before_body.contains(fm));
    }
    let taxonomies = ["tags".to_string()];
    let page = parse_page(yaml, split.front_matter_line, &taxonomies);
    let again = parse_page(yaml, split.front_matter_line, &taxonomies);
    assert_eq!(
        format!("{page:?}"),
        format!("{again:?}"),
        "parsing is deterministic"
    );
    let section = parse_section(yaml, split.front_matter_line);
    for e in [page.err(), section.err()].into_iter().flatten() {
        check_error(&e, text, split.front_matter.is_some(), split.body_line);
    }
});

/// The error's line is inside the file, and inside the front matter block (its fences
/// included) when the file has one.
fn check_error(e: &YamlError, text: &str, has_block: bool, body_line: usize) {
    let Some(line) = e.line else { return };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Err(problem) = position_inside(text, line, e.column) {
        panic!("{problem}: {e:?}");
    }
    if has_block {
        assert!(
            (1..body_line).contains(&line),
            "line {line} is outside the front matter block (lines 1..{body_line}): {e:?}"
        );
    }
}
