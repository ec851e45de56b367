//! YAML parsed once (issue 8, "Hardening"): serde_yaml reads each text, and the
//! event pass that finds repeated keys and deep nesting runs only where a quick look
//! cannot rule them out. These tests pin what that must not lose: keys given twice in
//! the forms the quick look sends on, repeated keys named before a later syntax error,
//! sibling groups with equal keys still accepted, and deep nesting refused quickly.

mod common;

use std::time::{Duration, Instant};

use common::Site;

/// The basic site with a page `content/team.md` whose front matter is `front`.
fn page_with(front: &str) -> Site {
    let site = Site::fixture("basic");
    site.write("content/team.md", &format!("---\n{front}---\nText\n"));
    site
}

#[test]
fn equal_keys_in_sibling_groups_and_list_items_are_accepted() {
    let site = page_with(
        "title: Unser Team\nextra:\n  leitung:\n    name: A\n  kasse:\n    name: B\n  links:\n    - name: eins\n      url: /a/\n    - name: zwei\n      url: /b/\n",
    );
    site.build_ok(&[]);
    assert!(site.has_output("team/index.html"));
}

#[test]
fn a_key_twice_in_one_list_item_is_named() {
    let site =
        page_with("title: Unser Team\nextra:\n  links:\n    - name: eins\n      name: zwei\n");
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn a_quoted_key_equal_to_a_plain_one_is_a_key_twice() {
    let site = page_with("title: Unser Team\n\"title\": Noch einmal\n");
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn a_key_twice_is_named_before_a_later_syntax_error() {
    let site = page_with("title: Unser Team\nweight: 1\ntitle: Zwei\ndescription: \"offen\n");
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn block_lists_nested_too_deeply_are_refused_at_their_line() {
    let site = page_with(&format!(
        "title: Unser Team\nextra:\n  {}x\n",
        "- ".repeat(70)
    ));
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn forty_thousand_opening_brackets_are_refused_quickly() {
    let site = page_with(&format!(
        "title: Unser Team\nextra: {}\n",
        "[".repeat(40_000)
    ));
    let start = Instant::now();
    let stderr = site.build_fails(&[]);
    // unsafe_libyaml needed 15 s (debug) for this text; the limit is found in the first
    // few hundred bytes.
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(
        stderr.contains("--> content/team.md:3:")
            && stderr.contains(
                "error: the values in the front matter are nested more than 64 levels deep"
            ),
        "{}",
        &stderr[..stderr.len().min(300)]
    );
}
