//! Every string on screen, in English and Simplified Chinese.
//!
//! Code names a message by a `Key`; the words live in one JSON catalog per language
//! (`locales/*.json`), which translators can edit without reading Rust. A native test checks that
//! both catalogs hold exactly the keys the code knows, with the same placeholders.

mod format;
mod keys;

pub use format::{
    format_date, format_datetime, format_money, format_month, format_month_name, format_number,
};
pub use keys::Key;

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag, for `<html lang>`, `Intl` and the remembered choice.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's name in itself, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// The app's language for a browser language such as `zh-Hans-CN` or `en-GB`: Chinese for any
    /// Chinese, English otherwise.
    pub fn for_browser_language(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }

    fn catalog_source(self) -> &'static str {
        match self {
            Lang::En => include_str!("locales/en.json"),
            Lang::ZhCn => include_str!("locales/zh-CN.json"),
        }
    }
}

type Catalog = HashMap<String, String>;

fn catalog(lang: Lang) -> &'static Catalog {
    static EN: OnceLock<Catalog> = OnceLock::new();
    static ZH: OnceLock<Catalog> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::ZhCn => &ZH,
    };
    // The catalogs are compiled in and checked by tests, so a parse failure cannot reach a user;
    // an empty catalog would still show every key's name rather than crash.
    cell.get_or_init(|| serde_json::from_str(lang.catalog_source()).unwrap_or_default())
}

/// The message for `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    catalog(lang)
        .get(key.name())
        .map(String::as_str)
        .unwrap_or(key.name())
}

/// The message for `key` with each `{name}` placeholder replaced by its value.
pub fn tf(lang: Lang, key: Key, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(t(lang, key).to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_catalog_has_exactly_the_keys_of_the_code() {
        let known: BTreeSet<&str> = Key::ALL.iter().map(|k| k.name()).collect();
        for lang in Lang::ALL {
            let parsed: Catalog = serde_json::from_str(lang.catalog_source())
                .unwrap_or_else(|e| panic!("{} catalog is not valid JSON: {e}", lang.tag()));
            let present: BTreeSet<&str> = parsed.keys().map(String::as_str).collect();
            let missing: Vec<_> = known.difference(&present).collect();
            let unknown: Vec<_> = present.difference(&known).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
            assert!(unknown.is_empty(), "{} has unused {unknown:?}", lang.tag());
            for (key, text) in &parsed {
                assert!(!text.trim().is_empty(), "{} {key} is empty", lang.tag());
            }
        }
    }

    #[test]
    fn translations_keep_the_placeholders() {
        for key in Key::ALL {
            assert_eq!(
                placeholders(t(Lang::En, *key)),
                placeholders(t(Lang::ZhCn, *key)),
                "placeholders of {}",
                key.name()
            );
        }
    }

    #[test]
    fn chinese_is_chinese() {
        assert_eq!(t(Lang::ZhCn, Key::NavLeads), "线索");
        assert_eq!(t(Lang::En, Key::NavLeads), "Leads");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(tf(Lang::En, Key::LeadsCount, &[("count", "3")]), "3 leads");
    }

    #[test]
    fn browser_languages_map_to_ours() {
        assert_eq!(Lang::for_browser_language("zh-Hans-CN"), Lang::ZhCn);
        assert_eq!(Lang::for_browser_language("ZH-TW"), Lang::ZhCn);
        assert_eq!(Lang::for_browser_language("en-GB"), Lang::En);
        assert_eq!(Lang::for_browser_language("de"), Lang::En);
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::ZhCn));
    }
}
