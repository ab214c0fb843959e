//! Activities (跟进): calls, emails, meetings, visits, messages, notes and tasks, linked to the
//! records they are about. They make up each record's timeline; open tasks feed Today.

use crate::domain::sorting::sort_by;
use serde::{Deserialize, Serialize};

use super::id::Id;
use super::record::{record_serde, Record, RecordMeta};
use super::stamp::Stamp;
use super::validate::{
    tidy, Checks, Details, Field, FieldProblem, Problem, NOTES_MAX, SHORT_TEXT_MAX,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Call,
    Email,
    Meeting,
    Visit,
    Message,
    Note,
    Task,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 7] = [
        ActivityKind::Call,
        ActivityKind::Email,
        ActivityKind::Meeting,
        ActivityKind::Visit,
        ActivityKind::Message,
        ActivityKind::Note,
        ActivityKind::Task,
    ];
}

/// The records an activity is about. A converted lead's activities belong to its customer too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Links {
    pub lead_id: Option<Id>,
    pub customer_id: Option<Id>,
    pub contact_id: Option<Id>,
    pub opportunity_id: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Activity {
    #[serde(flatten)]
    pub meta: RecordMeta,
    #[serde(flatten)]
    pub details: ActivityDetails,
    #[serde(flatten)]
    pub links: Links,
    /// When it happened (RFC 3339); for a task, when it was written down.
    pub at: Stamp,
    /// For a task: whether it is done.
    #[serde(default)]
    pub done: bool,
}

record_serde!(Activity {
    meta: RecordMeta,
    details: ActivityDetails,
    links: Links,
    at: Stamp,
    done: bool,
});

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityDetails {
    pub kind: ActivityKind,
    pub subject: String,
    pub body: String,
    /// A task's due day, `YYYY-MM-DD`.
    pub due: Option<String>,
}

impl Default for ActivityDetails {
    fn default() -> Self {
        ActivityDetails {
            kind: ActivityKind::Call,
            subject: String::new(),
            body: String::new(),
            due: None,
        }
    }
}

impl Details for ActivityDetails {
    fn tidied(mut self) -> Self {
        tidy(&mut [&mut self.subject, &mut self.body], &mut self.due);
        self
    }

    fn problems(&self) -> Vec<FieldProblem> {
        let mut checks = Checks::default();
        if self.subject.is_empty() && self.body.is_empty() {
            checks.add(Field::Subject, Problem::Required);
        }
        if self.kind == ActivityKind::Task {
            checks.required(Field::Due, self.due.as_deref().unwrap_or_default());
        }
        checks.day(Field::Due, self.due.as_deref());
        checks.max_len(Field::Subject, &self.subject, SHORT_TEXT_MAX);
        checks.max_len(Field::Notes, &self.body, NOTES_MAX);
        checks.into_problems()
    }
}

impl Record for Activity {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

impl Activity {
    /// Logs an activity that happened at `meta.created_at`, or a task to do.
    pub fn log(
        meta: RecordMeta,
        details: ActivityDetails,
        links: Links,
    ) -> Result<Self, Vec<FieldProblem>> {
        let details = details.checked()?;
        Ok(Activity {
            at: meta.created_at.as_str().into(),
            meta,
            details,
            links,
            done: false,
        })
    }

    pub fn is_open_task(&self) -> bool {
        self.details.kind == ActivityKind::Task && !self.done && !self.meta.is_deleted()
    }

    /// Ticks a task done, or opens it again.
    pub fn set_done(&mut self, done: bool, now: &str) {
        self.done = done;
        self.meta.touch(now);
    }

    /// The calendar day it happened, in UTC.
    pub fn day(&self) -> &str {
        self.at.get(..10).unwrap_or(&self.at)
    }
}

/// A record with a next follow-up day, which logging an activity can set.
pub trait FollowUp {
    fn set_next_follow_up(&mut self, day: String);
}

/// The timeline of the records `about` names, newest first, Trash left out.
pub fn timeline<'a>(
    activities: &'a [Activity],
    about: &dyn Fn(&Links) -> bool,
) -> Vec<&'a Activity> {
    let mut found: Vec<&Activity> = activities
        .iter()
        .filter(|a| !a.meta.is_deleted() && about(&a.links))
        .collect();
    sort_by(&mut found, |a, b| b.at.cmp(&a.at));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(at: &str) -> RecordMeta {
        RecordMeta::new(at.into(), at, "me".into())
    }

    fn details(kind: ActivityKind, subject: &str, due: Option<&str>) -> ActivityDetails {
        ActivityDetails {
            kind,
            subject: subject.into(),
            due: due.map(str::to_owned),
            ..ActivityDetails::default()
        }
    }

    #[test]
    fn an_activity_needs_words_and_a_task_needs_a_due_day() {
        let empty = Activity::log(
            meta("t"),
            details(ActivityKind::Call, " ", None),
            Links::default(),
        );
        assert_eq!(empty.unwrap_err()[0].field, Field::Subject);
        let task = Activity::log(
            meta("t"),
            details(ActivityKind::Task, "Send quote", None),
            Links::default(),
        );
        assert_eq!(task.unwrap_err()[0].field, Field::Due);
        let bad_day = Activity::log(
            meta("t"),
            details(ActivityKind::Task, "Send quote", Some("2026-02-30")),
            Links::default(),
        );
        assert_eq!(bad_day.unwrap_err()[0].problem, Problem::DateInvalid);
        let ok = Activity::log(
            meta("2026-01-01T09:00:00Z"),
            details(ActivityKind::Task, "Send quote", Some("2026-01-03")),
            Links::default(),
        )
        .unwrap();
        assert!(ok.is_open_task());
        assert_eq!(ok.day(), "2026-01-01");
    }

    #[test]
    fn a_done_task_is_no_longer_open() {
        let mut task = Activity::log(
            meta("2026-01-01T09:00:00Z"),
            details(ActivityKind::Task, "Call back", Some("2026-01-02")),
            Links::default(),
        )
        .unwrap();
        task.set_done(true, "2026-01-02T10:00:00Z");
        assert!(!task.is_open_task());
        assert_eq!(task.meta.rev, 2);
    }

    #[test]
    fn a_timeline_is_newest_first_and_only_about_its_record() {
        let on = |id: &str, at: &str| {
            let links = Links {
                customer_id: Some(id.into()),
                ..Links::default()
            };
            Activity::log(meta(at), details(ActivityKind::Note, "n", None), links).unwrap()
        };
        let all = vec![
            on("a", "2026-01-01T00:00:00Z"),
            on("b", "2026-01-02T00:00:00Z"),
            on("a", "2026-01-03T00:00:00Z"),
        ];
        let found = timeline(&all, &|l| l.customer_id.as_deref() == Some("a"));
        let days: Vec<_> = found.iter().map(|a| a.day()).collect();
        assert_eq!(days, ["2026-01-03", "2026-01-01"]);
    }
}
