//! "Is this the same customer?" People type the same company and phone in many ways: full-width
//! letters from a Chinese keyboard, spaces, case, `+86 138-0013-8000` or `13800138000`.

use super::text::fold;

/// A name folded for comparison: width, case and every space removed, since 星辰 科技 and 星辰科技
/// are the same company.
pub fn name_key(name: &str) -> String {
    fold(name).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A phone number reduced to the digits that identify it: separators dropped, and China's country
/// code (+86, 0086) dropped before a mobile number, so a number matches however it was written.
pub fn phone_key(phone: &str) -> String {
    let digits: String = fold(phone).chars().filter(char::is_ascii_digit).collect();
    for prefix in ["0086", "86"] {
        if let Some(national) = digits.strip_prefix(prefix) {
            if national.len() == 11 && national.starts_with('1') {
                return national.to_owned();
            }
        }
    }
    digits
}

pub fn email_key(email: &str) -> String {
    fold(email).replace(' ', "")
}

/// What makes two records look like the same one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MatchReason {
    Name,
    Phone,
    Email,
}

/// The identifying fields of a record, folded once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    name: String,
    phone: String,
    email: String,
}

/// Too few digits to identify anyone: an extension, a typo.
const MIN_PHONE_DIGITS: usize = 5;

impl Identity {
    pub fn new(name: &str, phone: &str, email: &str) -> Self {
        Identity {
            name: name_key(name),
            phone: phone_key(phone),
            email: email_key(email),
        }
    }

    /// Why `other` looks like the same record, in order of strength; empty if it does not.
    pub fn matches(&self, other: &Identity) -> Vec<MatchReason> {
        let mut reasons = Vec::new();
        if !self.name.is_empty() && self.name == other.name {
            reasons.push(MatchReason::Name);
        }
        if self.phone.len() >= MIN_PHONE_DIGITS && self.phone == other.phone {
            reasons.push(MatchReason::Phone);
        }
        if !self.email.is_empty() && self.email == other.email {
            reasons.push(MatchReason::Email);
        }
        reasons
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_width_case_and_spaces() {
        assert_eq!(name_key("ＡＣＭＥ　Ltd"), name_key("acme ltd"));
        assert_eq!(name_key("星辰 科技"), name_key("星辰科技"));
        assert_ne!(name_key("星辰科技"), name_key("星辰贸易"));
    }

    #[test]
    fn phones_match_however_they_are_written() {
        let key = phone_key("13800138000");
        for written in [
            "+86 138-0013-8000",
            "0086 138 0013 8000",
            "86-13800138000",
            "(+86) 138 0013 8000",
            "１３８００１３８０００",
        ] {
            assert_eq!(phone_key(written), key, "{written}");
        }
        assert_eq!(phone_key("010-6552 1234"), "01065521234");
        // A number that merely begins with 86 is not shortened.
        assert_eq!(phone_key("8612345"), "8612345");
    }

    #[test]
    fn emails_match_case_blind() {
        assert_eq!(
            email_key(" Wang.Fang@XingChen.CN "),
            "wang.fang@xingchen.cn"
        );
    }

    #[test]
    fn identities_say_why_they_match() {
        let a = Identity::new("星辰科技", "+86 138-0013-8000", "info@xc.cn");
        let b = Identity::new("星辰 科技", "13800138000", "INFO@xc.cn");
        assert_eq!(
            a.matches(&b),
            vec![MatchReason::Name, MatchReason::Phone, MatchReason::Email]
        );
        let c = Identity::new("Other", "13800138000", "");
        assert_eq!(a.matches(&c), vec![MatchReason::Phone]);
    }

    #[test]
    fn empty_and_short_fields_never_match() {
        let a = Identity::new("", "123", "");
        let b = Identity::new("", "123", "");
        assert!(a.matches(&b).is_empty());
    }
}
