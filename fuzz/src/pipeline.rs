//! Runs the whole pipeline on a site folder into memory, twice, and checks what must
//! hold for any site: the same input gives the same files, a failure names files that
//! exist and lines inside them, and outputs are clean relative paths.

use std::path::Path;

use lernort::build::render_into;
use lernort::config::{Config, Overrides};

use crate::invariants::{MemorySink, error_in_site, outputs_well_formed};

/// Builds the site in `root` twice into memory and panics, saying why, when an
/// invariant does not hold.
pub fn build_twice(root: &Path, overrides: &Overrides) {
    let first = build(root, overrides);
    let second = build(root, overrides);
    match (first, second) {
        (Ok(a), Ok(b)) => {
            assert!(a == b, "two builds of the same site differ");
            if let Err(problem) = outputs_well_formed(a.keys()) {
                panic!("{problem}");
            }
            for required in ["index.html", "404.html", "sitemap.xml", "robots.txt"] {
                assert!(a.contains_key(required), "a built site has {required}");
            }
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "two failed builds report differently");
        }
        (a, b) => panic!(
            "one build failed and one did not: {:?} / {:?}",
            a.err(),
            b.err()
        ),
    }
}

type Files = std::collections::BTreeMap<String, std::sync::Arc<[u8]>>;

/// One build into memory: the files, or the error's text once checked.
fn build(root: &Path, overrides: &Overrides) -> Result<Files, String> {
    let config = match Config::load(root, overrides) {
        Ok(c) => c,
        Err(e) => return Err(checked(&e, root)),
    };
    let sink = MemorySink::default();
    match render_into(config, &sink, None) {
        Ok(rendered) => {
            let mut files = sink
                .into_files()
                .unwrap_or_else(|problem| panic!("{problem}"));
            for copy in &rendered.copies {
                let bytes = std::fs::read(&copy.from)
                    .unwrap_or_else(|e| panic!("copies {copy:?}, which cannot be read: {e}"));
                let earlier = files.insert(copy.to.clone(), bytes.into());
                assert!(earlier.is_none(), "two outputs at {}", copy.to);
            }
            Ok(files)
        }
        Err(e) => Err(checked(&e, root)),
    }
}

fn checked(e: &lernort::error::Error, root: &Path) -> String {
    if let Err(problem) = error_in_site(e, root) {
        panic!("{problem}");
    }
    e.to_string()
}
