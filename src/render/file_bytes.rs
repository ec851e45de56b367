//! A rendered file's bytes. Usually one buffer. In the preview, the long text a page's
//! template writes straight from the page's own value (its HTML, `page.content`) is not
//! copied into the file but shared with the value, which the preview keeps anyway: every
//! page's HTML is then held once, not once in its value and again in each version of its
//! file (after a template edit, the served one and the new one). What the template writes
//! besides is kept in runs of lines that files with the same lines share ([`super::chunks`]).

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::sync::Arc;

use tera::Value;

use super::chunks::Chunks;

/// The shortest text worth sharing instead of copying: below it, a piece of its own
/// costs more than the bytes.
pub const SHARE_FROM: usize = 1024;

/// The bytes of one rendered file.
#[derive(Clone)]
pub enum FileBytes {
    /// One buffer.
    Whole(Arc<[u8]>),
    /// Pieces in order, some of them shared with template values.
    Pieces(Arc<[Piece]>),
}

/// One piece of a file in pieces.
#[derive(Clone)]
pub enum Piece {
    /// Bytes of the file's own, perhaps shared with other files that have the same
    /// run of lines (see [`super::chunks`]).
    Own(Arc<[u8]>),
    /// A string value's text, shared with the value.
    Shared(Value),
}

impl Piece {
    fn bytes(&self) -> &[u8] {
        match self {
            Piece::Own(b) => b,
            // Only string values become shared pieces (see `Composer::write`).
            Piece::Shared(v) => v.as_str().map_or(&[], str::as_bytes),
        }
    }
}

impl FileBytes {
    /// The file's length in bytes.
    pub fn len(&self) -> usize {
        self.slices().map(<[u8]>::len).sum()
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.slices().all(<[u8]>::is_empty)
    }

    /// The file's bytes, piece by piece.
    pub fn slices(&self) -> impl Iterator<Item = &[u8]> {
        let (whole, pieces): (Option<&[u8]>, &[Piece]) = match self {
            FileBytes::Whole(b) => (Some(b), &[]),
            FileBytes::Pieces(p) => (None, p),
        };
        whole.into_iter().chain(pieces.iter().map(Piece::bytes))
    }

    /// The file's bytes in one slice: borrowed when it is one buffer, else copied.
    pub fn contiguous(&self) -> Cow<'_, [u8]> {
        match self {
            FileBytes::Whole(b) => Cow::Borrowed(b),
            FileBytes::Pieces(_) => Cow::Owned(self.slices().collect::<Vec<_>>().concat()),
        }
    }
}

impl From<Vec<u8>> for FileBytes {
    fn from(bytes: Vec<u8>) -> Self {
        FileBytes::Whole(bytes.into())
    }
}

impl From<&[u8]> for FileBytes {
    fn from(bytes: &[u8]) -> Self {
        FileBytes::Whole(bytes.into())
    }
}

impl PartialEq for FileBytes {
    /// Equal bytes, however they are cut into pieces.
    fn eq(&self, other: &Self) -> bool {
        if self.len() != other.len() {
            return false;
        }
        let (mut a, mut b) = (self.slices(), other.slices());
        let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
        loop {
            if x.is_empty() {
                match a.next() {
                    Some(s) => x = s,
                    // Both have the same length: what is left of `b` is empty.
                    None => return true,
                }
                continue;
            }
            if y.is_empty() {
                match b.next() {
                    Some(s) => y = s,
                    None => return false,
                }
                continue;
            }
            let n = x.len().min(y.len());
            // A piece shared by both is equal without reading it.
            if !std::ptr::eq(&x[..n], &y[..n]) && x[..n] != y[..n] {
                return false;
            }
            (x, y) = (&x[n..], &y[n..]);
        }
    }
}

impl Eq for FileBytes {}

impl fmt::Debug for FileBytes {
    /// The text (as far as it is UTF-8), so that a failed comparison shows what differs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = String::from_utf8_lossy(&self.contiguous()).into_owned();
        f.debug_tuple("FileBytes").field(&text).finish()
    }
}

/// Collects what a template writes. A write of exactly the text of one of `shareable`
/// (string values of at least [`SHARE_FROM`] bytes) becomes a piece shared with it;
/// everything else is copied, in runs shared through `chunks` with other files.
pub struct Composer<'v> {
    own: Vec<u8>,
    pieces: Vec<Piece>,
    shareable: &'v [Value],
    chunks: &'v Chunks,
}

impl<'v> Composer<'v> {
    /// An empty file that shares writes of `shareable`'s texts, with room for `capacity`
    /// bytes of its own.
    pub fn new(shareable: &'v [Value], capacity: usize, chunks: &'v Chunks) -> Composer<'v> {
        Composer {
            own: Vec::with_capacity(capacity),
            pieces: Vec::new(),
            shareable,
            chunks,
        }
    }

    /// The file written.
    pub fn finish(mut self) -> FileBytes {
        self.end_own();
        FileBytes::Pieces(self.pieces.into())
    }

    /// Ends the bytes of its own written so far (the buffer is used again).
    fn end_own(&mut self) {
        if !self.own.is_empty() {
            self.chunks.append(&self.own, &mut self.pieces);
            self.own.clear();
        }
    }

    fn shared(&self, buf: &[u8]) -> Option<&Value> {
        if buf.len() < SHARE_FROM {
            return None;
        }
        // The same address and length: the write is the value's own text, not a copy.
        self.shareable
            .iter()
            .find(|v| v.as_str().is_some_and(|s| std::ptr::eq(s.as_bytes(), buf)))
    }
}

impl io::Write for Composer<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.shared(buf).cloned() {
            Some(value) => {
                self.end_own();
                self.pieces.push(Piece::Shared(value));
            }
            None => self.own.extend_from_slice(buf),
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn long(c: char) -> String {
        c.to_string().repeat(SHARE_FROM)
    }

    #[test]
    fn a_value_written_whole_is_shared_and_the_rest_copied() {
        let html = Value::safe_string(&long('x'));
        let values = [html.clone()];
        let chunks = Chunks::default();
        let mut out = Composer::new(&values, 16, &chunks);
        out.write_all(b"<main>").unwrap();
        out.write_all(html.as_str().unwrap().as_bytes()).unwrap();
        out.write_all(b"</main>").unwrap();
        let file = out.finish();
        let FileBytes::Pieces(pieces) = &file else {
            panic!("not in pieces: {file:?}");
        };
        assert_eq!(pieces.len(), 3);
        assert!(matches!(&pieces[1], Piece::Shared(v) if std::ptr::eq(
            v.as_str().unwrap(),
            html.as_str().unwrap()
        )));
        let expected = format!("<main>{}</main>", long('x'));
        assert_eq!(file.contiguous(), expected.as_bytes());
        assert_eq!(file.len(), expected.len());
        assert_eq!(file, FileBytes::from(expected.as_bytes()));
    }

    #[test]
    fn a_copy_of_the_text_and_a_short_text_are_copied() {
        let html = Value::safe_string(&long('x'));
        let short = Value::safe_string("kurz, aber länger als ein kleiner Text");
        let values = [html.clone(), short.clone()];
        let chunks = Chunks::default();
        let mut out = Composer::new(&values, 16, &chunks);
        out.write_all(long('x').as_bytes()).unwrap();
        out.write_all(short.as_str().unwrap().as_bytes()).unwrap();
        let file = out.finish();
        let FileBytes::Pieces(pieces) = &file else {
            panic!("not in pieces: {file:?}");
        };
        assert!(pieces.iter().all(|p| matches!(p, Piece::Own(_))));
    }

    #[test]
    fn equality_does_not_depend_on_where_the_pieces_are_cut() {
        let (a, b) = (long('a'), long('b'));
        let (va, vb) = (Value::safe_string(&a), Value::safe_string(&b));
        let values = [va.clone(), vb.clone()];
        let chunks = Chunks::default();
        let mut out = Composer::new(&values, 16, &chunks);
        out.write_all(va.as_str().unwrap().as_bytes()).unwrap();
        out.write_all(b"-").unwrap();
        out.write_all(vb.as_str().unwrap().as_bytes()).unwrap();
        let pieces = out.finish();
        let whole = FileBytes::from(format!("{a}-{b}").into_bytes());
        assert_eq!(pieces, whole);
        assert_eq!(whole, pieces);
        assert_eq!(pieces, pieces.clone());
        let other = FileBytes::from(format!("{a}+{b}").into_bytes());
        assert_ne!(pieces, other);
        assert_ne!(pieces, FileBytes::from(format!("{a}-").into_bytes()));
        assert!(FileBytes::from(Vec::new()).is_empty());
    }

    /// `text` cut at `cuts` (positions, taken modulo its length) into own pieces.
    fn cut(text: &[u8], cuts: &[usize]) -> FileBytes {
        let mut at: Vec<usize> = cuts.iter().map(|c| c % (text.len() + 1)).collect();
        at.extend([0, text.len()]);
        at.sort_unstable();
        let pieces: Vec<Piece> = at
            .windows(2)
            .map(|w| Piece::Own(text[w[0]..w[1]].into()))
            .collect();
        FileBytes::Pieces(pieces.into())
    }

    proptest::proptest! {
        #[test]
        fn equal_exactly_when_the_bytes_are(
            a in proptest::collection::vec(0u8..3, 0..12),
            b in proptest::collection::vec(0u8..3, 0..12),
            cuts_a in proptest::collection::vec(0usize..16, 0..5),
            cuts_b in proptest::collection::vec(0usize..16, 0..5),
        ) {
            let (x, y) = (cut(&a, &cuts_a), cut(&b, &cuts_b));
            proptest::prop_assert_eq!(x == y, a == b);
            proptest::prop_assert_eq!(x == FileBytes::from(a.clone()), true);
            proptest::prop_assert_eq!(x.len(), a.len());
            proptest::prop_assert_eq!(x.contiguous().into_owned(), a);
        }
    }
}
