//! The flat reader's values handed to serde, as serde_yaml hands the same values: text
//! where text is asked for, numbers, flags and null only from plain scalars.

use std::borrow::Cow;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Decline, Meaning, Node, Scalar, meaning};

/// Methods of `Deserializer` that decline: the full path reads such values.
macro_rules! declined {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Decline> {
                Err(Decline)
            }
        )*
    };
}

/// The methods of `Deserializer` that take names, all declining.
macro_rules! declined_with_names {
    () => {
        fn deserialize_unit_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: V,
        ) -> Result<V::Value, Decline> {
            Err(Decline)
        }

        fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Decline> {
            Err(Decline)
        }

        fn deserialize_tuple_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            _: usize,
            _: V,
        ) -> Result<V::Value, Decline> {
            Err(Decline)
        }

        declined_with_fields!(deserialize_enum);
    };
    (struct) => {
        declined_with_names!();
        declined_with_fields!(deserialize_struct);
    };
}

/// Methods of `Deserializer` that take a name and a list of names, declining.
macro_rules! declined_with_fields {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(
                self,
                _: &'static str,
                _: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Decline> {
                Err(Decline)
            }
        )*
    };
}

/// Methods of `Deserializer` that call another on the same value.
macro_rules! forward_to {
    ($target:ident: $($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
                self.$target(visitor)
            }
        )*
    };
}

/// A newtype struct gets the value itself, as serde_yaml gives it; an ignored value
/// (a key the target type skips) is taken as it is.
macro_rules! wrapped_and_ignored {
    () => {
        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Decline> {
            visitor.visit_newtype_struct(self)
        }

        fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
            visitor.visit_unit()
        }
    };
}

/// Methods of `Deserializer` for a [`Node`] that only a scalar can answer.
macro_rules! scalar_only {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
                match self {
                    Node::Scalar(s) => s.$method(visitor),
                    Node::List(_) => Err(Decline),
                }
            }
        )*
    };
}

/// A flat text, read as a mapping.
pub struct Doc<'a> {
    entries: Vec<(&'a str, Node<'a>)>,
}

impl<'a> Doc<'a> {
    /// A mapping of these entries, in their order.
    pub(super) fn new(entries: Vec<(&'a str, Node<'a>)>) -> Self {
        Doc { entries }
    }
}

impl<'de> Deserializer<'de> for Doc<'de> {
    type Error = Decline;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        let mut entries = Entries {
            entries: self.entries.into_iter(),
            value: None,
        };
        let value = visitor.visit_map(&mut entries)?;
        // serde_yaml refuses a visitor that stops before the end ("invalid length").
        let read_all = entries.entries.len() == 0 && entries.value.is_none();
        read_all.then_some(value).ok_or(Decline)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Decline> {
        self.deserialize_any(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.deserialize_any(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Decline> {
        visitor.visit_newtype_struct(self)
    }

    declined! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32
        deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_option deserialize_unit deserialize_seq
        deserialize_identifier deserialize_ignored_any
    }

    declined_with_names!();
}

/// The entries of a [`Doc`], handed to a map visitor one by one.
struct Entries<'a> {
    entries: std::vec::IntoIter<(&'a str, Node<'a>)>,
    value: Option<Node<'a>>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = Decline;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Decline> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Decline> {
        let value = self.value.take().ok_or(Decline)?;
        seed.deserialize(value)
    }
}

impl<'de> Deserializer<'de> for Node<'de> {
    type Error = Decline;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Scalar(s) => s.deserialize_any(visitor),
            Node::List(items) => visit_items(items, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::Scalar(s) => s.deserialize_option(visitor),
            Node::List(_) => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self {
            Node::List(items) => visit_items(items, visitor),
            Node::Scalar(_) => Err(Decline),
        }
    }

    wrapped_and_ignored!();

    scalar_only! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_str
        deserialize_string deserialize_identifier
    }

    declined! {
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_map
    }

    declined_with_names!(struct);
}

/// Hands `items` to a sequence visitor, declining when it stops before the end (which
/// serde_yaml refuses: "invalid length").
fn visit_items<'de, V: Visitor<'de>>(
    items: Vec<Scalar<'de>>,
    visitor: V,
) -> Result<V::Value, Decline> {
    let mut items = Items(items.into_iter());
    let value = visitor.visit_seq(&mut items)?;
    (items.0.len() == 0).then_some(value).ok_or(Decline)
}

/// The items of a one-line list, handed to a sequence visitor one by one.
struct Items<'a>(std::vec::IntoIter<Scalar<'a>>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Decline;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Decline> {
        self.0.next().map(|s| seed.deserialize(s)).transpose()
    }
}

impl<'de> Scalar<'de> {
    /// The text to a visitor, borrowed from the front matter where it is written as is.
    fn visit_text<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.text {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            // serde_yaml hands over text with `''` undone as a `&str` of its own.
            Cow::Owned(text) => visitor.visit_str(&text),
        }
    }

    /// The plain decimal number in the text, if it is written plain.
    fn number(&self) -> Option<Meaning> {
        let meaning = self.plain.then(|| meaning(&self.text)).flatten()?;
        matches!(meaning, Meaning::Unsigned(_) | Meaning::Signed(_)).then_some(meaning)
    }
}

impl<'de> Deserializer<'de> for Scalar<'de> {
    type Error = Decline;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        if !self.plain {
            return self.visit_text(visitor);
        }
        match meaning(&self.text).ok_or(Decline)? {
            Meaning::Null => visitor.visit_unit(),
            Meaning::Flag(flag) => visitor.visit_bool(flag),
            Meaning::Unsigned(n) => visitor.visit_u64(n),
            Meaning::Signed(n) => visitor.visit_i64(n),
            Meaning::Text => self.visit_text(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        // serde_yaml gives any scalar as text when text is asked for: `123`, `true`.
        self.visit_text(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.visit_text(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        self.visit_text(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        if self.plain && matches!(meaning(&self.text), Some(Meaning::Null)) {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.plain.then(|| meaning(&self.text)).flatten() {
            Some(Meaning::Flag(flag)) => visitor.visit_bool(flag),
            _ => Err(Decline),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.number() {
            Some(Meaning::Unsigned(n)) => visitor.visit_i64(i64::try_from(n).map_err(|_| Decline)?),
            Some(Meaning::Signed(n)) => visitor.visit_i64(n),
            _ => Err(Decline),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Decline> {
        match self.number() {
            Some(Meaning::Unsigned(n)) => visitor.visit_u64(n),
            _ => Err(Decline),
        }
    }

    wrapped_and_ignored!();

    forward_to! {
        deserialize_i64: deserialize_i8 deserialize_i16 deserialize_i32
    }

    forward_to! {
        deserialize_u64: deserialize_u8 deserialize_u16 deserialize_u32
    }

    declined! {
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_seq deserialize_map
    }

    declined_with_names!(struct);
}
