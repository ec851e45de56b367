//! `site.yaml`: loading never panics; an error names `site.yaml` (or another file that
//! exists) and a line inside it; a loaded config is valid; loading twice is the same.
//! Also loads the templates, which report a missing theme at its `site.yaml` line.
#![no_main]

use lernort::config::{Config, Overrides};
use lernort::render::Templates;
use lernort_fuzz::invariants::{error_in_site, test_theme, write_files};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(dir) = lernort_fuzz::temp_dir() else {
        return;
    };
    let theme = test_theme();
    let theme = theme
        .iter()
        .map(|(p, b)| (p.to_str().unwrap_or_default(), b));
    let theme: Vec<(String, &Vec<u8>)> = theme
        .map(|(p, b)| (format!("themes/test/{p}"), b))
        .collect();
    let files = theme.iter().map(|(p, b)| (p.as_str(), b.as_slice()));
    let files = files.chain([("site.yaml", text.as_bytes())]);
    if write_files(dir.path(), files).is_err() {
        return;
    }
    let root = dir.path().canonicalize().expect("the temp dir exists");
    let loaded = Config::load(&root, &Overrides::default());
    let again = Config::load(&root, &Overrides::default());
    let config = match (loaded, again) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "loading is deterministic");
            a
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string(), "loading is deterministic");
            if let Err(problem) = error_in_site(&a, &root) {
                panic!("{problem}");
            }
            return;
        }
        (a, b) => panic!("two loads differ: {a:?} / {b:?}"),
    };
    assert!(config.base_url.starts_with("http://") || config.base_url.starts_with("https://"));
    assert!(
        !config.base_url.ends_with('/'),
        "base_url is kept without a trailing slash"
    );
    assert!(config.base_path().is_empty() || config.base_path().starts_with('/'));
    if let Err(e) = Templates::load(&config)
        && let Err(problem) = error_in_site(&e, &root)
    {
        panic!("{problem}");
    }
});
