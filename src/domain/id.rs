//! Record ids are UUIDv7 strings: time-ordered, so lists sort naturally by creation, and random
//! enough that records made on two devices never collide when their data is merged.
//!
//! An [`Id`] is held once and shared: a customer's id is also in every order, activity and
//! contact that names it, and a team member's in every record they own. Held as separate
//! strings, those copies were a quarter of the memory of a large data set. Backups and each
//! record's stored value hold ids as text. The packed copy (the records' compact form) holds
//! each distinct id once, in a table, and every id as its number there ([`IdNumbers`]): a start
//! reads the table, then shares its ids by number, without hashing any text. Looking each id up
//! by its text instead made a start half a second slower than copying them.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;
use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A record's id, or a link to one: text, shared rather than copied. It compares, hashes and
/// orders as its text, so a `&str` finds it in a set or map of ids.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Id(Arc<str>);

impl Id {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where the shared text is held: two ids at one address are the same text, found without
    /// reading it. The same text may be held at two addresses (ids that came in separately).
    pub fn address(&self) -> usize {
        Arc::as_ptr(&self.0).cast::<u8>() as usize
    }

    /// The shared text itself, for a view that keeps it.
    pub fn into_text(self) -> Arc<str> {
        self.0
    }
}

/// The ids written in the compact form so far, each with its number: its place in [`ids`].
///
/// [`ids`]: IdNumbers::ids
#[derive(Default)]
pub struct IdNumbers {
    numbers: HashMap<Id, u32, FxBuildHasher>,
    ids: Vec<Id>,
}

impl IdNumbers {
    /// Runs `write`, in which ids written in the compact form are written as their numbers here;
    /// an id not yet numbered takes the next number.
    pub fn writing<T>(&mut self, write: impl FnOnce() -> T) -> T {
        let outer = WRITING.replace(Some(std::mem::take(self)));
        let written = write();
        *self = WRITING.replace(outer).unwrap_or_default();
        written
    }

    /// Every id numbered, by number.
    pub fn ids(&self) -> &[Id] {
        &self.ids
    }

    fn number(&mut self, id: &Id) -> u32 {
        if let Some(&number) = self.numbers.get(id) {
            return number;
        }
        let number = self.ids.len() as u32;
        self.numbers.insert(id.clone(), number);
        self.ids.push(id.clone());
        number
    }
}

/// Runs `read`, in which ids read in the compact form are the ones of `ids` their numbers name.
/// Only for as long as `read` runs, so reads of two packed copies never mix their tables.
pub fn reading<T>(ids: &Rc<[Id]>, read: impl FnOnce() -> T) -> T {
    let outer = READING.replace(Some(Rc::clone(ids)));
    let done = read();
    READING.set(outer);
    done
}

thread_local! {
    static WRITING: RefCell<Option<IdNumbers>> = const { RefCell::new(None) };
    static READING: RefCell<Option<Rc<[Id]>>> = const { RefCell::new(None) };
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
        if serializer.is_human_readable() {
            return serializer.serialize_str(&self.0);
        }
        match WRITING.with_borrow_mut(|numbers| numbers.as_mut().map(|n| n.number(self))) {
            Some(number) => serializer.serialize_u32(number),
            None => Err(S::Error::custom(
                "an id in the compact form is written as a number, outside IdNumbers::writing",
            )),
        }
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
                Ok(Id::from(text))
            }
        }
        if deserializer.is_human_readable() {
            return deserializer.deserialize_str(Text);
        }
        let number = u32::deserialize(deserializer)?;
        READING
            .with_borrow(|ids| ids.as_ref()?.get(number as usize).cloned())
            .ok_or_else(|| D::Error::custom(format!("no id numbered {number}")))
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

    #[test]
    fn ids_in_the_compact_form_are_numbers_and_read_back_shared() {
        let written: Vec<Option<Id>> = vec![Some("c1".into()), None, Some("o1".into())];
        let again: Vec<Id> = vec!["o1".into(), "c1".into()];
        let mut numbers = IdNumbers::default();
        let (a, b) = numbers.writing(|| {
            (
                postcard::to_allocvec(&written).unwrap(),
                postcard::to_allocvec(&again).unwrap(),
            )
        });
        assert_eq!(numbers.ids(), ["c1", "o1"]);
        assert_eq!(b, [2, 1, 0]);
        let ids: Rc<[Id]> = numbers.ids().into();
        let (first, second) = reading(&ids, || {
            let first: Vec<Option<Id>> = postcard::from_bytes(&a).unwrap();
            let second: Vec<Id> = postcard::from_bytes(&b).unwrap();
            (first, second)
        });
        assert_eq!(first, written);
        assert_eq!(second, again);
        assert_eq!(second[1].as_ptr(), ids[0].as_ptr());
    }

    #[test]
    fn the_compact_form_needs_its_table() {
        let id = Id::from("c1");
        assert!(postcard::to_allocvec(&id).is_err());
        let ids: Rc<[Id]> = vec![id].into();
        assert_eq!(
            reading(&ids, || postcard::from_bytes::<Id>(&[0]).ok()),
            Some("c1".into())
        );
        assert!(reading(&ids, || postcard::from_bytes::<Id>(&[1])).is_err());
        assert!(postcard::from_bytes::<Id>(&[0]).is_err());
    }

    #[test]
    fn an_id_is_found_orders_and_writes_as_its_text() {
        let ids: std::collections::HashSet<Id> =
            [Id::from("b"), Id::from("a")].into_iter().collect();
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
