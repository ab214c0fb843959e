//! Activity: how much following up each owner does, of what kind, week by week.

use std::collections::HashMap;

use super::period::week_of;
use super::scope::{Behind, RecordKind, Scope};
use super::table::{Chart, ChartKind, Label, Report, Row, Section, Table, Value};
use crate::domain::activity::{Activity, ActivityKind};
use crate::i18n::Key;

/// Activities done in the period: an open task is a plan, not a follow-up, so a task counts once
/// it is ticked done.
pub fn follow_ups<'a>(scope: &'a Scope) -> impl Iterator<Item = &'a Activity> + 'a {
    scope.data.activities.iter().filter(|a| {
        scope.counts(&a.meta)
            && scope.period.contains(&a.at)
            && (a.details.kind != ActivityKind::Task || a.done)
    })
}

#[derive(Default)]
struct Tally {
    by_kind: HashMap<ActivityKind, Vec<String>>,
}

impl Tally {
    fn add(&mut self, activity: &Activity) {
        self.by_kind
            .entry(activity.details.kind)
            .or_default()
            .push(activity.meta.id.clone());
    }

    fn count(&self, kind: ActivityKind) -> u64 {
        self.by_kind.get(&kind).map_or(0, |ids| ids.len() as u64)
    }

    fn total(&self) -> u64 {
        ActivityKind::ALL.iter().map(|k| self.count(*k)).sum()
    }

    fn behind(&self) -> Behind {
        let mut behind = Behind::new(RecordKind::Activity);
        for kind in ActivityKind::ALL {
            behind
                .ids
                .extend(self.by_kind.get(&kind).into_iter().flatten().cloned());
        }
        behind
    }

    /// The total, then one count per kind.
    fn values(&self) -> Vec<Value> {
        std::iter::once(Value::Count(self.total()))
            .chain(
                ActivityKind::ALL
                    .iter()
                    .map(|k| Value::Count(self.count(*k))),
            )
            .collect()
    }
}

fn kind_columns(first: Key) -> Vec<Label> {
    [Label::Key(first), Label::Key(Key::ReportColFollowUps)]
        .into_iter()
        .chain(ActivityKind::ALL.into_iter().map(Label::Kind))
        .collect()
}

/// Columns 1.. of [`Tally::values`]: the kinds, stacked.
fn kinds_stacked() -> Chart {
    Chart {
        kind: ChartKind::StackedBar,
        columns: (1..=ActivityKind::ALL.len()).collect(),
    }
}

pub fn activity(scope: &Scope) -> Report {
    let mut all = Tally::default();
    let mut by_week: HashMap<String, Tally> = HashMap::new();
    let mut by_owner: HashMap<&str, Tally> = HashMap::new();
    for a in follow_ups(scope) {
        all.add(a);
        if let Some(week) = week_of(&a.at) {
            by_week.entry(week).or_default().add(a);
        }
        by_owner.entry(a.meta.owner.as_str()).or_default().add(a);
    }

    let week_rows = scope
        .period
        .weeks()
        .into_iter()
        .map(|week| {
            let tally = by_week.remove(&week).unwrap_or_default();
            Row {
                values: tally.values(),
                behind: Some(tally.behind()),
                label: Label::Week(week),
            }
        })
        .collect();

    let mut owners: Vec<(&str, Tally)> = by_owner.into_iter().collect();
    owners.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then(a.0.cmp(b.0)));
    let owner_rows = owners
        .into_iter()
        .map(|(owner, tally)| Row {
            label: Label::Member(owner.to_owned()),
            values: tally.values(),
            behind: Some(tally.behind()),
        })
        .collect();

    let kind_rows = ActivityKind::ALL
        .into_iter()
        .map(|kind| {
            let ids = all.by_kind.get(&kind).cloned().unwrap_or_default();
            Row {
                label: Label::Kind(kind),
                values: vec![Value::Count(ids.len() as u64)],
                behind: Some(Behind {
                    kind: RecordKind::Activity,
                    ids,
                }),
            }
        })
        .collect();

    let total = Row {
        label: Label::Key(Key::ReportTotal),
        values: all.values(),
        behind: None,
    };
    Report {
        figures: Vec::new(),
        sections: vec![
            Section {
                title: Key::ReportActivityByOwner,
                chart: Some(kinds_stacked()),
                table: Table {
                    columns: kind_columns(Key::ReportColOwner),
                    rows: owner_rows,
                    total: Some(total.clone()),
                },
            },
            Section {
                title: Key::ReportActivityByKind,
                chart: Some(Chart {
                    kind: ChartKind::Donut,
                    columns: vec![0],
                }),
                table: Table {
                    columns: vec![
                        Label::Key(Key::ReportColKind),
                        Label::Key(Key::ReportColFollowUps),
                    ],
                    rows: kind_rows,
                    total: Some(Row {
                        label: Label::Key(Key::ReportTotal),
                        values: vec![Value::Count(all.total())],
                        behind: None,
                    }),
                },
            },
            Section {
                title: Key::ReportActivityByWeek,
                chart: Some(Chart {
                    kind: ChartKind::Line,
                    columns: vec![0],
                }),
                table: Table {
                    columns: kind_columns(Key::ReportColWeek),
                    rows: week_rows,
                    total: Some(total),
                },
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::{ActivityDetails, Links};
    use crate::domain::dataset::Dataset;
    use crate::domain::record::RecordMeta;
    use crate::reports::period::Period;
    use crate::reports::scope::{Data, Owner};

    fn activity(id: &str, owner: &str, at: &str, kind: ActivityKind, done: bool) -> Activity {
        Activity {
            meta: RecordMeta::new(id.into(), at, owner.into()),
            details: ActivityDetails {
                kind,
                subject: "s".into(),
                ..ActivityDetails::default()
            },
            links: Links::default(),
            at: at.into(),
            done,
        }
    }

    fn data() -> Dataset {
        let mut in_trash = activity(
            "trashed",
            "ann",
            "2026-11-10T09:00:00Z",
            ActivityKind::Call,
            false,
        );
        in_trash.meta.deleted_at = Some("2026-11-11T00:00:00Z".into());
        Dataset {
            activities: vec![
                // Week of Monday 2026-11-02.
                activity(
                    "a1",
                    "ann",
                    "2026-11-02T09:00:00Z",
                    ActivityKind::Call,
                    false,
                ),
                activity(
                    "a2",
                    "ann",
                    "2026-11-08T23:59:59Z",
                    ActivityKind::Visit,
                    false,
                ),
                // Week of Monday 2026-11-09.
                activity(
                    "a3",
                    "bob",
                    "2026-11-09T00:00:00Z",
                    ActivityKind::Call,
                    false,
                ),
                activity(
                    "a4",
                    "bob",
                    "2026-11-12T10:00:00Z",
                    ActivityKind::Task,
                    true,
                ),
                // An open task is not a follow-up yet.
                activity(
                    "a5",
                    "bob",
                    "2026-11-12T10:00:00Z",
                    ActivityKind::Task,
                    false,
                ),
                in_trash,
                // Outside the period on both sides.
                activity(
                    "a6",
                    "ann",
                    "2026-10-31T23:59:59Z",
                    ActivityKind::Call,
                    false,
                ),
                activity(
                    "a7",
                    "ann",
                    "2026-11-15T00:00:00Z",
                    ActivityKind::Call,
                    false,
                ),
            ],
            ..Dataset::default()
        }
    }

    fn counts(row: &Row) -> Vec<u64> {
        row.values
            .iter()
            .map(|v| match v {
                Value::Count(n) => *n,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn follow_ups_are_counted_by_owner_kind_and_week() {
        let data = data();
        let period = Period::custom("2026-11-02", "2026-11-14").unwrap();
        let scope = Scope::new(
            Data::of(&data),
            data.settings.clone(),
            period,
            Owner::Everyone,
            "2026-11-20",
        );
        let report = super::activity(&scope);
        let [by_owner, by_kind, by_week] = &report.sections[..] else {
            panic!("three sections");
        };
        // Columns: total, then call, email, meeting, visit, message, note, task.
        // ann: a1 call + a2 visit = 2; bob: a3 call + a4 task done = 2. Ties go by id.
        assert_eq!(by_owner.table.rows[0].label, Label::Member("ann".into()));
        assert_eq!(counts(&by_owner.table.rows[0]), [2, 1, 0, 0, 1, 0, 0, 0]);
        assert_eq!(counts(&by_owner.table.rows[1]), [2, 1, 0, 0, 0, 0, 0, 1]);
        assert_eq!(
            counts(by_owner.table.total.as_ref().unwrap()),
            [4, 2, 0, 0, 1, 0, 0, 1]
        );
        // Calls: a1, a3; visit: a2; task: a4.
        let by_kind: Vec<u64> = by_kind.table.rows.iter().map(|r| counts(r)[0]).collect();
        assert_eq!(by_kind, [2, 0, 0, 1, 0, 0, 1]);
        assert_eq!(
            by_owner.table.rows[1].behind.as_ref().unwrap().ids,
            ["a3", "a4"]
        );
        let weeks: Vec<(Label, u64)> = by_week
            .table
            .rows
            .iter()
            .map(|r| (r.label.clone(), counts(r)[0]))
            .collect();
        assert_eq!(
            weeks,
            [
                (Label::Week("2026-11-02".into()), 2),
                (Label::Week("2026-11-09".into()), 2)
            ]
        );
    }

    #[test]
    fn the_owner_filter_keeps_one_members_follow_ups() {
        let data = data();
        let period = Period::custom("2026-11-02", "2026-11-14").unwrap();
        let scope = Scope::new(
            Data::of(&data),
            data.settings.clone(),
            period,
            Owner::Member("bob".into()),
            "2026-11-20",
        );
        let ids: Vec<&str> = follow_ups(&scope).map(|a| a.meta.id.as_str()).collect();
        assert_eq!(ids, ["a3", "a4"]);
    }
}
