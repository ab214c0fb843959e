//! Record ids are UUIDv7 strings: time-ordered, so lists sort naturally by creation, and random
//! enough that records made on two devices never collide when their data is merged.
//!
//! An [`Id`] is held once and shared: a customer's id is also in every order, activity and
//! contact that names it, and a team member's in every record they own. Held as separate
//! strings, those copies were most of the memory of a large data set, and allocating them most
//! of the time it took to read one. Ids read inside [`Interning`] share one allocation per
//! distinct text. Backups and stored values hold ids as text, as before.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A record's id, or a link to one: text, shared rather than copied. It compares, hashes and
/// orders as its text, so a `&str` finds it in a set or map of ids.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Id(Arc<str>);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The shared text itself, for a view that keeps it.
    pub fn into_text(self) -> Arc<str> {
        self.0
    }

    /// The id of this text: the one already read, inside [`Interning`].
    fn shared(text: &str) -> Id {
        TABLE.with_borrow_mut(|table| match table {
            Some(table) => match table.get(text) {
                Some(known) => known.clone(),
                None => {
                    let id = Id(Arc::from(text));
                    table.insert(id.clone());
                    id
                }
            },
            None => Id(Arc::from(text)),
        })
    }
}

thread_local! {
    static TABLE: RefCell<Option<HashSet<Id, FxBuildHasher>>> = const { RefCell::new(None) };
}

/// While one is alive, ids read with serde share one allocation per distinct text. A load holds
/// one for as long as it reads, and drops it so the table's memory is given back.
pub struct Interning {
    began: bool,
}

impl Interning {
    pub fn begin() -> Interning {
        let began = TABLE.with_borrow_mut(|table| {
            let began = table.is_none();
            if began {
                *table = Some(HashSet::default());
            }
            began
        });
        Interning { began }
    }
}

impl Drop for Interning {
    fn drop(&mut self) {
        if self.began {
            TABLE.with_borrow_mut(|table| *table = None);
        }
    }
}

impl Deref for Id {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for Id {
    fn from(text: &str) -> Id {
        Id(Arc::from(text))
    }
}

impl From<String> for Id {
    fn from(text: String) -> Id {
        Id(Arc::from(text))
    }
}

impl From<&String> for Id {
    fn from(text: &String) -> Id {
        Id(Arc::from(text.as_str()))
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        **self == *other.0
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Id;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Id, E> {
                Ok(Id::shared(text))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

/// Builds a UUIDv7 (RFC 9562) from a Unix time in milliseconds and 10 random bytes.
/// The caller supplies the randomness so that this stays pure and testable.
pub fn uuid_v7(unix_ms: u64, random: [u8; 10]) -> String {
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&unix_ms.to_be_bytes()[2..]);
    bytes[6..].copy_from_slice(&random);
    bytes[6] = 0x70 | (bytes[6] & 0x0f);
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Vec<Id> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn ids_read_while_interning_share_their_text() {
        let json = r#"["c1", "o1", "c1", "c\u0031"]"#;
        let shared = {
            let _interning = Interning::begin();
            read(json)
        };
        assert_eq!(shared, ["c1", "o1", "c1", "c1"]);
        assert_eq!(shared[0].as_ptr(), shared[2].as_ptr());
        assert_eq!(shared[0].as_ptr(), shared[3].as_ptr());
        assert_ne!(shared[0].as_ptr(), shared[1].as_ptr());
    }

    #[test]
    fn ids_read_outside_interning_are_their_own() {
        let apart = read(r#"["c1", "c1"]"#);
        assert_eq!(apart[0], apart[1]);
        assert_ne!(apart[0].as_ptr(), apart[1].as_ptr());
    }

    #[test]
    fn interning_ends_with_the_outermost_scope() {
        let outer = Interning::begin();
        let inner = Interning::begin();
        drop(inner);
        let still = read(r#"["c1", "c1"]"#);
        assert_eq!(still[0].as_ptr(), still[1].as_ptr());
        drop(outer);
        let after = read(r#"["c1", "c1"]"#);
        assert_ne!(after[0].as_ptr(), after[1].as_ptr());
    }

    #[test]
    fn an_id_is_found_orders_and_writes_as_its_text() {
        let ids: HashSet<Id> = [Id::from("b"), Id::from("a")].into_iter().collect();
        assert!(ids.contains("a"));
        let mut sorted: Vec<Id> = ids.into_iter().collect();
        sorted.sort();
        assert_eq!(sorted, ["a", "b"]);
        assert_eq!(serde_json::to_string(&sorted).unwrap(), r#"["a","b"]"#);
        assert_eq!(format!("/customers/{}", sorted[0]), "/customers/a");
    }

    #[test]
    fn an_id_that_is_not_text_is_refused() {
        let error = serde_json::from_str::<Id>("7").unwrap_err();
        assert!(error.to_string().contains("expected a string"), "{error}");
    }

    #[test]
    fn has_version_and_variant_bits() {
        let id = uuid_v7(0x0190_0000_0001, [0xff; 10]);
        assert_eq!(id, "01900000-0001-7fff-bfff-ffffffffffff");
    }

    #[test]
    fn later_times_sort_after_earlier_ones() {
        let a = uuid_v7(1_700_000_000_000, [0xff; 10]);
        let b = uuid_v7(1_700_000_000_001, [0x00; 10]);
        assert!(a < b);
    }
}
