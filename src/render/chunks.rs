//! Runs of lines that many files of the preview have in common (the head, the
//! navigation, the footer), each kept once and shared by every file that has it, in
//! every version of the file: after a template edit, the served version and the new one
//! share what did not change.
//!
//! A file's own bytes are cut after each line whose hash picks it ([`CUT_ONE_IN`]), so
//! the cuts depend only on the lines around them: the same lines give the same runs in
//! every file, wherever they stand, and a line of its own (a page's title) spoils only
//! the run it is in.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64;

use super::file_bytes::Piece;

/// One line in this many ends a run (on average). Measured on the 10,000-page benchmark
/// site: 4 shares more lines but needs more pieces, 16 shares too few.
const CUT_ONE_IN: u64 = 8;

/// A run is cut at the next line end after this many bytes even without a chosen line,
/// and within a line this long: a file without line breaks is cut evenly.
const LONGEST_RUN: usize = 4096;

/// The runs the preview's files hold, by hash.
#[derive(Debug, Default)]
pub struct Chunks {
    table: Mutex<FxHashMap<u64, Arc<[u8]>>>,
    /// Runs added since the unused ones were last forgotten (also by failed builds,
    /// whose files nobody keeps).
    added: AtomicUsize,
}

impl Chunks {
    /// Appends `bytes` to `pieces` as runs, each shared with the files that have it.
    pub fn append(&self, bytes: &[u8], pieces: &mut Vec<Piece>) {
        let mut table = match self.table.lock() {
            Ok(table) => table,
            // A thread that panicked while holding it left whole entries only.
            Err(poisoned) => poisoned.into_inner(),
        };
        for run in runs(bytes) {
            let known = table.entry(xxh3_64(run)).or_insert_with(|| {
                self.added.fetch_add(1, Ordering::Relaxed);
                Arc::from(run)
            });
            // Another run with the same hash: this one is kept on its own.
            let shared = if **known == *run {
                Arc::clone(known)
            } else {
                Arc::from(run)
            };
            pieces.push(Piece::Own(shared));
        }
    }

    /// Forgets the runs no file holds any more, once an eighth of the runs is new since
    /// the last time (walking every run costs a pass over all files' worth of runs).
    /// Called before a build renders: only the served files hold runs then.
    pub fn forget_unused(&self) {
        let Ok(mut table) = self.table.lock() else {
            return;
        };
        if self.added.load(Ordering::Relaxed) <= table.len() / 8 {
            return;
        }
        table.retain(|_, run| Arc::strong_count(run) > 1);
        table.shrink_to_fit();
        self.added.store(0, Ordering::Relaxed);
    }

    /// How many runs are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.table.lock().map_or(0, |t| t.len())
    }
}

/// `bytes` cut into runs of whole lines (see the module's comment).
fn runs(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = 0;
        while end < rest.len() {
            let line_end = memchr::memchr(b'\n', &rest[end..]).map_or(rest.len(), |i| end + i + 1);
            let line_end = line_end.min(end + LONGEST_RUN);
            let chosen = xxh3_64(&rest[end..line_end]).is_multiple_of(CUT_ONE_IN);
            end = line_end;
            if chosen || end >= LONGEST_RUN {
                break;
            }
        }
        let (run, after) = rest.split_at(end);
        rest = after;
        Some(run)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pieces: &[Piece]) -> Vec<u8> {
        pieces
            .iter()
            .flat_map(|p| match p {
                Piece::Own(b) => b.to_vec(),
                Piece::Shared(_) => panic!("only own pieces here"),
            })
            .collect()
    }

    fn page(title: &str) -> String {
        let nav: String = (0..40)
            .map(|i| format!("<li><a href=\"/rubrik-{i}/\">Rubrik {i}</a></li>\n"))
            .collect();
        format!("<!doctype html>\n<title>{title}</title>\n<nav>\n{nav}</nav>\n<h1>{title}</h1>\n")
    }

    #[test]
    fn the_runs_are_the_bytes_and_equal_lines_share_them() {
        let chunks = Chunks::default();
        let (a, b) = (page("Erste Seite"), page("Zweite Seite"));
        let (mut pa, mut pb) = (Vec::new(), Vec::new());
        chunks.append(a.as_bytes(), &mut pa);
        chunks.append(b.as_bytes(), &mut pb);
        assert_eq!(text(&pa), a.as_bytes());
        assert_eq!(text(&pb), b.as_bytes());
        let shared = pa
            .iter()
            .filter(|x| {
                pb.iter().any(|y| match (x, y) {
                    (Piece::Own(x), Piece::Own(y)) => Arc::ptr_eq(x, y),
                    _ => false,
                })
            })
            .count();
        // The navigation's forty lines are shared; the runs with a title are not.
        assert!(shared >= pa.len() - 3, "{shared} of {} shared", pa.len());
        assert!(pa.len() > 5, "cut into runs: {}", pa.len());
        assert!(pa.iter().all(|p| match p {
            Piece::Own(b) => b.ends_with(b"\n"),
            Piece::Shared(_) => false,
        }));
    }

    /// How many different runs `pieces` holds.
    fn distinct(pieces: &[Piece]) -> usize {
        let mut at: Vec<*const u8> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Own(b) => Some(b.as_ptr()),
                Piece::Shared(_) => None,
            })
            .collect();
        at.sort_unstable();
        at.dedup();
        at.len()
    }

    #[test]
    fn runs_nobody_holds_are_forgotten() {
        let chunks = Chunks::default();
        let mut kept = Vec::new();
        chunks.append(page("Bleibt").as_bytes(), &mut kept);
        let mut gone = Vec::new();
        chunks.append(page("Geht").as_bytes(), &mut gone);
        assert!(chunks.len() > distinct(&kept));
        drop(gone);
        chunks.forget_unused();
        assert_eq!(chunks.len(), distinct(&kept));

        // A few new runs are not worth a walk over all of them: kept until more come.
        for n in 0..40 {
            chunks.append(page(&format!("Seite {n}")).as_bytes(), &mut kept);
        }
        chunks.forget_unused();
        let mut one = Vec::new();
        chunks.append(page("Eine").as_bytes(), &mut one);
        drop(one);
        let with_one = chunks.len();
        assert!(with_one > distinct(&kept));
        chunks.forget_unused();
        assert_eq!(chunks.len(), with_one);
    }

    #[test]
    fn text_without_line_breaks_is_cut_evenly() {
        let long = "x".repeat(3 * LONGEST_RUN + 5);
        let cut: Vec<usize> = runs(long.as_bytes()).map(<[u8]>::len).collect();
        assert_eq!(cut, [LONGEST_RUN, LONGEST_RUN, LONGEST_RUN, 5]);
        assert_eq!(runs(b"").count(), 0);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_cut_into_runs_that_make_it_up(
            text in proptest::collection::vec(proptest::sample::select(b"ab\n".to_vec()), 0..200),
        ) {
            let joined: Vec<u8> = runs(&text).flatten().copied().collect();
            proptest::prop_assert_eq!(joined, text);
        }
    }
}
