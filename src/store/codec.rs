//! Records to IndexedDB values and back, through JSON.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::schema::SETTING_KEY_PATH;
use super::StoreError;

fn to_js(json: &str) -> Result<JsValue, StoreError> {
    js_sys::JSON::parse(json).map_err(|_| StoreError::Corrupt("invalid JSON from encoder".into()))
}

fn to_json(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
}

pub(super) fn encode<T: Serialize>(record: &T) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(record).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    to_js(&json)
}

/// The `rev` of a stored record; 0 when it has none, so any write of it is refused as a conflict
/// rather than taken.
pub(super) fn stored_rev(value: &JsValue) -> u32 {
    js_sys::Reflect::get(value, &"rev".into())
        .ok()
        .and_then(|rev| rev.as_f64())
        .map_or(0, |rev| rev as u32)
}

/// Decodes every record of a store, naming the first one that cannot be read.
pub(super) fn decode_all<T: DeserializeOwned>(
    store: &str,
    values: Vec<JsValue>,
) -> Result<Vec<T>, StoreError> {
    let array: js_sys::Array = values.iter().collect();
    let json = to_json(&array).ok_or_else(|| StoreError::Corrupt(format!("{store}: not JSON")))?;
    serde_json::from_str(&json).or_else(|_| {
        // The fast path failed; decode one by one to say which record is at fault.
        values
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let json = to_json(value).unwrap_or_default();
                serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("{store}[{i}]: {e}")))
            })
            .collect()
    })
}

#[derive(Serialize)]
struct SettingOut<'a, T> {
    key: &'a str,
    value: &'a T,
}

#[derive(serde::Deserialize)]
struct SettingIn<T> {
    value: T,
}

pub(super) fn encode_setting<T: Serialize>(key: &str, value: &T) -> Result<JsValue, StoreError> {
    debug_assert_eq!(SETTING_KEY_PATH, "key");
    encode(&SettingOut { key, value })
}

pub(super) fn decode_setting<T: DeserializeOwned>(
    key: &str,
    value: JsValue,
) -> Result<T, StoreError> {
    let json = to_json(&value).unwrap_or_default();
    serde_json::from_str::<SettingIn<T>>(&json)
        .map(|s| s.value)
        .map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}")))
}
