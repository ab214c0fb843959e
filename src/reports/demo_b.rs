//! The funnel, lead conversion, performance and product sales reports over the demo company:
//! nothing panics, every table adds up to its total row, and the reports agree with each other.

use rust_decimal::Decimal;

use super::funnel::funnel;
use super::lead_conversion::lead_conversion;
use super::performance::performance;
use super::period::{Period, Preset};
use super::product_sales::product_sales;
use super::scope::{Data, Owner, Scope};
use super::table::{Section, Value};
use crate::demo::{generate, DemoSize};
use crate::i18n::Lang;

const TODAY: &str = "2026-06-15";

/// The sum of a column over the rows, and the total row's cell.
fn column(section: &Section, i: usize) -> (Decimal, Decimal) {
    let sum = section
        .table
        .rows
        .iter()
        .map(|r| r.values[i].magnitude())
        .sum();
    let total = section.table.total.as_ref().unwrap().values[i].magnitude();
    (sum, total)
}

fn adds_up(section: &Section, columns: impl IntoIterator<Item = usize>) {
    for i in columns {
        let (sum, total) = column(section, i);
        assert_eq!(sum, total, "{:?} column {i}", section.title);
    }
}

fn cell(section: &Section, i: usize) -> Decimal {
    section.table.total.as_ref().unwrap().values[i].magnitude()
}

#[test]
fn the_reports_add_up_over_the_demo_company() {
    let data = generate(DemoSize::Demo, Lang::ZhCn, TODAY);
    let one_member = Owner::Member(data.team[1].meta.id.clone());
    for preset in [Preset::Last12Months, Preset::ThisQuarter, Preset::LastMonth] {
        for owner in [Owner::Everyone, one_member.clone()] {
            let scope = Scope::new(
                Data::of(&data),
                data.settings.clone(),
                Period::of(preset, TODAY),
                owner,
                TODAY,
            );

            let funnel = funnel(&scope);
            adds_up(&funnel.sections[0], 0..3);
            assert_eq!(funnel.figures.len(), 4);

            let leads = lead_conversion(&scope);
            adds_up(&leads.sections[0], 0..2);
            adds_up(&leads.sections[1], 0..2);
            adds_up(&leads.sections[2], 0..2);

            let performance = performance(&scope);
            adds_up(&performance.sections[0], 0..3);
            let months = &performance.sections[1];
            adds_up(months, 0..months.table.columns.len() - 1);
            for row in &months.table.rows {
                let members: Decimal = row.values[..row.values.len() - 1]
                    .iter()
                    .map(Value::magnitude)
                    .sum();
                assert_eq!(Some(&Value::Money(members)), row.values.last());
            }

            let products = product_sales(&scope);
            adds_up(&products.sections[1], 0..2);
            adds_up(&products.sections[2], 0..2);
            let all = &products.sections[1].table.rows;
            assert_eq!(
                products.sections[0].table.rows[..],
                all[..all.len().min(10)]
            );

            // The same sales, counted by source, by member and by line.
            assert_eq!(
                cell(&leads.sections[2], 0),
                cell(&performance.sections[0], 0)
            );
            assert_eq!(
                cell(&leads.sections[2], 1),
                cell(&performance.sections[0], 1)
            );
            assert_eq!(
                cell(&products.sections[1], 2),
                cell(&products.sections[2], 2)
            );
            assert!(cell(&products.sections[1], 2) <= cell(&performance.sections[0], 0));
        }
    }

    let year = Scope::new(
        Data::of(&data),
        data.settings.clone(),
        Period::of(Preset::Last12Months, TODAY),
        Owner::Everyone,
        TODAY,
    );
    // A year of the demo company has something in every report.
    assert!(cell(&funnel(&year).sections[0], 0) > Decimal::ZERO);
    assert!(cell(&lead_conversion(&year).sections[0], 1) > Decimal::ZERO);
    assert!(cell(&performance(&year).sections[0], 2) > Decimal::ZERO);
    assert!(cell(&product_sales(&year).sections[1], 1) > Decimal::ZERO);
}
