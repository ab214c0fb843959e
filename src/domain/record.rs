//! What every record carries, whatever its kind (DESIGN.md section 1).

use serde::{Deserialize, Serialize};

use super::id::Id;

/// Identity, history and ownership shared by every record.
/// Timestamps are UTC RFC 3339 strings, which sort as text in time order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMeta {
    pub id: Id,
    pub created_at: String,
    pub updated_at: String,
    /// Grows by one on every write, so a write based on an old copy can be detected.
    pub rev: u32,
    /// The team member the record is assigned to.
    pub owner: Id,
    /// Set when the record is in Trash.
    #[serde(default)]
    pub deleted_at: Option<String>,
}

impl RecordMeta {
    pub fn new(id: Id, now: &str, owner: Id) -> Self {
        RecordMeta {
            id,
            created_at: now.to_owned(),
            updated_at: now.to_owned(),
            rev: 1,
            owner,
            deleted_at: None,
        }
    }

    /// Marks one more write of the record.
    pub fn touch(&mut self, now: &str) {
        self.updated_at = now.to_owned();
        self.rev += 1;
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    pub fn move_to_trash(&mut self, now: &str) {
        self.deleted_at = Some(now.to_owned());
        self.touch(now);
    }

    pub fn restore(&mut self, now: &str) {
        self.deleted_at = None;
        self.touch(now);
    }
}

/// A kind of record that has the shared metadata.
pub trait Record {
    fn meta(&self) -> &RecordMeta;
    fn meta_mut(&mut self) -> &mut RecordMeta;

    fn id(&self) -> &str {
        &self.meta().id
    }
}

/// Replaces records by id and adds the new ones at the end, in one pass however many there are.
pub fn upsert_by_id<R: Record>(records: &mut Vec<R>, changed: Vec<R>) {
    if changed.is_empty() {
        return;
    }
    let mut by_id: std::collections::HashMap<String, R> = changed
        .into_iter()
        .map(|r| (r.id().to_owned(), r))
        .collect();
    for slot in records.iter_mut() {
        if let Some(new) = by_id.remove(slot.id()) {
            *slot = new;
        }
    }
    records.extend(by_id.into_values());
}

/// Removes the records whose ids are `gone`, then [`upsert_by_id`]s the `changed` ones: what
/// another writer did, brought into a list held here.
pub fn merge_by_id<R: Record, S>(
    records: &mut Vec<R>,
    changed: Vec<R>,
    gone: &std::collections::HashSet<S>,
) where
    S: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    if !gone.is_empty() {
        records.retain(|r| !gone.contains(r.id()));
    }
    upsert_by_id(records, changed);
}

/// Serde for a record kind, given its fields in order. Its JSON form (backups, each record's own
/// stored value) flattens its parts into one object, as the kind derives with
/// `#[serde(remote = "Self")]`. Its compact form (the packed copy, through postcard) is its
/// fields in order: formats without field names cannot carry a flattened struct at all, and
/// flattening makes serde buffer every field of a record before reading it, a third of the
/// decoding time of a start. `is_human_readable` tells the two apart.
///
/// The compact form has no field names, so a change to a record's fields changes what its bytes
/// mean: `store::packed::FORMAT` names the version the packed copy is written in.
macro_rules! record_serde {
    ($record:ident { $($field:ident: $ty:ty),+ $(,)? }) => {
        impl serde::Serialize for $record {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if serializer.is_human_readable() {
                    $record::serialize(self, serializer)
                } else {
                    serde::Serialize::serialize(&($(&self.$field,)+), serializer)
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $record {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                if deserializer.is_human_readable() {
                    $record::deserialize(deserializer)
                } else {
                    let ($($field,)+) =
                        <($($ty,)+) as serde::Deserialize>::deserialize(deserializer)?;
                    Ok($record { $($field),+ })
                }
            }
        }
    };
}
pub(crate) use record_serde;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_write_raises_rev_and_updated_at() {
        let mut meta = RecordMeta::new("a".into(), "2026-01-01T00:00:00Z", "me".into());
        assert_eq!(meta.rev, 1);
        meta.touch("2026-01-02T00:00:00Z");
        assert_eq!(meta.rev, 2);
        assert_eq!(meta.updated_at, "2026-01-02T00:00:00Z");
        assert_eq!(meta.created_at, "2026-01-01T00:00:00Z");
    }

    #[test]
    fn trash_and_restore_are_writes() {
        let mut meta = RecordMeta::new("a".into(), "2026-01-01T00:00:00Z", "me".into());
        meta.move_to_trash("2026-01-02T00:00:00Z");
        assert!(meta.is_deleted());
        assert_eq!(meta.rev, 2);
        meta.restore("2026-01-03T00:00:00Z");
        assert!(!meta.is_deleted());
        assert_eq!(meta.rev, 3);
    }
}
