//! Activity: how much following up each owner does, of what kind, week by week.

use crate::domain::sorting::sort_by;
use rustc_hash::FxHashMap;

use super::period::{monday_number, week_number};
use super::scope::{Behind, RecordKind, Scope};
use super::table::{Chart, ChartKind, Label, Report, Row, Section, Table, Value};
use crate::domain::activity::ActivityKind;
use crate::domain::id::Id;
use crate::i18n::Key;

/// A follow-up, read from the columns alone: an activity record is hundreds of bytes, and
/// walking 200,000 of them to test three fields cost more than the counting.
pub struct FollowUp {
    /// Where the activity lies in its list (see [`Behind`]).
    pub place: u32,
    pub kind: ActivityKind,
    /// Its UTC day, as a [`day_code`](super::period::day_code).
    pub day: i32,
    /// A place in the columns' owners.
    pub owner: u32,
}

/// Follow-ups (see [`follows_up`](super::columns::follows_up)) of the owner filter on the days
/// `taken`.
pub fn follow_ups_dated<'s, 'a, F: Fn(i32) -> bool + 's>(
    scope: &'s Scope<'a>,
    taken: F,
) -> impl Iterator<Item = FollowUp> + use<'s, 'a, F> {
    let columns = scope.columns();
    columns
        .activity_day
        .iter()
        .zip(&columns.activity_follow_up)
        .zip(&columns.activity_owner)
        .enumerate()
        .filter_map(move |(place, ((&day, &kind), &owner))| {
            let kind = kind.filter(|_| taken(day) && scope.owns(owner))?;
            Some(FollowUp {
                place: place as u32,
                kind,
                day,
                owner,
            })
        })
}

/// Follow-ups done in the period.
pub fn follow_ups<'s, 'a>(scope: &'s Scope<'a>) -> impl Iterator<Item = FollowUp> + use<'s, 'a> {
    follow_ups_dated(scope, |day| scope.period.contains_code(day))
}

/// The places of a group's follow-ups, one list per kind in the order of [`ActivityKind::ALL`].
#[derive(Default)]
struct Tally {
    by_kind: [Vec<u32>; ActivityKind::ALL.len()],
}

fn kind_index(kind: ActivityKind) -> usize {
    ActivityKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default()
}

impl Tally {
    fn add(&mut self, kind: usize, place: u32) {
        self.by_kind[kind].push(place);
    }

    fn total(&self) -> u64 {
        self.by_kind.iter().map(|places| places.len() as u64).sum()
    }

    fn behind(&self) -> Behind {
        Behind {
            kind: RecordKind::Activity,
            places: self.by_kind.concat(),
        }
    }

    /// The total, then one count per kind.
    fn values(&self) -> Vec<Value> {
        std::iter::once(Value::Count(self.total()))
            .chain(
                self.by_kind
                    .iter()
                    .map(|places| Value::Count(places.len() as u64)),
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
    // Weeks by the day number of their Monday: hashing a number is cheaper than making a date.
    let mut by_week: FxHashMap<i64, Tally> = FxHashMap::default();
    let owners = &scope.columns().owners;
    let mut by_owner: Vec<Tally> = owners.iter().map(|_| Tally::default()).collect();
    for f in follow_ups(scope) {
        let (kind, place) = (kind_index(f.kind), f.place);
        all.add(kind, place);
        by_week
            .entry(monday_number(i64::from(f.day)))
            .or_default()
            .add(kind, place);
        if let Some(tally) = by_owner.get_mut(f.owner as usize) {
            tally.add(kind, place);
        }
    }

    let week_rows = scope
        .period
        .weeks()
        .into_iter()
        .map(|week| {
            let tally = week_number(&week)
                .and_then(|n| by_week.remove(&n))
                .unwrap_or_default();
            Row {
                values: tally.values(),
                behind: Some(tally.behind()),
                label: Label::Week(week),
            }
        })
        .collect();

    let mut owners: Vec<(&str, Tally)> = owners
        .iter()
        .map(Id::as_str)
        .zip(by_owner)
        .filter(|(_, tally)| tally.total() > 0)
        .collect();
    sort_by(&mut owners, |a, b| {
        b.1.total().cmp(&a.1.total()).then(a.0.cmp(b.0))
    });
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
        .zip(&all.by_kind)
        .map(|(kind, places)| Row {
            label: Label::Kind(kind),
            values: vec![Value::Count(places.len() as u64)],
            behind: Some(Behind {
                kind: RecordKind::Activity,
                places: places.clone(),
            }),
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
    use crate::domain::activity::{Activity, ActivityDetails, Links};
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
            by_owner.table.rows[1]
                .behind
                .as_ref()
                .unwrap()
                .ids(&scope.data),
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
        let ids: Vec<&str> = follow_ups(&scope)
            .map(|f| data.activities[f.place as usize].meta.id.as_str())
            .collect();
        assert_eq!(ids, ["a3", "a4"]);
    }
}
