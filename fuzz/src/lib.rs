//! Helpers of the fuzz targets: the invariants shared with `tests/properties.rs`, a
//! resolver for Markdown without a site, and the text format the `site` target reads.

#[path = "../../tests/properties/invariants.rs"]
pub mod invariants;

pub mod archive;
pub mod pipeline;
#[path = "../../tests/properties/resolver.rs"]
pub mod resolver;

/// A fresh temp folder, in memory (`/dev/shm`) where there is one: the `site`,
/// `site_yaml` and `templates` targets write a small site for every input.
pub fn temp_dir() -> std::io::Result<tempfile::TempDir> {
    let shm = std::path::Path::new("/dev/shm");
    let in_memory = tempfile::Builder::new()
        .prefix("lernort-fuzz")
        .tempdir_in(shm);
    match in_memory {
        Ok(dir) => Ok(dir),
        Err(_) => tempfile::tempdir(),
    }
}
