//! What the demo company is and sells: its profile, its currencies, its products, and the lines
//! of the deals, quotes and orders made of them.

use rust_decimal::Decimal;

use super::clock::DAY;
use super::rng::Picker;
use super::Gen;
use crate::domain::company::{Currencies, ExchangeRate};
use crate::domain::money::{minor_units, round_money, Line};
use crate::domain::product::{Product, ProductDraft};
use crate::i18n::Lang;

/// How a product is sold.
pub struct Offer {
    pub deal: &'static str,
    pub quantity: (i64, i64),
    /// What a line of it says.
    pub description: String,
}

/// The English company keeps its books in US dollars; the Chinese one in yuan, with the app's
/// own default rates.
pub fn currencies(lang: Lang) -> Currencies {
    match lang {
        Lang::ZhCn => Currencies::default(),
        Lang::En => {
            let rate = |code: &str, rate: i64, scale: u32| ExchangeRate {
                code: code.into(),
                rate: Decimal::new(rate, scale),
            };
            Currencies {
                base: "USD".into(),
                rates: vec![
                    rate("EUR", 108, 2),
                    rate("GBP", 127, 2),
                    rate("CNY", 14, 2),
                    rate("JPY", 67, 4),
                ],
            }
        }
    }
}

impl Gen {
    /// The catalog: each product line in several editions and models, the plain ones first.
    pub(super) fn products(&mut self) -> Vec<Product> {
        let templates = self.words.products;
        let editions = self.words.editions;
        let mut products = Vec::with_capacity(self.counts.products);
        for at in 0..self.counts.products {
            let template = &templates[at % templates.len()];
            let generation = at / templates.len();
            let (edition, percent) = editions[generation % editions.len()];
            let cents = template.price * percent
                + template.price * 3 * (generation / editions.len()) as i64;
            let draft = ProductDraft {
                code: format!("{}{:04}", template.series, at + 1),
                name: template.name.into(),
                spec: format!("{edition} LX-{}{}", template.series, 100 + 10 * generation),
                unit: template.unit.into(),
                category: template.category.into(),
                list_price: Decimal::new(cents, 2).to_string(),
                tax_rate: template.tax.to_string(),
            };
            let day = self.clock.first + self.rng.between(0, 30);
            let created = self.clock.at(&mut self.rng, day);
            let owner = self.team[0].clone();
            let meta = self.meta(created, &owner);
            // Codes are unique by construction, so the catalog is not searched for each one.
            let mut product = draft
                .apply(meta, true, &[])
                .expect("demo products are valid");
            if generation > 0 && self.rng.percent(10) {
                product.active = false;
                product
                    .meta
                    .touch(&super::clock::stamp(created + 200 * DAY));
            }
            self.offers.push(Offer {
                deal: template.deal,
                quantity: template.quantity,
                description: format!("{} {}", product.name, product.spec),
            });
            products.push(product);
        }
        self.popular = Picker::new((0..products.len()).map(|at| 1_000_000 / (at as u64 + 5)));
        products
    }

    /// One to five lines (three on average) in `currency`, and the index of the product the
    /// first is about.
    pub(super) fn lines(&mut self, products: &[Product], currency: &str) -> (Vec<Line>, usize) {
        let count = 1 + self.rng.below(5);
        let rate = self.currencies.rate_of(currency).unwrap_or(Decimal::ONE);
        let units = minor_units(currency);
        let main = self.popular.pick(&mut self.rng);
        let lines = (0..count)
            .map(|n| {
                let at = if n == 0 {
                    main
                } else {
                    self.popular.pick(&mut self.rng)
                };
                let product = &products[at];
                let (low, high) = self.offers[at].quantity;
                Line {
                    product_id: Some(product.meta.id.clone()),
                    description: self.offers[at].description.clone(),
                    quantity: Decimal::from(self.rng.between(low, high)),
                    unit: product.unit.clone(),
                    unit_price: round_money(product.list_price / rate, units),
                    price_includes_tax: self.rng.percent(self.words.tax_inclusive),
                    discount_percent: Decimal::from(
                        [0, 5, 10, 15][self.rng.weighted(&[60, 20, 15, 5])],
                    ),
                    tax_rate: product.tax_rate,
                }
            })
            .collect();
        (lines, main)
    }
}
