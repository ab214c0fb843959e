//! Leads (线索): people or companies that may become customers.

use serde::{Deserialize, Serialize};

use super::id::Id;
use super::record::{record_serde, Record, RecordMeta};
use super::validate::{
    tidy, Checks, Details, Field, FieldProblem, Problem, NOTES_MAX, SHORT_TEXT_MAX,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    New,
    Contacted,
    Qualified,
    Converted,
    Disqualified,
}

impl LeadStatus {
    pub const ALL: [LeadStatus; 5] = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Qualified,
        LeadStatus::Converted,
        LeadStatus::Disqualified,
    ];

    /// The statuses a user may move a lead to by hand from this one. Converted is reached only by
    /// converting the lead, and a converted lead stays converted.
    pub fn next_choices(self) -> &'static [LeadStatus] {
        use LeadStatus::*;
        match self {
            New => &[Contacted, Qualified, Disqualified],
            Contacted => &[New, Qualified, Disqualified],
            Qualified => &[Contacted, Disqualified],
            Disqualified => &[New, Contacted],
            Converted => &[],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    A,
    B,
    C,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::A, Level::B, Level::C];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::A => "A",
            Level::B => "B",
            Level::C => "C",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == text)
    }
}

/// Where leads come from, until the list becomes editable in Settings. Stored by key; a source
/// typed elsewhere (an import, another device) is kept as the text it is.
pub const DEFAULT_SOURCES: [&str; 7] = [
    "website",
    "referral",
    "trade_fair",
    "cold_call",
    "advertising",
    "social_media",
    "other",
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Lead {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub details: LeadDetails,
    pub status: LeadStatus,
    /// Why the lead was disqualified; present exactly when the status is Disqualified.
    #[serde(default)]
    pub disqualified_reason: Option<String>,
    /// What the lead became; present exactly when the status is Converted.
    #[serde(default)]
    pub converted: Option<ConvertedTo>,
}

record_serde!(Lead {
    meta: RecordMeta,
    details: LeadDetails,
    status: LeadStatus,
    disqualified_reason: Option<String>,
    converted: Option<ConvertedTo>,
});

/// The records a converted lead became.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvertedTo {
    pub customer_id: Id,
    pub contact_id: Option<Id>,
    #[serde(default)]
    pub opportunity_id: Option<Id>,
    pub at: String,
}

/// What the user types about a lead: everything but its identity and status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeadDetails {
    pub name: String,
    pub company: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub city: String,
    pub source: String,
    pub industry: String,
    pub level: Option<Level>,
    pub notes: String,
    /// `YYYY-MM-DD`.
    pub next_follow_up: Option<String>,
}

/// A status change that the rules refuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusError {
    ReasonRequired,
    NotAllowed { from: LeadStatus, to: LeadStatus },
}

impl Details for LeadDetails {
    fn tidied(mut self) -> Self {
        tidy(
            &mut [
                &mut self.name,
                &mut self.company,
                &mut self.title,
                &mut self.phone,
                &mut self.email,
                &mut self.city,
                &mut self.source,
                &mut self.industry,
                &mut self.notes,
            ],
            &mut self.next_follow_up,
        );
        self
    }

    fn problems(&self) -> Vec<FieldProblem> {
        let mut checks = Checks::default();
        if self.name.trim().is_empty() && self.company.trim().is_empty() {
            checks.add(Field::Name, Problem::NameOrCompanyRequired);
        }
        checks.email(Field::Email, &self.email);
        checks.phone(Field::Phone, &self.phone);
        checks.day(Field::NextFollowUp, self.next_follow_up.as_deref());
        for (field, text, max) in [
            (Field::Name, &self.name, SHORT_TEXT_MAX),
            (Field::Company, &self.company, SHORT_TEXT_MAX),
            (Field::Title, &self.title, SHORT_TEXT_MAX),
            (Field::City, &self.city, SHORT_TEXT_MAX),
            (Field::Industry, &self.industry, SHORT_TEXT_MAX),
            (Field::Notes, &self.notes, NOTES_MAX),
        ] {
            checks.max_len(field, text, max);
        }
        checks.into_problems()
    }
}

impl super::activity::FollowUp for Lead {
    fn set_next_follow_up(&mut self, day: String) {
        self.details.next_follow_up = Some(day);
    }
}

impl Record for Lead {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

impl Lead {
    /// A new lead from what the user typed, or every problem with it.
    pub fn create(meta: RecordMeta, details: LeadDetails) -> Result<Lead, Vec<FieldProblem>> {
        let details = details.checked()?;
        Ok(Lead {
            meta,
            details,
            status: LeadStatus::New,
            disqualified_reason: None,
            converted: None,
        })
    }

    /// Replaces the details after checking them; on any problem the lead is left as it was.
    pub fn edit(&mut self, details: LeadDetails, now: &str) -> Result<(), Vec<FieldProblem>> {
        self.details = details.checked()?;
        self.meta.touch(now);
        Ok(())
    }

    /// Moves the lead to another status by hand. Disqualifying needs a reason; leaving
    /// Disqualified forgets it.
    pub fn change_status(
        &mut self,
        to: LeadStatus,
        reason: &str,
        now: &str,
    ) -> Result<(), StatusError> {
        if !self.status.next_choices().contains(&to) {
            return Err(StatusError::NotAllowed {
                from: self.status,
                to,
            });
        }
        let reason = reason.trim();
        self.disqualified_reason = if to == LeadStatus::Disqualified {
            if reason.is_empty() {
                return Err(StatusError::ReasonRequired);
            }
            Some(reason.to_owned())
        } else {
            None
        };
        self.status = to;
        self.meta.touch(now);
        Ok(())
    }

    /// The name a list shows: the person, else the company.
    pub fn display_name(&self) -> &str {
        if self.details.name.is_empty() {
            &self.details.company
        } else {
            &self.details.name
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: &str = "2026-01-01T00:00:00Z";
    const T1: &str = "2026-01-02T00:00:00Z";

    fn details(name: &str, company: &str) -> LeadDetails {
        LeadDetails {
            name: name.into(),
            company: company.into(),
            ..LeadDetails::default()
        }
    }

    fn new_lead() -> Lead {
        let meta = RecordMeta::new("id".into(), T0, "me".into());
        Lead::create(meta, details("王芳", "")).unwrap()
    }

    fn problems_of(details: LeadDetails) -> Vec<Problem> {
        details.problems().into_iter().map(|p| p.problem).collect()
    }

    #[test]
    fn a_lead_needs_a_name_or_a_company() {
        let meta = RecordMeta::new("id".into(), T0, "me".into());
        let err = Lead::create(meta.clone(), details("  ", "")).unwrap_err();
        assert_eq!(
            err,
            vec![FieldProblem {
                field: Field::Name,
                problem: Problem::NameOrCompanyRequired
            }]
        );
        assert!(Lead::create(meta.clone(), details("", "星辰科技")).is_ok());
        assert!(Lead::create(meta, details("Wang Fang", "")).is_ok());
    }

    #[test]
    fn email_phone_and_date_must_look_right() {
        let bad = LeadDetails {
            name: "A".into(),
            email: "wang@".into(),
            phone: "ask reception".into(),
            next_follow_up: Some("2026-02-30".into()),
            ..LeadDetails::default()
        };
        assert_eq!(
            problems_of(bad),
            vec![
                Problem::EmailInvalid,
                Problem::PhoneInvalid,
                Problem::DateInvalid
            ]
        );
        let good = LeadDetails {
            name: "A".into(),
            email: "wang@example.cn".into(),
            phone: "+86 138-0013-8000".into(),
            next_follow_up: Some("2026-02-28".into()),
            ..LeadDetails::default()
        };
        assert!(problems_of(good).is_empty());
    }

    #[test]
    fn overlong_text_is_refused() {
        let long = LeadDetails {
            name: "x".repeat(201),
            ..LeadDetails::default()
        };
        assert_eq!(problems_of(long), vec![Problem::TooLong { max: 200 }]);
    }

    #[test]
    fn text_is_trimmed_and_empty_dates_dropped() {
        let meta = RecordMeta::new("id".into(), T0, "me".into());
        let mut input = details("  Li  ", " ACME ");
        input.next_follow_up = Some(" ".into());
        let lead = Lead::create(meta, input).unwrap();
        assert_eq!(lead.details.name, "Li");
        assert_eq!(lead.details.company, "ACME");
        assert_eq!(lead.details.next_follow_up, None);
    }

    #[test]
    fn a_refused_edit_changes_nothing() {
        let mut lead = new_lead();
        let before = lead.clone();
        assert!(lead.edit(details("", ""), T1).is_err());
        assert_eq!(lead, before);
        lead.edit(details("王芳", "星辰科技"), T1).unwrap();
        assert_eq!(lead.details.company, "星辰科技");
        assert_eq!(lead.meta.rev, 2);
    }

    #[test]
    fn new_leads_move_forward_through_the_funnel() {
        let mut lead = new_lead();
        assert_eq!(lead.status, LeadStatus::New);
        lead.change_status(LeadStatus::Contacted, "", T1).unwrap();
        lead.change_status(LeadStatus::Qualified, "", T1).unwrap();
        assert_eq!(lead.status, LeadStatus::Qualified);
        assert_eq!(lead.meta.rev, 3);
    }

    #[test]
    fn disqualifying_needs_a_reason() {
        let mut lead = new_lead();
        assert_eq!(
            lead.change_status(LeadStatus::Disqualified, "  ", T1),
            Err(StatusError::ReasonRequired)
        );
        assert_eq!(lead.status, LeadStatus::New);
        assert_eq!(lead.meta.rev, 1);
        lead.change_status(LeadStatus::Disqualified, " no budget ", T1)
            .unwrap();
        assert_eq!(lead.disqualified_reason.as_deref(), Some("no budget"));
    }

    #[test]
    fn reopening_a_disqualified_lead_forgets_the_reason() {
        let mut lead = new_lead();
        lead.change_status(LeadStatus::Disqualified, "no budget", T1)
            .unwrap();
        lead.change_status(LeadStatus::New, "", T1).unwrap();
        assert_eq!(lead.disqualified_reason, None);
    }

    #[test]
    fn converted_is_reached_only_by_conversion_and_is_final() {
        let mut lead = new_lead();
        assert_eq!(
            lead.change_status(LeadStatus::Converted, "", T1),
            Err(StatusError::NotAllowed {
                from: LeadStatus::New,
                to: LeadStatus::Converted
            })
        );
        lead.status = LeadStatus::Converted;
        for to in LeadStatus::ALL {
            assert!(lead.change_status(to, "reason", T1).is_err());
        }
    }

    #[test]
    fn a_status_cannot_be_changed_to_itself() {
        let mut lead = new_lead();
        assert!(lead.change_status(LeadStatus::New, "", T1).is_err());
    }

    #[test]
    fn stored_form_is_flat_json() {
        let lead = new_lead();
        let json = serde_json::to_value(&lead).unwrap();
        assert_eq!(json["id"], "id");
        assert_eq!(json["name"], "王芳");
        assert_eq!(json["status"], "new");
        assert_eq!(json["rev"], 1);
        let back: Lead = serde_json::from_value(json).unwrap();
        assert_eq!(back, lead);
    }
}
