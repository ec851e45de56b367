//! Reading text files: UTF-8 only, with the line of the first invalid byte or of a
//! carriage return that ends no line. A file is read either into its own `String` or
//! into a buffer that one thread reuses for every file it reads (a `build` keeps only
//! the front matter, so the whole text need not be allocated at all).

use std::cell::RefCell;
use std::io::Read;
use std::path::Path;

use crate::error::Diagnostic;
use crate::text;

/// Reads a UTF-8 text file, naming the line of the first invalid byte if it is not UTF-8,
/// or of the first carriage return that ends no line (see [`crate::lines`]).
pub fn read_text(path: &Path, display: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path, display, Vec::new(), UNSEEN)?;
    checked(&bytes, display)?;
    // SAFETY: `checked` has just validated exactly these bytes as UTF-8.
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// The largest buffer a thread keeps between files.
const KEEP_BUFFER: usize = 1 << 20;

thread_local! {
    // Grows to the largest file a thread has read, then stays: one allocation per
    // thread instead of one per file.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Reads the file like [`read_text`] into this thread's buffer and passes the text
/// to `f`, without allocating it. `size` is the file's size as last seen (by the walk):
/// only room to reserve, the file is read to its end whatever its size now.
pub fn with_text<R>(
    path: &Path,
    display: &Path,
    size: u64,
    f: impl FnOnce(&str) -> Result<R, Diagnostic>,
) -> Result<R, Diagnostic> {
    BUFFER.with(|buffer| {
        // Not reentrant: `f` reads no file itself. Were it to, it gets a fresh buffer.
        let Ok(mut buffer) = buffer.try_borrow_mut() else {
            return f(&read_text(path, display)?);
        };
        let bytes = read_bytes(path, display, std::mem::take(&mut *buffer), size)?;
        let result = checked(&bytes, display).and_then(f);
        // Kept for the next file only if small: reuse pays off for the many small
        // files, and a 20 MB page's buffer must not stay for the rest of the build.
        if bytes.capacity() <= KEEP_BUFFER {
            *buffer = bytes;
        }
        result
    })
}

/// The size of a file not seen before it is read: read as a large one, whose size the
/// reading asks for itself.
const UNSEEN: u64 = u64::MAX;

/// Up to this size (as last seen) a file is read without asking for its size again:
/// the generic reading reads at most this much at first and doubles from there, so a
/// larger file would take more reads than the two calls it saves.
const SMALL: u64 = 8 * 1024;

fn read_bytes(
    path: &Path,
    display: &Path,
    mut into: Vec<u8>,
    size: u64,
) -> Result<Vec<u8>, Diagnostic> {
    into.clear();
    let read = std::fs::File::open(path).and_then(|mut file| {
        if size > SMALL {
            // Asks for size and position, then reads the whole file at once.
            return file.read_to_end(&mut into);
        }
        // One byte more than the size: the read that finds the end needs room, else the
        // buffer would grow just for it.
        into.reserve(usize::try_from(size).map_or(0, |s| s.saturating_add(1)));
        // `File::read_to_end` asks the file for its size and position first (a `statx`
        // and an `lseek`, 40,000 calls for a 10,000-page build that reads every file
        // twice); through `Take` it only reads, into the room reserved from `size`.
        file.take(u64::MAX).read_to_end(&mut into)
    });
    read.map_err(|e| {
        let reason = e.to_string();
        Diagnostic::new(display, text!("content-unreadable", reason = reason))
            .hint(text!("content-unreadable.hint"))
    })?;
    Ok(into)
}

/// The bytes as text, if they are UTF-8 without a lone carriage return.
fn checked<'b>(bytes: &'b [u8], display: &Path) -> Result<&'b str, Diagnostic> {
    // SIMD validation first (every file is checked, German text is rarely pure ASCII,
    // where the standard check is fast); only a failure needs the standard library's
    // position of the first invalid byte.
    let text = match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e, display))?,
    };
    match crate::lines::lone_carriage_return(text) {
        // No source line shown: printed, the `\r` would move the cursor back over it.
        Some((line, column)) => Err(Diagnostic::new(
            display,
            text!("content-lone-carriage-return"),
        )
        .at(line, Some(column))
        .hint(text!("content-lone-carriage-return.hint"))),
        None => Ok(text),
    }
}

fn not_utf8(bytes: &[u8], e: std::str::Utf8Error, display: &Path) -> Diagnostic {
    let valid = e.valid_up_to();
    let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
    let column = valid
        - bytes[..valid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1)
        + 1;
    Diagnostic::new(display, text!("content-not-utf8"))
        .at(line, Some(column))
        .hint(text!("content-not-utf8.hint"))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The size is only room to reserve: a file read with a size seen before it grew or
    /// shrank is read whole all the same.
    #[test]
    fn a_file_is_read_to_its_end_whatever_size_was_seen() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("seite.md");
        let text = "Zeile\n".repeat(5_000);
        assert!(text.len() as u64 > super::SMALL, "read both ways below");
        std::fs::write(&path, &text).expect("written");
        let len = text.len() as u64;
        for seen in [
            0,
            1,
            6,
            super::SMALL,
            super::SMALL + 1,
            len,
            len + 1,
            1 << 20,
        ] {
            let read = super::with_text(&path, Path::new("seite.md"), seen, |t| Ok(t.to_owned()));
            assert_eq!(read.expect("readable"), text, "size seen: {seen}");
        }
        assert_eq!(
            super::read_text(&path, Path::new("seite.md")).expect("readable"),
            text
        );
    }
}
