//! Times `lernort::yaml::parse` on 10,000 typical front matters and on pathological
//! texts (deep nesting, a large text). Run with `cargo run --release --example yaml_bench`.

use std::hint::black_box;
use std::time::Instant;

use serde::Deserialize;

/// A typed front matter like a page's: ten keys, unknown keys rejected.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Page {
    title: String,
    description: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    weight: Option<i64>,
    draft: Option<bool>,
    slug: Option<String>,
    tags: Option<Vec<String>>,
    template: Option<String>,
    extra: Option<lernort::yaml::Value>,
}

fn typical(i: usize) -> String {
    format!(
        "title: \"Seite {i}: Lernen vor Ort\"\n\
         description: Eine kurze Beschreibung der Seite {i} mit einigen Wörtern\n\
         date: 2024-03-{d:02}\n\
         updated: 2024-04-{d:02}\n\
         weight: {i}\n\
         draft: false\n\
         slug: seite-{i}\n\
         tags: [lernen, schule, ort{m}]\n\
         template: page.html\n\
         extra:\n  autor: Erika Muster\n  farbe: blau\n",
        d = i % 28 + 1,
        m = i % 7
    )
}

fn time<R>(label: &str, f: impl FnOnce() -> R) -> R {
    let start = Instant::now();
    let r = f();
    println!(
        "{label:<48} {:>9.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    r
}

fn main() {
    let fm = lernort::text!("yaml-what-front-matter");
    let texts: Vec<String> = (0..10_000).map(typical).collect();
    for round in 1..=3 {
        time(
            &format!("10,000 typical front matters (round {round})"),
            || {
                for t in &texts {
                    black_box(lernort::yaml::parse::<Page>(t, 2, &fm).is_ok());
                }
            },
        );
    }
    let values: Vec<String> = (0..10_000)
        .map(|i| format!("{}extra2: 1\n", typical(i)))
        .collect();
    time("10,000 as a free-form value", || {
        for t in &values {
            black_box(lernort::yaml::parse::<lernort::yaml::Value>(t, 2, &fm).is_ok());
        }
    });
    let deep = format!("title: x\nextra: {}\n", "[".repeat(40_000));
    let r = time("40,000 levels of `[` (480 KB-ish)", || {
        lernort::yaml::parse::<lernort::yaml::Value>(&deep, 2, &fm)
    });
    println!(
        "  -> {:?}",
        r.err().map(|e| (e.line, e.message.to_string()))
    );
    let dashes = format!("title: x\nextra:\n{}x\n", "- ".repeat(40_000));
    let r = time("40,000 levels of `- `", || {
        lernort::yaml::parse::<lernort::yaml::Value>(&dashes, 2, &fm)
    });
    println!(
        "  -> {:?}",
        r.err().map(|e| (e.line, e.message.to_string()))
    );
    let mut big = String::from("title: x\nextra:\n");
    for i in 0..100_000 {
        big.push_str(&format!("  key{i}: [eins, zwei, \"drei {i}\"]\n"));
    }
    let r = time(&format!("a {} KB front matter", big.len() / 1024), || {
        lernort::yaml::parse::<lernort::yaml::Value>(&big, 2, &fm)
    });
    println!("  -> ok: {}", r.is_ok());
}
