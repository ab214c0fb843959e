//! What can be wrong with a backup file, and where: every problem names its place in the file
//! (`data.orders[12].lines[0].quantity`) so the user can find it.

/// One thing wrong with a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// A path into the file, empty for the file as a whole.
    pub place: String,
    pub what: What,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    Empty,
    /// Not UTF-8 text; the offset of the first byte that is not.
    NotUtf8 {
        byte: usize,
    },
    NotJson {
        line: usize,
        column: usize,
    },
    /// The file stops in the middle, as a download cut short does.
    Truncated,
    /// Nested deeper than any backup is.
    TooDeep {
        line: usize,
        column: usize,
    },
    /// JSON, but not a Leadline backup.
    NotABackup,
    WrongFormat {
        found: String,
    },
    NewerVersion {
        found: u64,
    },
    UnknownVersion {
        found: String,
    },
    Missing,
    /// `found` is the value as JSON would show it (`"abc"`, `-5`, `{…}`).
    WrongType {
        found: String,
        expected: Expected,
    },
    /// A value outside the set a field allows.
    NotAllowed {
        found: String,
    },
    NotADecimal {
        found: String,
    },
    /// A number outside the range the field allows.
    OutOfRange {
        found: String,
    },
    NotADate {
        found: String,
    },
    /// Not a month written `YYYY-MM`.
    NotAMonth {
        found: String,
    },
    /// Something that may be listed once, listed again (a member's target for a month).
    Repeated {
        found: String,
    },
    DuplicateId {
        id: String,
    },
    /// A reference to a record that is not in the file.
    Dangling {
        id: String,
    },
    TotalsDisagree {
        stored: String,
        computed: String,
    },
    CountDisagrees {
        said: u64,
        found: u64,
    },
    /// An amount larger than what it belongs to leaves room for.
    Exceeds {
        amount: String,
        room: String,
    },
    PlanSum {
        planned: String,
        total: String,
    },
    /// A number too large for any field, where the reader met it.
    NumberTooLarge {
        line: usize,
        column: usize,
    },
    /// A field no backup has.
    Unknown,
    /// More problems than are listed.
    More {
        count: usize,
    },
    /// Anything the checks above do not name, in the words of the parser.
    Other {
        detail: String,
    },
}

impl Problem {
    pub fn new(place: impl Into<String>, what: What) -> Self {
        Problem {
            place: place.into(),
            what,
        }
    }
}

/// What a field holds, in words a translation can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    Text,
    WholeNumber,
    TrueOrFalse,
    List,
    Object,
    /// The reader's own words, for anything rarer.
    Other(String),
}

impl Expected {
    fn from_reader(expected: &str) -> Expected {
        match expected {
            "a string" | "a borrowed string" | "a character" => Expected::Text,
            "a boolean" => Expected::TrueOrFalse,
            "a sequence" => Expected::List,
            "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" => Expected::WholeNumber,
            other if other.starts_with("struct ") || other.starts_with("a map") => Expected::Object,
            other => Expected::Other(other.to_owned()),
        }
    }
}

/// A value as serde names it (`string "abc"`, `integer `-5``) as JSON would show it.
fn shown(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return text.to_owned();
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(value) = found.strip_prefix(prefix) {
            return value.trim_matches('`').to_owned();
        }
    }
    match found {
        "map" => "{…}".to_owned(),
        "sequence" => "[…]".to_owned(),
        "unit value" => "null".to_owned(),
        other => other.to_owned(),
    }
}

/// Turns a JSON reader's complaint about one value into a problem kind. The reader's messages
/// follow fixed patterns (serde's `invalid type: X, expected Y`, `missing field `f``, ...);
/// anything else is kept word for word.
pub(super) fn classify(message: &str) -> (Option<String>, What) {
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`').to_owned();
        return (Some(field), What::Missing);
    }
    if let Some(rest) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
    {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return (
                None,
                What::WrongType {
                    found: shown(found),
                    expected: Expected::from_reader(expected),
                },
            );
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let found = rest.split('`').next().unwrap_or_default().to_owned();
        return (None, What::NotAllowed { found });
    }
    if let Some(found) = message.strip_prefix(crate::domain::money::exact::NOT_A_DECIMAL) {
        return (
            None,
            What::NotADecimal {
                found: found.trim_matches('"').to_owned(),
            },
        );
    }
    if message.starts_with("number out of range") {
        return (
            None,
            What::OutOfRange {
                found: String::new(),
            },
        );
    }
    (
        None,
        What::Other {
            detail: message.to_owned(),
        },
    )
}

/// `base` followed by `field`, as the file would name it.
pub(super) fn join(base: &str, field: &str) -> String {
    match (base.is_empty(), field.is_empty(), field.starts_with('[')) {
        (_, true, _) => base.to_owned(),
        (true, false, _) | (false, false, true) => format!("{base}{field}"),
        (false, false, false) => format!("{base}.{field}"),
    }
}
