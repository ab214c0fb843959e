//! Several tabs on one database: each write is announced on a BroadcastChannel, and the other
//! tabs read the changed records back from IndexedDB, so what they show stays current.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// A record written by another tab (or removed, if it can no longer be read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub store: String,
    pub id: String,
}

type Listener = Closure<dyn FnMut(MessageEvent)>;

pub(super) struct Tabs {
    channel: Option<BroadcastChannel>,
    /// Kept alive as long as the channel calls it.
    listener: RefCell<Option<Listener>>,
}

impl Tabs {
    /// One channel per database, so tests on their own databases do not hear each other.
    pub(super) fn open(database: &str) -> Tabs {
        Tabs {
            channel: BroadcastChannel::new(&format!("leadline:{database}")).ok(),
            listener: RefCell::new(None),
        }
    }

    /// Tells the other tabs which records (store, id) were written.
    pub(super) fn announce<'a>(&self, written: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let changes: Vec<Change> = written
            .into_iter()
            .map(|(store, id)| Change {
                store: store.to_owned(),
                id: id.to_owned(),
            })
            .collect();
        if let (Some(channel), Ok(json)) = (&self.channel, serde_json::to_string(&changes)) {
            // A tab that misses a message still has correct data on its next start.
            let _ = channel.post_message(&json.into());
        }
    }

    pub(super) fn listen(&self, mut on_change: impl FnMut(Vec<Change>) + 'static) {
        let Some(channel) = &self.channel else { return };
        let listener = Listener::new(move |event: MessageEvent| {
            let changes = event
                .data()
                .as_string()
                .and_then(|json| serde_json::from_str::<Vec<Change>>(&json).ok());
            if let Some(changes) = changes {
                on_change(changes);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        self.listener.replace(Some(listener));
    }
}

impl Drop for Tabs {
    fn drop(&mut self) {
        if let Some(channel) = &self.channel {
            channel.set_onmessage(None);
            channel.close();
        }
    }
}
