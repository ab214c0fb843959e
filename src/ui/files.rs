//! Files in and out of the browser: reading a chosen file, handing the user a download, and
//! letting the page draw between two pieces of long work.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The bytes of a file the user chose.
pub async fn read_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Offers `bytes` as a download named `name`; false if the browser refused.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> bool {
    let offer = || -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        link.set_href(&url);
        link.set_download(name);
        link.click();
        web_sys::Url::revoke_object_url(&url)?;
        Ok(())
    };
    offer().is_ok()
}

/// Resolves after the browser has had a turn: to draw a progress bar, to handle a click.
pub async fn next_turn() {
    after_ms(0).await;
}

/// Resolves once `ms` milliseconds have passed.
pub async fn after_ms(ms: i32) {
    let turn = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(turn).await;
}

/// How much the browser stores for this app, how much it allows, and whether it has promised
/// not to clear it under storage pressure.
pub struct StorageInfo {
    pub used: Option<f64>,
    pub quota: Option<f64>,
    pub persistent: Option<bool>,
}

pub async fn storage_info() -> StorageInfo {
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
        return StorageInfo {
            used: None,
            quota: None,
            persistent: None,
        };
    };
    let estimate = match manager.estimate() {
        Ok(promise) => JsFuture::from(promise).await.ok(),
        Err(_) => None,
    };
    let number = |name: &str| {
        estimate
            .as_ref()
            .and_then(|e| js_sys::Reflect::get(e, &name.into()).ok())
            .and_then(|v| v.as_f64())
    };
    let persistent = match manager.persisted() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    StorageInfo {
        used: number("usage"),
        quota: number("quota"),
        persistent,
    }
}

/// Asks the browser to keep this app's data when the device runs low on space: whether it
/// agreed, or none when it cannot be asked.
pub async fn request_persistence() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    let promise = manager.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}
