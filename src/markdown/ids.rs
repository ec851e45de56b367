//! The one allocator of element ids for a page: headings, footnotes and the
//! `<!-- more -->` marker all take their ids from it, so no two elements of a page
//! share an id. It only hands out ids; what an id is made of is the caller's business.

use rustc_hash::FxHashMap;

/// The ids handed out so far in one document.
#[derive(Debug, Default)]
pub struct Ids {
    /// Every id taken, with the byte offset of the element that took it (for messages).
    taken: FxHashMap<String, usize>,
    /// Per base, the number the last search for a free `base-n` ended at. Ids are never
    /// given back, so every `base-k` below it is still taken: the next search starts
    /// there, and a page of 100,000 equal headings costs linear time, not quadratic.
    next: FxHashMap<String, usize>,
}

impl Ids {
    /// `base` if it is free, else the first free `base-1`, `base-2`, …; the result is
    /// taken for the element at byte `offset`.
    pub fn unique(&mut self, base: &str, offset: usize) -> String {
        if !self.taken.contains_key(base) {
            self.taken.insert(base.to_string(), offset);
            return base.to_string();
        }
        let mut n = self.next.get(base).copied().unwrap_or(1);
        let mut id = format!("{base}-{n}");
        while self.taken.contains_key(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.next.insert(base.to_string(), n + 1);
        self.taken.insert(id.clone(), offset);
        id
    }

    /// The byte offset of the element that took `id`, if one has.
    pub fn owner(&self, id: &str) -> Option<usize> {
        self.taken.get(id).copied()
    }

    /// Takes exactly `id` for the element at `offset`; if it is already taken, returns
    /// the offset of the element that has it and takes nothing.
    pub fn exact(&mut self, id: &str, offset: usize) -> Result<(), usize> {
        match self.taken.get(id) {
            Some(&first) => Err(first),
            None => {
                self.taken.insert(id.to_string(), offset);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_ids_get_the_next_free_number() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("a", 0), "a");
        assert_eq!(ids.unique("a-1", 1), "a-1");
        assert_eq!(ids.unique("a", 2), "a-2");
        assert_eq!(ids.exact("a-2", 3), Err(2));
        assert_eq!(ids.exact("b", 4), Ok(()));
        assert_eq!(ids.unique("b", 5), "b-1");
        assert_eq!(ids.owner("b-1"), Some(5));
        assert_eq!(ids.owner("c"), None);
    }

    #[test]
    fn a_later_explicit_id_is_skipped_as_a_number() {
        let mut ids = Ids::default();
        assert_eq!(ids.unique("t", 0), "t");
        assert_eq!(ids.unique("t", 1), "t-1");
        assert_eq!(ids.exact("t-2", 2), Ok(()));
        assert_eq!(ids.unique("t", 3), "t-3");
        assert_eq!(ids.unique("t", 4), "t-4");
        // Another base whose ids look like numbered ones of the first.
        assert_eq!(ids.unique("t-5", 5), "t-5");
        assert_eq!(ids.unique("t", 6), "t-6");
    }
}
