//! What a CSV import says to the user: fields, kinds, and every problem with a file or a row,
//! with its place (row and column) in the words of the user's language.

use crate::backup::csv_fields::{ImportKind, Target};
use crate::backup::csv_file::{Encoding, FileProblem, MAX_BYTES, MAX_ROWS};
use crate::backup::csv_rows::{CellProblem, Reason, RowProblem};
use crate::i18n::{t, tf, Key, Lang};
use crate::ui::labels::problem_text;

pub fn target_key(target: Target) -> Key {
    match target {
        Target::Name => Key::FieldName,
        Target::Company => Key::FieldCompany,
        Target::Customer => Key::FieldCustomerName,
        Target::Title => Key::FieldTitle,
        Target::Phone => Key::FieldPhone,
        Target::Email => Key::FieldEmail,
        Target::City => Key::FieldCity,
        Target::Address => Key::FieldAddress,
        Target::Website => Key::FieldWebsite,
        Target::Industry => Key::FieldIndustry,
        Target::Source => Key::FieldSource,
        Target::Level => Key::FieldLevel,
        Target::Tags => Key::FieldTags,
        Target::Notes => Key::FieldNotes,
        Target::NextFollowUp => Key::FieldNextFollowUp,
        Target::DecisionMaker => Key::DecisionMaker,
        Target::Code => Key::FieldCode,
        Target::Spec => Key::FieldSpec,
        Target::Unit => Key::FieldUnit,
        Target::Category => Key::FieldCategory,
        Target::ListPrice => Key::FieldListPrice,
        Target::TaxRate => Key::FieldTaxRate,
    }
}

/// The title of the import screen, and the title and address of the list it imports into.
pub fn kind_texts(kind: ImportKind) -> (Key, Key, &'static str) {
    match kind {
        ImportKind::Lead => (Key::ImportLeadsTitle, Key::LeadsTitle, "/leads"),
        ImportKind::Customer => (Key::ImportCustomersTitle, Key::CustomersTitle, "/customers"),
        ImportKind::Contact => (Key::ImportContactsTitle, Key::ContactsTitle, "/contacts"),
        ImportKind::Product => (Key::ImportProductsTitle, Key::ProductsTitle, "/products"),
    }
}

pub fn encoding_key(encoding: Encoding) -> Key {
    match encoding {
        Encoding::Utf8 => Key::EncodingUtf8,
        Encoding::Utf8Bom => Key::EncodingUtf8Bom,
        Encoding::Gbk => Key::EncodingGbk,
    }
}

pub fn reason_key(reason: Reason) -> Key {
    match reason {
        Reason::Name => Key::SameName,
        Reason::Phone => Key::SamePhone,
        Reason::Email => Key::SameEmail,
        Reason::Code => Key::SameCode,
        Reason::NameAndSpec => Key::SameNameAndSpec,
    }
}

/// A column as the user knows it: its number from 1, and its header when it has one.
pub fn column_label(lang: Lang, header: &[String], column: usize) -> String {
    column_text(
        lang,
        column + 1,
        header.get(column).map_or("", String::as_str),
    )
}

fn column_text(lang: Lang, number: usize, name: &str) -> String {
    let number = number.to_string();
    if name.is_empty() {
        tf(lang, Key::ColumnNumber, &[("number", &number)])
    } else {
        tf(
            lang,
            Key::ColumnNamed,
            &[("number", &number), ("name", name)],
        )
    }
}

/// Why the whole file cannot be imported, and where when that is known.
pub fn file_problem_text(lang: Lang, problem: &FileProblem) -> String {
    let megabytes = (MAX_BYTES / (1024 * 1024)).to_string();
    match problem {
        FileProblem::TooLarge => tf(lang, Key::CsvTooLarge, &[("max", &megabytes)]),
        FileProblem::Unreadable => t(lang, Key::CsvUnreadable).to_owned(),
        FileProblem::Workbook => t(lang, Key::CsvWorkbook).to_owned(),
        FileProblem::NotText => t(lang, Key::CsvNotText).to_owned(),
        FileProblem::UnknownEncoding => t(lang, Key::CsvUnknownEncoding).to_owned(),
        FileProblem::Empty => t(lang, Key::CsvEmpty).to_owned(),
        FileProblem::OnlyHeader => t(lang, Key::CsvOnlyHeader).to_owned(),
        FileProblem::TooManyRows => {
            tf(lang, Key::CsvTooManyRows, &[("max", &MAX_ROWS.to_string())])
        }
        FileProblem::NotCommaSeparated => t(lang, Key::CsvNotCommaSeparated).to_owned(),
        FileProblem::UnterminatedQuote {
            row,
            column,
            header,
        } => tf(
            lang,
            Key::CsvUnterminatedQuote,
            &[
                ("row", &row.to_string()),
                ("column", &column_text(lang, *column, header)),
            ],
        ),
    }
}

/// One problem of a row, prefixed by its column when it has one.
pub fn cell_problem_text(lang: Lang, header: &[String], problem: &CellProblem) -> String {
    let text = match &problem.problem {
        RowProblem::Field(p) => problem_text(lang, *p),
        RowProblem::PriceInvalid => t(lang, Key::ProblemPrice).to_owned(),
        RowProblem::LevelInvalid => t(lang, Key::CsvLevelInvalid).to_owned(),
        RowProblem::YesNoInvalid => t(lang, Key::CsvYesNoInvalid).to_owned(),
        RowProblem::ColumnCount { found, expected } => tf(
            lang,
            Key::CsvColumnCount,
            &[
                ("found", &found.to_string()),
                ("expected", &expected.to_string()),
            ],
        ),
        RowProblem::NoSuchCustomer(name) => tf(lang, Key::CsvNoSuchCustomer, &[("name", name)]),
    };
    match problem.column {
        Some(column) => format!("{}: {text}", column_label(lang, header, column)),
        None => text,
    }
}
