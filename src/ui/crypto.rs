//! Encrypting and decrypting backups with the browser's WebCrypto: PBKDF2-SHA256 turns the
//! passphrase into an AES-256-GCM key; GCM's tag makes a wrong passphrase and a changed file
//! fail the same way, before anything is read.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::backup::sealed::{Parts, Sealed, ITERATIONS, IV_BYTES, SALT_BYTES};

fn subtle() -> Result<web_sys::SubtleCrypto, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    Ok(window.crypto()?.subtle())
}

fn object(fields: &[(&str, JsValue)]) -> Result<Object, JsValue> {
    let object = Object::new();
    for (name, value) in fields {
        Reflect::set(&object, &JsValue::from_str(name), value)?;
    }
    Ok(object)
}

fn random(bytes: usize) -> Result<Vec<u8>, JsValue> {
    let mut out = vec![0u8; bytes];
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    window.crypto()?.get_random_values_with_u8_array(&mut out)?;
    Ok(out)
}

async fn key(
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<web_sys::CryptoKey, JsValue> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase.as_bytes());
    let usages = js_sys::Array::of1(&"deriveKey".into());
    let base = JsFuture::from(subtle.import_key_with_object(
        "raw",
        &raw,
        &object(&[("name", "PBKDF2".into())])?,
        false,
        &usages,
    )?)
    .await?;
    let derive = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ])?;
    let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())])?;
    let usages = js_sys::Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = JsFuture::from(subtle.derive_key_with_object_and_object(
        &derive,
        &base.dyn_into()?,
        &aes,
        false,
        &usages,
    )?)
    .await?;
    key.dyn_into()
}

fn gcm(iv: &[u8]) -> Result<Object, JsValue> {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
    ])
}

/// The sealed file of `plain`, or `None` if the browser could not encrypt.
pub async fn seal(plain: &[u8], passphrase: &str) -> Option<String> {
    let sealed = async {
        let (salt, iv) = (random(SALT_BYTES)?, random(IV_BYTES)?);
        let key = key(passphrase, &salt, ITERATIONS).await?;
        let cipher =
            JsFuture::from(subtle()?.encrypt_with_object_and_u8_array(&gcm(&iv)?, &key, plain)?)
                .await?;
        Ok::<_, JsValue>(Sealed::new(
            ITERATIONS,
            &salt,
            &iv,
            &Uint8Array::new(&cipher).to_vec(),
        ))
    };
    sealed.await.ok().map(|s| s.to_json())
}

/// The backup inside a sealed file; `None` for a wrong passphrase or a changed file.
pub async fn open(parts: &Parts, iterations: u32, passphrase: &str) -> Option<Vec<u8>> {
    let opened = async {
        let key = key(passphrase, &parts.salt, iterations).await?;
        let algorithm = gcm(&parts.iv)?;
        let decrypt = subtle()?.decrypt_with_object_and_u8_array(&algorithm, &key, &parts.data)?;
        let plain = JsFuture::from(decrypt).await?;
        Ok::<_, JsValue>(Uint8Array::new(&plain).to_vec())
    };
    opened.await.ok()
}
