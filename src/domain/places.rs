//! A list's records named by their place in the full list. A search keeps places, four bytes a
//! record, rather than copies of the records it found, so a keystroke over ten thousand
//! customers copies and frees none of them.

use std::ops::Deref;

/// A record borrowed from a list, with its place there. It reads as the record, so a query
/// filters and sorts these as it would the records, and ends with their places.
pub struct Placed<'a, R> {
    place: u32,
    record: &'a R,
}

impl<R> Clone for Placed<'_, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Placed<'_, R> {}

impl<R> Deref for Placed<'_, R> {
    type Target = R;

    fn deref(&self) -> &R {
        self.record
    }
}

/// Every record of `all`, with its place.
pub fn placed<R>(all: &[R]) -> impl Iterator<Item = Placed<'_, R>> {
    all.iter().enumerate().map(|(place, record)| Placed {
        place: place as u32,
        record,
    })
}

/// The places out of `from` whose record in `all` passes `keep`, in their order: a query
/// narrowing what an earlier one found.
pub fn keep_places<R>(all: &[R], from: &[u32], keep: impl Fn(&R) -> bool) -> Vec<u32> {
    from.iter()
        .copied()
        .filter(|&place| all.get(place as usize).is_some_and(&keep))
        .collect()
}

/// The places of `found`, in its order.
pub fn places_of<R>(found: &[Placed<'_, R>]) -> Vec<u32> {
    found.iter().map(|p| p.place).collect()
}

/// The records at `places`, in their order; a place past the end of `all` (the list shrank
/// before the places were recomputed) is skipped.
pub fn at<'a, R>(all: &'a [R], places: &'a [u32]) -> impl Iterator<Item = &'a R> + 'a {
    places.iter().filter_map(|&place| all.get(place as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placed_records_read_as_records_and_keep_their_places() {
        let all = ["c", "a", "b"];
        let mut found: Vec<_> = placed(&all).filter(|s| **s != "a").collect();
        found.sort_by_key(|s| **s);
        assert_eq!(places_of(&found), [2, 0]);
    }

    #[test]
    fn places_past_the_end_are_skipped() {
        let all = ["a", "b"];
        assert_eq!(at(&all, &[1, 5, 0]).collect::<Vec<_>>(), [&"b", &"a"]);
    }
}
