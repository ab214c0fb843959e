//! A document line as its form holds it: numbers as typed, checked when the document is saved,
//! each problem named with the line it is on.

use rust_decimal::Decimal;

use super::id::Id;
use super::money::{parse_rate, Line, LineProblem};
use super::opportunity::parse_amount;
use super::product::Product;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineDraft {
    pub product_id: Option<Id>,
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub price_includes_tax: bool,
    pub discount_percent: String,
    pub tax_rate: String,
}

/// What was last paid for a product by a customer: offered when it is sold to them again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PricePaid {
    pub unit_price: Decimal,
    pub price_includes_tax: bool,
    pub day: String,
}

impl LineDraft {
    pub fn of(line: &Line) -> Self {
        LineDraft {
            product_id: line.product_id.clone(),
            description: line.description.clone(),
            quantity: line.quantity.normalize().to_string(),
            unit: line.unit.clone(),
            unit_price: line.unit_price.to_string(),
            price_includes_tax: line.price_includes_tax,
            discount_percent: plain_percent(line.discount_percent),
            tax_rate: plain_percent(line.tax_rate),
        }
    }

    /// One of `product`, at the price last paid when there is one, else at its list price
    /// (which, like every catalogue price here, excludes tax).
    pub fn for_product(product: &Product, paid: Option<&PricePaid>) -> Self {
        let (price, includes_tax) = paid.map_or((product.list_price, false), |p| {
            (p.unit_price, p.price_includes_tax)
        });
        LineDraft {
            product_id: Some(product.meta.id.clone()),
            description: description_of(product),
            quantity: "1".into(),
            unit: product.unit.clone(),
            unit_price: price.to_string(),
            price_includes_tax: includes_tax,
            discount_percent: String::new(),
            tax_rate: plain_percent(product.tax_rate),
        }
    }

    pub fn parse(&self) -> Result<Line, Vec<LineProblem>> {
        let mut problems = Vec::new();
        let quantity = match parse_amount(&self.quantity) {
            Ok(q) if !q.is_zero() => q,
            _ => {
                problems.push(LineProblem::QuantityNotPositive);
                Decimal::ZERO
            }
        };
        let unit_price = parse_amount(&self.unit_price).unwrap_or_else(|_| {
            problems.push(LineProblem::PriceNegative);
            Decimal::ZERO
        });
        let discount_percent = parse_rate(&self.discount_percent).unwrap_or_else(|| {
            problems.push(LineProblem::DiscountOutOfRange);
            Decimal::ZERO
        });
        let tax_rate = parse_rate(&self.tax_rate).unwrap_or_else(|| {
            problems.push(LineProblem::TaxRateOutOfRange);
            Decimal::ZERO
        });
        let line = Line {
            product_id: self.product_id.clone(),
            description: self.description.trim().to_owned(),
            quantity,
            unit: self.unit.trim().to_owned(),
            unit_price,
            price_includes_tax: self.price_includes_tax,
            discount_percent,
            tax_rate,
        };
        for problem in line.problems() {
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
        if problems.is_empty() {
            Ok(line)
        } else {
            Err(problems)
        }
    }
}

/// How a product is named on a line: its name, and its spec when it has one.
pub fn description_of(product: &Product) -> String {
    if product.spec.trim().is_empty() {
        product.name.clone()
    } else {
        format!("{} ({})", product.name, product.spec)
    }
}

fn plain_percent(rate: Decimal) -> String {
    if rate.is_zero() {
        String::new()
    } else {
        rate.normalize().to_string()
    }
}

/// Every line parsed, or every problem with the index of its line. A document needs a line.
pub fn parse_lines(drafts: &[LineDraft]) -> Result<Vec<Line>, Vec<(usize, LineProblem)>> {
    let mut lines = Vec::with_capacity(drafts.len());
    let mut problems = Vec::new();
    for (at, draft) in drafts.iter().enumerate() {
        match draft.parse() {
            Ok(line) => lines.push(line),
            Err(found) => problems.extend(found.into_iter().map(|p| (at, p))),
        }
    }
    if problems.is_empty() {
        Ok(lines)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::RecordMeta;

    fn product() -> Product {
        Product {
            meta: RecordMeta::new("p1".into(), "2026-01-01T00:00:00Z", "u1".into()),
            code: "A-1".into(),
            name: "Pump".into(),
            spec: "2 kW".into(),
            unit: "pc".into(),
            category: String::new(),
            list_price: Decimal::new(120000, 2),
            tax_rate: Decimal::new(13, 0),
            active: true,
        }
    }

    #[test]
    fn a_product_line_takes_the_list_price_or_the_price_last_paid() {
        let listed = LineDraft::for_product(&product(), None);
        assert_eq!(listed.description, "Pump (2 kW)");
        assert_eq!(listed.unit_price, "1200.00");
        assert_eq!(listed.tax_rate, "13");
        let paid = PricePaid {
            unit_price: Decimal::new(115000, 2),
            price_includes_tax: true,
            day: "2026-02-01".into(),
        };
        let again = LineDraft::for_product(&product(), Some(&paid));
        assert_eq!(again.unit_price, "1150.00");
        assert!(again.price_includes_tax);
        let line = again.parse().unwrap();
        assert_eq!(LineDraft::of(&line), again);
    }

    #[test]
    fn every_problem_is_named_with_its_line() {
        let good = LineDraft::for_product(&product(), None);
        let bad = LineDraft {
            description: " ".into(),
            quantity: "abc".into(),
            unit_price: "-3".into(),
            discount_percent: "120".into(),
            tax_rate: "x".into(),
            ..LineDraft::default()
        };
        assert_eq!(
            parse_lines(&[good.clone(), bad]),
            Err(vec![
                (1, LineProblem::QuantityNotPositive),
                (1, LineProblem::PriceNegative),
                (1, LineProblem::DiscountOutOfRange),
                (1, LineProblem::TaxRateOutOfRange),
                (1, LineProblem::DescriptionRequired),
            ])
        );
        assert_eq!(parse_lines(&[good]).map(|l| l.len()), Ok(1));
    }
}
