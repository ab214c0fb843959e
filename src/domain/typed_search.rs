//! What the last keystrokes of a search found, so the next one looks at fewer records: a word
//! typed further is found only among what the shorter word found, and a letter erased brings back
//! what was found before it was typed.

/// A list's query that can tell when it keeps no record another query did not keep.
pub trait Narrows {
    /// Whether every record this query keeps, `before` kept too.
    fn narrows(&self, before: &Self) -> bool;
}

/// The queries typed on the way to the present one, each with the places it found. Every one
/// is narrowed by the next, so the last is the nearest.
pub struct TypedSearch<Q> {
    /// Which state of the records the places belong to.
    version: u32,
    steps: Vec<(Q, Vec<u32>)>,
}

impl<Q> Default for TypedSearch<Q> {
    fn default() -> Self {
        TypedSearch {
            version: 0,
            steps: Vec::new(),
        }
    }
}

impl<Q: Narrows + PartialEq + Clone> TypedSearch<Q> {
    /// The places `query` finds. `run` finds them: given places (those found by the nearest
    /// query on the way), it keeps those the query matches, in their order; given none, it
    /// searches every record. `version` names the state of the records and of whatever else
    /// the query reads: when it changes, what was found before is forgotten.
    pub fn find(
        &mut self,
        version: u32,
        query: &Q,
        run: impl FnOnce(Option<&[u32]>) -> Vec<u32>,
    ) -> Vec<u32> {
        if version != self.version {
            self.version = version;
            self.steps.clear();
        }
        self.steps.retain(|(before, _)| query.narrows(before));
        if let Some((_, found)) = self.steps.iter().find(|(before, _)| before == query) {
            return found.clone();
        }
        let found = run(self.steps.last().map(|(_, found)| found.as_slice()));
        self.steps.push((query.clone(), found.clone()));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that must all be in a record, as a search box holds them.
    #[derive(Clone, Debug, PartialEq)]
    struct Text(String);

    impl Narrows for Text {
        fn narrows(&self, before: &Self) -> bool {
            self.0.starts_with(&before.0)
        }
    }

    fn matches(records: &[&str], query: &Text, from: &[u32]) -> Vec<u32> {
        from.iter()
            .copied()
            .filter(|&p| records[p as usize].contains(&query.0))
            .collect()
    }

    #[test]
    fn typing_further_filters_what_was_found_and_erasing_reuses_it() {
        let records = ["alpha", "alps", "beta", "alto"];
        let everyone = [0, 1, 2, 3];
        let mut search = TypedSearch::default();
        let looked_at = std::cell::RefCell::new(Vec::new());
        let mut typed = |text: &str, version: u32| {
            let query = Text(text.into());
            search.find(version, &query, |from| {
                let from = from.unwrap_or(&everyone);
                looked_at.borrow_mut().push(from.len());
                matches(&records, &query, from)
            })
        };
        assert_eq!(typed("al", 0), [0, 1, 3]);
        assert_eq!(typed("alp", 0), [0, 1]);
        assert_eq!(typed("al", 0), [0, 1, 3]);
        assert_eq!(typed("alt", 0), [3]);
        assert_eq!(typed("alt", 1), [3]);
        assert_eq!(*looked_at.borrow(), [4, 3, 3, 4]);
    }

    proptest::proptest! {
        /// Whatever is typed and erased, and however the records change between keystrokes, it
        /// finds what filtering every record finds.
        #[test]
        fn finds_what_a_search_of_everyone_finds(
            mut records in proptest::collection::vec("[ab]{0,4}", 1..10),
            keys in proptest::collection::vec((0..4u8, proptest::bool::ANY), 0..30),
        ) {
            let everyone: Vec<u32> = (0..records.len() as u32).collect();
            let mut search = TypedSearch::default();
            let (mut text, mut version) = (String::new(), 0);
            for (key, edit) in keys {
                match key {
                    0 => { text.pop(); }
                    1 => text.push('a'),
                    2 => text.push('b'),
                    _ => text.clear(),
                }
                if edit {
                    records[0].push('b');
                    version += 1;
                }
                let records: Vec<&str> = records.iter().map(String::as_str).collect();
                let query = Text(text.clone());
                let found = search.find(version, &query, |from| {
                    matches(&records, &query, from.unwrap_or(&everyone))
                });
                proptest::prop_assert_eq!(found, matches(&records, &query, &everyone));
            }
        }
    }
}
