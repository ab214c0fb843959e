//! A chosen file as a table: checked as bytes, decoded, split into a header and rows. Every way
//! a file can be unusable as a whole is a [`FileProblem`], which says where when it can.

use super::csv::{parse, CsvRow, ParseError};

/// Larger files are refused before they are read: a CSV of this size already holds far more
/// rows than an import screen can show.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
pub const MAX_ROWS: usize = 50_000;

/// Why a file cannot be imported at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// The browser could not read the file (moved, or no permission).
    Unreadable,
    TooLarge,
    /// An Excel workbook (.xlsx or .xls) rather than a CSV saved from it.
    Workbook,
    /// Bytes that are not text in any encoding: a picture, a PDF, UTF-16.
    NotText,
    /// Neither UTF-8 nor GBK.
    UnknownEncoding,
    Empty,
    OnlyHeader,
    TooManyRows,
    /// Separated by semicolons or tabs, as some Excel settings save.
    NotCommaSeparated,
    /// A quoted field never closed: the row and column (from 1) where it opens, and that
    /// column's header.
    UnterminatedQuote {
        row: usize,
        column: usize,
        header: String,
    },
}

/// How the file's text was encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    /// Excel's default in China, decoded by the browser.
    Gbk,
}

/// A file's header and its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvFile {
    pub header: Vec<String>,
    pub rows: Vec<CsvRow>,
}

/// Checks what can be seen in the bytes before decoding them.
pub fn check_bytes(bytes: &[u8]) -> Result<(), FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let xlsx = bytes.starts_with(b"PK\x03\x04");
    let xls = bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]);
    if xlsx || xls {
        return Err(FileProblem::Workbook);
    }
    if bytes.contains(&0) {
        return Err(FileProblem::NotText);
    }
    Ok(())
}

/// The text of UTF-8 bytes, with or without a BOM; none if they are not UTF-8 (then the browser
/// tries GBK).
pub fn decode_utf8(bytes: &[u8]) -> Option<(&str, Encoding)> {
    match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => std::str::from_utf8(rest)
            .ok()
            .map(|t| (t, Encoding::Utf8Bom)),
        None => std::str::from_utf8(bytes).ok().map(|t| (t, Encoding::Utf8)),
    }
}

/// The header and rows of decoded text.
pub fn read(text: &str) -> Result<CsvFile, FileProblem> {
    let rows = parse(text).map_err(|ParseError::UnterminatedQuote { row, column }| {
        // The file breaks further down; its first line still names the column.
        let header = text
            .lines()
            .next()
            .and_then(|line| parse(line).ok())
            .and_then(|rows| rows.into_iter().next())
            .and_then(|first| first.fields.get(column - 1).cloned())
            .filter(|_| row > 1)
            .unwrap_or_default();
        FileProblem::UnterminatedQuote {
            row,
            column,
            header: header.trim().to_owned(),
        }
    })?;
    let mut rows = rows.into_iter();
    let header = rows.next().ok_or(FileProblem::Empty)?;
    if let [only] = header.fields.as_slice() {
        if only.contains([';', '\t']) {
            return Err(FileProblem::NotCommaSeparated);
        }
    }
    let rows: Vec<CsvRow> = rows.collect();
    if rows.is_empty() {
        return Err(FileProblem::OnlyHeader);
    }
    if rows.len() > MAX_ROWS {
        return Err(FileProblem::TooManyRows);
    }
    Ok(CsvFile {
        header: header.fields.iter().map(|h| h.trim().to_owned()).collect(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_read_with_or_without_a_bom_and_anything_else_is_left_to_the_browser() {
        assert_eq!(
            decode_utf8("客户名称\n".as_bytes()),
            Some(("客户名称\n", Encoding::Utf8))
        );
        assert_eq!(
            decode_utf8(b"\xef\xbb\xbfname\n"),
            Some(("name\n", Encoding::Utf8Bom))
        );
        // 客户 in GBK: not UTF-8, so GBK is the browser's to decode.
        assert_eq!(decode_utf8(&[0xbf, 0xcd, 0xbb, 0xa7]), None);
    }

    #[test]
    fn workbooks_and_binary_files_are_refused_before_decoding() {
        assert_eq!(
            check_bytes(b"PK\x03\x04rest of a zip"),
            Err(FileProblem::Workbook)
        );
        assert_eq!(check_bytes(b"\xff\xfen\0a\0"), Err(FileProblem::NotText));
        assert_eq!(
            check_bytes(&vec![b'a'; MAX_BYTES + 1]),
            Err(FileProblem::TooLarge)
        );
        assert_eq!(check_bytes("a,b\n1,2".as_bytes()), Ok(()));
    }

    #[test]
    fn a_file_needs_a_header_and_a_row() {
        assert_eq!(read(""), Err(FileProblem::Empty));
        assert_eq!(read("\r\n\r\n"), Err(FileProblem::Empty));
        assert_eq!(read("name,phone\r\n"), Err(FileProblem::OnlyHeader));
        let file = read(" name , phone\r\nA,1\r\n").unwrap();
        assert_eq!(file.header, ["name", "phone"]);
        assert_eq!(file.rows[0].number, 2);
    }

    #[test]
    fn an_unterminated_quote_names_its_row_and_column() {
        assert_eq!(
            read("name,notes\nA,\"fine\"\nB,\"broken\nC,d\n"),
            Err(FileProblem::UnterminatedQuote {
                row: 3,
                column: 2,
                header: "notes".into()
            })
        );
    }

    #[test]
    fn semicolon_files_are_named_as_such() {
        assert_eq!(
            read("name;phone\nA;1\n"),
            Err(FileProblem::NotCommaSeparated)
        );
    }

    #[test]
    fn too_many_rows_are_refused() {
        let text = format!("name\n{}", "a\n".repeat(MAX_ROWS + 1));
        assert_eq!(read(&text), Err(FileProblem::TooManyRows));
    }
}
