//! A list's search as the user types: the places its query finds, remembering what the
//! keystrokes on the way found (`domain::typed_search`), so that typing further or erasing a
//! letter looks at fewer records; and the count of changes that tells a list when what it
//! remembers or has drawn is out of date.

use leptos::prelude::*;

use crate::domain::typed_search::{Narrows, TypedSearch};

/// Counts the changes of what `track` reads: a number that differs after every change.
pub fn changes(track: impl Fn() + Send + Sync + 'static) -> Memo<u32> {
    Memo::new(move |seen: Option<&u32>| {
        track();
        seen.map_or(0, |n| n.wrapping_add(1))
    })
}

/// The places `query` finds. `run` is as for [`TypedSearch::find`]; `version` must change with
/// everything `run` reads besides the query.
pub fn typed_found<Q>(
    query: RwSignal<Q>,
    version: Memo<u32>,
    run: impl Fn(&Q, Option<&[u32]>) -> Vec<u32> + Send + Sync + 'static,
) -> Memo<Vec<u32>>
where
    Q: Narrows + PartialEq + Clone + Send + Sync + 'static,
{
    let typed = StoredValue::new(TypedSearch::default());
    Memo::new(move |_| {
        let version = version.get();
        query.with(|q| {
            typed
                .try_update_value(|typed| typed.find(version, q, |from| run(q, from)))
                .unwrap_or_else(|| run(q, None))
        })
    })
}
