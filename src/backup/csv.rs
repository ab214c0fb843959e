//! CSV as spreadsheets write it (RFC 4180): fields separated by commas, quoted when they hold a
//! comma, a quote or a line break, records ending in CRLF, LF or a lone CR (old Excel for Mac).
//!
//! Written here rather than taken from the `csv` crate: the whole format is this page, the crate
//! would add its state machine and serde glue to every user's download, and the importer needs
//! what the crate does not say: the spreadsheet row where an unterminated quote starts.

/// Put before the first byte of an export: without it Excel reads UTF-8 as the ANSI code page,
/// and Chinese comes out garbled.
pub const BOM: char = '\u{feff}';

/// One record of a file and the row a spreadsheet shows it on: the header is row 1, and blank
/// lines count, as they do in Excel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvRow {
    pub number: usize,
    pub fields: Vec<String>,
}

/// A file that cannot be read as CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// A quoted field opened at this row and column (both from 1) is never closed.
    UnterminatedQuote { row: usize, column: usize },
}

/// The records of `text`, a leading BOM dropped and blank records (no text in any field)
/// skipped. A quote inside an unquoted field is kept as it is; text after a closing quote is
/// kept too, as Excel does.
pub fn parse(text: &str) -> Result<Vec<CsvRow>, ParseError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut number = 1;
    let mut at_field_start = true;
    let mut in_record = false;
    let mut chars = text.chars().peekable();
    let mut end_record = |fields: &mut Vec<String>, field: &mut String, number: &mut usize| {
        fields.push(std::mem::take(field));
        let taken = std::mem::take(fields);
        if taken.iter().any(|f| !f.is_empty()) {
            rows.push(CsvRow {
                number: *number,
                fields: taken,
            });
        }
        *number += 1;
    };
    while let Some(c) = chars.next() {
        in_record = true;
        match c {
            '"' if at_field_start => {
                at_field_start = false;
                loop {
                    match chars.next() {
                        None => {
                            return Err(ParseError::UnterminatedQuote {
                                row: number,
                                column: fields.len() + 1,
                            })
                        }
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => field.push(c),
                    }
                }
            }
            ',' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_record(&mut fields, &mut field, &mut number);
                at_field_start = true;
                in_record = false;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if in_record {
        end_record(&mut fields, &mut field, &mut number);
    }
    Ok(rows)
}

/// Adds one record to `out`, quoting only the fields that need it, ended by CRLF.
pub fn write_row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = field.as_ref();
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// A whole file: the BOM, then every record.
pub fn to_csv<S: AsRef<str>>(records: &[Vec<S>]) -> String {
    let mut out = String::from(BOM);
    for record in records {
        write_row(&mut out, record);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        parse(text).unwrap().into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn quoted_fields_hold_commas_quotes_and_line_breaks() {
        let text = "name,notes\r\n\"星辰科技, 北京\",\"says \"\"hi\"\"\r\nsecond line\"\r\n";
        assert_eq!(
            fields(text),
            vec![
                vec!["name", "notes"],
                vec!["星辰科技, 北京", "says \"hi\"\r\nsecond line"]
            ]
        );
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let rows = parse("\u{feff}a,b\n1,2\n\n,\n\"x\ny\",3\r4,5").unwrap();
        let numbers: Vec<_> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 5, 6]);
        assert_eq!(
            rows[0].fields,
            ["a", "b"],
            "the BOM is not part of the header"
        );
        assert_eq!(rows[3].fields, ["4", "5"], "a lone CR ends a record");
    }

    #[test]
    fn ragged_rows_keep_their_own_length() {
        assert_eq!(
            fields("a,b,c\n1\n1,2,3,4"),
            vec![vec!["a", "b", "c"], vec!["1"], vec!["1", "2", "3", "4"]]
        );
    }

    #[test]
    fn stray_quotes_are_kept_as_text() {
        assert_eq!(fields("5\" screen,\"a\"b"), vec![vec!["5\" screen", "ab"]]);
    }

    #[test]
    fn an_unterminated_quote_says_where_it_starts() {
        assert_eq!(
            parse("name,notes\nA,ok\nB,\"never closed\nC,d\n"),
            Err(ParseError::UnterminatedQuote { row: 3, column: 2 })
        );
    }

    #[test]
    fn empty_text_has_no_rows() {
        assert!(parse("").unwrap().is_empty());
        assert!(parse("\u{feff}\r\n\r\n,,\n").unwrap().is_empty());
    }

    #[test]
    fn the_writer_quotes_only_when_needed() {
        let out = to_csv(&[vec!["a b", "c,d", "e\"f"], vec!["中文", "x\ny", ""]]);
        assert_eq!(out, "\u{feff}a b,\"c,d\",\"e\"\"f\"\r\n中文,\"x\ny\",\r\n");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn field() -> impl Strategy<Value = String> {
            let chars = vec![
                'a', 'Z', ' ', ',', '"', '\r', '\n', '中', '文', 'é', ';', '\t',
            ];
            proptest::collection::vec(proptest::sample::select(chars), 0..8)
                .prop_map(|cs| cs.into_iter().collect())
        }

        /// Records with some text: a record of empty fields is a blank line, which is skipped.
        fn record() -> impl Strategy<Value = Vec<String>> {
            proptest::collection::vec(field(), 1..6)
                .prop_filter("some text", |r| r.iter().any(|f| !f.is_empty()))
        }

        proptest! {
            #[test]
            fn what_is_written_reads_back_the_same(records in proptest::collection::vec(record(), 0..8)) {
                let text = to_csv(&records);
                prop_assert!(text.starts_with(BOM));
                let read: Vec<Vec<String>> = parse(&text).unwrap().into_iter().map(|r| r.fields).collect();
                prop_assert_eq!(read, records);
            }
        }
    }
}
