//! Backup problems in the user's language, each after its place in the file.

use crate::backup::format::FORMAT_VERSION;
use crate::backup::problem::{Expected, Problem, What};
use crate::i18n::{t, tf, Key, Lang};

fn expected_text(lang: Lang, expected: &Expected) -> String {
    let key = match expected {
        Expected::Text => Key::ExpectedText,
        Expected::WholeNumber => Key::ExpectedWholeNumber,
        Expected::TrueOrFalse => Key::ExpectedTrueOrFalse,
        Expected::List => Key::ExpectedList,
        Expected::Object => Key::ExpectedObject,
        Expected::Other(words) => return words.clone(),
    };
    t(lang, key).to_owned()
}

fn what_text(lang: Lang, what: &What) -> String {
    let n = |value: &usize| value.to_string();
    match what {
        What::Empty => t(lang, Key::ProblemEmpty).to_owned(),
        What::NotUtf8 { byte } => tf(lang, Key::ProblemNotUtf8, &[("byte", &n(byte))]),
        What::NotJson { line, column } => tf(
            lang,
            Key::ProblemNotJson,
            &[("line", &n(line)), ("column", &n(column))],
        ),
        What::Truncated => t(lang, Key::ProblemTruncated).to_owned(),
        What::TooDeep { line, column } => tf(
            lang,
            Key::ProblemTooDeep,
            &[("line", &n(line)), ("column", &n(column))],
        ),
        What::NotABackup => t(lang, Key::ProblemNotABackup).to_owned(),
        What::WrongFormat { found } => tf(lang, Key::ProblemWrongFormat, &[("found", found)]),
        What::NewerVersion { found } => tf(
            lang,
            Key::ProblemNewerVersion,
            &[
                ("found", &found.to_string()),
                ("max", &FORMAT_VERSION.to_string()),
            ],
        ),
        What::UnknownVersion { found } => tf(lang, Key::ProblemUnknownVersion, &[("found", found)]),
        What::Missing => t(lang, Key::ProblemMissing).to_owned(),
        What::WrongType { found, expected } => tf(
            lang,
            Key::ProblemWrongType,
            &[
                ("found", found),
                ("expected", &expected_text(lang, expected)),
            ],
        ),
        What::NotAllowed { found } => tf(lang, Key::BackupNotAllowed, &[("found", found)]),
        What::NotADecimal { found } => tf(lang, Key::ProblemNotADecimal, &[("found", found)]),
        What::OutOfRange { found } => tf(lang, Key::ProblemOutOfRange, &[("found", found)]),
        What::NotADate { found } => tf(lang, Key::ProblemNotADate, &[("found", found)]),
        What::NotAMonth { found } => tf(lang, Key::BackupNotAMonth, &[("found", found)]),
        What::Repeated { found } => tf(lang, Key::BackupRepeated, &[("found", found)]),
        What::DuplicateId { id } => tf(lang, Key::ProblemDuplicateId, &[("id", id)]),
        What::Dangling { id } => tf(lang, Key::ProblemDangling, &[("id", id)]),
        What::TotalsDisagree { stored, computed } => tf(
            lang,
            Key::ProblemTotalsDisagree,
            &[("stored", stored), ("computed", computed)],
        ),
        What::CountDisagrees { said, found } => tf(
            lang,
            Key::ProblemCountDisagrees,
            &[("said", &said.to_string()), ("found", &found.to_string())],
        ),
        What::Exceeds { amount, room } => tf(
            lang,
            Key::BackupExceeds,
            &[("amount", amount), ("room", room)],
        ),
        What::PlanSum { planned, total } => tf(
            lang,
            Key::BackupPlanSum,
            &[("planned", planned), ("total", total)],
        ),
        What::NumberTooLarge { line, column } => tf(
            lang,
            Key::ProblemNumberTooLarge,
            &[("line", &n(line)), ("column", &n(column))],
        ),
        What::Unknown => t(lang, Key::ProblemUnknown).to_owned(),
        What::More { count } => tf(lang, Key::ProblemMore, &[("count", &n(count))]),
        What::Other { detail } => detail.clone(),
    }
}

/// `data.orders[12].lines[0].quantity: “abc” is not a number …`, or the message alone for the
/// file as a whole.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    let what = what_text(lang, &problem.what);
    if problem.place.is_empty() {
        what
    } else {
        format!("{}: {what}", problem.place)
    }
}
