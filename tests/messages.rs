//! Which language lernort speaks: `--messages`, else `LERNORT_MESSAGES`, else the site's
//! `language` when lernort has messages in it, else English; and how a report looks.

mod common;

use common::Site;

/// A German site whose build fails with one unknown key.
fn german_site_with_a_mistake() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/team.md",
        "---\ntitle: Team\ntitel: Team\n---\nText\n",
    );
    site
}

#[test]
fn a_german_site_gets_german_messages() {
    let site = german_site_with_a_mistake();
    let run = site.run_lang(None, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("Fehler: "), "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("Erstellen fehlgeschlagen: 1 Fehler; der Ausgabeordner blieb unverändert\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_summary_of_a_good_build_is_in_the_site_language() {
    let site = Site::fixture("basic");
    let run = site.run_lang(None, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(" Seiten und "), "{}", run.stdout);
    assert!(
        run.stdout.contains(" nach [SITE]/public geschrieben"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_english_site_gets_english_messages() {
    let site = german_site_with_a_mistake();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &yaml.replace("language: de", "language: en-GB"),
    );
    let run = site.run_lang(None, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}

#[test]
fn a_language_without_messages_falls_back_to_english() {
    let site = german_site_with_a_mistake();
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &yaml.replace("language: de", "language: fr"));
    let run = site.run_lang(None, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}

#[test]
fn the_flag_and_the_environment_override_the_site() {
    let site = german_site_with_a_mistake();
    let flag = site.run_lang(None, &["--messages", "en", "build"]);
    assert!(flag.stderr.starts_with("error: "), "{}", flag.stderr);
    let env = site.run_lang("en", &["build"]);
    assert!(env.stderr.starts_with("error: "), "{}", env.stderr);
    let both = site.run_lang("en", &["build", "--messages", "de"]);
    assert!(
        both.stderr.starts_with("Fehler: "),
        "the flag wins: {}",
        both.stderr
    );
}

#[test]
fn a_broken_site_yaml_still_gets_the_site_language() {
    let site = Site::fixture("basic");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write("site.yaml", &format!("{yaml}tema: x\n"));
    let run = site.run_lang(None, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("Fehler: "), "{}", run.stderr);
}

#[test]
fn an_unknown_messages_language_is_a_usage_error() {
    let site = Site::fixture("basic");
    let run = site.run_lang("fr", &["build"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr, @"error: LERNORT_MESSAGES=fr: lernort has messages in German and English; set LERNORT_MESSAGES=de or LERNORT_MESSAGES=en, or remove the variable");
    let flag = site.run_lang(None, &["--messages", "fr", "build"]);
    assert_eq!(flag.code, 2);
    assert!(
        flag.stderr
            .contains("invalid value 'fr' for '--messages <LANG>'"),
        "{}",
        flag.stderr
    );
}

#[test]
fn reports_have_no_colour_when_not_on_a_terminal() {
    let site = german_site_with_a_mistake();
    let run = site.run_lang(None, &["build"]);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
}

/// The caret stays under the character the column names, after tabs and wide
/// characters in the line (annotate-snippets counts display columns).
#[test]
fn the_caret_stays_under_the_column_after_wide_characters() {
    let site = Site::fixture("basic");
    site.write(
        "content/team.md",
        "---\ntitle: Team\nweight:\t日本語: 1\n---\nText\n",
    );
    let stderr = site.build_fails(&[]);
    insta::assert_snapshot!(stderr);
}

#[test]
fn the_flag_wins_even_over_an_unknown_environment_value() {
    let site = german_site_with_a_mistake();
    let run = site.run_lang("fr", &["--messages", "de", "build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("Fehler: "), "{}", run.stderr);
}
