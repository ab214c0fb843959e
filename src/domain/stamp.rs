//! A day or timestamp as written, with its day number read once when it is set.
//!
//! Reports read the day of every activity, order and payment: read out of its text, which lies
//! apart from the record in memory, that was most of the work of the columns every report
//! shares. Kept beside the text, it is read with the record. The text stays what is stored,
//! shown and compared.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date::day_code;

#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    /// First, so that stamps order as their texts do.
    text: String,
    day: i32,
}

impl Stamp {
    /// The day number of its first ten characters (see [`day_code`]), [`NO_DAY`] when they are
    /// not a day.
    ///
    /// [`NO_DAY`]: super::date::NO_DAY
    pub fn day(&self) -> i32 {
        self.day
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<String> for Stamp {
    fn from(text: String) -> Stamp {
        Stamp {
            day: day_code(&text),
            text,
        }
    }
}

impl From<&str> for Stamp {
    fn from(text: &str) -> Stamp {
        Stamp::from(text.to_owned())
    }
}

impl From<Stamp> for String {
    fn from(stamp: Stamp) -> String {
        stamp.text
    }
}

impl Deref for Stamp {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for Stamp {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl PartialEq<str> for Stamp {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Stamp {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl fmt::Debug for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Written as its text alone, so backups and stored records keep their form.
impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Stamp, D::Error> {
        String::deserialize(deserializer).map(Stamp::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::NO_DAY;

    #[test]
    fn a_stamp_keeps_its_text_and_the_day_of_it() {
        let stamp = Stamp::from("2026-03-02T09:30:00Z");
        assert_eq!(stamp, "2026-03-02T09:30:00Z");
        assert_eq!(stamp.day(), day_code("2026-03-02"));
        assert_eq!(Stamp::from("2026-03-02").day(), stamp.day());
        assert_eq!(Stamp::from("yesterday").day(), NO_DAY);
        let earlier = Stamp::from("2026-03-01T23:59:59Z");
        assert!(earlier < stamp);
    }

    #[test]
    fn a_stamp_is_stored_as_its_text_and_read_back_with_its_day() {
        let stamp = Stamp::from("2026-03-02T09:30:00Z");
        let json = serde_json::to_string(&stamp).unwrap();
        assert_eq!(json, r#""2026-03-02T09:30:00Z""#);
        let back: Stamp = serde_json::from_str(&json).unwrap();
        assert_eq!((back.as_str(), back.day()), (stamp.as_str(), stamp.day()));
        let packed = postcard::to_allocvec(&stamp).unwrap();
        assert_eq!(
            packed,
            postcard::to_allocvec("2026-03-02T09:30:00Z").unwrap()
        );
        let back: Stamp = postcard::from_bytes(&packed).unwrap();
        assert_eq!(back.day(), stamp.day());
    }
}
