//! The errors lernort's template functions and filters raise, carried through Tera as
//! [`Text`] so that the report can show them in the reader's language.
//!
//! A function raises its error long before anyone knows who reads it, and Tera wants a
//! `tera::Error`. The error gets our [`Raised`] as its source; but Tera 2 turns the
//! error of a function or filter into a rendering error holding only its words
//! (`format!("{err}")` in its interpreter), so the source is lost on the way. The
//! `Text` is therefore also left on the thread that raised it: a render job runs on one
//! thread from start to end (as [`crate::render::memo`] relies on too), and its error
//! is turned into a diagnostic right after, on the same thread.

use std::cell::RefCell;
use std::fmt;

use crate::messages::Text;

/// An error of ours inside a Tera error.
#[derive(Debug, Clone)]
pub struct Raised(pub Text);

/// English, which is also what Tera shows of it.
impl fmt::Display for Raised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Raised {}

thread_local! {
    /// The last error raised on this thread: its English words and the message.
    static LAST: RefCell<Option<(String, Text)>> = const { RefCell::new(None) };
}

/// The Tera error for `text`, raised by a template function or filter.
pub fn raise(text: Text) -> tera::Error {
    let words = text.to_string();
    LAST.with(|last| *last.borrow_mut() = Some((words.clone(), text.clone())));
    tera::Error::chain(words, Raised(text))
}

/// Our message behind `e`, whose words (as Tera reports them) are `words`: found in
/// the error's sources, or else left on this thread by the function that raised it.
/// The words must match, so that a message left from an earlier render is never taken
/// for another error.
pub fn find(e: &tera::Error, words: &str) -> Option<Text> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(Raised(text)) = s.downcast_ref::<Raised>() {
            return Some(text.clone());
        }
        source = s.source();
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match last.take() {
            Some((known, text)) if known == words => Some(text),
            other => {
                *last = other;
                None
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raised_message_is_found_by_its_words_once() {
        let text = crate::text!("templates-date-not-a-date", value = "morgen");
        let e = raise(text.clone());
        assert_eq!(find(&e, "other words"), Some(text.clone()), "by its source");
        let flat = tera::Error::message(e.to_string());
        assert_eq!(find(&flat, "other words"), None);
        assert_eq!(
            find(&flat, &e.to_string()),
            Some(text),
            "left on the thread"
        );
        assert_eq!(find(&flat, &e.to_string()), None, "taken only once");
    }
}
