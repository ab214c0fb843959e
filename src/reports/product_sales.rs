//! Product sales (产品销售): what was sold in the period, product by product and by category,
//! from the lines of the orders. Revenue is the lines' net, before tax.

use crate::domain::sorting::sort_by;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::grouping::{largest_first, typed_or_not_set, SalesTally};
use super::scope::{Data, Scope};
use super::table::{Chart, ChartKind, Label, Report, Row, Section, Table, Value};
use crate::domain::money::minor_units;
use crate::domain::product::Product;
use crate::i18n::Key;

/// The rows shown in the chart of best sellers.
const TOP: usize = 10;

/// What the lines of one product (or one category) add up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductTally<'a> {
    pub quantity: Decimal,
    /// Net revenue in the base currency, and the orders it came from.
    pub sales: SalesTally<'a>,
}

/// A product's row: its code and name, or for lines typed without a product, their text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductRow<'a> {
    pub name: String,
    pub tally: ProductTally<'a>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductSales<'a> {
    /// Largest revenue first.
    pub products: Vec<ProductRow<'a>>,
    /// By the product's category, "" where none is set; largest revenue first.
    pub categories: Vec<(&'a str, ProductTally<'a>)>,
    /// Orders with at least one line: a product's orders are counted per product, so this is
    /// not the sum of the rows.
    pub orders: u64,
}

fn product_name(product: &Product) -> String {
    format!("{} {}", product.code.trim(), product.name.trim())
        .trim()
        .to_owned()
}

/// Where a product id's lines are added up. Lines are many and products few, so each line costs
/// one lookup of its product id, which leads to both its row and its category.
struct Sold<'a> {
    product: Option<&'a Product>,
    row: Option<usize>,
    category: usize,
}

/// Rows are made when a product first sells, so that nothing unsold is listed.
fn new_row<'a>(rows: &mut Vec<ProductRow<'a>>, name: String) -> usize {
    rows.push(ProductRow {
        name,
        tally: ProductTally::default(),
    });
    rows.len() - 1
}

impl<'a> ProductSales<'a> {
    pub fn of(scope: &Scope<'a>) -> ProductSales<'a> {
        const NOT_SET: usize = 0;
        let mut categories: Vec<(&'a str, ProductTally<'a>)> = vec![("", ProductTally::default())];
        let mut category_index: FxHashMap<&'a str, usize> = FxHashMap::from_iter([("", NOT_SET)]);
        let catalogue: &'a [Product] = scope.data.products;
        // Products in Trash still name what was sold.
        let mut sold: FxHashMap<&'a str, Sold<'a>> = catalogue
            .iter()
            .map(|p| {
                let name = p.category.trim();
                let category = *category_index.entry(name).or_insert_with(|| {
                    categories.push((name, ProductTally::default()));
                    categories.len() - 1
                });
                let entry = Sold {
                    product: Some(p),
                    row: None,
                    category,
                };
                (p.meta.id.as_str(), entry)
            })
            .collect();
        let mut typed: FxHashMap<&'a str, usize> = FxHashMap::default();
        let mut rows: Vec<ProductRow<'a>> = Vec::new();
        let mut orders = 0;

        for order in scope.sales_in_period().map(|sale| sale.order) {
            if !order.body.lines.is_empty() {
                orders += 1;
            }
            let units = minor_units(&order.body.currency);
            for line in &order.body.lines {
                // Read only where no product names the line: a line's text lies elsewhere in
                // memory, and most lines name their product.
                let description = || line.description.trim();
                let (row, category) = match line.product_id.as_deref() {
                    Some(id) => {
                        let entry = sold.entry(id).or_insert(Sold {
                            product: None,
                            row: None,
                            category: NOT_SET,
                        });
                        let row = match entry.row {
                            Some(row) => row,
                            None => {
                                let name = entry
                                    .product
                                    .map_or_else(|| description().to_owned(), product_name);
                                *entry.row.insert(new_row(&mut rows, name))
                            }
                        };
                        (row, entry.category)
                    }
                    None => {
                        let row = *typed
                            .entry(description())
                            .or_insert_with(|| new_row(&mut rows, description().to_owned()));
                        (row, NOT_SET)
                    }
                };
                let revenue = scope.in_base(line.net(units), order);
                for tally in [&mut rows[row].tally, &mut categories[category].1] {
                    tally.quantity += line.quantity;
                    tally.sales.add(order, revenue);
                }
            }
        }

        sort_by(&mut rows, |a, b| {
            b.tally
                .sales
                .amount
                .cmp(&a.tally.sales.amount)
                .then(a.name.cmp(&b.name))
        });
        categories.retain(|(_, t)| !t.sales.orders.is_empty());
        largest_first(&mut categories, |t| t.sales.amount);
        ProductSales {
            products: rows,
            categories,
            orders,
        }
    }
}

fn row<'a>(data: &Data<'a>, label: Label, tally: &ProductTally<'a>) -> Row {
    Row {
        label,
        values: vec![
            Value::Quantity(tally.quantity),
            Value::Money(tally.sales.amount),
            Value::Count(tally.sales.count()),
        ],
        behind: Some(tally.sales.behind(data)),
    }
}

fn columns(first: Key) -> Vec<Label> {
    [
        first,
        Key::ReportColQuantity,
        Key::ReportColNetRevenue,
        Key::ReportColOrders,
    ]
    .into_iter()
    .map(Label::Key)
    .collect()
}

fn total(rows: &[Row], orders: u64) -> Row {
    let column = |i: usize| rows.iter().map(|r| r.values[i].magnitude()).sum();
    Row {
        label: Label::Key(Key::ReportTotal),
        values: vec![
            Value::Quantity(column(0)),
            Value::Money(column(1)),
            Value::Count(orders),
        ],
        behind: None,
    }
}

pub fn product_sales(scope: &Scope) -> Report {
    let sales = ProductSales::of(scope);
    let product_rows: Vec<Row> = sales
        .products
        .iter()
        .map(|p| {
            row(
                &scope.data,
                typed_or_not_set(&p.name, Label::Text),
                &p.tally,
            )
        })
        .collect();
    let category_rows: Vec<Row> = sales
        .categories
        .iter()
        .map(|(category, tally)| row(&scope.data, typed_or_not_set(category, Label::Text), tally))
        .collect();
    let revenue_bars = Some(Chart {
        kind: ChartKind::Bar,
        columns: vec![1],
    });
    Report {
        figures: Vec::new(),
        sections: vec![
            Section {
                title: Key::ReportTopProducts,
                chart: revenue_bars,
                table: Table {
                    columns: columns(Key::ReportColProduct),
                    rows: product_rows.iter().take(TOP).cloned().collect(),
                    total: None,
                },
            },
            Section {
                title: Key::ReportProductSales,
                chart: None,
                table: Table {
                    columns: columns(Key::ReportColProduct),
                    total: Some(total(&product_rows, sales.orders)),
                    rows: product_rows,
                },
            },
            Section {
                title: Key::ReportSalesByCategory,
                chart: Some(Chart {
                    kind: ChartKind::Donut,
                    columns: vec![1],
                }),
                table: Table {
                    columns: columns(Key::ReportColCategory),
                    total: Some(total(&category_rows, sales.orders)),
                    rows: category_rows,
                },
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::document::OrderStatus;
    use crate::reports::scope::Owner;
    use crate::reports::testdata_b::{dataset, dec, line, order, product, scope};

    /// May 2026.
    fn data() -> Dataset {
        let mut d = dataset();
        product(&mut d, "p1", "P-001", "Sensor", "Hardware");
        product(&mut d, "p2", "P-002", "Gateway", " Hardware ");
        product(&mut d, "p3", "S-001", "Support plan", "");
        product(&mut d, "p4", "P-009", "Old cable", "Hardware");
        d.products[3].meta.move_to_trash("2026-05-20T00:00:00Z");

        let mut inclusive = line(Some("p2"), "", "1", "1130");
        inclusive.price_includes_tax = true;
        let mut discounted = line(Some("p1"), "", "2", "100");
        discounted.discount_percent = dec("10");
        let lines = [
            (
                "o1",
                "2026-05-02",
                "CNY",
                "1",
                vec![
                    line(Some("p1"), "", "10", "100"),
                    line(Some("p2"), "", "1", "2000"),
                    line(None, "Installation", "1", "500"),
                ],
            ),
            (
                "o2",
                "2026-05-10",
                "USD",
                "7.10",
                vec![
                    line(Some("p1"), "", "5", "20"),
                    line(None, " Installation ", "2", "30"),
                    line(Some("p1"), "", "1", "20"),
                ],
            ),
            (
                "o3",
                "2026-05-20",
                "JPY",
                "0.047",
                vec![line(Some("p3"), "", "1", "100000")],
            ),
            (
                "o4",
                "2026-05-31",
                "CNY",
                "1",
                vec![line(Some("p4"), "", "2", "50"), inclusive, discounted],
            ),
            (
                "o5",
                "2026-04-30",
                "CNY",
                "1",
                vec![line(Some("p1"), "", "1", "1")],
            ),
            (
                "o6",
                "2026-05-15",
                "CNY",
                "1",
                vec![line(Some("p1"), "", "1", "1")],
            ),
        ];
        for (id, day, currency, rate, lines) in lines {
            order(&mut d, id, "ann", "c1", day, currency, rate, lines);
        }
        d.orders[5].status = OrderStatus::Draft;
        d
    }

    fn values(quantity: &str, revenue: &str, orders: u64) -> Vec<Value> {
        vec![
            Value::Quantity(dec(quantity)),
            Value::Money(dec(revenue)),
            Value::Count(orders),
        ]
    }

    fn rows(table: &Table) -> Vec<(Label, Vec<Value>)> {
        table
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.values.clone()))
            .collect()
    }

    #[test]
    fn products_add_up_their_lines_net_of_tax_in_the_base_currency() {
        let d = data();
        let s = scope(&d, "2026-05-01", "2026-05-31", Owner::Everyone);
        let report = product_sales(&s);
        let all = &report.sections[1].table;
        let text = |t: &str| Label::Text(t.into());
        // Support plan: 100000 JPY x 0.047 = 4700.
        // Gateway: o1 2000; o4 1130 with 13% VAT included is 1000 net; 3000 in o1 and o4.
        // Sensor: o1 10 x 100 = 1000; o2 5 x 20 USD = 100 USD x 7.10 = 710 and 1 x 20 USD =
        // 142; o4 2 x 100 less 10% = 180; 1000 + 710 + 142 + 180 = 2032, 18 units, 3 orders.
        // Installation, typed without a product: o1 500; o2 2 x 30 USD = 60 x 7.10 = 426.
        // Old cable is in Trash but was sold: o4 2 x 50 = 100.
        // o5 is April's and o6 a draft.
        assert_eq!(
            rows(all),
            [
                (text("S-001 Support plan"), values("1", "4700", 1)),
                (text("P-002 Gateway"), values("2", "3000", 2)),
                (text("P-001 Sensor"), values("18", "2032", 3)),
                (text("Installation"), values("3", "926", 2)),
                (text("P-009 Old cable"), values("2", "100", 1)),
            ]
        );
        assert_eq!(
            all.rows[2].behind.as_ref().unwrap().ids(&s.data),
            ["o1", "o2", "o4"]
        );
        // 1 + 2 + 18 + 3 + 2 = 26 units; 4700 + 3000 + 2032 + 926 + 100 = 10758;
        // o1 to o4 are 4 orders.
        assert_eq!(all.total.as_ref().unwrap().values, values("26", "10758", 4));
        assert_eq!(report.sections[0].table.rows, all.rows);
        assert_eq!(report.sections[0].table.total, None);
    }

    #[test]
    fn categories_gather_their_products_and_lines_without_one_are_not_set() {
        let d = data();
        let report = product_sales(&scope(&d, "2026-05-01", "2026-05-31", Owner::Everyone));
        let by_category = &report.sections[2].table;
        // Not set: Support plan 4700 + Installation 926 = 5626, 1 + 3 units, o1 o2 o3.
        // Hardware: Sensor 2032 + Gateway 3000 + Old cable 100 = 5132, 18 + 2 + 2 units,
        // o1 o2 o4.
        assert_eq!(
            rows(by_category),
            [
                (Label::Key(Key::ReportNotSet), values("4", "5626", 3)),
                (Label::Text("Hardware".into()), values("22", "5132", 3)),
            ]
        );
        assert_eq!(
            by_category.total.as_ref().unwrap().values,
            values("26", "10758", 4)
        );
    }

    #[test]
    fn only_the_top_ten_are_charted() {
        let mut d = dataset();
        let lines = (1..=12)
            .map(|i| line(None, &format!("Item {i:02}"), "1", &i.to_string()))
            .collect();
        order(&mut d, "o1", "ann", "c1", "2026-05-02", "CNY", "1", lines);
        let report = product_sales(&scope(&d, "2026-05-01", "2026-05-31", Owner::Everyone));
        let top = &report.sections[0].table.rows;
        assert_eq!(top.len(), 10);
        assert_eq!(top[0].label, Label::Text("Item 12".into()));
        assert_eq!(top[9].label, Label::Text("Item 03".into()));
        assert_eq!(report.sections[1].table.rows.len(), 12);
    }
}
