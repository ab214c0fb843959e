//! Sales funnel (销售漏斗): where the opportunities opened in the period stand now, how far along
//! the pipeline they got, and how often closing ends in a win.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::period::days_between_codes;
use super::scope::{Behind, Compared, Data, Scope};
use super::table::{percent, Chart, ChartKind, Figure, Label, Report, Row, Section, Table, Value};
use crate::domain::opportunity::{Opportunity, Outcome};
use crate::i18n::Key;

/// The opportunities in one stage now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageTally<'a> {
    pub stage_id: String,
    pub outcome: Outcome,
    pub count: u64,
    pub amount: Decimal,
    pub weighted: Decimal,
    /// How many reached this stage or a later open one; for Won, how many were won. None for
    /// Lost, which is not a step along the funnel, and for stages no longer in the pipeline.
    pub reached: Option<u64>,
    pub records: Vec<&'a Opportunity>,
}

impl<'a> StageTally<'a> {
    fn new(stage_id: &str, outcome: Outcome) -> StageTally<'a> {
        StageTally {
            stage_id: stage_id.to_owned(),
            outcome,
            count: 0,
            amount: Decimal::ZERO,
            weighted: Decimal::ZERO,
            reached: None,
            records: Vec::new(),
        }
    }

    fn add(&mut self, scope: &Scope, o: &'a Opportunity) {
        self.count += 1;
        self.amount += scope.opportunity_amount(o);
        self.weighted += scope.weighted_amount(o);
        self.records.push(o);
    }
}

/// Opportunities of the owner closed in a period, whenever they were opened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Closings<'a> {
    pub won: Vec<&'a Opportunity>,
    pub lost: Vec<&'a Opportunity>,
    pub won_amount: Decimal,
    /// Days from opening to winning, added up over the won ones.
    pub days_to_win: i64,
}

impl<'a> Closings<'a> {
    /// `days_open`: from the day it was made to the day it was closed.
    fn add(&mut self, scope: &Scope, o: &'a Opportunity, outcome: Outcome, days_open: i64) {
        if outcome == Outcome::Won {
            self.won.push(o);
            self.won_amount += scope.opportunity_amount(o);
            self.days_to_win += days_open;
        } else {
            self.lost.push(o);
        }
    }

    pub fn win_rate(&self) -> Option<Decimal> {
        let won = Decimal::from(self.won.len());
        percent(won, won + Decimal::from(self.lost.len()))
    }

    pub fn average_days_to_win(&self) -> Option<Decimal> {
        (!self.won.is_empty())
            .then(|| (Decimal::from(self.days_to_win) / Decimal::from(self.won.len())).round_dp(1))
    }
}

/// Everything the funnel counts, from one pass over the opportunities of the owner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunnelCounts<'a> {
    /// Opportunities created in the period, stage by stage: the open stages in pipeline order,
    /// then any stage no longer in the pipeline (an imported record can be in one), then Won,
    /// then Lost.
    pub stages: Vec<StageTally<'a>>,
    pub closed_now: Closings<'a>,
    pub closed_before: Closings<'a>,
    /// Open opportunities, whenever they were opened.
    pub open: Vec<&'a Opportunity>,
    pub open_weighted: Decimal,
}

impl<'a> FunnelCounts<'a> {
    pub fn of(scope: &Scope<'a>) -> FunnelCounts<'a> {
        let open: Vec<&str> = scope
            .stages
            .iter()
            .filter(|s| s.outcome == Outcome::Open)
            .map(|s| s.id.as_str())
            .collect();
        // A pipeline has a handful of stages: a scan is as quick as hashing.
        let open_index = |id: &str| open.iter().position(|s| *s == id);
        let mut stages: Vec<StageTally<'a>> = open
            .iter()
            .map(|id| StageTally::new(id, Outcome::Open))
            .collect();
        let mut unknown: BTreeMap<&str, StageTally<'a>> = BTreeMap::new();
        let mut closing: Vec<StageTally<'a>> = [Outcome::Won, Outcome::Lost]
            .into_iter()
            .filter_map(|outcome| {
                let stage = scope.stages.iter().find(|s| s.outcome == outcome)?;
                Some(StageTally::new(&stage.id, outcome))
            })
            .collect();
        // furthest[i]: how many got no further than open stage i.
        let mut furthest = vec![0u64; open.len()];
        let previous = scope.period.previous();
        let mut closed_now = Closings::default();
        let mut closed_before = Closings::default();
        let mut open_now = Vec::new();
        let mut open_weighted = Decimal::ZERO;

        let data: &'a [Opportunity] = scope.data.opportunities;
        let made = &scope.columns().opportunity_created;
        for (o, &made) in data.iter().zip(made).filter(|(o, _)| scope.counts(&o.meta)) {
            let outcome = scope.outcome(o);
            if outcome == Outcome::Open {
                open_now.push(o);
                open_weighted += scope.weighted_amount(o);
            } else if let Some(closed) = scope.closed_day(o) {
                let days_open = days_between_codes(made, closed).unwrap_or(0);
                if scope.period.contains_code(closed) {
                    closed_now.add(scope, o, outcome, days_open);
                } else if previous.contains_code(closed) {
                    closed_before.add(scope, o, outcome, days_open);
                }
            }
            if !scope.period.contains_code(made) {
                continue;
            }
            let tally = match open_index(&o.stage_id) {
                Some(i) => &mut stages[i],
                None => match closing.iter_mut().find(|t| t.stage_id == o.stage_id) {
                    Some(closed) => closed,
                    None => unknown
                        .entry(o.stage_id.as_str())
                        .or_insert_with(|| StageTally::new(&o.stage_id, Outcome::Open)),
                },
            };
            tally.add(scope, o);
            let got_to = match outcome {
                Outcome::Won => open.len().checked_sub(1),
                Outcome::Open | Outcome::Lost => o
                    .stage_history
                    .iter()
                    .flat_map(|c| std::iter::once(&c.to).chain(c.from.as_ref()))
                    .chain(std::iter::once(&o.stage_id))
                    .filter_map(|id| open_index(id))
                    .max(),
            };
            if let Some(slot) = got_to.and_then(|i| furthest.get_mut(i)) {
                *slot += 1;
            }
        }

        let mut reached = 0;
        for (tally, stopped_here) in stages.iter_mut().zip(&furthest).rev() {
            reached += stopped_here;
            tally.reached = Some(reached);
        }
        stages.extend(unknown.into_values());
        for won in closing.iter_mut().filter(|t| t.outcome == Outcome::Won) {
            won.reached = Some(won.count);
        }
        stages.extend(closing);
        FunnelCounts {
            stages,
            closed_now,
            closed_before,
            open: open_now,
            open_weighted,
        }
    }
}

fn change(now: Option<Decimal>, before: Option<Decimal>) -> Value {
    Value::Change(
        now.zip(before)
            .and_then(|(now, before)| Compared { now, before }.change_percent()),
    )
}

fn opportunities<'a>(data: &Data<'a>, records: &[&'a Opportunity]) -> Option<Behind> {
    Some(data.behind(records.iter().copied()))
}

fn figures<'a>(data: &Data<'a>, counts: &FunnelCounts<'a>) -> Vec<Figure> {
    let (now, before) = (&counts.closed_now, &counts.closed_before);
    let closed = data.behind(now.won.iter().chain(&now.lost).copied());
    let won = opportunities(data, &now.won);
    vec![
        Figure {
            title: Key::ReportWinRate,
            now: Value::Percent(now.win_rate()),
            before: Value::Percent(before.win_rate()),
            change: change(now.win_rate(), before.win_rate()),
            behind: Some(closed),
        },
        Figure {
            title: Key::ReportAverageDaysToWin,
            now: Value::Days(now.average_days_to_win()),
            before: Value::Days(before.average_days_to_win()),
            change: change(now.average_days_to_win(), before.average_days_to_win()),
            behind: won.clone(),
        },
        Figure {
            title: Key::ReportWonAmount,
            now: Value::Money(now.won_amount),
            before: Value::Money(before.won_amount),
            change: change(Some(now.won_amount), Some(before.won_amount)),
            behind: won,
        },
        Figure {
            title: Key::ReportOpenPipelineWeighted,
            now: Value::Money(counts.open_weighted),
            before: Value::Money(counts.open_weighted),
            change: Value::Change(None),
            behind: opportunities(data, &counts.open),
        },
    ]
}

/// A cell with nothing to show: Won leads nowhere, Lost is no step along the funnel.
fn blank() -> Value {
    Value::Text(String::new())
}

fn stage_rows<'a>(data: &Data<'a>, tallies: Vec<StageTally<'a>>) -> Vec<Row> {
    let won = tallies
        .iter()
        .find(|t| t.outcome == Outcome::Won)
        .map_or(0, |t| t.count);
    let reached: Vec<Option<u64>> = tallies.iter().map(|t| t.reached).collect();
    tallies
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let (reached_cell, conversion) = match (t.outcome, t.reached) {
                (Outcome::Open, Some(here)) => {
                    // The last open stage leads to Won: every won opportunity reached it.
                    let next = reached.get(i + 1).copied().flatten().unwrap_or(won);
                    (
                        Value::Count(here),
                        Value::Percent(percent(Decimal::from(next), Decimal::from(here))),
                    )
                }
                (_, Some(here)) => (Value::Count(here), blank()),
                (_, None) => (blank(), blank()),
            };
            Row {
                label: Label::Stage(t.stage_id),
                values: vec![
                    Value::Count(t.count),
                    Value::Money(t.amount),
                    Value::Money(t.weighted),
                    reached_cell,
                    conversion,
                ],
                behind: opportunities(data, &t.records),
            }
        })
        .collect()
}

pub fn funnel(scope: &Scope) -> Report {
    let counts = FunnelCounts::of(scope);
    let figures = figures(&scope.data, &counts);
    let tallies = counts.stages;
    let total = Row {
        label: Label::Key(Key::ReportTotal),
        values: vec![
            Value::Count(tallies.iter().map(|t| t.count).sum()),
            Value::Money(tallies.iter().map(|t| t.amount).sum()),
            Value::Money(tallies.iter().map(|t| t.weighted).sum()),
            blank(),
            blank(),
        ],
        behind: None,
    };
    Report {
        figures,
        sections: vec![Section {
            title: Key::ReportFunnel,
            // Drawn by how many reached each stage, which narrows step by step; how many are in
            // a stage now does not, as most of a year's opportunities are closed.
            chart: Some(Chart {
                kind: ChartKind::Funnel,
                columns: vec![3],
            }),
            table: Table {
                columns: [
                    Key::ReportColStage,
                    Key::ReportColOpportunities,
                    Key::ReportColAmount,
                    Key::ReportColWeighted,
                    Key::ReportColReached,
                    Key::ReportColConversionToNext,
                ]
                .into_iter()
                .map(Label::Key)
                .collect(),
                rows: stage_rows(&scope.data, tallies),
                total: Some(total),
            },
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dataset::Dataset;
    use crate::domain::id::Id;
    use crate::reports::scope::Owner;
    use crate::reports::testdata_b::{dataset, dec, member, opportunity, scope};

    /// February and March 2024 (a leap year); the previous period is December and January.
    fn data() -> Dataset {
        let mut d = dataset();
        member(&mut d, "ann", "Ann", true);
        member(&mut d, "bob", "Bob", true);
        let o = |d: &mut Dataset, id, owner, amount, cur, at, moves: &[(&str, &str)]| {
            opportunity(d, id, owner, amount, cur, at, moves)
        };
        o(
            &mut d,
            "o1",
            "ann",
            "1000",
            "CNY",
            "2024-02-05",
            &[("new", "")],
        );
        o(
            &mut d,
            "o2",
            "ann",
            "2000",
            "CNY",
            "2024-02-10",
            &[
                ("new", ""),
                ("qualified", "2024-02-12"),
                ("proposal", "2024-02-20"),
            ],
        );
        o(
            &mut d,
            "o3",
            "ann",
            "100",
            "USD",
            "2024-02-27",
            &[("new", ""), ("won", "2024-03-01")],
        );
        o(
            &mut d,
            "o4",
            "ann",
            "500",
            "CNY",
            "2024-02-15",
            &[
                ("new", ""),
                ("qualified", "2024-02-16"),
                ("needs_analysis", "2024-02-20"),
                ("lost", "2024-03-10"),
            ],
        );
        o(
            &mut d,
            "o5",
            "ann",
            "3000",
            "CNY",
            "2024-03-05",
            &[("negotiation", "")],
        );
        o(
            &mut d,
            "o6",
            "ann",
            "400",
            "CNY",
            "2024-03-20",
            &[("new", ""), ("lost", "2024-03-25")],
        );
        o(
            &mut d,
            "o7",
            "bob",
            "1000",
            "CNY",
            "2024-03-01",
            &[("qualified", "")],
        );
        o(
            &mut d,
            "o8",
            "ann",
            "800",
            "CNY",
            "2023-12-20",
            &[("new", ""), ("won", "2024-02-29")],
        );
        o(
            &mut d,
            "o9",
            "ann",
            "9999",
            "CNY",
            "2024-02-05",
            &[("new", "")],
        );
        d.opportunities[8]
            .meta
            .move_to_trash("2024-02-06T00:00:00Z");
        o(
            &mut d,
            "o10",
            "ann",
            "300",
            "CNY",
            "2024-01-10",
            &[("new", ""), ("lost", "2024-01-20")],
        );
        o(
            &mut d,
            "o11",
            "ann",
            "600",
            "CNY",
            "2023-12-01",
            &[("new", ""), ("won", "2024-01-15")],
        );
        o(
            &mut d,
            "o12",
            "ann",
            "200",
            "CNY",
            "2024-01-02",
            &[("new", ""), ("lost", "2024-01-25")],
        );
        d
    }

    fn counts(rows: &[Row], column: usize) -> Vec<Value> {
        rows.iter().map(|r| r.values[column].clone()).collect()
    }

    fn pct(text: &str) -> Value {
        Value::Percent(Some(dec(text)))
    }

    #[test]
    fn stages_count_what_was_opened_in_the_period_and_how_far_it_got() {
        let d = data();
        let s = scope(&d, "2024-02-01", "2024-03-31", Owner::Everyone);
        let report = funnel(&s);
        let table = &report.sections[0].table;
        let labels: Vec<_> = table.rows.iter().map(|r| r.label.clone()).collect();
        let stage = |id: &str| Label::Stage(id.into());
        assert_eq!(
            labels,
            [
                stage("new"),
                stage("qualified"),
                stage("needs_analysis"),
                stage("proposal"),
                stage("negotiation"),
                stage("won"),
                stage("lost")
            ]
        );
        // Opened in Feb-Mar: o1..o7 (o8 opened in December, o9 is in Trash).
        // Now in: new o1; qualified o7; proposal o2; negotiation o5; won o3; lost o4, o6.
        let count = |n| Value::Count(n);
        assert_eq!(
            counts(&table.rows, 0),
            [
                count(1),
                count(1),
                count(0),
                count(1),
                count(1),
                count(1),
                count(2)
            ]
        );
        // o3 is 100 USD at today's 7.10 = 710; lost: o4 500 + o6 400 = 900.
        let money = |t: &str| Value::Money(dec(t));
        assert_eq!(
            counts(&table.rows, 1),
            [
                money("1000"),
                money("1000"),
                money("0"),
                money("2000"),
                money("3000"),
                money("710"),
                money("900")
            ]
        );
        // Weighted: 1000 x 10%, 1000 x 20%, 2000 x 60%, 3000 x 80%, 710 x 100%, lost x 0%.
        assert_eq!(
            counts(&table.rows, 2),
            [
                money("100"),
                money("200"),
                money("0"),
                money("1200"),
                money("2400"),
                money("710"),
                money("0")
            ]
        );
        // Furthest open stage (0 new .. 4 negotiation): o1 0, o2 3, o3 won so 4, o4 lost after
        // needs analysis so 2, o5 4, o6 lost from new so 0, o7 1.
        // Reached: >=0: 7; >=1: o2 o3 o4 o5 o7 = 5; >=2: 4; >=3: o2 o3 o5 = 3; >=4: o3 o5 = 2;
        // Won: o3.
        let blank = Value::Text(String::new());
        assert_eq!(
            counts(&table.rows, 3),
            [
                count(7),
                count(5),
                count(4),
                count(3),
                count(2),
                count(1),
                blank.clone()
            ]
        );
        // 5/7 = 71.43, 4/5, 3/4, 2/3 = 66.67; negotiation leads to Won: 1 won of 2 reached.
        assert_eq!(
            counts(&table.rows, 4),
            [
                pct("71.4"),
                pct("80.0"),
                pct("75.0"),
                pct("66.7"),
                pct("50.0"),
                blank.clone(),
                blank.clone()
            ]
        );
        // 1+1+0+1+1+1+2 = 7; 1000+1000+2000+3000+710+900 = 8610; 100+200+1200+2400+710 = 4610.
        let total = table.total.as_ref().unwrap();
        assert_eq!(
            total.values,
            [count(7), money("8610"), money("4610"), blank.clone(), blank]
        );
        assert_eq!(
            table.rows[6].behind.as_ref().unwrap().ids(&s.data),
            ["o4", "o6"]
        );
    }

    #[test]
    fn the_owner_filter_leaves_out_the_others_opportunities() {
        let d = data();
        let tallies = FunnelCounts::of(&scope(
            &d,
            "2024-02-01",
            "2024-03-31",
            Owner::Member("ann".into()),
        ))
        .stages;
        // Without bob's o7 (qualified): 6 opened, furthest 0, 3, 4, 2, 4, 0.
        let reached: Vec<_> = tallies.iter().map(|t| t.reached).collect();
        assert_eq!(
            reached,
            [Some(6), Some(4), Some(4), Some(3), Some(2), Some(1), None]
        );
        assert_eq!(tallies[1].count, 0);
    }

    #[test]
    fn win_rate_and_days_to_win_count_closings_in_the_period_across_a_leap_day() {
        let d = data();
        let s = scope(&d, "2024-02-01", "2024-03-31", Owner::Everyone);
        let now = FunnelCounts::of(&s).closed_now;
        // Closed in Feb-Mar: o3 won 1 Mar, o8 won 29 Feb (opened in December), o4 and o6 lost.
        let ids = |records: &[&Opportunity]| -> Vec<Id> {
            records.iter().map(|o| o.meta.id.clone()).collect()
        };
        assert_eq!(ids(&now.won), ["o3", "o8"]);
        assert_eq!(ids(&now.lost), ["o4", "o6"]);
        assert_eq!(now.win_rate(), Some(dec("50.0")));
        // o3: 27 Feb -> 1 Mar 2024 is 3 days (28, 29, 1);
        // o8: 20 Dec 2023 -> 29 Feb 2024 is 11 + 31 + 29 = 71 days; (3 + 71) / 2 = 37.
        assert_eq!(now.days_to_win, 74);
        assert_eq!(now.average_days_to_win(), Some(dec("37.0")));
        assert_eq!(now.won_amount, dec("1510"));

        let report = funnel(&s);
        let f = &report.figures;
        // Before (Dec-Jan): o11 won 15 Jan after 45 days (30 + 15), o10 and o12 lost: 1/3.
        assert_eq!(f[0].title, Key::ReportWinRate);
        assert_eq!(f[0].now, pct("50.0"));
        assert_eq!(f[0].before, pct("33.3"));
        // (50.0 - 33.3) / 33.3 = 50.15%.
        assert_eq!(f[0].change, Value::Change(Some(dec("50.2"))));
        assert_eq!(f[0].behind.as_ref().unwrap().len(), 4);
        assert_eq!(f[1].now, Value::Days(Some(dec("37.0"))));
        assert_eq!(f[1].before, Value::Days(Some(dec("45.0"))));
        // (37 - 45) / 45 = -17.78%.
        assert_eq!(f[1].change, Value::Change(Some(dec("-17.8"))));
        // 710 + 800 against 600: +151.67%.
        assert_eq!(f[2].now, Value::Money(dec("1510")));
        assert_eq!(f[2].before, Value::Money(dec("600")));
        assert_eq!(f[2].change, Value::Change(Some(dec("151.7"))));
        // Open now, whenever opened: o1 100 + o2 1200 + o5 2400 + o7 200.
        assert_eq!(f[3].now, Value::Money(dec("3900")));
        assert_eq!(f[3].before, f[3].now);
        assert_eq!(f[3].change, Value::Change(None));
    }

    #[test]
    fn an_opportunity_in_a_stage_no_longer_in_the_pipeline_gets_its_own_row() {
        let mut d = data();
        d.opportunities[0].stage_id = "pilot".into();
        let tallies =
            FunnelCounts::of(&scope(&d, "2024-02-01", "2024-03-31", Owner::Everyone)).stages;
        let ids: Vec<_> = tallies.iter().map(|t| t.stage_id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "new",
                "qualified",
                "needs_analysis",
                "proposal",
                "negotiation",
                "pilot",
                "won",
                "lost"
            ]
        );
        assert_eq!(tallies[0].count, 0);
        assert_eq!(tallies[5].count, 1);
        // o1's history still says it was in New.
        assert_eq!(tallies[0].reached, Some(7));
    }
}
