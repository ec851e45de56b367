//! Template maps with fixed keys, built in one pass. Tera's `Value::from(map)` inserts
//! every entry of a finished map into a new one (hashing each key again); a value
//! serialised into Tera keeps the map the serialiser builds, and takes each `Value` it
//! meets as it is (a pointer copy, not a deep one). Page values are the bulk of a
//! build's template values, so this halves the hashing on the way to every page.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use tera::Value;

/// Entries of a template map, in the order templates see them.
#[derive(Clone, Default)]
pub struct Fields {
    entries: Vec<(&'static str, Value)>,
}

impl Fields {
    /// Room for `n` entries.
    pub fn with_capacity(n: usize) -> Fields {
        Fields {
            entries: Vec::with_capacity(n),
        }
    }

    /// Sets `key` to `value`. A key set twice keeps its first place and its last value,
    /// as in a map: the map the serialiser builds replaces it there.
    pub fn put(&mut self, key: &'static str, value: impl Into<Value>) {
        self.entries.push((key, value.into()));
    }

    /// Removes `key`, keeping the order of the others.
    pub fn remove(&mut self, key: &str) {
        self.entries.retain(|(k, _)| *k != key);
    }

    /// The map as a template value.
    pub fn value(&self) -> Value {
        // Serialising cannot fail: every key is a string and every entry a `Value`,
        // which the serialiser passes through. Were it to, the map would be empty in
        // the template, not the build stopped.
        Value::try_from_serializable(self).unwrap_or_else(|_| Value::from(tera::Map::new()))
    }
}

impl From<Fields> for Value {
    fn from(fields: Fields) -> Value {
        fields.value()
    }
}

impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_struct("Fields", self.entries.len())?;
        for (key, value) in &self.entries {
            map.serialize_field(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::Fields;
    use tera::{Context, Tera, Value};

    fn shown(value: Value) -> String {
        let mut tera = Tera::default();
        tera.add_raw_template(
            "t",
            "{% for k, v in m %}{{ k }};{% endfor %}{{ m.a }} {{ m.b.x }} {{ m.d }}",
        )
        .expect("a valid template");
        let mut context = Context::new();
        context.insert_value("m", value);
        tera.render("t", &context).expect("renders")
    }

    #[test]
    fn a_map_keeps_the_order_values_and_nesting_it_was_given() {
        let mut inner = Fields::default();
        inner.put("x", "innen");
        let mut m = Fields::with_capacity(3);
        m.put("a", 1);
        m.put("b", inner.value());
        m.put("c", "<em>");
        m.put("a", 2);
        let a_string = Value::from("lang ".repeat(10));
        m.put("d", a_string);
        m.remove("c");
        assert_eq!(
            shown(m.value()),
            "a;b;d;2 innen lang lang lang lang lang lang lang lang lang lang "
        );
    }

    #[test]
    fn a_map_equals_the_one_tera_builds_from_the_same_entries() {
        let mut fields = Fields::default();
        let mut map = tera::Map::new();
        for (k, v) in [
            ("title", Value::from("T")),
            ("n", Value::from(3)),
            ("none", Value::none()),
        ] {
            fields.put(k, v.clone());
            map.insert(k.into(), v);
        }
        assert_eq!(fields.value(), Value::from(map));
    }
}
