//! Content types: `types:` in `site.yaml`, checked in every page of a type at every
//! build, and read by templates as typed values (`page.fields`).

mod common;

use common::{Site, main_of};

fn site_with(files: &[(&str, &str)]) -> Site {
    let site = Site::fixture("schema-site");
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// A project page with `fields` (YAML lines) in its front matter.
fn project(fields: &str) -> (&'static str, String) {
    (
        "content/projekte/test.md",
        format!("---\ntitle: Test\ntype: projekt\ntemplate: projekt.html\n{fields}---\nText.\n"),
    )
}

#[test]
fn templates_read_typed_fields_and_defaults() {
    let site = Site::fixture("schema-site");
    site.build_ok(&[]);
    insta::assert_snapshot!(
        "project",
        main_of(&site.output("projekte/knotenpunkte/index.html"))
    );
    insta::assert_snapshot!("person", main_of(&site.output("team/leitung/index.html")));
    // Left out, a field is null: the template's own placeholder, never an error.
    let beratung = site.output("team/beratung/index.html");
    assert!(
        beratung.contains("<p class=\"room\">(Raum folgt)</p>"),
        "{beratung}"
    );
    assert!(!beratung.contains("class=\"email\""), "{beratung}");
}

#[test]
fn a_date_in_words_is_an_error_naming_the_field() {
    let (path, text) = project("start: August 2015\ncontact: team/leitung.md\n");
    let site = site_with(&[(path, &text)]);
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("`start` muss ein Datum wie 2015-08-31 sein, gefunden: `August 2015`"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn wrong_values_at_every_depth_are_reported_together() {
    let (path, text) = project(concat!(
        "status: geplant\n",
        "contact: team/fehlt.md\n",
        "partners: [A, [B]]\n",
        "budget: -3\n",
        "links:\n",
        "  - title: Bericht\n",
        "    url: kein-link\n",
        "  - url: https://www.example.org/\n",
        "code: kp1\n",
        "funding: Bund\n",
    ));
    let site = site_with(&[(path, &text)]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn unknown_fields_get_a_did_you_mean_from_the_type() {
    let (path, text) = project("contact: team/leitung.md\nstatuss: laufend\n");
    let site = site_with(&[(path, &text)]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn a_page_without_a_type_accepts_no_other_keys() {
    let site = site_with(&[(
        "content/projekte/frei.md",
        "---\ntitle: Frei\nrole: Leitung\n---\nText.\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("unknown key `role` in the front matter"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn required_fields_images_and_their_alt_text() {
    let site = site_with(&[
        (
            "content/team/ohne.md",
            "---\ntitle: Ohne\nphoto: fehlt.jpg\nroom: Raum mit einem sehr langen Namen im dritten Stock\n---\n",
        ),
        (
            "content/team/bild.md",
            "---\ntitle: Bild\nrole: Beratung\nphoto: leitung.svg\n---\n",
        ),
    ]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn a_decorative_image_says_so_with_an_empty_alt() {
    let site = site_with(&[(
        "content/team/bild.md",
        "---\ntitle: Bild\nrole: Beratung\nphoto: leitung.svg\nphoto_alt: \"\"\n---\n",
    )]);
    site.build_ok(&[]);
    let html = site.output("team/bild/index.html");
    assert!(
        html.contains("<img src=\"/team/leitung.svg\" alt=\"\">"),
        "{html}"
    );
}

#[test]
fn sections_pass_their_page_type_to_subsections() {
    let site = site_with(&[
        ("content/team/extern/_index.md", "---\ntitle: Extern\n---\n"),
        ("content/team/extern/gast.md", "---\ntitle: Gast\n---\n"),
    ]);
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("--> content/team/extern/gast.md"),
        "{stderr}"
    );
    assert!(stderr.contains("the field `role` is missing"), "{stderr}");
}

#[test]
fn an_unknown_type_is_an_error_where_it_is_named() {
    let site = site_with(&[
        (
            "content/projekte/a.md",
            "---\ntitle: A\ntype: projeckt\n---\n",
        ),
        (
            "content/andere/_index.md",
            "---\ntitle: Andere\npage_type: persn\n---\n",
        ),
    ]);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn mistakes_in_the_declarations_are_reported_at_their_site_yaml_line() {
    let site = Site::fixture("schema-site");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    let broken = yaml.replace(
        "      room: {type: string, max: 20}\n",
        concat!(
            "      room: {type: strin, max: 20}\n",
            "      title: string\n",
            "      Name: string\n",
            "      level: {type: enum}\n",
            "      tags: {type: list}\n",
            "      size: {type: boolean, min: 1}\n",
            "      code: {type: string, pattern: \"([A-Z\"}\n",
            "      alias: {type: string, required_with: nickname}\n",
            "      count: {type: integer, default: viele}\n",
            "      note: {type: text, requird: true}\n",
        ),
    );
    assert_ne!(broken, yaml);
    site.write("site.yaml", &broken);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn the_bundled_site_declares_its_types() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let yaml = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
    for name in ["team", "projekt", "meldung", "download"] {
        assert!(
            yaml.contains(&format!("  {name}:\n")),
            "type {name} in site.yaml"
        );
    }
}

// Review findings r01–r10.

fn add_fields(site: &Site, fields: &str) {
    let cfg = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let cfg = cfg.replacen(
        "      room: {type: string, max: 20}\n",
        &format!("      room: {{type: string, max: 20}}\n{fields}"),
        1,
    );
    site.write("site.yaml", &cfg);
}

fn leitung(site: &Site, extra: &str) {
    site.write(
        "content/team/leitung.md",
        &format!("---\ntitle: N. N.\nrole: Leitung\n{extra}---\nText.\n"),
    );
}

#[test]
fn an_image_alt_left_empty_is_an_error() {
    let site = Site::fixture("schema-site");
    leitung(&site, "photo: leitung.svg\nphoto_alt:\n");
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn images_in_a_list_need_alt_text() {
    let site = Site::fixture("schema-site");
    add_fields(&site, "      gallery: {type: list, items: image}\n");
    leitung(
        &site,
        "gallery:\n  - leitung.svg\n  - {src: leitung.svg}\n  - {src: leitung.svg, alt: Logo}\n  - {src: leitung.svg, alt: \"\"}\n",
    );
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn images_in_a_list_with_alt_text_pass() {
    let site = Site::fixture("schema-site");
    add_fields(&site, "      gallery: {type: list, items: image}\n");
    leitung(
        &site,
        "gallery:\n  - {src: leitung.svg, alt: Logo}\n  - {src: leitung.svg, alt: \"\"}\n",
    );
    site.build_ok(&[]);
}

#[test]
fn defaults_are_typed_and_checked() {
    let site = Site::fixture("schema-site");
    add_fields(&site, "      plan: {type: file, default: fehlt.pdf}\n");
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn left_out_lists_and_groups_are_empty() {
    let site = Site::fixture("schema-site");
    add_fields(
        &site,
        concat!(
            "      logo: {type: image, default: {src: leitung.svg, alt: \"\"}}\n",
            "      tags: {type: list, items: string}\n",
            "      office: {type: map, fields: {street: string}}\n",
        ),
    );
    let template = std::fs::read_to_string(site.path().join("templates/person.html")).unwrap();
    site.write(
        "templates/person.html",
        &template.replace(
            "</article>",
            "<p class=\"tags\">{% for t in page.fields.tags %}{{ t }}{% endfor %}[{{ page.fields.tags | length }}]</p>\
             <p class=\"office\">{% for k, v in page.fields.office %}{{ k }}{% endfor %}[{{ page.fields.office | length }}]</p>\
             <p class=\"logo\">{{ page.fields.logo.src }}|{{ page.fields.logo.alt }}</p></article>",
        ),
    );
    site.build_ok(&[]);
    let html = site.output("team/beratung/index.html");
    assert!(html.contains("<p class=\"tags\">[0]</p>"), "{html}");
    assert!(html.contains("<p class=\"office\">[0]</p>"), "{html}");
    assert!(
        html.contains("<p class=\"logo\">/team/leitung.svg|</p>"),
        "{html}"
    );
}

#[test]
fn wrongly_typed_options_are_errors_at_their_line() {
    let site = Site::fixture("schema-site");
    add_fields(
        &site,
        concat!(
            "      bio: {type: text, required: ja}\n",
            "      2024: string\n",
            "      nick: {type: string, required_with: [1]}\n",
            "      code: {type: string, pattern: 5}\n",
            "      note: {type: string, description: 5}\n",
            "      logo: {type: image, alt: 5}\n",
            "      level: {type: enum, values: [a, [b]]}\n",
            "      nr: {type: integer, min: 10, max: 1}\n",
            "      share: {type: number, max: .inf}\n",
            "      ratio: {type: number, default: .nan}\n",
            "      pic: {type: image, alt: title}\n",
            "      pic2: {type: image, alt: pic2}\n",
            "      pic3: {type: image, alt: Bild-Text}\n",
            "      pic4: {type: image, alt: nr}\n",
        ),
    );
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn a_non_finite_number_on_a_page_is_an_error() {
    let site = Site::fixture("schema-site");
    let (path, text) = project("contact: team/leitung.md\nbudget: .inf\n");
    site.write(path, &text);
    insta::assert_snapshot!(site.build_fails(&[]));
}

#[test]
fn a_number_in_a_text_field_must_be_quoted() {
    let site = Site::fixture("schema-site");
    leitung(&site, "room: 2.20\nphone: 0651123\n");
    insta::assert_snapshot!(site.build_fails(&[]));
    leitung(&site, "room: \"2.20\"\n");
    site.build_ok(&[]);
    let html = site.output("team/leitung/index.html");
    assert!(html.contains("<p class=\"room\">2.20</p>"), "{html}");
}

#[test]
fn an_inherited_unknown_type_is_reported_once_at_page_type() {
    let site = Site::fixture("schema-site");
    let index = std::fs::read_to_string(site.path().join("content/team/_index.md")).unwrap();
    site.write(
        "content/team/_index.md",
        &index.replace("page_type: person", "page_type: persn"),
    );
    let stderr = site.build_fails(&[]);
    assert_eq!(
        stderr.matches("there is no content type").count(),
        1,
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_tab_after_a_colon_keeps_the_line() {
    let site = Site::fixture("schema-site");
    site.write(
        "content/team/leitung.md",
        "---\ntitle: N. N.\nrole:\tLeitung\nemail: kaputt\n---\nText.\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("leitung.md:4:"), "{stderr}");
}

#[test]
fn an_error_inside_an_alias_is_placed_at_the_alias() {
    let site = Site::fixture("schema-site");
    let cfg = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    let cfg = cfg.replace(
        "  person:\n    fields:\n",
        "  person:\n    fields: &p\n      zusatz: strin\n",
    ) + "  extern:\n    fields: *p\n";
    site.write("site.yaml", &cfg);
    let stderr = site.build_fails(&[]);
    assert!(!stderr.contains("site.yaml:1:1"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_required_text_of_only_spaces_is_empty() {
    let site = site_with(&[(
        "content/team/leer.md",
        "---\ntitle: Leer\nrole: \"  \"\n---\nText.\n",
    )]);
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("--> content/team/leer.md:3:"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

/// Choice values are compared as written: `2.20` is one of `[2.20, 3]`, `2.2` is not.
#[test]
fn choice_values_are_compared_as_written() {
    let site = Site::fixture("schema-site");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &yaml.replace(
            "      funder: {type: string, required_with: funding}\n",
            "      funder: {type: string, required_with: funding}\n      stufe: {type: enum, values: [2.20, 3]}\n",
        ),
    );
    let (path, text) = project("contact: team/leitung.md\nstufe: 2.20\n");
    site.write(path, &text);
    site.build_ok(&[]);
    site.write(path, &text.replace("stufe: 2.20", "stufe: 2.2"));
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("did you mean `2.20`?"), "{stderr}");
}
