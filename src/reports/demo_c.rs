//! The customer, receivables and forecast reports over the demo company: they run, their rows
//! add up to their totals, and every buyer is in exactly one RFM segment.

use std::collections::HashSet;

use super::buyers::buyers;
use super::columns::Columns;
use super::customers::customers;
use super::forecast::forecast;
use super::period::{Period, Preset};
use super::receivables::receivables;
use super::scope::{Data, Owner, Scope};
use super::table::Section;
use super::testdata_c::adds_up;
use super::ReportKind;
use crate::demo::{generate, DemoSize};
use crate::domain::stages::pipeline_or_default;
use crate::i18n::{Key, Lang};

const TODAY: &str = "2026-03-15";

fn sums(section: &Section, columns: &[usize]) {
    for &c in columns {
        assert!(adds_up(section, c), "{:?} column {c}", section.title);
    }
}

#[test]
fn the_reports_over_the_demo_company_add_up() {
    let data = generate(DemoSize::Demo, Lang::ZhCn, TODAY);
    let me = data.settings.me.clone().unwrap();
    for owner in [Owner::Everyone, Owner::Member(me)] {
        let over = |preset| {
            Scope::new(
                Data::of(&data),
                data.settings.clone(),
                Period::of(preset, TODAY),
                owner.clone(),
                TODAY,
            )
        };
        let scope = over(Preset::Last12Months);

        let report = customers(&scope);
        for section in &report.sections[..4] {
            sums(section, &[0, 1, 2]);
        }
        let [pareto, rfm, forgotten] = &report.sections[4..] else {
            panic!("seven sections");
        };
        sums(pareto, &[0]);
        sums(rfm, &[0, 1]);
        assert_eq!(forgotten.title, Key::ReportForgotten);
        let list = buyers(&scope, &scope.period);
        assert!(!list.is_empty());
        let mut seen = HashSet::new();
        for row in &rfm.table.rows {
            for id in row.behind.as_ref().unwrap().ids(&scope.data) {
                assert!(seen.insert(id), "{id} in two segments");
            }
        }
        let bought: HashSet<&str> = list.iter().map(|b| b.customer_id).collect();
        assert_eq!(seen, bought);

        let report = receivables(&scope);
        sums(&report.sections[0], &[0]);
        sums(&report.sections[1], &[0, 1, 2]);
        sums(&report.sections[2], &[0, 1, 2]);
        sums(&report.sections[3], &[2]);
        assert!(!report.sections[3].table.rows.is_empty());
        let total = |section: usize, column: usize| {
            report.sections[section]
                .table
                .total
                .as_ref()
                .unwrap()
                .values[column]
                .clone()
        };
        // The ageing and the balances hold the same money; the overdue installments are the
        // overdue part of the balances.
        assert_eq!(total(0, 0), total(2, 1));
        assert_eq!(total(3, 2), total(2, 2));

        let report = forecast(&scope);
        sums(&report.sections[0], &[0, 1, 2, 3]);
        // This year seen in March: March to December.
        let report = forecast(&over(Preset::ThisYear));
        assert_eq!(report.sections[0].table.rows.len(), 10);
        sums(&report.sections[0], &[0, 1, 2, 3]);
    }
}

/// A page lends every report the columns it made once; a report lent columns of other data, or
/// read with another pipeline or base currency, makes its own. Either way each report is what it is when it
/// makes them itself.
#[test]
fn reports_read_lent_columns_only_when_they_fit() {
    let data = generate(DemoSize::Demo, Lang::En, TODAY);
    let pipeline = pipeline_or_default(data.settings.pipeline.clone());
    let base = data.settings.currencies.clone().unwrap_or_default().base;
    let lent = Columns::of(&Data::of(&data), &pipeline, &base);
    let stale = Columns::default();
    // Every stage open: shared by mistake, no opportunity would be won or lost.
    let other_pipeline = Columns::of(&Data::of(&data), &[], &base);
    // Amounts rounded to whole yen: shared by mistake, totals would lose their cents.
    let other_base = Columns::of(&Data::of(&data), &pipeline, "JPY");
    assert_ne!(lent.order_total, other_base.order_total);
    for kind in ReportKind::ALL {
        let scope = || {
            Scope::new(
                Data::of(&data),
                data.settings.clone(),
                Period::of(Preset::Last12Months, TODAY),
                Owner::Everyone,
                TODAY,
            )
        };
        let own = kind.compute(&scope());
        assert_eq!(kind.compute(&scope().sharing(&lent)), own, "{kind:?}");
        assert_eq!(kind.compute(&scope().sharing(&stale)), own, "{kind:?}");
        let shared = kind.compute(&scope().sharing(&other_pipeline));
        assert_eq!(shared, own, "{kind:?}");
        assert_eq!(kind.compute(&scope().sharing(&other_base)), own, "{kind:?}");
    }
}
