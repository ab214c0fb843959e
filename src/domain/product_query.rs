//! What the product list shows: search as you type, category and active filters, sort.

use super::places::{placed, places_of, Placed};
use super::product::Product;
use super::text::{contains_all, fold, search_words};
use crate::domain::sorting::{sort_by, sort_by_key};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProductSort {
    #[default]
    Name,
    Code,
    RecentlyUpdated,
}

impl ProductSort {
    pub const ALL: [ProductSort; 3] = [
        ProductSort::Name,
        ProductSort::Code,
        ProductSort::RecentlyUpdated,
    ];
}

/// Which products to list by whether they are still sold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ActiveFilter {
    /// Inactive products stay in the list, so that they can be found and switched back on.
    #[default]
    All,
    Active,
    Inactive,
}

impl ActiveFilter {
    pub const ALL: [ActiveFilter; 3] = [
        ActiveFilter::All,
        ActiveFilter::Active,
        ActiveFilter::Inactive,
    ];

    fn admits(self, product: &Product) -> bool {
        match self {
            ActiveFilter::All => true,
            ActiveFilter::Active => product.active,
            ActiveFilter::Inactive => !product.active,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductQuery {
    pub text: String,
    /// Compared as folded text, so "Hardware" and "hardware" are one category.
    pub category: Option<String>,
    pub active: ActiveFilter,
    pub sort: ProductSort,
}

impl ProductQuery {
    /// The places of the products outside Trash that match, in the chosen order.
    pub fn run(&self, products: &[Product]) -> Vec<u32> {
        let words = search_words(&self.text);
        let category = self.category.as_deref().map(fold);
        let mut found: Vec<Placed<Product>> = placed(products)
            .filter(|p| !p.meta.is_deleted())
            .filter(|p| self.active.admits(p))
            .filter(|p| category.as_ref().is_none_or(|c| &fold(&p.category) == c))
            .filter(|p| {
                let fields = [p.code.as_str(), &p.name, &p.spec, &p.category];
                contains_all(&fields, "", &words)
            })
            .collect();
        match self.sort {
            ProductSort::Name => sort_by_key(&mut found, |p| (fold(&p.name), fold(&p.spec))),
            ProductSort::Code => sort_by_key(&mut found, |p| fold(&p.code)),
            ProductSort::RecentlyUpdated => {
                sort_by(&mut found, |a, b| b.meta.updated_at.cmp(&a.meta.updated_at))
            }
        }
        places_of(&found)
    }
}

/// The categories products outside Trash are filed under, each once whatever its case or width,
/// in alphabetical order: for the filter and for the form's suggestions.
pub fn categories(products: &[Product]) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::new();
    for product in products.iter().filter(|p| !p.meta.is_deleted()) {
        let name = product.category.trim();
        if !name.is_empty() {
            seen.entry(fold(name)).or_insert_with(|| name.to_owned());
        }
    }
    seen.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::product::ProductDraft;
    use crate::domain::record::RecordMeta;

    fn product(id: &str, code: &str, name: &str, category: &str, updated: &str) -> Product {
        let draft = ProductDraft {
            code: code.into(),
            name: name.into(),
            spec: "4G".into(),
            category: category.into(),
            list_price: "100".into(),
            ..ProductDraft::default()
        };
        draft
            .apply(RecordMeta::new(id.into(), updated, "me".into()), true, &[])
            .unwrap()
    }

    fn sample() -> Vec<Product> {
        let a = product("a", "GPS-02", "车载定位器", "硬件", "2026-01-02T00:00:00Z");
        let mut b = product(
            "b",
            "SVC-01",
            "Annual service",
            "Service",
            "2026-01-03T00:00:00Z",
        );
        b.active = false;
        let c = product(
            "c",
            "GPS-01",
            "Asset tracker",
            "hardware",
            "2026-01-01T00:00:00Z",
        );
        let mut gone = product(
            "d",
            "OLD-01",
            "Old tracker",
            "Hardware",
            "2026-01-04T00:00:00Z",
        );
        gone.meta.deleted_at = Some("2026-01-04T00:00:00Z".into());
        vec![a, b, c, gone]
    }

    fn ids(all: &[Product], found: Vec<u32>) -> Vec<&str> {
        found
            .iter()
            .map(|&p| all[p as usize].meta.id.as_str())
            .collect()
    }

    #[test]
    fn searches_code_name_spec_and_category_in_any_width() {
        let products = sample();
        let search = |text: &str| {
            let query = ProductQuery {
                text: text.into(),
                ..ProductQuery::default()
            };
            ids(&products, query.run(&products))
        };
        assert_eq!(search(""), ["b", "c", "a"]);
        assert_eq!(search("ｇｐｓ"), ["c", "a"]);
        assert_eq!(search("定位"), ["a"]);
        assert_eq!(search("service 4g"), ["b"]);
        assert_eq!(search("硬件"), ["a"]);
        assert!(search("old").is_empty());
    }

    #[test]
    fn filters_by_category_and_whether_active() {
        let products = sample();
        let hardware = ProductQuery {
            category: Some("HARDWARE".into()),
            ..ProductQuery::default()
        };
        assert_eq!(ids(&products, hardware.run(&products)), ["c"]);
        let inactive = ProductQuery {
            active: ActiveFilter::Inactive,
            ..ProductQuery::default()
        };
        assert_eq!(ids(&products, inactive.run(&products)), ["b"]);
        let active = ProductQuery {
            active: ActiveFilter::Active,
            ..ProductQuery::default()
        };
        assert_eq!(ids(&products, active.run(&products)), ["c", "a"]);
    }

    #[test]
    fn sorts_by_code_and_by_last_change() {
        let products = sample();
        let by = |sort| {
            let query = ProductQuery {
                sort,
                ..ProductQuery::default()
            };
            ids(&products, query.run(&products))
        };
        assert_eq!(by(ProductSort::Code), ["c", "a", "b"]);
        assert_eq!(by(ProductSort::RecentlyUpdated), ["b", "a", "c"]);
    }

    #[test]
    fn categories_are_listed_once_and_trash_is_left_out() {
        let mut products = sample();
        products.push(product("e", "X-1", "Cable", " ", "2026-01-05T00:00:00Z"));
        assert_eq!(categories(&products), ["hardware", "Service", "硬件"]);
    }
}
