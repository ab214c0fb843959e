//! The demo data is deterministic, the size asked for, and as valid as data a user made: every
//! reference resolves, every total adds up, and every date lies in the 18 months before today.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::*;
use crate::domain::balance::{ageing, receivables, Ledger};
use crate::domain::date::day_number;
use crate::domain::lead::LeadStatus;
use crate::domain::opportunity::default_stages;
use crate::domain::receivable::check_plan;
use crate::domain::validate::Details;

const TODAY: &str = "2026-03-15";

fn ids<R: Record>(records: &[R]) -> HashSet<&str> {
    records.iter().map(|r| r.id()).collect()
}

fn counts_of(data: &Dataset) -> Counts {
    Counts {
        team: data.team.len(),
        products: data.products.len(),
        customers: data.customers.len(),
        contacts: data.contacts.len(),
        leads: data.leads.len(),
        opportunities: data.opportunities.len(),
        quotes: data.quotes.len(),
        orders: data.orders.len(),
        payments: data.payments.len(),
        invoices: data.invoices.len(),
        activities: data.activities.len(),
    }
}

/// Every rule the app and a backup's validation hold records to, as a list of what breaks them.
fn problems(data: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |ok: bool, what: String| {
        if !ok && problems.len() < 20 {
            problems.push(what);
        }
    };
    let team = ids(&data.team);
    let (customers, contacts, leads) =
        (ids(&data.customers), ids(&data.contacts), ids(&data.leads));
    let (opportunities, products, quotes) = (
        ids(&data.opportunities),
        ids(&data.products),
        ids(&data.quotes),
    );
    let orders: HashMap<&str, &crate::domain::order::Order> =
        data.orders.iter().map(|o| (o.id(), o)).collect();
    let contact_customer: HashMap<&str, &str> = data
        .contacts
        .iter()
        .map(|c| (c.id(), c.customer_id.as_str()))
        .collect();
    let first = day_number(TODAY).unwrap() - clock::SPAN_DAYS;
    let in_history =
        |stamp: &str| day_number(&stamp[..10]).is_some_and(|d| d >= first && stamp[..10] < *TODAY);

    let mut all_ids = HashSet::new();
    let mut meta = |m: &RecordMeta, check: &mut dyn FnMut(bool, String)| {
        check(
            m.id.starts_with(DEMO_PREFIX),
            format!("{}: not a demo id", m.id),
        );
        check(
            all_ids.insert(m.id.clone()),
            format!("{}: id used twice", m.id),
        );
        check(m.rev == 1, format!("{}: rev {}", m.id, m.rev));
        check(team.contains(m.owner.as_str()), format!("{}: owner", m.id));
        check(
            m.created_at <= m.updated_at,
            format!("{}: updated before created", m.id),
        );
        check(
            in_history(&m.created_at) && in_history(&m.updated_at),
            format!(
                "{}: {} .. {} outside the history",
                m.id, m.created_at, m.updated_at
            ),
        );
        check(
            m.created_at.ends_with(".000Z") && m.created_at.len() == 24,
            format!("{}: stamp", m.id),
        );
    };
    for r in &data.team {
        meta(&r.meta, &mut check);
    }
    for r in &data.products {
        meta(&r.meta, &mut check);
    }
    for r in &data.leads {
        meta(&r.meta, &mut check);
        check(
            r.details.clone().checked().is_ok(),
            format!("{}: lead details", r.id()),
        );
        check(
            (r.status == LeadStatus::Disqualified) == r.disqualified_reason.is_some(),
            format!("{}: reason", r.id()),
        );
        check(
            (r.status == LeadStatus::Converted) == r.converted.is_some(),
            format!("{}: converted", r.id()),
        );
        if let Some(to) = &r.converted {
            check(
                customers.contains(to.customer_id.as_str()),
                format!("{}: converted to", r.id()),
            );
            check(
                to.contact_id
                    .as_deref()
                    .is_none_or(|c| contacts.contains(c)),
                format!("{}: converted contact", r.id()),
            );
        }
    }
    for r in &data.customers {
        meta(&r.meta, &mut check);
        check(
            r.details.clone().checked().is_ok(),
            format!("{}: customer details", r.id()),
        );
        check(
            r.from_lead.as_deref().is_none_or(|l| leads.contains(l)),
            format!("{}: from lead", r.id()),
        );
    }
    for r in &data.contacts {
        meta(&r.meta, &mut check);
        check(
            r.details.clone().checked().is_ok(),
            format!("{}: contact details", r.id()),
        );
        check(
            customers.contains(r.customer_id.as_str()),
            format!("{}: customer", r.id()),
        );
    }
    let stages: HashSet<String> = default_stages().into_iter().map(|s| s.id).collect();
    for r in &data.opportunities {
        meta(&r.meta, &mut check);
        check(
            customers.contains(r.customer_id.as_str()),
            format!("{}: customer", r.id()),
        );
        check(
            r.contact_ids
                .iter()
                .all(|c| contact_customer.get(c.as_str()) == Some(&r.customer_id.as_str())),
            format!("{}: contacts", r.id()),
        );
        check(stages.contains(&r.stage_id), format!("{}: stage", r.id()));
        check(
            (r.stage_id == "lost") == r.lost_reason.is_some(),
            format!("{}: lost reason", r.id()),
        );
        check(
            r.stage_history.last().map(|c| &c.to) == Some(&r.stage_id)
                && r.stage_history
                    .windows(2)
                    .all(|w| w[0].at <= w[1].at && w[1].from.as_ref() == Some(&w[0].to)),
            format!("{}: history", r.id()),
        );
    }
    let lines_ok = |body: &crate::domain::sale::SaleBody| {
        body.totals_agree()
            && !body.lines.is_empty()
            && body.lines.iter().all(|l| {
                l.problems().is_empty()
                    && l.product_id.as_deref().is_none_or(|p| products.contains(p))
            })
            && customers.contains(body.customer_id.as_str())
            && body
                .opportunity_id
                .as_deref()
                .is_none_or(|o| opportunities.contains(o))
            && !body.number.is_empty()
    };
    let mut numbers = HashSet::new();
    for r in &data.quotes {
        meta(&r.meta, &mut check);
        check(lines_ok(&r.body), format!("{}: quote body", r.id()));
        check(
            numbers.insert(r.body.number.clone()),
            format!("{}: number", r.id()),
        );
        check(
            r.order_id.as_deref().is_none_or(|o| orders.contains_key(o)),
            format!("{}: order", r.id()),
        );
    }
    for r in &data.orders {
        meta(&r.meta, &mut check);
        check(lines_ok(&r.body), format!("{}: order body", r.id()));
        check(
            numbers.insert(r.body.number.clone()),
            format!("{}: number", r.id()),
        );
        check(
            r.quote_id.as_deref().is_none_or(|q| quotes.contains(q)),
            format!("{}: quote", r.id()),
        );
        check(
            check_plan(&r.plan, r.body.total).is_empty() && !r.plan.is_empty(),
            format!("{}: plan", r.id()),
        );
        check(r.body.total > Decimal::ZERO, format!("{}: total", r.id()));
        check(
            data.settings
                .currencies
                .as_ref()
                .and_then(|c| c.rate_of(&r.body.currency))
                == Some(r.rate_to_base),
            format!("{}: rate", r.id()),
        );
    }
    let mut paid: HashMap<&str, Decimal> = HashMap::new();
    for r in &data.payments {
        meta(&r.meta, &mut check);
        let order = orders.get(r.order_id.as_str());
        check(
            order.is_some_and(|o| o.status.takes_payments()),
            format!("{}: order", r.id()),
        );
        check(
            r.amount > Decimal::ZERO && in_history(&r.day),
            format!("{}: amount or day", r.id()),
        );
        *paid.entry(&r.order_id).or_default() += r.amount;
    }
    let mut invoiced: HashMap<&str, Decimal> = HashMap::new();
    for r in &data.invoices {
        meta(&r.meta, &mut check);
        check(
            orders.contains_key(r.order_id.as_str()),
            format!("{}: order", r.id()),
        );
        check(
            r.amount > Decimal::ZERO && in_history(&r.day),
            format!("{}: amount or day", r.id()),
        );
        *invoiced.entry(&r.order_id).or_default() += r.amount;
    }
    for (id, sum) in paid.iter().chain(&invoiced) {
        check(
            orders.get(id).is_some_and(|o| *sum <= o.body.total),
            format!("{id}: above the total"),
        );
    }
    for r in &data.activities {
        meta(&r.meta, &mut check);
        check(
            r.details.clone().checked().is_ok(),
            format!("{}: activity details", r.id()),
        );
        let l = &r.links;
        check(
            l.lead_id.as_deref().is_none_or(|x| leads.contains(x))
                && l.customer_id
                    .as_deref()
                    .is_none_or(|x| customers.contains(x))
                && l.opportunity_id
                    .as_deref()
                    .is_none_or(|x| opportunities.contains(x))
                && l.contact_id
                    .as_deref()
                    .is_none_or(|x| contact_customer.get(x) == l.customer_id.as_deref().as_ref()),
            format!("{}: links", r.id()),
        );
        check(in_history(&r.at), format!("{}: at", r.id()));
    }
    check(
        data.settings
            .me
            .as_deref()
            .is_some_and(|me| team.contains(me)),
        "me is not in the team".into(),
    );
    check(
        data.settings
            .company
            .clone()
            .is_some_and(|c| c.checked().is_ok()),
        "company".into(),
    );
    problems
}

/// A device clock the demo cannot write dates around gives the demo of the fallback day, as a
/// clock that says no day at all does, rather than a failure.
#[test]
fn a_clock_far_out_of_range_gives_the_fallback_days_demo() {
    let fallback = generate(DemoSize::Demo, Lang::En, "not a day");
    for today in ["0001-01-05", "9999-12-30"] {
        assert_eq!(
            generate(DemoSize::Demo, Lang::En, today),
            fallback,
            "{today}"
        );
    }
}

#[test]
fn the_same_inputs_give_the_same_data() {
    let a = generate(DemoSize::Demo, Lang::En, TODAY);
    assert_eq!(a, generate(DemoSize::Demo, Lang::En, TODAY));
    assert_ne!(a, generate(DemoSize::Demo, Lang::ZhCn, TODAY));
}

#[test]
fn the_demo_is_a_small_valid_company_in_either_language() {
    for lang in Lang::ALL {
        let data = generate(DemoSize::Demo, lang, TODAY);
        assert_eq!(counts_of(&data), DemoSize::Demo.counts());
        assert_eq!(data.customers.len(), 200);
        assert_eq!(problems(&data), Vec::<String>::new(), "{lang:?}");
        let backup = crate::backup::format::export(data, "demo", "2026-03-15T00:00:00.000Z");
        let read = crate::backup::format::read(backup.as_bytes());
        assert!(read.is_ok(), "{lang:?}: {:?}", read.err());
    }
}

#[test]
fn the_checks_catch_a_broken_record() {
    let mut data = generate(DemoSize::Demo, Lang::En, TODAY);
    data.orders[0].body.total += Decimal::ONE;
    data.contacts[0].customer_id = "nobody".into();
    data.activities[0].at = "2020-01-01T00:00:00.000Z".into();
    let found = problems(&data);
    for what in [": order body", ": customer", ": at"] {
        assert!(
            found.iter().any(|p| p.ends_with(what)),
            "{what} in {found:?}"
        );
    }
}

#[test]
fn the_benchmark_size_m_has_exactly_the_counts_of_the_design() {
    let data = generate(DemoSize::M, Lang::ZhCn, TODAY);
    let counts = counts_of(&data);
    assert_eq!(counts, DemoSize::M.counts());
    assert_eq!(
        (
            counts.customers,
            counts.contacts,
            counts.leads,
            counts.opportunities,
            counts.quotes
        ),
        (10_000, 15_000, 20_000, 30_000, 10_000)
    );
    assert_eq!(
        (
            counts.orders,
            counts.payments,
            counts.activities,
            counts.products
        ),
        (50_000, 60_000, 200_000, 500)
    );
    let lines: usize = data.orders.iter().map(|o| o.body.lines.len()).sum();
    assert!((140_000..160_000).contains(&lines), "{lines} lines");
    assert_eq!(problems(&data), Vec::<String>::new());
    let backup_problems = crate::backup::check::problems(&data);
    assert!(
        backup_problems.is_empty(),
        "{:?}",
        &backup_problems[..backup_problems.len().min(5)]
    );
}

#[test]
fn the_benchmark_size_l_is_five_times_m() {
    let counts = DemoSize::L.counts();
    assert_eq!(
        (
            counts.customers,
            counts.contacts,
            counts.leads,
            counts.opportunities,
            counts.quotes
        ),
        (50_000, 75_000, 100_000, 150_000, 50_000)
    );
    assert_eq!(
        (
            counts.orders,
            counts.payments,
            counts.activities,
            counts.products
        ),
        (250_000, 300_000, 1_000_000, 2_000)
    );
}

#[test]
#[ignore = "makes 2.2 million records: run with --ignored --release"]
fn the_benchmark_size_l_is_made_exactly() {
    let data = generate(DemoSize::L, Lang::En, TODAY);
    assert_eq!(counts_of(&data), DemoSize::L.counts());
    assert_eq!(problems(&data), Vec::<String>::new());
}

#[test]
fn every_status_and_stage_is_there_for_the_reports() {
    let data = generate(DemoSize::Demo, Lang::ZhCn, TODAY);
    for status in LeadStatus::ALL {
        assert!(data.leads.iter().any(|l| l.status == status), "{status:?}");
    }
    for stage in default_stages() {
        assert!(
            data.opportunities.iter().any(|o| o.stage_id == stage.id),
            "{}",
            stage.id
        );
    }
    let owners: HashSet<&str> = data.orders.iter().map(|o| o.meta.owner.as_str()).collect();
    assert!(owners.len() >= 4);
    let mut orders_per_customer: HashMap<&str, usize> = HashMap::new();
    for order in &data.orders {
        *orders_per_customer
            .entry(&order.body.customer_id)
            .or_default() += 1;
    }
    assert!(
        orders_per_customer.values().filter(|n| **n >= 3).count() > 20,
        "repeat customers"
    );
    assert!(
        orders_per_customer.len() < 200,
        "some customers never bought"
    );
    for status in [
        crate::domain::document::OrderStatus::Draft,
        crate::domain::document::OrderStatus::Confirmed,
        crate::domain::document::OrderStatus::Delivered,
        crate::domain::document::OrderStatus::Completed,
        crate::domain::document::OrderStatus::Cancelled,
    ] {
        assert!(data.orders.iter().any(|o| o.status == status), "{status:?}");
    }
    let months: HashSet<&str> = data.orders.iter().map(|o| &o.order_date[..7]).collect();
    assert!(months.len() >= 17, "{months:?}");

    let ledger = Ledger::new(&data.payments, &data.invoices);
    let open = receivables(&data.orders, &ledger, TODAY);
    let buckets = ageing(&open, "CNY");
    for (name, amount) in [
        ("not due", buckets.not_due),
        ("0-30", buckets.days_0_30),
        ("31-60", buckets.days_31_60),
        ("61-90", buckets.days_61_90),
        ("90+", buckets.over_90),
    ] {
        assert!(amount > Decimal::ZERO, "nothing in the {name} bucket");
    }
    let stages = default_stages();
    let today = crate::domain::today::agenda(
        TODAY,
        data.settings.me.as_deref().unwrap(),
        30,
        crate::domain::today::Records {
            leads: &data.leads,
            customers: &data.customers,
            activities: &data.activities,
            opportunities: &data.opportunities,
            stages: &stages,
        },
    );
    assert!(!today.overdue_tasks.is_empty() || !today.tasks_today.is_empty());
    assert!(!today.forgotten.is_empty());
    assert!(!today.closing_overdue.is_empty());
}

#[test]
fn chinese_data_is_in_chinese_and_english_in_english() {
    let chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let zh = generate(DemoSize::Demo, Lang::ZhCn, TODAY);
    assert!(zh
        .customers
        .iter()
        .all(|c| chinese(&c.details.name) && c.details.name.ends_with("公司")));
    assert!(zh.contacts.iter().all(|c| chinese(&c.details.name)));
    assert!(zh.team.iter().all(|m| chinese(&m.name)));
    assert!(chinese(&zh.settings.company.as_ref().unwrap().name));
    assert_eq!(zh.settings.currencies.as_ref().unwrap().base, "CNY");
    let en = generate(DemoSize::Demo, Lang::En, TODAY);
    assert!(en.customers.iter().all(|c| !chinese(&c.details.name)));
    assert!(en.activities.iter().all(|a| !chinese(&a.details.subject)));
    assert_eq!(en.settings.currencies.as_ref().unwrap().base, "USD");
}

#[test]
fn demo_ids_are_uuid_v7_after_the_prefix() {
    let random = [0xa5, 0x5a, 0xff, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd];
    for ms in [0, 1_700_000_000_123, 0xffff_ffff_ffff] {
        let id = demo_uuid(ms, random);
        assert_eq!(
            id,
            format!("{DEMO_PREFIX}{}", crate::domain::id::uuid_v7(ms, random))
        );
    }
}

#[test]
fn sizes_are_named_in_the_address() {
    assert_eq!(DemoSize::from_param("m"), Some(DemoSize::M));
    assert_eq!(DemoSize::from_param(" L "), Some(DemoSize::L));
    assert_eq!(DemoSize::from_param("s"), Some(DemoSize::Demo));
    assert_eq!(DemoSize::from_param("xl"), None);
    assert!(is_demo_id("demo-0190"));
    assert!(!is_demo_id("0190-demo"));
}

#[test]
fn every_seller_has_targets_near_what_they_sold_and_for_the_coming_months() {
    let data = generate(DemoSize::Demo, Lang::En, TODAY);
    let targets = data.settings.targets.as_deref().unwrap();
    assert!(crate::domain::targets::target_problems(targets, "USD").is_empty());
    let sellers: HashSet<&str> = data
        .orders
        .iter()
        .filter(|o| o.status.takes_payments())
        .map(|o| o.meta.owner.as_str())
        .collect();
    assert!(sellers.len() > 1);
    for seller in &sellers {
        for month in ["2026-03", "2026-04", "2026-05"] {
            assert!(
                targets
                    .iter()
                    .any(|t| t.member_id == *seller && t.month == month),
                "{seller} has no target for {month}"
            );
        }
    }
    assert!(!targets.iter().any(|t| t.month.as_str() > "2026-05"));
    // February 2026, a past month: the target is 85% to 120% of the sales, rounded to 100.
    for seller in &sellers {
        let sold: Decimal = data
            .orders
            .iter()
            .filter(|o| o.status.takes_payments() && o.meta.owner == *seller)
            .filter(|o| o.order_date.starts_with("2026-02"))
            .map(|o| o.body.total * o.rate_to_base)
            .sum();
        let target = crate::domain::targets::target_of(targets, seller, "2026-02");
        if sold > Decimal::ZERO {
            let target = target.unwrap();
            assert!(target >= sold * Decimal::new(85, 2) - Decimal::from(50));
            assert!(target <= sold * Decimal::new(120, 2) + Decimal::from(50));
            assert_eq!(target % Decimal::ONE_HUNDRED, Decimal::ZERO);
        }
    }
}
