//! Today: what needs me now. Tasks due or overdue, records whose follow-up day has come, and
//! customers nobody has been in touch with for a while.

use crate::domain::sorting::{sort_by, sort_by_key};
use rustc_hash::FxHashMap;

use super::activity::Activity;
use super::customer::Customer;
use super::date::day_number;
use super::lead::{Lead, LeadStatus};
use super::opportunity::{Opportunity, Stage};

pub const DEFAULT_FORGOTTEN_DAYS: u32 = 30;

pub struct Agenda<'a> {
    /// Open tasks due before today, oldest first.
    pub overdue_tasks: Vec<&'a Activity>,
    pub tasks_today: Vec<&'a Activity>,
    /// Open leads whose follow-up day is today or past, soonest first.
    pub leads_due: Vec<&'a Lead>,
    pub customers_due: Vec<&'a Customer>,
    pub opportunities_due: Vec<&'a Opportunity>,
    /// Open opportunities whose expected close day has passed, longest past first.
    pub closing_overdue: Vec<&'a Opportunity>,
    /// Customers with no activity for the threshold, longest silent first, with their last day
    /// of contact if there ever was one.
    pub forgotten: Vec<(&'a Customer, Option<&'a str>)>,
}

/// The last day each customer was in touch, counting the activities of leads converted into it.
/// Keyed by the ids the records hold, and hashed by FxHash: Today and the reports walk every
/// activity, and the ids are the user's own, so nobody feeds the table keys that collide.
pub fn last_contact<'a>(
    leads: &'a [Lead],
    activities: &'a [Activity],
) -> FxHashMap<&'a str, &'a str> {
    let customer_of_lead: FxHashMap<&str, &str> = leads
        .iter()
        .filter_map(|l| {
            l.converted
                .as_ref()
                .map(|c| (l.meta.id.as_str(), c.customer_id.as_str()))
        })
        .collect();
    let mut last: FxHashMap<&'a str, &'a str> = FxHashMap::default();
    for activity in activities.iter().filter(|a| !a.meta.is_deleted()) {
        let customer = activity.links.customer_id.as_deref().or_else(|| {
            activity
                .links
                .lead_id
                .as_deref()
                .and_then(|l| customer_of_lead.get(l).copied())
        });
        if let Some(customer) = customer {
            let day = activity.day();
            let latest = last.entry(customer).or_insert(day);
            if day > *latest {
                *latest = day;
            }
        }
    }
    last
}

/// The day number since which nobody has been in touch with a customer: its last contact, or
/// the day it was made when there never was one (a customer nobody ever called is forgotten too).
/// Today and the reports both count silence this way, so the two screens agree.
pub fn silent_since(customer: &Customer, last: &FxHashMap<&str, &str>) -> Option<i64> {
    let since = last
        .get(customer.meta.id.as_str())
        .copied()
        .unwrap_or_else(|| customer.meta.created_at.get(..10).unwrap_or_default());
    day_number(since)
}

/// What the agenda is drawn from.
#[derive(Clone, Copy, Default)]
pub struct Records<'a> {
    pub leads: &'a [Lead],
    pub customers: &'a [Customer],
    pub activities: &'a [Activity],
    pub opportunities: &'a [Opportunity],
    pub stages: &'a [Stage],
}

/// `me`'s agenda on `today` (`YYYY-MM-DD`).
pub fn agenda<'a>(
    today: &str,
    me: &str,
    forgotten_after_days: u32,
    records: Records<'a>,
) -> Agenda<'a> {
    let Records {
        leads,
        customers,
        activities,
        opportunities,
        stages,
    } = records;
    let mine_open_tasks = activities
        .iter()
        .filter(|a| a.is_open_task() && a.meta.owner == me);
    let mut overdue_tasks: Vec<&Activity> = mine_open_tasks
        .clone()
        .filter(|a| a.details.due.as_deref().is_some_and(|d| d < today))
        .collect();
    sort_by(&mut overdue_tasks, |a, b| a.details.due.cmp(&b.details.due));
    let tasks_today = mine_open_tasks
        .filter(|a| a.details.due.as_deref() == Some(today))
        .collect();

    let due = |day: &Option<String>| day.as_deref().is_some_and(|d| d <= today);
    let mut leads_due: Vec<&Lead> = leads
        .iter()
        .filter(|l| !l.meta.is_deleted() && l.meta.owner == me)
        .filter(|l| !matches!(l.status, LeadStatus::Converted | LeadStatus::Disqualified))
        .filter(|l| due(&l.details.next_follow_up))
        .collect();
    sort_by(&mut leads_due, |a, b| {
        a.details.next_follow_up.cmp(&b.details.next_follow_up)
    });
    let mine = |c: &&Customer| !c.meta.is_deleted() && c.meta.owner == me;
    let mut customers_due: Vec<&Customer> = customers
        .iter()
        .filter(mine)
        .filter(|c| due(&c.details.next_follow_up))
        .collect();
    sort_by(&mut customers_due, |a, b| {
        a.details.next_follow_up.cmp(&b.details.next_follow_up)
    });
    let mine_open = opportunities
        .iter()
        .filter(|o| o.meta.owner == me && o.is_open(stages));
    let mut opportunities_due: Vec<&Opportunity> = mine_open
        .clone()
        .filter(|o| due(&o.next_follow_up))
        .collect();
    sort_by(&mut opportunities_due, |a, b| {
        a.next_follow_up.cmp(&b.next_follow_up)
    });
    let mut closing_overdue: Vec<&Opportunity> = mine_open
        .filter(|o| o.expected_close.as_deref().is_some_and(|d| d < today))
        .collect();
    sort_by(&mut closing_overdue, |a, b| {
        a.expected_close.cmp(&b.expected_close)
    });

    let last = last_contact(leads, activities);
    let today_number = day_number(today).unwrap_or_default();
    let mut forgotten: Vec<(&Customer, Option<&str>, i64)> = customers
        .iter()
        .filter(mine)
        .filter_map(|c| {
            let since = silent_since(c, &last)?;
            (today_number - since >= i64::from(forgotten_after_days))
                .then(|| (c, last.get(c.meta.id.as_str()).copied(), since))
        })
        .collect();
    sort_by_key(&mut forgotten, |(_, _, since)| *since);

    Agenda {
        overdue_tasks,
        tasks_today,
        leads_due,
        customers_due,
        opportunities_due,
        closing_overdue,
        forgotten: forgotten.into_iter().map(|(c, day, _)| (c, day)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::{ActivityDetails, ActivityKind, Links};
    use crate::domain::customer::CustomerDetails;
    use crate::domain::id::Id;
    use crate::domain::lead::{ConvertedTo, LeadDetails};
    use crate::domain::record::RecordMeta;

    const TODAY: &str = "2026-03-10";

    fn task(id: &str, owner: &str, due: &str) -> Activity {
        let details = ActivityDetails {
            kind: ActivityKind::Task,
            subject: id.into(),
            due: Some(due.into()),
            ..ActivityDetails::default()
        };
        let meta = RecordMeta::new(id.into(), "2026-03-01T00:00:00Z", owner.into());
        Activity::log(meta, details, Links::default()).unwrap()
    }

    fn call_about(customer: Option<&str>, lead: Option<&str>, at: &str) -> Activity {
        let details = ActivityDetails {
            subject: "call".into(),
            ..ActivityDetails::default()
        };
        let links = Links {
            customer_id: customer.map(Id::from),
            lead_id: lead.map(Id::from),
            ..Links::default()
        };
        Activity::log(RecordMeta::new(at.into(), at, "me".into()), details, links).unwrap()
    }

    fn customer(id: &str, created: &str, follow_up: Option<&str>) -> Customer {
        let details = CustomerDetails {
            name: id.into(),
            next_follow_up: follow_up.map(str::to_owned),
            ..CustomerDetails::default()
        };
        Customer::create(RecordMeta::new(id.into(), created, "me".into()), details).unwrap()
    }

    fn lead(id: &str, follow_up: &str, status: LeadStatus) -> Lead {
        let details = LeadDetails {
            name: id.into(),
            next_follow_up: Some(follow_up.into()),
            ..LeadDetails::default()
        };
        let mut lead = Lead::create(
            RecordMeta::new(id.into(), "2026-01-01T00:00:00Z", "me".into()),
            details,
        )
        .unwrap();
        lead.status = status;
        lead
    }

    fn subjects(tasks: &[&Activity]) -> Vec<String> {
        tasks.iter().map(|a| a.details.subject.clone()).collect()
    }

    #[test]
    fn my_open_tasks_split_into_overdue_and_today() {
        let mut done = task("done", "me", "2026-03-01");
        done.set_done(true, "2026-03-02T00:00:00Z");
        let activities = vec![
            task("late", "me", "2026-03-09"),
            task("later", "me", "2026-03-02"),
            task("now", "me", TODAY),
            task("soon", "me", "2026-03-11"),
            task("theirs", "li", "2026-03-01"),
            done,
        ];
        let agenda = agenda(
            TODAY,
            "me",
            30,
            Records {
                activities: &activities,
                ..Records::default()
            },
        );
        assert_eq!(subjects(&agenda.overdue_tasks), ["later", "late"]);
        assert_eq!(subjects(&agenda.tasks_today), ["now"]);
    }

    #[test]
    fn follow_ups_due_today_or_past_skip_closed_leads() {
        let leads = vec![
            lead("future", "2026-03-11", LeadStatus::New),
            lead("past", "2026-03-01", LeadStatus::Contacted),
            lead("today", TODAY, LeadStatus::New),
            lead("closed", "2026-03-01", LeadStatus::Disqualified),
        ];
        let customers = vec![customer("c", "2026-03-01T00:00:00Z", Some(TODAY))];
        let agenda = agenda(
            TODAY,
            "me",
            30,
            Records {
                leads: &leads,
                customers: &customers,
                ..Records::default()
            },
        );
        let ids: Vec<_> = agenda
            .leads_due
            .iter()
            .map(|l| l.meta.id.as_str())
            .collect();
        assert_eq!(ids, ["past", "today"]);
        assert_eq!(agenda.customers_due.len(), 1);
    }

    #[test]
    fn forgotten_customers_count_from_last_contact_or_creation() {
        let customers = vec![
            customer("recent", "2025-01-01T00:00:00Z", None),
            customer("silent", "2025-01-01T00:00:00Z", None),
            customer("never", "2026-01-01T00:00:00Z", None),
            customer("new", "2026-03-01T00:00:00Z", None),
            customer("via-lead", "2025-01-01T00:00:00Z", None),
        ];
        let mut converted = lead("l1", TODAY, LeadStatus::Converted);
        converted.converted = Some(ConvertedTo {
            customer_id: "via-lead".into(),
            contact_id: None,
            opportunity_id: None,
            at: "2026-03-01T00:00:00Z".into(),
        });
        let activities = vec![
            call_about(Some("recent"), None, "2026-03-01T10:00:00Z"),
            call_about(Some("silent"), None, "2026-01-20T10:00:00Z"),
            // Exactly 30 days before today: forgotten at a threshold of 30.
            call_about(Some("silent"), None, "2026-02-08T10:00:00Z"),
            call_about(None, Some("l1"), "2026-03-05T10:00:00Z"),
        ];
        let leads = vec![converted];
        let records = Records {
            leads: &leads,
            customers: &customers,
            activities: &activities,
            ..Records::default()
        };
        let agenda = agenda(TODAY, "me", 30, records);
        let found: Vec<_> = agenda
            .forgotten
            .iter()
            .map(|(c, day)| (c.meta.id.as_str(), *day))
            .collect();
        assert_eq!(found, [("never", None), ("silent", Some("2026-02-08"))]);
        let stricter = super::agenda(TODAY, "me", 7, records);
        assert_eq!(
            stricter.forgotten.len(),
            4,
            "recent and new (9 days) join at 7"
        );
    }

    #[test]
    fn open_opportunities_past_their_close_day_or_due_a_follow_up() {
        use crate::domain::opportunity::default_stages;
        let stages = default_stages();
        let open = |id: &str, stage: usize, close: Option<&str>, follow: Option<&str>| {
            let meta = RecordMeta::new(id.into(), "2026-01-01T00:00:00Z", "me".into());
            let mut o = Opportunity::open(meta, "c", id, Default::default(), "CNY", &stages[stage]);
            o.expected_close = close.map(str::to_owned);
            o.next_follow_up = follow.map(str::to_owned);
            o
        };
        let opportunities = vec![
            open("late", 3, Some("2026-03-09"), None),
            open("later", 1, Some("2026-02-01"), Some(TODAY)),
            open("closes-today", 1, Some(TODAY), Some("2026-03-11")),
            open("won", 5, Some("2026-02-01"), Some(TODAY)),
            open("lost", 6, Some("2026-02-01"), None),
        ];
        let records = Records {
            opportunities: &opportunities,
            stages: &stages,
            ..Records::default()
        };
        let agenda = agenda(TODAY, "me", 30, records);
        let ids =
            |list: &[&Opportunity]| list.iter().map(|o| o.meta.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&agenda.closing_overdue), ["later", "late"]);
        assert_eq!(ids(&agenda.opportunities_due), ["later"]);
        assert!(super::agenda(TODAY, "li", 30, records)
            .closing_overdue
            .is_empty());
    }
}
