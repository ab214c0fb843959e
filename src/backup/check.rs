//! The checks a backup passes after every record has been read: ids, links, amounts and totals.
//! Each problem names the record and field, as the file numbers them.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::problem::{Problem, What};
use crate::domain::company::Currencies;
use crate::domain::dataset::Dataset;
use crate::domain::date::{is_valid_day, is_valid_timestamp};
use crate::domain::money::{Line, LineProblem};
use crate::domain::receivable::{check_plan, MoneyProblem};
use crate::domain::record::Record;
use crate::domain::references::required_links;
use crate::domain::sale::SaleBody;
use crate::domain::targets::{target_problems, TargetProblem};

fn place(section: &str, index: usize, field: &str) -> String {
    format!("data.{section}[{index}].{field}")
}

fn duplicates<R: Record>(section: &str, records: &[R], problems: &mut Vec<Problem>) {
    meta_problems(section, records, problems);
    let mut seen = HashSet::with_capacity(records.len());
    for (i, record) in records.iter().enumerate() {
        if !seen.insert(record.id()) {
            problems.push(Problem::new(
                place(section, i, "id"),
                What::DuplicateId {
                    id: record.id().to_owned(),
                },
            ));
        }
    }
}

/// Timestamps decide which copy of a record is newer when backups are merged, so each must be one.
fn meta_problems<R: Record>(section: &str, records: &[R], problems: &mut Vec<Problem>) {
    for (i, record) in records.iter().enumerate() {
        let meta = record.meta();
        let stamps = [
            ("created_at", Some(&meta.created_at)),
            ("updated_at", Some(&meta.updated_at)),
            ("deleted_at", meta.deleted_at.as_ref()),
        ];
        for (field, stamp) in stamps {
            if let Some(stamp) = stamp.filter(|s| !is_valid_timestamp(s)) {
                problems.push(Problem::new(
                    place(section, i, field),
                    What::NotADate {
                        found: stamp.clone(),
                    },
                ));
            }
        }
        if meta.id.is_empty() {
            problems.push(Problem::new(place(section, i, "id"), What::Missing));
        }
    }
}

fn ids<R: Record>(records: &[R]) -> HashSet<&str> {
    records.iter().map(Record::id).collect()
}

fn out_of_range(at: String, value: Decimal) -> Problem {
    Problem::new(
        at,
        What::OutOfRange {
            found: value.to_string(),
        },
    )
}

fn line_problems(at: &str, line: &Line, problems: &mut Vec<Problem>) {
    for problem in line.problems() {
        let (field, value) = match problem {
            LineProblem::DescriptionRequired => {
                problems.push(Problem::new(format!("{at}.description"), What::Missing));
                continue;
            }
            LineProblem::QuantityNotPositive | LineProblem::QuantityTooLarge => {
                ("quantity", line.quantity)
            }
            LineProblem::PriceNegative | LineProblem::PriceTooLarge => {
                ("unit_price", line.unit_price)
            }
            LineProblem::DiscountOutOfRange => ("discount_percent", line.discount_percent),
            LineProblem::TaxRateOutOfRange => ("tax_rate", line.tax_rate),
        };
        problems.push(out_of_range(format!("{at}.{field}"), value));
    }
}

/// The lines of a quote or order, then its totals, which are only added up from sound lines.
fn sale_problems(section: &str, index: usize, body: &SaleBody, problems: &mut Vec<Problem>) {
    let before = problems.len();
    for (j, line) in body.lines.iter().enumerate() {
        line_problems(
            &place(section, index, &format!("lines[{j}]")),
            line,
            problems,
        );
    }
    if problems.len() == before && !body.totals_agree() {
        let computed = crate::domain::money::document_totals(&body.lines, &body.currency).total;
        problems.push(Problem::new(
            place(section, index, "total"),
            What::TotalsDisagree {
                stored: format!("{} / {} / {}", body.net, body.tax, body.total),
                computed: format!("{} / {} / {}", computed.net, computed.tax, computed.gross),
            },
        ));
    }
}

fn not_positive(value: Decimal) -> bool {
    value <= Decimal::ZERO
}

/// Payments and invoices of each order add up to no more than its total.
fn booked_problems<'a>(
    section: &str,
    entries: impl Iterator<Item = (&'a str, Decimal, bool)>,
    totals: &HashMap<&str, Decimal>,
    problems: &mut Vec<Problem>,
) {
    let mut booked: HashMap<&str, Decimal> = HashMap::new();
    for (i, (order_id, amount, deleted)) in entries.enumerate() {
        let field = place(section, i, "amount");
        if not_positive(amount) {
            problems.push(out_of_range(field, amount));
            continue;
        }
        let (Some(total), false) = (totals.get(order_id), deleted) else {
            continue;
        };
        let sum = booked.entry(order_id).or_default();
        match sum.checked_add(amount) {
            Some(next) if next <= *total => *sum = next,
            _ => problems.push(Problem::new(
                field,
                What::Exceeds {
                    amount: amount.to_string(),
                    room: (*total - *sum).max(Decimal::ZERO).to_string(),
                },
            )),
        }
    }
}

/// Every problem a well-formed dataset can still have.
pub fn problems(data: &Dataset) -> Vec<Problem> {
    let mut problems = Vec::new();
    duplicates("team", &data.team, &mut problems);
    duplicates("leads", &data.leads, &mut problems);
    duplicates("customers", &data.customers, &mut problems);
    duplicates("contacts", &data.contacts, &mut problems);
    duplicates("activities", &data.activities, &mut problems);
    duplicates("opportunities", &data.opportunities, &mut problems);
    duplicates("products", &data.products, &mut problems);
    duplicates("quotes", &data.quotes, &mut problems);
    duplicates("orders", &data.orders, &mut problems);
    duplicates("payments", &data.payments, &mut problems);
    duplicates("invoices", &data.invoices, &mut problems);

    let known: HashMap<&str, HashSet<&str>> = HashMap::from([
        ("team", ids(&data.team)),
        ("customers", ids(&data.customers)),
        ("orders", ids(&data.orders)),
    ]);
    for link in required_links(data) {
        let (to, id) = link.to;
        if !known.get(to).is_some_and(|ids| ids.contains(id)) {
            problems.push(Problem::new(
                place(link.from.0, link.from.1, link.field),
                What::Dangling { id: id.to_owned() },
            ));
        }
    }

    let required = |section: &str, i: usize, field: &str, text: &str, problems: &mut Vec<_>| {
        if text.trim().is_empty() {
            problems.push(Problem::new(place(section, i, field), What::Missing));
        }
    };
    for (i, member) in data.team.iter().enumerate() {
        required("team", i, "name", &member.name, &mut problems);
    }
    for (i, customer) in data.customers.iter().enumerate() {
        required(
            "customers",
            i,
            "name",
            &customer.details.name,
            &mut problems,
        );
    }
    for (i, contact) in data.contacts.iter().enumerate() {
        required("contacts", i, "name", &contact.details.name, &mut problems);
    }
    for (i, product) in data.products.iter().enumerate() {
        required("products", i, "code", &product.code, &mut problems);
        required("products", i, "name", &product.name, &mut problems);
        if product.list_price < Decimal::ZERO {
            problems.push(out_of_range(
                place("products", i, "list_price"),
                product.list_price,
            ));
        }
        if product.tax_rate < Decimal::ZERO || product.tax_rate > Decimal::ONE_HUNDRED {
            problems.push(out_of_range(
                place("products", i, "tax_rate"),
                product.tax_rate,
            ));
        }
    }
    for (i, opportunity) in data.opportunities.iter().enumerate() {
        if opportunity.amount < Decimal::ZERO {
            problems.push(out_of_range(
                place("opportunities", i, "amount"),
                opportunity.amount,
            ));
        }
        if opportunity.probability > 100 {
            problems.push(out_of_range(
                place("opportunities", i, "probability"),
                opportunity.probability.into(),
            ));
        }
    }
    for (i, quote) in data.quotes.iter().enumerate() {
        sale_problems("quotes", i, &quote.body, &mut problems);
    }
    for (i, order) in data.orders.iter().enumerate() {
        sale_problems("orders", i, &order.body, &mut problems);
        if not_positive(order.rate_to_base) {
            problems.push(out_of_range(
                place("orders", i, "rate_to_base"),
                order.rate_to_base,
            ));
        }
        for problem in check_plan(&order.plan, order.body.total) {
            problems.push(match problem {
                MoneyProblem::InstallmentNotPositive(j) => out_of_range(
                    place("orders", i, &format!("plan[{j}].amount")),
                    order.plan[j].amount,
                ),
                MoneyProblem::PlanSum { planned, total } => Problem::new(
                    place("orders", i, "plan"),
                    What::PlanSum {
                        planned: planned.to_string(),
                        total: total.to_string(),
                    },
                ),
                _ => {
                    let (j, due) = order
                        .plan
                        .iter()
                        .enumerate()
                        .find(|(_, i)| !is_valid_day(&i.due))
                        .map_or((0, ""), |(j, i)| (j, i.due.as_str()));
                    Problem::new(
                        place("orders", i, &format!("plan[{j}].due")),
                        What::NotADate {
                            found: due.to_owned(),
                        },
                    )
                }
            });
        }
    }
    let totals: HashMap<&str, Decimal> =
        data.orders.iter().map(|o| (o.id(), o.body.total)).collect();
    booked_problems(
        "payments",
        data.payments
            .iter()
            .map(|p| (p.order_id.as_str(), p.amount, p.meta.is_deleted())),
        &totals,
        &mut problems,
    );
    booked_problems(
        "invoices",
        data.invoices
            .iter()
            .map(|p| (p.order_id.as_str(), p.amount, p.meta.is_deleted())),
        &totals,
        &mut problems,
    );
    if let Some(currencies) = &data.settings.currencies {
        for (i, rate) in currencies.rates.iter().enumerate() {
            if not_positive(rate.rate) {
                problems.push(out_of_range(
                    format!("data.settings.currencies.rates[{i}].rate"),
                    rate.rate,
                ));
            }
        }
    }
    target_checks(data, &known["team"], &mut problems);
    problems
}

/// Targets are in the base currency, so their precision is the base currency's.
fn target_checks(data: &Dataset, team: &HashSet<&str>, problems: &mut Vec<Problem>) {
    let Some(targets) = &data.settings.targets else {
        return;
    };
    let default = Currencies::default();
    let base = &data.settings.currencies.as_ref().unwrap_or(&default).base;
    let at = |i: usize, field: &str| format!("data.settings.targets[{i}].{field}");
    for (i, target) in targets.iter().enumerate() {
        if !team.contains(target.member_id.as_str()) {
            problems.push(Problem::new(
                at(i, "member_id"),
                What::Dangling {
                    id: target.member_id.clone(),
                },
            ));
        }
    }
    for (i, problem) in target_problems(targets, base) {
        let target = &targets[i];
        problems.push(match problem {
            TargetProblem::MonthInvalid => Problem::new(
                at(i, "month"),
                What::NotAMonth {
                    found: target.month.clone(),
                },
            ),
            TargetProblem::Repeated => Problem::new(
                format!("data.settings.targets[{i}]"),
                What::Repeated {
                    found: format!("{} {}", target.member_id, target.month),
                },
            ),
            TargetProblem::NotANumber
            | TargetProblem::Negative
            | TargetProblem::TooPrecise
            | TargetProblem::TooLarge => out_of_range(at(i, "amount"), target.amount),
        });
    }
}
