//! A document's heading ids as they are kept until every link into them is checked:
//! all ids in one sorted text with where each ends, not one string and one hash table
//! entry each. A page with a deep heading tree has thousands, and every page's ids wait
//! for the last page to be rendered.

/// The distinct heading ids of one document.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HeadingIds {
    /// The ids in byte order, one after the other.
    text: Box<str>,
    /// Where each id ends in `text`.
    ends: Box<[usize]>,
}

impl HeadingIds {
    /// The ids of `ids`, each kept once.
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> HeadingIds {
        let mut ids: Vec<&str> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let mut text = String::with_capacity(ids.iter().map(|id| id.len()).sum());
        let mut ends = Vec::with_capacity(ids.len());
        for id in ids {
            text.push_str(id);
            ends.push(text.len());
        }
        HeadingIds {
            text: text.into(),
            ends: ends.into(),
        }
    }

    /// The number of ids.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The id at position `i` in byte order.
    fn get(&self, i: usize) -> &str {
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1],
        };
        &self.text[start..self.ends[i]]
    }

    /// The ids in byte order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Whether `id` is one of them.
    pub fn contains(&self, id: &str) -> bool {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid).cmp(id) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// Whether every id of `self` is one of `other`'s.
    pub fn is_subset(&self, other: &HeadingIds) -> bool {
        self.iter().all(|id| other.contains(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_each_id_once_and_finds_exactly_those() {
        let ids = HeadingIds::new(["ziele", "b", "ziele-1", "a", "ziele", ""]);
        assert_eq!(
            ids.iter().collect::<Vec<_>>(),
            ["", "a", "b", "ziele", "ziele-1"]
        );
        assert_eq!(ids.len(), 5);
        for id in ["", "a", "b", "ziele", "ziele-1"] {
            assert!(ids.contains(id), "{id}");
        }
        for id in ["zie", "ziele-", "ziele-2", "c", "A", "zielé"] {
            assert!(!ids.contains(id), "{id}");
        }
        let none = HeadingIds::default();
        assert!(none.is_empty() && !none.contains("") && !none.contains("a"));
    }

    #[test]
    fn a_subset_holds_no_id_the_other_lacks() {
        let big = HeadingIds::new(["a", "b", "c"]);
        let small = HeadingIds::new(["c", "a"]);
        assert!(small.is_subset(&big));
        assert!(!big.is_subset(&small));
        assert!(HeadingIds::default().is_subset(&small));
        assert!(!HeadingIds::new(["d"]).is_subset(&big));
    }

    proptest::proptest! {
        #[test]
        fn answers_like_a_set(
            ids in proptest::collection::vec("[a-cä-]{0,4}", 0..20),
            probe in "[a-cä-]{0,4}",
        ) {
            let set: std::collections::BTreeSet<&str> = ids.iter().map(String::as_str).collect();
            let kept = HeadingIds::new(ids.iter().map(String::as_str));
            proptest::prop_assert_eq!(kept.contains(&probe), set.contains(probe.as_str()));
            proptest::prop_assert_eq!(kept.iter().collect::<Vec<_>>(), set.into_iter().collect::<Vec<_>>());
        }
    }
}
