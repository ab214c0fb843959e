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
pub fn contains_all(fields: &[&str], phone: &str, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let haystack = fold(&fields.join(" "));
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    words.iter().all(|w| {
        haystack.contains(w.as_str()) || (!digits.is_empty() && digits.contains(w.as_str()))
    })
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
