//! Stable sorts that share one copy of the standard library's sort.
//!
//! `slice::sort_by` is compiled anew for every element type and every comparison closure: each
//! copy is some 4 KB of wasm, and the app's sixty-odd sorts made a twentieth of its code. These
//! sort the places of the items instead, through one comparison type, so the sort itself exists
//! once; only the few lines that put the items in their new order are made per element type.
//! Results are exactly those of the standard stable sorts: equal items keep their order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in the order they were in.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    // Short and already sorted lists, such as most payment plans, need no list of places.
    if items.is_sorted_by(|a, b| compare(a, b) != Ordering::Greater) {
        return;
    }
    let order = {
        let seen: &[T] = items;
        sorted_places(seen.len(), &mut |a, b| compare(&seen[a], &seen[b]))
    };
    rearrange(items, order);
}

/// Sorts `items` by the key each has, working each key out once; equal keys keep their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_places(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    rearrange(items, order);
}

/// The places `0..len` in the order `compare` gives them. Not generic, so the standard library's
/// sort is made for this one closure type only.
fn sorted_places(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts the item from place `order[i]` at place `i`, following each cycle of the permutation
/// with swaps, and marking a place done by making it point at itself.
fn rearrange<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut here = start;
        while order[here] != here {
            let from = order[here];
            order[here] = here;
            if from == start {
                break;
            }
            items.swap(here, from);
            here = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_items_keep_their_order() {
        let mut items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn a_key_sort_reverses_with_its_key() {
        let mut words = vec!["pear", "fig", "apple", "kiwi"];
        sort_by_key(&mut words, |w| std::cmp::Reverse(w.len()));
        assert_eq!(words, ["apple", "pear", "kiwi", "fig"]);
    }

    #[test]
    fn empty_and_single_lists_are_left_as_they_are() {
        let mut none: Vec<u8> = Vec::new();
        sort_by(&mut none, |a, b| a.cmp(b));
        assert!(none.is_empty());
        let mut one = vec![7];
        sort_by_key(&mut one, |n| *n);
        assert_eq!(one, [7]);
    }

    proptest! {
        // Few distinct keys, so most lists hold ties whose order the comparison cannot see.
        #[test]
        fn sorts_as_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..200)) {
            let tagged: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = tagged.clone();
            expected.sort_by_key(|a| a.0);

            let mut by = tagged.clone();
            sort_by(&mut by, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(&by, &expected);

            let mut by_key = tagged;
            sort_by_key(&mut by_key, |item| item.0);
            prop_assert_eq!(&by_key, &expected);
        }

        #[test]
        fn descending_sorts_match_too(keys in proptest::collection::vec(any::<i16>(), 0..200)) {
            let mut expected = keys.clone();
            expected.sort_by(|a, b| b.cmp(a));
            let mut sorted = keys;
            sort_by(&mut sorted, |a, b| b.cmp(a));
            prop_assert_eq!(sorted, expected);
        }
    }
}
