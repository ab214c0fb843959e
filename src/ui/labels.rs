//! Domain values as the user reads them.

use crate::domain::activity::ActivityKind;
use crate::domain::lead::LeadStatus;
use crate::domain::lead_query::LeadSort;
use crate::domain::opportunity::Stage;
use crate::domain::team::MemberProblem;
use crate::domain::validate::Problem;
use crate::i18n::{t, tf, Key, Lang};

pub fn status_key(status: LeadStatus) -> Key {
    match status {
        LeadStatus::New => Key::StatusNew,
        LeadStatus::Contacted => Key::StatusContacted,
        LeadStatus::Qualified => Key::StatusQualified,
        LeadStatus::Converted => Key::StatusConverted,
        LeadStatus::Disqualified => Key::StatusDisqualified,
    }
}

/// The word a status takes in a URL or a select, and back.
pub fn status_code(status: LeadStatus) -> &'static str {
    match status {
        LeadStatus::New => "new",
        LeadStatus::Contacted => "contacted",
        LeadStatus::Qualified => "qualified",
        LeadStatus::Converted => "converted",
        LeadStatus::Disqualified => "disqualified",
    }
}

pub fn status_from_code(code: &str) -> Option<LeadStatus> {
    LeadStatus::ALL
        .into_iter()
        .find(|s| status_code(*s) == code)
}

/// A lead source: the built-in ones translated, any other shown as it was typed.
pub fn source_label(lang: Lang, source: &str) -> String {
    let key = match source {
        "website" => Key::SourceWebsite,
        "referral" => Key::SourceReferral,
        "trade_fair" => Key::SourceTradeFair,
        "cold_call" => Key::SourceColdCall,
        "advertising" => Key::SourceAdvertising,
        "social_media" => Key::SourceSocialMedia,
        "other" => Key::SourceOther,
        other => return other.to_owned(),
    };
    t(lang, key).to_owned()
}

pub fn sort_key(sort: LeadSort) -> Key {
    match sort {
        LeadSort::RecentlyUpdated => Key::SortRecentlyUpdated,
        LeadSort::Newest => Key::SortNewest,
        LeadSort::Name => Key::SortName,
        LeadSort::Company => Key::SortCompany,
        LeadSort::NextFollowUp => Key::SortNextFollowUp,
    }
}

pub fn sort_code(sort: LeadSort) -> &'static str {
    match sort {
        LeadSort::RecentlyUpdated => "updated",
        LeadSort::Newest => "newest",
        LeadSort::Name => "name",
        LeadSort::Company => "company",
        LeadSort::NextFollowUp => "follow_up",
    }
}

pub fn problem_text(lang: Lang, problem: Problem) -> String {
    match problem {
        Problem::NameOrCompanyRequired => t(lang, Key::ProblemNameOrCompany).to_owned(),
        Problem::Required => t(lang, Key::ProblemRequired).to_owned(),
        Problem::EmailInvalid => t(lang, Key::ProblemEmail).to_owned(),
        Problem::PhoneInvalid => t(lang, Key::ProblemPhone).to_owned(),
        Problem::DateInvalid => t(lang, Key::ProblemDate).to_owned(),
        Problem::TooLong { max } => tf(lang, Key::ProblemTooLong, &[("max", &max.to_string())]),
        Problem::AmountInvalid => t(lang, Key::ProblemAmount).to_owned(),
        Problem::AmountNegative => t(lang, Key::ProblemAmountNegative).to_owned(),
        Problem::PercentInvalid => t(lang, Key::ProblemPercent).to_owned(),
    }
}

pub fn member_problem_text(lang: Lang, problem: MemberProblem) -> &'static str {
    match problem {
        MemberProblem::NameRequired => t(lang, Key::ProblemMemberName),
        MemberProblem::EmailInvalid => t(lang, Key::ProblemEmail),
    }
}

pub fn kind_key(kind: ActivityKind) -> Key {
    match kind {
        ActivityKind::Call => Key::KindCall,
        ActivityKind::Email => Key::KindEmail,
        ActivityKind::Meeting => Key::KindMeeting,
        ActivityKind::Visit => Key::KindVisit,
        ActivityKind::Message => Key::KindMessage,
        ActivityKind::Note => Key::KindNote,
        ActivityKind::Task => Key::KindTask,
    }
}

/// A stage's name in `lang`: its own if the user gave one, else the built-in one's.
pub fn stage_name(stage: Stage) -> impl Fn(Lang) -> String + Clone + Send + Sync + 'static {
    move |lang| {
        if let Some(name) = &stage.name {
            return name.clone();
        }
        let key = match stage.id.as_str() {
            "new" => Key::StageNew,
            "qualified" => Key::StageQualified,
            "needs_analysis" => Key::StageNeedsAnalysis,
            "proposal" => Key::StageProposal,
            "negotiation" => Key::StageNegotiation,
            "won" => Key::StageWon,
            "lost" => Key::StageLost,
            other => return other.to_owned(),
        };
        t(lang, key).to_owned()
    }
}
