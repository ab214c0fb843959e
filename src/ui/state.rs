//! What every screen shares: the language, the records in memory, the message banner, and the
//! one way to change data, which writes through the store before memory shows the change.

use std::collections::HashSet;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::activity::Activity;
use crate::domain::company::{CompanyProfile, Currencies, Numbering};
use crate::domain::contact::Contact;
use crate::domain::conversion::Conversion;
use crate::domain::customer::Customer;
use crate::domain::dataset::Settings;
use crate::domain::id::{Id, IdNumbers};
use crate::domain::lead::Lead;
use crate::domain::list_query::Names;
use crate::domain::opportunity::{Opportunity, Stage};
use crate::domain::order::Order;
use crate::domain::product::Product;
use crate::domain::quote::Quote;
use crate::domain::receivable::{Invoice, Payment};
use crate::domain::record::{merge_by_id, upsert_by_id, Record};
use crate::domain::references::still_linked;
use crate::domain::stages::pipeline_or_default;
use crate::domain::targets::Target;
use crate::domain::team::TeamMember;
use crate::i18n::{t, tf, Key, Lang};
use crate::store::{
    schema, Batch, Mark, Parts, Refresh, RestoreMode, Snapshot, Store, StoreError, Stored,
    EVERYTHING,
};
use crate::ui::app::{load_with_me, settle_me};
use crate::ui::browser;
use crate::ui::files::after_ms;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub team: RwSignal<Vec<TeamMember>>,
    pub leads: RwSignal<Vec<Lead>>,
    pub customers: RwSignal<Vec<Customer>>,
    pub contacts: RwSignal<Vec<Contact>>,
    pub activities: RwSignal<Vec<Activity>>,
    pub opportunities: RwSignal<Vec<Opportunity>>,
    pub products: RwSignal<Vec<Product>>,
    pub quotes: RwSignal<Vec<Quote>>,
    pub orders: RwSignal<Vec<Order>>,
    pub payments: RwSignal<Vec<Payment>>,
    pub invoices: RwSignal<Vec<Invoice>>,
    pub company: RwSignal<CompanyProfile>,
    pub numbering: RwSignal<Numbering>,
    pub currencies: RwSignal<Currencies>,
    /// The pipeline's stages, in order.
    pub stages: RwSignal<Vec<Stage>>,
    /// Customers count as forgotten after this many days without activity (Today).
    pub forgotten_days: RwSignal<u32>,
    /// Monthly sales targets per member, in the base currency.
    pub targets: RwSignal<Vec<Target>>,
    pub me: RwSignal<Id>,
    pub notice: RwSignal<Option<Notice>>,
    /// How far a restore shown already is from having its records in their own stores:
    /// records written of the total, while it is under way.
    pub restoring: RwSignal<Option<(u64, u64)>>,
    store: StoredValue<Rc<Store>, LocalStorage>,
    /// Where the records in memory were read, for packing them.
    mark: StoredValue<Mark>,
}

impl AppState {
    pub fn new(store: Store, snapshot: Snapshot, mark: Mark, me: Id, lang: Lang) -> Self {
        AppState {
            lang: RwSignal::new(lang),
            team: RwSignal::new(snapshot.team),
            leads: RwSignal::new(snapshot.leads),
            customers: RwSignal::new(snapshot.customers),
            contacts: RwSignal::new(snapshot.contacts),
            activities: RwSignal::new(snapshot.activities),
            opportunities: RwSignal::new(snapshot.opportunities),
            products: RwSignal::new(snapshot.products),
            quotes: RwSignal::new(snapshot.quotes),
            orders: RwSignal::new(snapshot.orders),
            payments: RwSignal::new(snapshot.payments),
            invoices: RwSignal::new(snapshot.invoices),
            company: RwSignal::new(snapshot.settings.company.unwrap_or_default()),
            numbering: RwSignal::new(snapshot.settings.numbering.unwrap_or_default()),
            currencies: RwSignal::new(snapshot.settings.currencies.unwrap_or_default()),
            stages: RwSignal::new(pipeline_or_default(snapshot.settings.pipeline)),
            forgotten_days: RwSignal::new(
                snapshot
                    .settings
                    .forgotten_days
                    .unwrap_or(crate::domain::today::DEFAULT_FORGOTTEN_DAYS),
            ),
            targets: RwSignal::new(snapshot.settings.targets.unwrap_or_default()),
            me: RwSignal::new(me),
            notice: RwSignal::new(None),
            restoring: RwSignal::new(None),
            store: StoredValue::new_local(Rc::new(store)),
            mark: StoredValue::new(mark),
        }
    }

    /// Writes a whole dataset, all or nothing (see `Store::restore`), then shows it.
    ///
    /// A Replace shows the dataset as soon as it is staged, the restore's commit point, as it
    /// is rather than read back (with M that read took longer than a fifth of the whole
    /// restore), and its records are put in their own stores behind the page; a Merge is
    /// written to the end and read back, as what it leaves is the device's records and the
    /// file's together.
    pub async fn restore(
        &self,
        data: Snapshot,
        mode: RestoreMode,
        progress: impl Fn(usize, usize),
    ) -> Result<(), StoreError> {
        let store = self.store.get_value();
        match mode {
            RestoreMode::Replace => {
                let total = crate::backup::format::Counts::of(&data).total() as usize;
                let mark = store
                    .stage_restore(&data, mode, &|done| progress(done, total))
                    .await?;
                self.finish_restore_behind(total);
                let mut snapshot = data;
                let me = settle_me(&store, &mut snapshot, self.lang.get_untracked()).await?;
                self.show(snapshot, mark, me);
                Ok(())
            }
            RestoreMode::Merge => {
                store.restore(&data, mode, progress).await?;
                self.reload().await
            }
        }
    }

    /// Puts a staged restore's `total` records in their own stores, saying how far it is.
    fn finish_restore_behind(&self, total: usize) {
        let state = *self;
        let store = self.store.get_value();
        let shown = move |done: usize| state.restoring.set(Some((done as u64, total as u64)));
        shown(0);
        leptos::task::spawn_local(async move {
            let outcome = store.finish_restore(&shown).await;
            state.restoring.set(None);
            if let Err(error) = outcome {
                state.fail(&error);
            }
        });
    }

    /// Everything stored, Trash included, as read from the database now.
    pub async fn stored_data(&self) -> Result<Snapshot, StoreError> {
        self.store.get_value().load().await
    }

    /// Reads everything again, after a restore here or in another tab.
    pub async fn reload(&self) -> Result<(), StoreError> {
        let store = self.store.get_value();
        let (snapshot, mark, me) = load_with_me(&store, self.lang.get_untracked()).await?;
        self.show(snapshot, mark, me);
        Ok(())
    }

    /// Holds `snapshot` as everything stored, as of `mark`, and packs it when that is due.
    fn show(&self, snapshot: Snapshot, mark: Mark, me: Id) {
        self.mark.set_value(mark);
        self.team.set(snapshot.team);
        self.leads.set(snapshot.leads);
        self.customers.set(snapshot.customers);
        self.contacts.set(snapshot.contacts);
        self.activities.set(snapshot.activities);
        self.opportunities.set(snapshot.opportunities);
        self.products.set(snapshot.products);
        self.quotes.set(snapshot.quotes);
        self.orders.set(snapshot.orders);
        self.payments.set(snapshot.payments);
        self.invoices.set(snapshot.invoices);
        let settings = snapshot.settings;
        self.company.set(settings.company.unwrap_or_default());
        self.numbering.set(settings.numbering.unwrap_or_default());
        self.currencies.set(settings.currencies.unwrap_or_default());
        self.stages.set(pipeline_or_default(settings.pipeline));
        self.forgotten_days.set(
            settings
                .forgotten_days
                .unwrap_or(crate::domain::today::DEFAULT_FORGOTTEN_DAYS),
        );
        self.targets.set(settings.targets.unwrap_or_default());
        self.me.set(me);
        self.pack_when_due();
    }

    /// Packs the records for a quicker next start (see `store::Mark`) when the last load says
    /// it is due: a second later, so that the page is drawn first.
    pub fn pack_when_due(&self) {
        if !self.mark.get_value().wants_pack() {
            return;
        }
        let state = *self;
        leptos::task::spawn_local(browser::timed_async("leadline:pack", async move {
            after_ms(1_000).await;
            if let Err(error) = state.pack().await {
                // Nothing changed: the next start reads every record's own value, and packs.
                leptos::logging::warn!("packing the records failed: {error}");
            }
        }));
    }

    async fn pack(&self) -> Result<(), StoreError> {
        let mark = self.mark.get_value();
        let store = self.store.get_value();
        if store.pack(&mark, |name, ids| self.parts(name, ids)).await?
            && self.mark.get_value() == mark
        {
            self.mark.set_value(mark.after_pack());
        }
        Ok(())
    }

    /// One kind's records as held now, packed.
    fn parts(&self, store: &str, ids: &mut IdNumbers) -> Result<Parts, StoreError> {
        match store {
            schema::TEAM => self.team.with_untracked(|r| Parts::of(r, ids)),
            schema::LEADS => self.leads.with_untracked(|r| Parts::of(r, ids)),
            schema::CUSTOMERS => self.customers.with_untracked(|r| Parts::of(r, ids)),
            schema::CONTACTS => self.contacts.with_untracked(|r| Parts::of(r, ids)),
            schema::ACTIVITIES => self.activities.with_untracked(|r| Parts::of(r, ids)),
            schema::OPPORTUNITIES => self.opportunities.with_untracked(|r| Parts::of(r, ids)),
            schema::PRODUCTS => self.products.with_untracked(|r| Parts::of(r, ids)),
            schema::QUOTES => self.quotes.with_untracked(|r| Parts::of(r, ids)),
            schema::ORDERS => self.orders.with_untracked(|r| Parts::of(r, ids)),
            schema::PAYMENTS => self.payments.with_untracked(|r| Parts::of(r, ids)),
            schema::INVOICES => self.invoices.with_untracked(|r| Parts::of(r, ids)),
            other => Err(StoreError::Corrupt(format!(
                "no records are held for {other}"
            ))),
        }
    }

    /// Keeps memory in step with what other tabs write.
    pub fn follow_other_tabs(&self) {
        let state = *self;
        self.store.get_value().on_other_tab_change(move |changes| {
            let store = state.store.get_value();
            leptos::task::spawn_local(async move {
                if changes.iter().any(|c| c.store == EVERYTHING) {
                    if let Err(error) = state.reload().await {
                        state.fail(&error);
                    }
                    return;
                }
                match store.refresh(&changes).await {
                    Ok(refresh) => state.apply(refresh),
                    Err(error) => state.fail(&error),
                }
            });
        });
    }

    fn apply(&self, refresh: Refresh) {
        let Refresh {
            changed:
                Snapshot {
                    team,
                    leads,
                    customers,
                    contacts,
                    activities,
                    opportunities,
                    products,
                    quotes,
                    orders,
                    payments,
                    invoices,
                    settings:
                        Settings {
                            pipeline,
                            forgotten_days,
                            company,
                            numbering,
                            currencies,
                            targets,
                            ..
                        },
                },
            gone,
        } = refresh;
        if pipeline.is_some() {
            self.stages.set(pipeline_or_default(pipeline));
        }
        if let Some(days) = forgotten_days {
            self.forgotten_days.set(days);
        }
        if let Some(company) = company {
            self.company.set(company);
        }
        if let Some(numbering) = numbering {
            self.numbering.set(numbering);
        }
        if let Some(currencies) = currencies {
            self.currencies.set(currencies);
        }
        if let Some(targets) = targets {
            self.targets.set(targets);
        }
        let gone: HashSet<String> = gone.into_iter().collect();
        merge(self.activities, activities, &gone);
        merge(self.opportunities, opportunities, &gone);
        merge(self.team, team, &gone);
        merge(self.leads, leads, &gone);
        merge(self.customers, customers, &gone);
        merge(self.contacts, contacts, &gone);
        merge(self.products, products, &gone);
        merge(self.quotes, quotes, &gone);
        merge(self.orders, orders, &gone);
        merge(self.payments, payments, &gone);
        merge(self.invoices, invoices, &gone);
    }

    /// The message in the current language; reading it subscribes to language changes.
    pub fn t(&self, key: Key) -> &'static str {
        t(self.lang.get(), key)
    }

    pub fn tf(&self, key: Key, args: &[(&str, &str)]) -> String {
        tf(self.lang.get(), key, args)
    }

    pub fn inform(&self, key: Key) {
        self.notice.set(Some(Notice {
            text: t(self.lang.get_untracked(), key).to_owned(),
            is_error: false,
        }));
    }

    /// Says that something was done to `count` records.
    pub fn inform_count(&self, key: Key, count: usize) {
        let lang = self.lang.get_untracked();
        let count = crate::i18n::format_number(lang, count as u64);
        self.notice.set(Some(Notice {
            text: tf(lang, key, &[("count", &count)]),
            is_error: false,
        }));
    }

    /// Says what was done, in words already put together.
    pub fn inform_text(&self, text: String) {
        self.notice.set(Some(Notice {
            text,
            is_error: false,
        }));
    }

    /// Says why the app refused what the user asked.
    pub fn refuse(&self, key: Key) {
        self.notice.set(Some(Notice {
            text: t(self.lang.get_untracked(), key).to_owned(),
            is_error: true,
        }));
    }

    /// Says why the app refused, in words already put together.
    pub fn refuse_text(&self, text: String) {
        self.notice.set(Some(Notice {
            text,
            is_error: true,
        }));
    }

    pub fn fail(&self, error: &StoreError) {
        self.notice.set(Some(Notice {
            text: store_error_text(self.lang.get_untracked(), error),
            is_error: true,
        }));
    }

    pub fn lead(&self, id: &str) -> Option<Lead> {
        find(self.leads, id)
    }

    pub fn customer(&self, id: &str) -> Option<Customer> {
        find(self.customers, id)
    }

    pub fn contact(&self, id: &str) -> Option<Contact> {
        find(self.contacts, id)
    }

    /// The names records are shown by, keyed by id: for lists that search and show what a
    /// record belongs to.
    pub fn record_names(&self) -> Memo<Names> {
        let state = *self;
        Memo::new(move |_| {
            let mut names = Names::default();
            state.customers.with(|all| {
                names.extend(
                    all.iter()
                        .map(|c| (c.meta.id.clone(), c.details.name.clone())),
                )
            });
            state.leads.with(|all| {
                names.extend(
                    all.iter()
                        .map(|l| (l.meta.id.clone(), l.display_name().to_owned())),
                )
            });
            state.contacts.with(|all| {
                names.extend(
                    all.iter()
                        .map(|c| (c.meta.id.clone(), c.details.name.clone())),
                )
            });
            state
                .opportunities
                .with(|all| names.extend(all.iter().map(|o| (o.meta.id.clone(), o.title.clone()))));
            names
        })
    }

    pub fn member_name(&self, id: &str) -> String {
        self.team.with(|team| {
            team.iter()
                .find(|m| m.meta.id == id)
                .map(|m| m.name.clone())
                .unwrap_or_default()
        })
    }

    pub async fn save_lead(&self, lead: Lead) -> Result<(), StoreError> {
        self.save(lead, self.leads).await
    }

    pub async fn save_customer(&self, customer: Customer) -> Result<(), StoreError> {
        self.save(customer, self.customers).await
    }

    pub async fn save_contact(&self, contact: Contact) -> Result<(), StoreError> {
        self.save(contact, self.contacts).await
    }

    pub async fn save_opportunity(&self, opportunity: Opportunity) -> Result<(), StoreError> {
        self.save(opportunity, self.opportunities).await
    }

    pub fn opportunity(&self, id: &str) -> Option<Opportunity> {
        find(self.opportunities, id)
    }

    pub async fn save_activity(&self, activity: Activity) -> Result<(), StoreError> {
        self.save(activity, self.activities).await
    }

    /// Writes records of several kinds in one transaction; `then` puts them in memory once it
    /// has committed.
    pub async fn save_batch(&self, batch: Batch, then: impl FnOnce()) -> Result<(), StoreError> {
        self.store.get_value().write(batch).await?;
        then();
        Ok(())
    }

    /// Saves records of one kind together, all or nothing.
    pub async fn save_many<R: Stored + Clone + Send + Sync + 'static>(
        &self,
        records: Vec<R>,
        list: RwSignal<Vec<R>>,
    ) -> Result<(), StoreError> {
        self.store.get_value().save_all(&records).await?;
        list.update(|all| upsert_by_id(all, records));
        Ok(())
    }

    /// Logs an activity and, in the same transaction, the record whose next follow-up it set.
    pub async fn log_activity<R: Stored + Clone + Send + Sync + 'static>(
        &self,
        activity: Activity,
        record: R,
        list: RwSignal<Vec<R>>,
    ) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        batch.put(&activity)?.put(&record)?;
        self.store.get_value().write(batch).await?;
        upsert(self.activities, activity);
        upsert(list, record);
        Ok(())
    }

    /// Writes the converted lead with the customer, contact and opportunity it became, all or
    /// nothing.
    pub async fn save_conversion(&self, done: Conversion) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        batch.put(&done.lead)?;
        if let Some(customer) = &done.new_customer {
            batch.put(customer)?;
        }
        if let Some(contact) = &done.contact {
            batch.put(contact)?;
        }
        if let Some(opportunity) = &done.opportunity {
            batch.put(opportunity)?;
        }
        self.store.get_value().write(batch).await?;
        upsert(self.leads, done.lead);
        if let Some(customer) = done.new_customer {
            upsert(self.customers, customer);
        }
        if let Some(contact) = done.contact {
            upsert(self.contacts, contact);
        }
        if let Some(opportunity) = done.opportunity {
            upsert(self.opportunities, opportunity);
        }
        Ok(())
    }

    pub async fn save_stages(&self, stages: Vec<Stage>) -> Result<(), StoreError> {
        self.save_setting(schema::SETTING_PIPELINE, &stages).await?;
        self.stages.set(stages);
        Ok(())
    }

    pub async fn save_company(&self, company: CompanyProfile) -> Result<(), StoreError> {
        self.save_setting(schema::SETTING_COMPANY, &company).await?;
        self.company.set(company);
        Ok(())
    }

    pub async fn save_numbering(&self, numbering: Numbering) -> Result<(), StoreError> {
        self.save_setting(schema::SETTING_NUMBERING, &numbering)
            .await?;
        self.numbering.set(numbering);
        Ok(())
    }

    pub async fn save_currencies(&self, currencies: Currencies) -> Result<(), StoreError> {
        self.save_setting(schema::SETTING_CURRENCIES, &currencies)
            .await?;
        self.currencies.set(currencies);
        Ok(())
    }

    pub async fn save_targets(&self, targets: Vec<Target>) -> Result<(), StoreError> {
        self.save_setting(schema::SETTING_TARGETS, &targets).await?;
        self.targets.set(targets);
        Ok(())
    }

    /// The stage with `id`, if the pipeline still has it.
    pub fn stage(&self, id: &str) -> Option<Stage> {
        self.stages
            .with_untracked(|stages| stages.iter().find(|s| s.id == id).cloned())
    }

    pub async fn save_member(&self, member: TeamMember) -> Result<(), StoreError> {
        self.save(member, self.team).await
    }

    /// Removes records from Trash for good, each from its store, all in one transaction.
    /// Deletes records for good, except those a record staying behind still links to (see
    /// `still_linked`); returns how many of those stay in Trash.
    pub async fn purge(
        &self,
        mut doomed: Vec<(&'static str, String)>,
    ) -> Result<usize, StoreError> {
        let data = self.dataset();
        let ids: HashSet<&str> = doomed.iter().map(|(_, id)| id.as_str()).collect();
        let needed: HashSet<String> = still_linked(&data, &ids)
            .into_iter()
            .map(str::to_owned)
            .collect();
        doomed.retain(|(_, id)| !needed.contains(id));
        self.store.get_value().delete_forever(&doomed).await?;
        let ids: HashSet<String> = doomed.into_iter().map(|(_, id)| id).collect();
        merge(self.leads, Vec::new(), &ids);
        merge(self.customers, Vec::new(), &ids);
        merge(self.contacts, Vec::new(), &ids);
        merge(self.opportunities, Vec::new(), &ids);
        merge(self.activities, Vec::new(), &ids);
        merge(self.products, Vec::new(), &ids);
        merge(self.quotes, Vec::new(), &ids);
        merge(self.orders, Vec::new(), &ids);
        merge(self.payments, Vec::new(), &ids);
        merge(self.invoices, Vec::new(), &ids);
        Ok(needed.len())
    }

    /// Every record in memory as one dataset (a copy; the settings are left out).
    fn dataset(&self) -> Snapshot {
        Snapshot {
            team: self.team.get_untracked(),
            leads: self.leads.get_untracked(),
            customers: self.customers.get_untracked(),
            contacts: self.contacts.get_untracked(),
            activities: self.activities.get_untracked(),
            opportunities: self.opportunities.get_untracked(),
            products: self.products.get_untracked(),
            quotes: self.quotes.get_untracked(),
            orders: self.orders.get_untracked(),
            payments: self.payments.get_untracked(),
            invoices: self.invoices.get_untracked(),
            settings: Settings::default(),
        }
    }

    pub async fn set_me(&self, id: Id) -> Result<(), StoreError> {
        self.save_setting(schema::SETTING_ME, id.clone()).await?;
        self.me.set(id);
        Ok(())
    }

    pub async fn save_setting<T: serde::Serialize>(
        &self,
        key: &str,
        value: T,
    ) -> Result<(), StoreError> {
        self.store.get_value().set_setting(key, &value).await
    }

    /// Saves a record, and only once the transaction has committed puts it in memory.
    pub async fn save<R: Stored + Clone + Send + Sync + 'static>(
        &self,
        record: R,
        list: RwSignal<Vec<R>>,
    ) -> Result<(), StoreError> {
        self.save_many(vec![record], list).await
    }
}

/// The record with `id`, read without subscribing: for commands, not for drawing.
fn find<R: Record + Clone + Send + Sync + 'static>(list: RwSignal<Vec<R>>, id: &str) -> Option<R> {
    list.with_untracked(|records| records.iter().find(|r| r.id() == id).cloned())
}

fn merge<R: Record + Send + Sync + 'static>(
    list: RwSignal<Vec<R>>,
    changed: Vec<R>,
    gone: &HashSet<String>,
) {
    // Another tab's change to one kind must not redraw the lists of the others.
    let touched = !changed.is_empty()
        || (!gone.is_empty()
            && list.with_untracked(|all| all.iter().any(|r| gone.contains(r.id()))));
    if !touched {
        return;
    }
    list.update(|records| merge_by_id(records, changed, gone));
}

pub fn upsert<R: Record + Send + Sync + 'static>(list: RwSignal<Vec<R>>, record: R) {
    list.update(|records| upsert_by_id(records, vec![record]));
}

/// Puts many records in memory at once, after a batch that wrote them has committed.
pub fn upsert_all<R: Record + Send + Sync + 'static>(list: RwSignal<Vec<R>>, changed: Vec<R>) {
    if !changed.is_empty() {
        list.update(|records| upsert_by_id(records, changed));
    }
}

/// A store failure as the user reads it.
pub fn store_error_text(lang: Lang, error: &StoreError) -> String {
    let (key, detail) = match error {
        StoreError::Unavailable(d) => (Key::ErrorStorageUnavailable, d.as_str()),
        StoreError::Read(d) => (Key::ErrorStorageRead, d.as_str()),
        StoreError::Write(d) => (Key::ErrorStorageWrite, d.as_str()),
        StoreError::Conflict { .. } => (Key::ErrorConflict, ""),
        StoreError::Corrupt(d) => (Key::ErrorCorrupt, d.as_str()),
    };
    tf(lang, key, &[("detail", detail)])
}
