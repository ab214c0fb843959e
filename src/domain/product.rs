//! Products (产品): what quotes and orders sell. A code is unique; the same name and spec twice
//! is flagged as a likely duplicate.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::id::Id;
use super::money::{parse_rate, MAX_UNIT_PRICE};
use super::opportunity::parse_amount;
use super::record::{record_serde, Record, RecordMeta};
use super::text::fold;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Product {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub spec: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub category: String,
    #[serde(with = "crate::domain::money::exact")]
    pub list_price: Decimal,
    /// Percent.
    #[serde(with = "crate::domain::money::exact")]
    pub tax_rate: Decimal,
    pub active: bool,
}

record_serde!(Product {
    meta: RecordMeta,
    code: String,
    name: String,
    spec: String,
    unit: String,
    category: String,
    list_price: Decimal,
    tax_rate: Decimal,
    active: bool,
});

impl Record for Product {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

/// A product as its form holds it: prices and rates as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductDraft {
    pub code: String,
    pub name: String,
    pub spec: String,
    pub unit: String,
    pub category: String,
    pub list_price: String,
    pub tax_rate: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProductProblem {
    CodeRequired,
    /// Another product (this id) has the code.
    CodeTaken(Id),
    NameRequired,
    PriceInvalid,
    TaxRateInvalid,
}

/// How two products are compared: case, width and spaces do not count.
fn key(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

impl ProductDraft {
    pub fn of(product: &Product) -> Self {
        ProductDraft {
            code: product.code.clone(),
            name: product.name.clone(),
            spec: product.spec.clone(),
            unit: product.unit.clone(),
            category: product.category.clone(),
            list_price: product.list_price.to_string(),
            tax_rate: product.tax_rate.to_string(),
        }
    }

    /// Every problem, checked against the other products (`editing` is the product's own id).
    pub fn problems(&self, others: &[Product], editing: Option<&str>) -> Vec<ProductProblem> {
        let mut problems = Vec::new();
        let code = key(&self.code);
        if code.is_empty() {
            problems.push(ProductProblem::CodeRequired);
        } else if let Some(taken) = others
            .iter()
            .filter(|p| Some(p.meta.id.as_str()) != editing && !p.meta.is_deleted())
            .find(|p| key(&p.code) == code)
        {
            problems.push(ProductProblem::CodeTaken(taken.meta.id.clone()));
        }
        if self.name.trim().is_empty() {
            problems.push(ProductProblem::NameRequired);
        }
        let price = parse_amount(&self.list_price);
        if price.map_or(true, |p| p > MAX_UNIT_PRICE) {
            problems.push(ProductProblem::PriceInvalid);
        }
        if parse_rate(&self.tax_rate).is_none() {
            problems.push(ProductProblem::TaxRateInvalid);
        }
        problems
    }

    /// The product these details describe, new or edited, or every problem and no change.
    pub fn apply(
        &self,
        meta: RecordMeta,
        active: bool,
        others: &[Product],
    ) -> Result<Product, Vec<ProductProblem>> {
        let problems = self.problems(others, Some(&meta.id));
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Product {
            meta,
            code: self.code.trim().to_owned(),
            name: self.name.trim().to_owned(),
            spec: self.spec.trim().to_owned(),
            unit: self.unit.trim().to_owned(),
            category: self.category.trim().to_owned(),
            list_price: parse_amount(&self.list_price).unwrap_or_default(),
            tax_rate: parse_rate(&self.tax_rate).unwrap_or_default(),
            active,
        })
    }
}

/// Products with the same name and spec as `draft`, other than the one being edited: likely the
/// same product entered twice. A warning, not a refusal.
pub fn same_name_and_spec<'a>(
    draft: &ProductDraft,
    products: &'a [Product],
    editing: Option<&str>,
) -> Vec<&'a Product> {
    let (name, spec) = (key(&draft.name), key(&draft.spec));
    if name.is_empty() {
        return Vec::new();
    }
    products
        .iter()
        .filter(|p| Some(p.meta.id.as_str()) != editing && !p.meta.is_deleted())
        .filter(|p| key(&p.name) == name && key(&p.spec) == spec)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    const T0: &str = "2026-01-01T00:00:00Z";

    fn draft(code: &str, name: &str, spec: &str) -> ProductDraft {
        ProductDraft {
            code: code.into(),
            name: name.into(),
            spec: spec.into(),
            unit: "台".into(),
            category: "Hardware".into(),
            list_price: "1,280.00".into(),
            tax_rate: "13%".into(),
        }
    }

    fn product(id: &str, code: &str, name: &str, spec: &str) -> Product {
        draft(code, name, spec)
            .apply(RecordMeta::new(id.into(), T0, "me".into()), true, &[])
            .unwrap()
    }

    #[test]
    fn a_product_takes_its_typed_price_and_rate() {
        let p = product("p1", " GPS-01 ", "车载定位器", "4G");
        assert_eq!(p.code, "GPS-01");
        assert_eq!(p.list_price, Decimal::from_str("1280.00").unwrap());
        assert_eq!(p.tax_rate, Decimal::from(13));
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["list_price"], "1280.00");
    }

    #[test]
    fn a_code_is_unique_whatever_its_case_or_width() {
        let existing = vec![product("p1", "GPS-01", "车载定位器", "4G")];
        let meta = RecordMeta::new("p2".into(), T0, "me".into());
        let taken = draft("ｇｐｓ-01", "Other", "").apply(meta.clone(), true, &existing);
        assert_eq!(taken, Err(vec![ProductProblem::CodeTaken("p1".into())]));
        let mut editing_itself = existing[0].meta.clone();
        editing_itself.touch("2026-01-02T00:00:00Z");
        assert!(draft("GPS-01", "车载定位器", "4G")
            .apply(editing_itself, true, &existing)
            .is_ok());
    }

    #[test]
    fn bad_details_are_refused_with_every_reason() {
        let bad = ProductDraft {
            list_price: "-3".into(),
            tax_rate: "140".into(),
            ..ProductDraft::default()
        };
        assert_eq!(
            bad.problems(&[], None),
            [
                ProductProblem::CodeRequired,
                ProductProblem::NameRequired,
                ProductProblem::PriceInvalid,
                ProductProblem::TaxRateInvalid,
            ]
        );
    }

    #[test]
    fn the_same_name_and_spec_is_flagged() {
        let existing = vec![
            product("p1", "GPS-01", "车载定位器", "4G"),
            product("p2", "GPS-02", "车载定位器", "5G"),
        ];
        let similar = same_name_and_spec(&draft("GPS-03", " 车载定位器 ", "4g"), &existing, None);
        assert_eq!(similar.len(), 1);
        assert_eq!(similar[0].meta.id, "p1");
        assert!(
            same_name_and_spec(&draft("GPS-01", "车载定位器", "4G"), &existing, Some("p1"))
                .is_empty()
        );
    }
}
