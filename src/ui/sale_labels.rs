//! Quote, order, payment and invoice values as the user reads them.

use rust_decimal::Decimal;

use crate::domain::document::OrderStatus;
use crate::domain::money::LineProblem;
use crate::domain::quote::QuoteShown;
use crate::domain::receivable::{Age, InvoiceKind, MoneyProblem, PaymentMethod};
use crate::domain::sale::SaleProblem;
use crate::i18n::{format_money, t, tf, Key, Lang};

pub fn quote_status_key(shown: QuoteShown) -> Key {
    match shown {
        QuoteShown::Draft => Key::QuoteDraft,
        QuoteShown::Sent => Key::QuoteSent,
        QuoteShown::Accepted => Key::QuoteAccepted,
        QuoteShown::Declined => Key::QuoteDeclined,
        QuoteShown::Expired => Key::QuoteExpired,
    }
}

pub fn order_status_key(status: OrderStatus) -> Key {
    match status {
        OrderStatus::Draft => Key::OrderDraft,
        OrderStatus::Confirmed => Key::OrderConfirmed,
        OrderStatus::Delivered => Key::OrderDelivered,
        OrderStatus::Completed => Key::OrderCompleted,
        OrderStatus::Cancelled => Key::OrderCancelled,
    }
}

/// The button that moves an order to `status`.
pub fn order_action_key(status: OrderStatus) -> Key {
    match status {
        OrderStatus::Draft => Key::OrderDraft,
        OrderStatus::Confirmed => Key::ConfirmOrder,
        OrderStatus::Delivered => Key::MarkDelivered,
        OrderStatus::Completed => Key::MarkCompleted,
        OrderStatus::Cancelled => Key::CancelOrder,
    }
}

pub fn method_key(method: PaymentMethod) -> Key {
    match method {
        PaymentMethod::BankTransfer => Key::MethodBankTransfer,
        PaymentMethod::Cash => Key::MethodCash,
        PaymentMethod::Card => Key::MethodCard,
        PaymentMethod::Alipay => Key::MethodAlipay,
        PaymentMethod::WechatPay => Key::MethodWechatPay,
        PaymentMethod::Cheque => Key::MethodCheque,
        PaymentMethod::Other => Key::MethodOther,
    }
}

pub fn invoice_kind_key(kind: InvoiceKind) -> Key {
    match kind {
        InvoiceKind::VatSpecial => Key::InvoiceVatSpecial,
        InvoiceKind::VatOrdinary => Key::InvoiceVatOrdinary,
        InvoiceKind::Commercial => Key::InvoiceCommercial,
        InvoiceKind::Other => Key::InvoiceOther,
    }
}

pub fn age_key(age: Age) -> Key {
    match age {
        Age::NotDue => Key::AgeNotDue,
        Age::Days0To30 => Key::Age0To30,
        Age::Days31To60 => Key::Age31To60,
        Age::Days61To90 => Key::Age61To90,
        Age::Over90 => Key::AgeOver90,
    }
}

pub fn line_problem_key(problem: LineProblem) -> Key {
    match problem {
        LineProblem::DescriptionRequired => Key::ProblemLineDescription,
        LineProblem::QuantityNotPositive => Key::ProblemLineQuantity,
        LineProblem::QuantityTooLarge => Key::ProblemLineQuantityTooLarge,
        LineProblem::PriceNegative => Key::ProblemLinePrice,
        LineProblem::PriceTooLarge => Key::ProblemLinePriceTooLarge,
        LineProblem::DiscountOutOfRange => Key::ProblemLineDiscount,
        LineProblem::TaxRateOutOfRange => Key::ProblemLineTaxRate,
    }
}

/// A document problem that is not about one line.
pub fn sale_problem_key(problem: SaleProblem) -> Key {
    match problem {
        SaleProblem::NumberRequired => Key::ProblemRequired,
        SaleProblem::NumberTaken => Key::ProblemNumberTaken,
        SaleProblem::CustomerRequired => Key::ProblemRequired,
        SaleProblem::DayInvalid => Key::ProblemDate,
        SaleProblem::ValidUntilInvalid => Key::ProblemValidUntil,
        SaleProblem::NotesTooLong => Key::ProblemNotesTooLong,
        SaleProblem::NoLines => Key::ProblemNoLines,
        SaleProblem::Line(_, p) => line_problem_key(p),
    }
}

pub fn money_problem_text(lang: Lang, problem: &MoneyProblem, currency: &str) -> String {
    let money = |amount: Decimal| format_money(lang, amount, currency);
    match problem {
        MoneyProblem::PlanSum { planned, total } => tf(
            lang,
            Key::ProblemPlanSum,
            &[("planned", &money(*planned)), ("total", &money(*total))],
        ),
        MoneyProblem::InstallmentNotPositive(at) => tf(
            lang,
            Key::ProblemInstallmentAmount,
            &[("number", &(at + 1).to_string())],
        ),
        MoneyProblem::AmountNotPositive => t(lang, Key::ProblemAmountPositive).to_owned(),
        MoneyProblem::Exceeds { room } => tf(lang, Key::ProblemExceeds, &[("room", &money(*room))]),
        MoneyProblem::DayInvalid => t(lang, Key::ProblemDate).to_owned(),
    }
}
