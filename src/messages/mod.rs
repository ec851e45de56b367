//! Everything lernort says to people, in the reader's language.
//!
//! Messages are values: a [`Text`] is a catalogue id with its arguments, created
//! wherever a problem is found (often on a worker thread, long before anyone knows who
//! reads it) and turned into words only at the edge, by [`Text::render`], in the
//! [`Lang`] the command chose. The words live in Fluent catalogues,
//! `src/messages/<lang>/*.ftl`, one file per area; both languages have the same ids
//! and arguments (checked by the tests in `catalogue.rs`).

mod catalogue;
mod choose;

use std::fmt;

pub use choose::{choose, from_env};

/// A language lernort has messages in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Lang {
    /// German: the language of the bundled site and of most sites made with lernort.
    De,
    /// English: the fallback for every other language.
    #[default]
    En,
}

impl Lang {
    /// The catalogue for a BCP 47 tag such as `de`, `de-AT` or `en-GB`, if there is one.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or(tag);
        if primary.eq_ignore_ascii_case("de") {
            Some(Lang::De)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The tag of this language, as written after `--messages`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

/// A message to show someone: a catalogue id and its arguments.
///
/// An id may name an attribute of a message: `message-id.hint`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// An argument of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Shown as written: a file name, a key, a value from the site.
    Str(String),
    /// A count, which may choose a plural form.
    Int(i64),
    /// Another message, rendered in the same language first.
    Text(Box<Text>),
}

impl Text {
    /// The message `id` without arguments (yet).
    pub fn new(id: &'static str) -> Text {
        Text {
            id,
            args: Vec::new(),
        }
    }

    /// Adds the argument `$name`.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Text {
        self.args.push((name, value.into()));
        self
    }

    /// Text that is not from the catalogue: shown as is, in every language. Only for
    /// words that are not lernort's (a message another program wrote).
    pub fn verbatim(text: impl Into<String>) -> Text {
        Text::new(catalogue::VERBATIM).arg("text", text.into())
    }

    /// The catalogue id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The words in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        catalogue::render(self, lang)
    }
}

/// English, for logs, `Debug` output and unit tests; people get [`Text::render`].
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Str(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Str(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Str(s.to_string())
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Arg {
        Arg::Text(Box::new(t))
    }
}

macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                // Counts and line numbers; none comes near i64::MAX.
                Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_arg!(usize, u64, u32, u16, i64, i32);

/// Builds a [`Text`] from a catalogue id and `name = value` arguments.
#[macro_export]
macro_rules! text {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Text::new($id)$(.arg(stringify!($name), $value))*
    };
}
