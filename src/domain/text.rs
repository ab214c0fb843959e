//! Text as people type it: full-width characters from Chinese input methods, stray spaces, case.

/// Folds text for comparison and search: full-width ASCII forms and the ideographic space become
/// their ordinary forms, letters become lower case, runs of whitespace become one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_was_space = true;
    for c in text.chars() {
        let c = match c {
            '\u{3000}' => ' ',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        };
        if c.is_whitespace() {
            if !last_was_space {
                out.push(' ');
            }
            last_was_space = true;
        } else {
            out.extend(c.to_lowercase());
            last_was_space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The words of a search box, folded: a record matches when it contains every one.
pub fn search_words(query: &str) -> Vec<String> {
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether every word is in one of `fields`, or, for words of digits, in `phone` however its
/// digits were separated.
///
/// Search runs this over every record at each keystroke, so it folds nothing it can avoid: a
/// word holds no space, so it never spans two fields or a run of spaces, and in a field of plain
/// ASCII folding is only a change of case, compared in place.
pub fn contains_all(fields: &[&str], phone: &str, words: &[String]) -> bool {
    words.iter().all(|word| {
        fields.iter().any(|field| field_contains(field, word)) || digits_contain(phone, word)
    })
}

/// Whether `field`, folded, contains `word` (folded, no spaces).
fn field_contains(field: &str, word: &str) -> bool {
    if !field.is_ascii() {
        return fold(field).contains(word);
    }
    let (field, word) = (field.as_bytes(), word.as_bytes());
    let Some((&first, rest)) = word.split_first() else {
        return true;
    };
    field.windows(word.len()).any(|window| {
        window[0].to_ascii_lowercase() == first && window[1..].eq_ignore_ascii_case(rest)
    })
}

fn digits_contain(phone: &str, word: &str) -> bool {
    // Only a word of digits can be among a phone's digits; the test spares gathering them.
    if !word.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    !digits.is_empty() && digits.contains(word)
}

/// Whether `text` looks like an email address: something, an @, a domain with a dot, no spaces.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !text.chars().any(char::is_whitespace)
        && !domain.contains('@')
        && domain
            .split_once('.')
            .is_some_and(|(host, tld)| !host.is_empty() && !tld.is_empty() && !tld.ends_with('.'))
}

/// Whether `text` could be a phone number: digits with the usual separators, at least 5 digits.
pub fn looks_like_phone(text: &str) -> bool {
    let allowed = |c: char| c.is_ascii_digit() || " +-()./".contains(c);
    text.chars().all(allowed) && text.chars().filter(char::is_ascii_digit).count() >= 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_case_and_spaces() {
        assert_eq!(fold("  ＡＢＣ　Ltd  "), "abc ltd");
        assert_eq!(fold("Ｎｏ．１ 科技"), "no.1 科技");
        assert_eq!(fold("北京  星辰\t科技"), "北京 星辰 科技");
    }

    /// The definition the quick version must keep: every word in the folded, joined fields.
    fn folded_join_contains_all(fields: &[&str], phone: &str, words: &[String]) -> bool {
        let haystack = fold(&fields.join(" "));
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        words.iter().all(|w| {
            haystack.contains(w.as_str()) || (!digits.is_empty() && digits.contains(w.as_str()))
        })
    }

    #[test]
    fn finds_words_whatever_their_case_width_or_field() {
        let fields = ["Northwind Traders", "Retail", "上海", "ＡＣＭＥ Ｌｔｄ"];
        let found = |query: &str| contains_all(&fields, "+86 138-0013-8000", &search_words(query));
        assert!(found("north TRADERS"));
        assert!(found("retail 上海"));
        assert!(found("acme ltd"));
        assert!(found("13800138"));
        assert!(found(""));
        assert!(!found("north south"));
        assert!(!found("tradersretail"), "a word does not span two fields");
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_folding_the_joined_fields(
            fields in proptest::collection::vec(
                proptest::prop_oneof!["[abAB \\t-]{0,8}", "[a-cA-C ０１ａＡ　éİ上\\t-]{0,8}"],
                0..4,
            ),
            phone in "[0-9 +-]{0,8}",
            query in proptest::prop_oneof!["[abAB ]{0,5}", "[a-cA-C ０ａ1éi上-]{0,6}"],
        ) {
            let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
            let words = search_words(&query);
            proptest::prop_assert_eq!(
                contains_all(&fields, &phone, &words),
                folded_join_contains_all(&fields, &phone, &words)
            );
        }
    }

    #[test]
    fn recognises_emails() {
        assert!(looks_like_email("li.wei@example.com.cn"));
        assert!(!looks_like_email("li.wei@example"));
        assert!(!looks_like_email("li wei@example.com"));
        assert!(!looks_like_email("@example.com"));
        assert!(!looks_like_email("a@@example.com"));
        assert!(!looks_like_email("a@.com"));
    }

    #[test]
    fn recognises_phone_numbers() {
        assert!(looks_like_phone("+86 138-0013-8000"));
        assert!(looks_like_phone("(010) 6552 1234"));
        assert!(!looks_like_phone("call me"));
        assert!(!looks_like_phone("123"));
    }
}
