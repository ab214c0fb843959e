//! A whole import, worked out before anything is written: each row is an error, a new record, or
//! a duplicate of a record that exists (or of an earlier row) to merge into, skip, or add anyway.
//! The preview and the write run the same function, so what the user confirms is what is written.

use std::collections::HashMap;

use crate::domain::contact::Contact;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::product::Product;
use crate::domain::record::{Record, RecordMeta};

use super::csv_fields::{ImportKind, Target};
use super::csv_file::CsvFile;
use super::csv_kinds::{ContactRules, CustomerRules, LeadRules, ProductRules};
use super::csv_rows::{CellProblem, Cells, Reason, RowProblem, Rules};

/// What to do with a row that looks like a record that exists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Choice {
    Create,
    /// Fill the existing record's empty fields from the row.
    Merge,
    #[default]
    Skip,
}

/// The choice for every duplicate row, and the rows where the user chose otherwise, by row
/// number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    pub default: Choice,
    pub rows: HashMap<usize, Choice>,
}

/// The record a duplicate row looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub label: String,
    pub reasons: Vec<Reason>,
    /// The row of this file that adds it, when it is not stored yet.
    pub from_row: Option<usize>,
    /// False when the record cannot exist twice (a product code).
    pub can_create: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Invalid(Vec<CellProblem>),
    Create,
    Duplicate { like: Match, choice: Choice },
}

/// One data row of the file: its index in the file's rows, the row number a spreadsheet shows,
/// and what becomes of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowPlan {
    pub index: usize,
    pub number: usize,
    pub outcome: Outcome,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub create: usize,
    pub merge: usize,
    pub skip: usize,
    pub invalid: usize,
}

impl Counts {
    /// Rows that change something once confirmed.
    pub fn to_write(&self) -> usize {
        self.create + self.merge
    }
}

/// The records an import writes: new ones (rev 1) and existing ones merged (their rev plus one).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written {
    pub leads: Vec<Lead>,
    pub customers: Vec<Customer>,
    pub contacts: Vec<Contact>,
    pub products: Vec<Product>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub rows: Vec<RowPlan>,
    pub counts: Counts,
    pub written: Written,
}

/// The records an import is checked against, Trash included (those are never matched).
#[derive(Clone, Copy)]
pub struct Existing<'a> {
    pub leads: &'a [Lead],
    pub customers: &'a [Customer],
    pub contacts: &'a [Contact],
    pub products: &'a [Product],
}

/// Who and when: new records belong to `owner`, and every write is stamped `now`.
pub struct Stamp<'a> {
    pub now: &'a str,
    pub owner: &'a str,
    pub new_id: &'a mut dyn FnMut() -> Id,
}

/// The fields of `kind` that no column of `mapping` fills, though rows need them: each entry is a
/// set of which any one will do.
pub fn missing_required(kind: ImportKind, mapping: &[Option<Target>]) -> Vec<&'static [Target]> {
    kind.required()
        .iter()
        .filter(|any| !any.iter().any(|t| mapping.contains(&Some(*t))))
        .copied()
        .collect()
}

/// Works out the whole import. `sources` maps lead source labels to their keys (see
/// [`LeadRules`]).
pub fn plan(
    kind: ImportKind,
    file: &CsvFile,
    mapping: &[Option<Target>],
    existing: Existing,
    choices: &Choices,
    sources: &HashMap<String, String>,
    stamp: Stamp,
) -> Plan {
    let mut plan = Plan::default();
    match kind {
        ImportKind::Lead => {
            let rules = LeadRules {
                sources: sources.clone(),
            };
            plan.written.leads = run(
                &rules,
                file,
                mapping,
                existing.leads,
                choices,
                stamp,
                &mut plan,
            );
        }
        ImportKind::Customer => {
            plan.written.customers = run(
                &CustomerRules,
                file,
                mapping,
                existing.customers,
                choices,
                stamp,
                &mut plan,
            );
        }
        ImportKind::Contact => {
            let rules = ContactRules::new(existing.customers);
            plan.written.contacts = run(
                &rules,
                file,
                mapping,
                existing.contacts,
                choices,
                stamp,
                &mut plan,
            );
        }
        ImportKind::Product => {
            plan.written.products = run(
                &ProductRules,
                file,
                mapping,
                existing.products,
                choices,
                stamp,
                &mut plan,
            );
        }
    }
    plan
}

/// Where a record a row may match lives: stored, or made by an earlier row (an index into the
/// records written).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Stored(usize),
    Written(usize),
}

/// The records of one kind as the import goes: stored ones, and the ones it writes.
struct Pool<'a, R> {
    stored: &'a [R],
    written: Vec<R>,
    /// Stored records already merged into, by their index in `stored`: the copy in `written`.
    merged: HashMap<usize, usize>,
    /// The row that made each new record in `written`.
    made_by: HashMap<usize, usize>,
    index: HashMap<String, Vec<Slot>>,
}

impl<'a, R: Record + Clone + PartialEq> Pool<'a, R> {
    fn new<K: Rules<Rec = R>>(rules: &K, stored: &'a [R]) -> Self {
        let mut pool = Pool {
            stored,
            written: Vec::new(),
            merged: HashMap::new(),
            made_by: HashMap::new(),
            index: HashMap::new(),
        };
        for (i, record) in stored.iter().enumerate() {
            if !record.meta().is_deleted() {
                pool.add_keys(rules.record_keys(record), Slot::Stored(i));
            }
        }
        pool
    }

    fn add_keys(&mut self, keys: Vec<String>, slot: Slot) {
        for key in keys {
            let slots = self.index.entry(key).or_default();
            if !slots.contains(&slot) {
                slots.push(slot);
            }
        }
    }

    fn current(&self, slot: Slot) -> &R {
        match slot {
            Slot::Stored(i) => match self.merged.get(&i) {
                Some(&w) => &self.written[w],
                None => &self.stored[i],
            },
            Slot::Written(w) => &self.written[w],
        }
    }

    /// The record most like the draft, by the number of reasons, the first found on a tie.
    fn most_like<K: Rules<Rec = R>>(
        &self,
        rules: &K,
        draft: &K::Draft,
    ) -> Option<(Slot, Vec<Reason>)> {
        let mut best: Option<(Slot, Vec<Reason>)> = None;
        let mut seen = Vec::new();
        for key in rules.draft_keys(draft) {
            for &slot in self.index.get(&key).into_iter().flatten() {
                if seen.contains(&slot) {
                    continue;
                }
                seen.push(slot);
                let reasons = rules.likeness(draft, self.current(slot));
                if !reasons.is_empty() && best.as_ref().is_none_or(|(_, b)| reasons.len() > b.len())
                {
                    best = Some((slot, reasons));
                }
            }
        }
        best
    }

    fn create<K: Rules<Rec = R>>(
        &mut self,
        rules: &K,
        draft: K::Draft,
        number: usize,
        stamp: &mut Stamp,
    ) -> Result<(), Vec<CellProblem>> {
        let meta = RecordMeta::new((stamp.new_id)(), stamp.now, stamp.owner.into());
        let record = rules.create(draft, meta)?;
        let slot = self.written.len();
        self.add_keys(rules.record_keys(&record), Slot::Written(slot));
        self.written.push(record);
        self.made_by.insert(slot, number);
        Ok(())
    }

    /// Merges the row into the record; it is written once, however many rows merge into it.
    fn merge<K: Rules<Rec = R>>(
        &mut self,
        rules: &K,
        draft: K::Draft,
        slot: Slot,
        now: &str,
    ) -> Result<(), Vec<CellProblem>> {
        let before = self.current(slot).clone();
        let mut record = before.clone();
        let rev = record.meta().rev;
        let first_write = matches!(slot, Slot::Stored(i) if !self.merged.contains_key(&i));
        rules.merge(draft, &mut record, now)?;
        let mut unchanged = record.clone();
        *unchanged.meta_mut() = before.meta().clone();
        if unchanged == before {
            return Ok(());
        }
        // One write per record: the store expects the stored rev plus one.
        record.meta_mut().rev = if first_write { rev + 1 } else { rev };
        let keys = rules.record_keys(&record);
        let target = match slot {
            Slot::Stored(i) => match self.merged.get(&i) {
                Some(&w) => w,
                None => {
                    self.written.push(record.clone());
                    self.merged.insert(i, self.written.len() - 1);
                    self.written.len() - 1
                }
            },
            Slot::Written(w) => w,
        };
        self.written[target] = record;
        self.add_keys(keys, slot);
        Ok(())
    }
}

fn run<K: Rules>(
    rules: &K,
    file: &CsvFile,
    mapping: &[Option<Target>],
    stored: &[K::Rec],
    choices: &Choices,
    mut stamp: Stamp,
    plan: &mut Plan,
) -> Vec<K::Rec> {
    let mut pool = Pool::new(rules, stored);
    let expected = file.header.len();
    for (index, row) in file.rows.iter().enumerate() {
        let number = row.number;
        let found = row.fields.len();
        // Trailing empty fields are what some programs add; anything else is a shifted row.
        let fits = found == expected
            || (found > expected && row.fields[expected..].iter().all(|f| f.trim().is_empty()));
        let drafted = if fits {
            rules.draft(&Cells {
                fields: &row.fields,
                mapping,
            })
        } else {
            Err(vec![CellProblem {
                column: None,
                problem: RowProblem::ColumnCount { found, expected },
            }])
        };
        let outcome = match drafted {
            Err(problems) => Outcome::Invalid(problems),
            Ok(draft) => match pool.most_like(rules, &draft) {
                None => match pool.create(rules, draft, number, &mut stamp) {
                    Ok(()) => Outcome::Create,
                    Err(problems) => Outcome::Invalid(problems),
                },
                Some((slot, reasons)) => {
                    let can_create = !reasons.contains(&Reason::Code);
                    let like = Match {
                        label: rules.label(pool.current(slot)),
                        from_row: match slot {
                            Slot::Written(w) => pool.made_by.get(&w).copied(),
                            Slot::Stored(_) => None,
                        },
                        reasons,
                        can_create,
                    };
                    let mut choice = choices
                        .rows
                        .get(&number)
                        .copied()
                        .unwrap_or(choices.default);
                    if choice == Choice::Create && !can_create {
                        choice = Choice::Skip;
                    }
                    let done = match choice {
                        Choice::Create => pool.create(rules, draft, number, &mut stamp),
                        Choice::Merge => pool.merge(rules, draft, slot, stamp.now),
                        Choice::Skip => Ok(()),
                    };
                    match done {
                        Ok(()) => Outcome::Duplicate { like, choice },
                        Err(problems) => Outcome::Invalid(problems),
                    }
                }
            },
        };
        let counts = &mut plan.counts;
        match &outcome {
            Outcome::Invalid(_) => counts.invalid += 1,
            Outcome::Create
            | Outcome::Duplicate {
                choice: Choice::Create,
                ..
            } => counts.create += 1,
            Outcome::Duplicate {
                choice: Choice::Merge,
                ..
            } => counts.merge += 1,
            Outcome::Duplicate {
                choice: Choice::Skip,
                ..
            } => counts.skip += 1,
        }
        plan.rows.push(RowPlan {
            index,
            number,
            outcome,
        });
    }
    pool.written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::csv_file::read;
    use crate::domain::customer::CustomerDetails;
    use crate::domain::product::ProductDraft;
    use crate::domain::validate::Problem;
    use rust_decimal::Decimal;

    const T0: &str = "2026-01-01T00:00:00Z";
    const NOW: &str = "2026-11-23T08:00:00Z";

    fn customer(id: &str, name: &str, phone: &str, city: &str) -> Customer {
        let details = CustomerDetails {
            name: name.into(),
            phone: phone.into(),
            city: city.into(),
            ..CustomerDetails::default()
        };
        Customer::create(RecordMeta::new(id.into(), T0, "me".into()), details).unwrap()
    }

    struct Setup {
        customers: Vec<Customer>,
        contacts: Vec<Contact>,
        products: Vec<Product>,
        leads: Vec<Lead>,
    }

    impl Setup {
        fn new() -> Self {
            Setup {
                customers: vec![customer("c1", "星辰科技", "010-6552 1234", "")],
                contacts: Vec::new(),
                products: Vec::new(),
                leads: Vec::new(),
            }
        }

        fn plan(&self, kind: ImportKind, text: &str, choices: &Choices) -> Plan {
            let file = read(text).unwrap();
            let mapping = kind.default_mapping(&file.header);
            let mut next = 0;
            let mut new_id = || {
                next += 1;
                Id::from(format!("new-{next}"))
            };
            let existing = Existing {
                leads: &self.leads,
                customers: &self.customers,
                contacts: &self.contacts,
                products: &self.products,
            };
            let sources = HashMap::from([("网站".to_owned(), "website".to_owned())]);
            let stamp = Stamp {
                now: NOW,
                owner: "me",
                new_id: &mut new_id,
            };
            plan(kind, &file, &mapping, existing, choices, &sources, stamp)
        }
    }

    fn outcomes(plan: &Plan) -> Vec<(usize, Outcome)> {
        plan.rows
            .iter()
            .map(|r| (r.number, r.outcome.clone()))
            .collect()
    }

    const CUSTOMERS: &str = "客户名称,城市,电话,备注\r\n\
        新月贸易,上海,021-5555 0000,\r\n\
        星辰 科技,北京,,老客户\r\n\
        坏电话,广州,call me,\r\n\
        新月贸易,杭州,,第二次\r\n\
        只有两列,x\r\n";

    #[test]
    fn rows_are_new_duplicates_or_errors_before_anything_is_written() {
        let plan = Setup::new().plan(ImportKind::Customer, CUSTOMERS, &Choices::default());
        let rows = outcomes(&plan);
        assert_eq!(rows[0], (2, Outcome::Create));
        let Outcome::Duplicate { like, choice } = &rows[1].1 else {
            panic!("row 3 matches 星辰科技: {rows:?}");
        };
        assert_eq!(
            (like.label.as_str(), like.from_row, *choice),
            ("星辰科技", None, Choice::Skip)
        );
        assert_eq!(like.reasons, [Reason::Name]);
        assert_eq!(
            rows[2].1,
            Outcome::Invalid(vec![CellProblem {
                column: Some(2),
                problem: RowProblem::Field(Problem::PhoneInvalid)
            }])
        );
        let Outcome::Duplicate { like, .. } = &rows[3].1 else {
            panic!("row 5 repeats row 2: {rows:?}");
        };
        assert_eq!(
            like.from_row,
            Some(2),
            "a repeat within the file points at its row"
        );
        assert_eq!(
            rows[4].1,
            Outcome::Invalid(vec![CellProblem {
                column: None,
                problem: RowProblem::ColumnCount {
                    found: 2,
                    expected: 4
                }
            }])
        );
        assert_eq!(
            plan.counts,
            Counts {
                create: 1,
                merge: 0,
                skip: 2,
                invalid: 2
            }
        );
        let written: Vec<_> = plan
            .written
            .customers
            .iter()
            .map(|c| (c.meta.id.as_str(), c.meta.rev))
            .collect();
        assert_eq!(written, [("new-1", 1)]);
    }

    #[test]
    fn merging_fills_only_empty_fields_and_writes_each_record_once() {
        let choices = Choices {
            default: Choice::Merge,
            rows: HashMap::new(),
        };
        let plan = Setup::new().plan(ImportKind::Customer, CUSTOMERS, &choices);
        assert_eq!(
            plan.counts,
            Counts {
                create: 1,
                merge: 2,
                skip: 0,
                invalid: 2
            }
        );
        let by_id = |id: &str| {
            plan.written
                .customers
                .iter()
                .find(|c| c.meta.id == id)
                .unwrap()
        };
        let merged = by_id("c1");
        assert_eq!(merged.meta.rev, 2, "stored rev plus one");
        assert_eq!(merged.details.city, "北京");
        assert_eq!(merged.details.notes, "老客户");
        assert_eq!(
            merged.details.phone, "010-6552 1234",
            "a filled field is kept"
        );
        let new = by_id("new-1");
        assert_eq!(
            (new.meta.rev, new.details.city.as_str()),
            (1, "上海"),
            "row 5 merged into row 2's record"
        );
        assert_eq!(new.details.notes, "第二次");
        assert_eq!(plan.written.customers.len(), 2);
    }

    #[test]
    fn a_choice_for_one_row_overrides_the_default() {
        let choices = Choices {
            default: Choice::Skip,
            rows: HashMap::from([(3, Choice::Create), (5, Choice::Merge)]),
        };
        let plan = Setup::new().plan(ImportKind::Customer, CUSTOMERS, &choices);
        assert_eq!(
            plan.counts,
            Counts {
                create: 2,
                merge: 1,
                skip: 0,
                invalid: 2
            }
        );
        assert!(plan.written.customers.iter().all(|c| c.meta.id != "c1"));
    }

    #[test]
    fn merging_what_is_already_there_writes_nothing() {
        let choices = Choices {
            default: Choice::Merge,
            rows: HashMap::new(),
        };
        let plan = Setup::new().plan(
            ImportKind::Customer,
            "名称,电话\n星辰科技,010-6552 1234\n",
            &choices,
        );
        assert_eq!(plan.counts.merge, 1);
        assert!(plan.written.customers.is_empty());
    }

    #[test]
    fn contacts_join_customers_by_name() {
        let text = "公司,姓名,手机,邮箱,决策人\n\
            星辰科技,王芳,13800138000,wang@xc.cn,是\n\
            无此公司,李伟,,,否\n\
            ,赵敏,,,\n\
            星辰科技,陈静,,,maybe\n";
        let plan = Setup::new().plan(ImportKind::Contact, text, &Choices::default());
        let rows = outcomes(&plan);
        assert_eq!(rows[0].1, Outcome::Create);
        let contact = &plan.written.contacts[0];
        assert_eq!(
            (contact.customer_id.as_str(), contact.details.decision_maker),
            ("c1", true)
        );
        assert_eq!(
            rows[1].1,
            Outcome::Invalid(vec![CellProblem {
                column: Some(0),
                problem: RowProblem::NoSuchCustomer("无此公司".into())
            }])
        );
        assert_eq!(
            rows[2].1,
            Outcome::Invalid(vec![CellProblem {
                column: Some(0),
                problem: RowProblem::Field(Problem::Required)
            }])
        );
        assert_eq!(
            rows[3].1,
            Outcome::Invalid(vec![CellProblem {
                column: Some(4),
                problem: RowProblem::YesNoInvalid
            }])
        );
    }

    #[test]
    fn a_product_code_cannot_be_added_twice() {
        let mut setup = Setup::new();
        let draft = ProductDraft {
            code: "GPS-01".into(),
            name: "车载定位器".into(),
            list_price: "0".into(),
            ..ProductDraft::default()
        };
        setup.products = vec![draft
            .apply(RecordMeta::new("p1".into(), T0, "me".into()), true, &[])
            .unwrap()];
        let text = "产品编码,产品名称,规格,单位,单价(元),税率\n\
            gps-01,车载定位器,4G,台,\"1,280.00\",13\n\
            GPS-02,Tracker,,,-5,140\n";
        let choices = Choices {
            default: Choice::Create,
            rows: HashMap::new(),
        };
        let plan = setup.plan(ImportKind::Product, text, &choices);
        let Outcome::Duplicate { like, choice } = &plan.rows[0].outcome else {
            panic!("{:?}", plan.rows);
        };
        assert!(!like.can_create);
        assert_eq!(*choice, Choice::Skip, "create falls back to skip");
        let columns: Vec<_> = match &plan.rows[1].outcome {
            Outcome::Invalid(problems) => problems.iter().map(|p| p.column).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(columns, [Some(4), Some(5)]);

        let merge = Choices {
            default: Choice::Merge,
            rows: HashMap::new(),
        };
        let merged = setup.plan(ImportKind::Product, text, &merge);
        let product = &merged.written.products[0];
        assert_eq!(
            product.list_price,
            Decimal::new(128000, 2),
            "a zero price is filled"
        );
        assert_eq!(
            (product.spec.as_str(), product.code.as_str()),
            ("4G", "GPS-01")
        );
    }

    #[test]
    fn leads_take_sources_levels_and_spreadsheet_dates() {
        let text = "姓名,公司,来源,级别,下次跟进时间,邮箱\n\
            王芳,星辰科技,网站,a级,2026/3/5,wang@xc.cn\n\
            李伟,,展会,D,2026-02-30,\n\
            ,,,,,\n\
            王 芳,星辰科技,,,,\n";
        let plan = Setup::new().plan(ImportKind::Lead, text, &Choices::default());
        let lead = &plan.written.leads[0];
        assert_eq!(lead.details.source, "website");
        assert_eq!(lead.details.level, Some(crate::domain::lead::Level::A));
        assert_eq!(lead.details.next_follow_up.as_deref(), Some("2026-03-05"));
        let problems: Vec<_> = match &plan.rows[1].outcome {
            Outcome::Invalid(p) => p.iter().map(|p| (p.column, p.problem.clone())).collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            problems,
            [
                (Some(3), RowProblem::LevelInvalid),
                (Some(4), RowProblem::Field(Problem::DateInvalid))
            ]
        );
        assert_eq!(plan.rows.len(), 3, "a row of empty fields is a blank line");
        assert!(
            matches!(&plan.rows[2].outcome, Outcome::Duplicate { like, .. } if like.from_row == Some(2))
        );
    }

    #[test]
    fn html_and_overlong_text_are_text_checked_like_typed_text() {
        let long = "x".repeat(201);
        let text = format!("客户名称,备注\n<b>ACME</b>,<script>alert(1)</script>\n{long},\n");
        let plan = Setup::new().plan(ImportKind::Customer, &text, &Choices::default());
        assert_eq!(plan.written.customers[0].details.name, "<b>ACME</b>");
        assert_eq!(
            plan.rows[1].outcome,
            Outcome::Invalid(vec![CellProblem {
                column: Some(0),
                problem: RowProblem::Field(Problem::TooLong { max: 200 })
            }])
        );
    }

    #[test]
    fn required_fields_without_a_column_are_named() {
        let lead = ImportKind::Lead;
        assert!(missing_required(lead, &[Some(Target::Company)]).is_empty());
        assert_eq!(
            missing_required(lead, &[Some(Target::Phone)]),
            [&[Target::Name, Target::Company][..]]
        );
        assert_eq!(
            missing_required(ImportKind::Contact, &[Some(Target::Name), None]),
            [&[Target::Customer][..]]
        );
    }
}
