//! The installable, offline app as the screens see it: a new version waiting, the browser's offer
//! to install, and asking the browser to keep the data. public/pwa.js talks to the service worker
//! and catches the browser's events before the wasm has loaded; this reads what it caught.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::ui::files::request_persistence;
use crate::ui::state::AppState;

const BRIDGE: &str = "leadlinePwa";
const CHANGED: &str = "leadline-pwa";

#[derive(Clone, Copy)]
pub struct Pwa {
    pub update_ready: RwSignal<bool>,
    pub can_install: RwSignal<bool>,
}

impl Pwa {
    /// What the page knows now, kept current from here on.
    pub fn follow() -> Self {
        let pwa = Pwa {
            update_ready: RwSignal::new(flag("updateReady")),
            can_install: RwSignal::new(flag("canInstall")),
        };
        // The app is never unmounted, so the listener stays for the page's life.
        let _listener = window_event_listener_untyped(CHANGED, move |_| {
            pwa.update_ready.set(flag("updateReady"));
            pwa.can_install.set(flag("canInstall"));
        });
        pwa
    }

    /// Lets the waiting version take over; the page then reloads into it.
    pub fn apply_update(&self) {
        call("applyUpdate");
    }

    /// Shows the browser's own install dialog.
    pub fn install(&self) {
        call("install");
    }
}

fn bridge() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &BRIDGE.into())
        .ok()
        .filter(JsValue::is_object)
}

fn flag(name: &str) -> bool {
    bridge()
        .and_then(|bridge| js_sys::Reflect::get(&bridge, &name.into()).ok())
        .and_then(|value| value.as_bool())
        .unwrap_or(false)
}

fn call(name: &str) {
    let Some(bridge) = bridge() else { return };
    if let Ok(function) =
        js_sys::Reflect::get(&bridge, &name.into()).and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = function.call0(&bridge);
    }
}

/// Once the user has records worth losing, asks the browser not to clear them under storage
/// pressure. Asked once a session: Chromium answers by itself from how the site is used (and
/// may agree later, once installed), Firefox asks the user and remembers the answer.
pub fn keep_data_once_there_is_some(state: AppState) {
    let has_data = Memo::new(move |_| {
        !(state.leads.with(Vec::is_empty)
            && state.customers.with(Vec::is_empty)
            && state.contacts.with(Vec::is_empty)
            && state.opportunities.with(Vec::is_empty)
            && state.products.with(Vec::is_empty)
            && state.activities.with(Vec::is_empty))
    });
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || !has_data.get() {
            return asked.unwrap_or(false);
        }
        leptos::task::spawn_local(async {
            request_persistence().await;
        });
        true
    });
}
