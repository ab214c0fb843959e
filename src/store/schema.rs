//! The shape of the database, in one place. rexie deletes every store not listed here on an
//! upgrade, so a store is never removed from this list, and a new version only adds.

use rexie::{ObjectStore, RexieBuilder};

/// The IndexedDB version. Raise it when a store or index is added, and add the store below.
pub const DB_VERSION: u32 = 7;

pub const SETTINGS: &str = "settings";
pub const TEAM: &str = "team";
pub const LEADS: &str = "leads";
/// Since version 2.
pub const CUSTOMERS: &str = "customers";
/// Since version 2.
pub const CONTACTS: &str = "contacts";
/// Since version 3.
pub const ACTIVITIES: &str = "activities";
/// Since version 4.
pub const OPPORTUNITIES: &str = "opportunities";
/// Since version 5.
pub const PRODUCTS: &str = "products";
/// Since version 5.
pub const QUOTES: &str = "quotes";
/// Since version 5.
pub const ORDERS: &str = "orders";
/// Since version 5.
pub const PAYMENTS: &str = "payments";
/// Since version 5.
pub const INVOICES: &str = "invoices";
/// Since version 6: every record again, a few thousand to a stored value (see `packed.rs`).
pub const PACKED: &str = "packed";
/// Since version 6: which records were written since they were last packed.
pub const JOURNAL: &str = "journal";
/// Since version 7: a restore's records while they are written to their own stores (see
/// `restore.rs`).
pub const STAGED: &str = "staged";

/// The stores that hold records (with `id`, `rev` and the rest).
pub const RECORD_STORES: [&str; 11] = [
    TEAM,
    LEADS,
    CUSTOMERS,
    CONTACTS,
    ACTIVITIES,
    OPPORTUNITIES,
    PRODUCTS,
    QUOTES,
    ORDERS,
    PAYMENTS,
    INVOICES,
];

pub const SETTING_KEY_PATH: &str = "key";
pub const RECORD_KEY_PATH: &str = "id";
/// The journal's keys count up by themselves, in the order of the writes.
pub const JOURNAL_KEY_PATH: &str = "seq";

/// Settings keys.
pub const SETTING_DATA_VERSION: &str = "data_version";
pub const SETTING_ME: &str = "me";
pub const SETTING_FORGOTTEN_DAYS: &str = "forgotten_days";
/// The pipeline's stages, in order, once the user changed them.
pub const SETTING_PIPELINE: &str = "pipeline";
/// The company profile printed on quotes and orders.
pub const SETTING_COMPANY: &str = "company";
/// Document number prefixes.
pub const SETTING_NUMBERING: &str = "numbering";
/// The base currency and the others' exchange rates.
pub const SETTING_CURRENCIES: &str = "currencies";
/// Monthly sales targets per team member.
pub const SETTING_TARGETS: &str = "targets";

pub fn builder(name: &str) -> RexieBuilder {
    RexieBuilder::new(name)
        .version(DB_VERSION)
        .add_object_store(ObjectStore::new(SETTINGS).key_path(SETTING_KEY_PATH))
        .add_object_store(ObjectStore::new(TEAM).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(LEADS).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(CUSTOMERS).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(CONTACTS).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(ACTIVITIES).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(OPPORTUNITIES).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(PRODUCTS).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(QUOTES).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(ORDERS).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(PAYMENTS).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(INVOICES).key_path(RECORD_KEY_PATH))
        .add_object_store(ObjectStore::new(PACKED))
        .add_object_store(
            ObjectStore::new(JOURNAL)
                .key_path(JOURNAL_KEY_PATH)
                .auto_increment(true),
        )
        .add_object_store(ObjectStore::new(STAGED))
}
