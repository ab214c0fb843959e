//! What an order's customer owes: the payment plan (installments that add up to the total),
//! the payments received, the invoices issued, and how old the unpaid part is.

use crate::domain::sorting::sort_by;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use super::date::day_number;
use super::id::Id;
use super::record::{record_serde, Record, RecordMeta};
use super::stamp::Stamp;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installment {
    /// `YYYY-MM-DD`.
    pub due: String,
    #[serde(with = "crate::domain::money::exact")]
    pub amount: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    BankTransfer,
    Cash,
    Card,
    Alipay,
    WechatPay,
    Cheque,
    Other,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 7] = [
        PaymentMethod::BankTransfer,
        PaymentMethod::Cash,
        PaymentMethod::Card,
        PaymentMethod::Alipay,
        PaymentMethod::WechatPay,
        PaymentMethod::Cheque,
        PaymentMethod::Other,
    ];
}

/// Money received against an order (回款).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Payment {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub order_id: Id,
    /// The day the money arrived, `YYYY-MM-DD`.
    pub day: Stamp,
    #[serde(with = "crate::domain::money::exact")]
    pub amount: Decimal,
    pub method: PaymentMethod,
    #[serde(default)]
    pub note: String,
}

record_serde!(Payment {
    meta: RecordMeta,
    order_id: Id,
    day: Stamp,
    amount: Decimal,
    method: PaymentMethod,
    note: String,
});

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    /// 增值税专用发票: lets the buyer deduct the VAT.
    VatSpecial,
    /// 增值税普通发票.
    VatOrdinary,
    Commercial,
    Other,
}

impl InvoiceKind {
    pub const ALL: [InvoiceKind; 4] = [
        InvoiceKind::VatSpecial,
        InvoiceKind::VatOrdinary,
        InvoiceKind::Commercial,
        InvoiceKind::Other,
    ];
}

/// An invoice issued against an order (发票); its number comes from the tax system, so it is typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Invoice {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub order_id: Id,
    pub number: String,
    pub day: String,
    #[serde(with = "crate::domain::money::exact")]
    pub amount: Decimal,
    pub kind: InvoiceKind,
    #[serde(default)]
    pub note: String,
}

record_serde!(Invoice {
    meta: RecordMeta,
    order_id: Id,
    number: String,
    day: String,
    amount: Decimal,
    kind: InvoiceKind,
    note: String,
});

/// A payment or an invoice: booked against one order on one day.
pub trait OrderEntry: Record {
    fn order_id(&self) -> &str;
    fn day(&self) -> &str;
}

impl OrderEntry for Payment {
    fn order_id(&self) -> &str {
        &self.order_id
    }
    fn day(&self) -> &str {
        &self.day
    }
}

impl OrderEntry for Invoice {
    fn order_id(&self) -> &str {
        &self.order_id
    }
    fn day(&self) -> &str {
        &self.day
    }
}

/// An order's payments or invoices outside Trash, the earliest first.
pub fn entries_of<E: OrderEntry + Clone>(all: &[E], order_id: &str) -> Vec<E> {
    let mut mine: Vec<E> = all
        .iter()
        .filter(|e| e.order_id() == order_id && !e.meta().is_deleted())
        .cloned()
        .collect();
    sort_by(&mut mine, |a, b| a.day().cmp(b.day()));
    mine
}

impl Record for Payment {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

impl Record for Invoice {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoneyProblem {
    /// The installments add up to this, not to the order total.
    PlanSum {
        planned: Decimal,
        total: Decimal,
    },
    InstallmentNotPositive(usize),
    AmountNotPositive,
    /// Accepting it would take the sum above the total; at most this much more fits.
    Exceeds {
        room: Decimal,
    },
    DayInvalid,
}

/// Whether installments can be the plan of an order of `total`.
pub fn check_plan(plan: &[Installment], total: Decimal) -> Vec<MoneyProblem> {
    let mut problems: Vec<MoneyProblem> = plan
        .iter()
        .enumerate()
        .filter(|(_, i)| i.amount <= Decimal::ZERO)
        .map(|(at, _)| MoneyProblem::InstallmentNotPositive(at))
        .collect();
    if plan.iter().any(|i| day_number(&i.due).is_none()) {
        problems.push(MoneyProblem::DayInvalid);
    }
    let planned: Decimal = plan.iter().map(|i| i.amount).sum();
    if !plan.is_empty() && planned != total {
        problems.push(MoneyProblem::PlanSum { planned, total });
    }
    problems
}

/// Whether `amount` more can be booked against `total` when `booked` already is: a payment
/// beyond what is owed, or an invoice beyond the order, is refused, saying how much still fits.
pub fn check_addition(
    booked: Decimal,
    amount: Decimal,
    total: Decimal,
) -> Result<(), MoneyProblem> {
    if amount <= Decimal::ZERO {
        return Err(MoneyProblem::AmountNotPositive);
    }
    let room = (total - booked).max(Decimal::ZERO);
    if amount > room {
        return Err(MoneyProblem::Exceeds { room });
    }
    Ok(())
}

/// An installment with what has been paid towards it, payments filling the earliest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstallmentState {
    pub installment: Installment,
    pub paid: Decimal,
    /// Due before `today` and not fully paid.
    pub overdue: bool,
    /// Worked out once: reports ask for it several times per installment of every order owed.
    open: Decimal,
    /// Days from the due day to today, none when the due day is not a date. Read from the text
    /// once: the ageing, the sort of what is owed and the late list all ask for it.
    days_late: Option<i64>,
}

impl InstallmentState {
    /// What is still to be paid of it.
    pub fn open(&self) -> Decimal {
        self.open
    }

    /// Days past the due day: 0 on it, negative before it.
    pub fn days_late(&self) -> Option<i64> {
        self.days_late
    }

    pub fn age(&self) -> Age {
        Age::of_days_late(self.days_late)
    }
}

/// `plan` owned when it was made for the call (an order without a plan owes its total on
/// the order day), so that it is not copied again.
pub fn installment_states(
    plan: Cow<'_, [Installment]>,
    paid: Decimal,
    today: &str,
) -> Vec<InstallmentState> {
    let mut unspent = paid;
    let today_number = day_number(today);
    let mut ordered = plan.into_owned();
    sort_by(&mut ordered, |a, b| a.due.cmp(&b.due));
    ordered
        .into_iter()
        .map(|installment| {
            let paid = unspent.min(installment.amount).max(Decimal::ZERO);
            unspent -= paid;
            let overdue = paid < installment.amount && installment.due.as_str() < today;
            InstallmentState {
                open: installment.amount - paid,
                days_late: today_number
                    .zip(day_number(&installment.due))
                    .map(|(today, due)| today - due),
                installment,
                paid,
                overdue,
            }
        })
        .collect()
}

/// Ageing buckets of the receivables screen, by days past due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Age {
    NotDue,
    Days0To30,
    Days31To60,
    Days61To90,
    Over90,
}

impl Age {
    /// The bucket of an installment `days_late` days past its due day; not due when the day
    /// is not a date.
    pub fn of_days_late(days_late: Option<i64>) -> Age {
        match days_late {
            None => Age::NotDue,
            Some(days) if days <= 0 => Age::NotDue,
            Some(1..=30) => Age::Days0To30,
            Some(31..=60) => Age::Days31To60,
            Some(61..=90) => Age::Days61To90,
            Some(_) => Age::Over90,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    fn installment(due: &str, amount: &str) -> Installment {
        Installment {
            due: due.into(),
            amount: dec(amount),
        }
    }

    #[test]
    fn a_plan_must_add_up_to_the_order_total() {
        let plan = [
            installment("2026-03-01", "600.00"),
            installment("2026-04-01", "530.00"),
        ];
        assert!(check_plan(&plan, dec("1130")).is_empty());
        assert_eq!(
            check_plan(&plan, dec("1130.01")),
            [MoneyProblem::PlanSum {
                planned: dec("1130"),
                total: dec("1130.01")
            }]
        );
        let bad = [
            installment("2026-02-30", "0"),
            installment("2026-04-01", "1130"),
        ];
        assert_eq!(
            check_plan(&bad, dec("1130")),
            [
                MoneyProblem::InstallmentNotPositive(0),
                MoneyProblem::DayInvalid
            ]
        );
    }

    #[test]
    fn an_overpayment_or_over_invoicing_is_refused_with_what_still_fits() {
        assert_eq!(check_addition(dec("600"), dec("530"), dec("1130")), Ok(()));
        assert_eq!(
            check_addition(dec("600"), dec("530.01"), dec("1130")),
            Err(MoneyProblem::Exceeds { room: dec("530") })
        );
        assert_eq!(
            check_addition(dec("0"), dec("0"), dec("1130")),
            Err(MoneyProblem::AmountNotPositive)
        );
    }

    #[test]
    fn payments_fill_the_earliest_installment_and_the_rest_are_overdue_once_due() {
        let plan = [
            installment("2026-04-01", "530"),
            installment("2026-03-01", "600"),
        ];
        let states = installment_states(Cow::Borrowed(&plan), dec("400"), "2026-03-15");
        let summary: Vec<_> = states
            .iter()
            .map(|s| (s.installment.due.as_str(), s.paid, s.open(), s.overdue))
            .collect();
        assert_eq!(
            summary,
            [
                ("2026-03-01", dec("400"), dec("200"), true),
                ("2026-04-01", dec("0"), dec("530"), false)
            ]
        );
        let paid = installment_states(Cow::Borrowed(&plan), dec("1130"), "2026-05-01");
        assert!(paid.iter().all(|s| !s.overdue && s.open().is_zero()));
    }

    fn age(due: &str, today: &str) -> (Option<i64>, Age) {
        let plan = [installment(due, "100")];
        let states = installment_states(Cow::Borrowed(&plan), dec("0"), today);
        (states[0].days_late(), states[0].age())
    }

    #[test]
    fn receivables_age_by_days_past_due() {
        assert_eq!(age("2026-03-20", "2026-03-10"), (Some(-10), Age::NotDue));
        assert_eq!(age("2026-03-10", "2026-03-10"), (Some(0), Age::NotDue));
        assert_eq!(age("2026-03-10", "2026-03-11"), (Some(1), Age::Days0To30));
        assert_eq!(age("2026-03-10", "2026-04-09"), (Some(30), Age::Days0To30));
        assert_eq!(age("2026-03-10", "2026-04-10"), (Some(31), Age::Days31To60));
        assert_eq!(age("2026-01-01", "2026-03-31"), (Some(89), Age::Days61To90));
        assert_eq!(age("2025-12-01", "2026-03-31"), (Some(120), Age::Over90));
        assert_eq!(age("2025-02-29", "2026-03-31"), (None, Age::NotDue));
    }
}
