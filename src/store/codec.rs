//! Records to IndexedDB values and back, through JSON.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::schema::SETTING_KEY_PATH;
use super::StoreError;

fn to_js(json: &str) -> Result<JsValue, StoreError> {
    js_sys::JSON::parse(json).map_err(|_| StoreError::Corrupt("invalid JSON from encoder".into()))
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

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` of a string that is already the browser's, without copying it through wasm.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_js(text: &js_sys::JsString) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = TextEncoder)]
    fn new() -> Utf8Encoder;
    /// Writes the JS string as UTF-8 straight into wasm memory. Measured on the benchmark's
    /// records, this is about 4 times quicker than the glue's copy of a `String` (one character
    /// at a time) and 12 times quicker than `encode` (a new array, then copied).
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &Utf8Encoder, text: &js_sys::JsString, into: &mut [u8]) -> Encoded;

    type Encoded;
    /// UTF-16 code units of the text taken.
    #[wasm_bindgen(method, getter)]
    fn read(this: &Encoded) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;
}

/// The JSON of a JS value, as text in wasm memory. Text rather than bytes so that serde_json
/// reads every record through one reader, as backups are read: each reader is its own copy of
/// every record type's decoder in the wasm.
fn json_text(value: &JsValue) -> Option<String> {
    let text: js_sys::JsString = js_sys::JSON::stringify(value).ok()?;
    let units = text.length();
    let encoder = Utf8Encoder::new();
    // One byte per code unit holds ASCII text, which the records almost all are.
    let mut bytes = vec![0; units as usize];
    let done = encoder.encode_into(&text, &mut bytes);
    let (read, mut written) = (done.read(), done.written() as usize);
    if read < units {
        // The rest takes at most three bytes per code unit.
        bytes.resize(written + 3 * (units - read) as usize, 0);
        let rest = text.substring(read, units);
        written += encoder.encode_into(&rest, &mut bytes[written..]).written() as usize;
    }
    bytes.truncate(written);
    String::from_utf8(bytes).ok()
}

/// Decodes records read from a store; `first` is the position of the first of them in the store,
/// to name the record at fault when one cannot be read.
pub(super) fn decode_all<T: DeserializeOwned>(
    store: &str,
    values: &[JsValue],
    first: usize,
) -> Result<Vec<T>, StoreError> {
    let array: js_sys::Array = values.iter().collect();
    let json =
        json_text(&array).ok_or_else(|| StoreError::Corrupt(format!("{store}: not JSON")))?;
    serde_json::from_str(&json).or_else(|_| {
        // The fast path failed; decode one by one to say which record is at fault.
        values
            .iter()
            .enumerate()
            .map(|(i, value)| {
                let json = json_text(value).unwrap_or_default();
                serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("{store}[{}]: {e}", first + i)))
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

/// The value JSON text stands for, parsed by the browser.
pub(super) fn parse(text: &js_sys::JsString) -> Result<JsValue, StoreError> {
    parse_js(text).map_err(|_| StoreError::Corrupt("not JSON".into()))
}

/// A setting's stored value as JSON text, to be parsed by the browser later.
pub(super) fn setting_json<T: Serialize>(key: &str, value: &T) -> Result<String, StoreError> {
    serde_json::to_string(&SettingOut { key, value })
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

pub(super) fn encode_setting<T: Serialize>(key: &str, value: &T) -> Result<JsValue, StoreError> {
    debug_assert_eq!(SETTING_KEY_PATH, "key");
    to_js(&setting_json(key, value)?)
}

pub(super) fn decode_setting<T: DeserializeOwned>(
    key: &str,
    value: JsValue,
) -> Result<T, StoreError> {
    let json = json_text(&value).unwrap_or_default();
    serde_json::from_str::<SettingIn<T>>(&json)
        .map(|s| s.value)
        .map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}")))
}
