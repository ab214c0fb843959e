//! An encrypted backup: the backup file sealed with AES-256-GCM under a key derived from a
//! passphrase with PBKDF2-SHA256. The cryptography is the browser's (WebCrypto); this is the
//! envelope around it, which says how the key was made so a later version can still open it.

use serde::{Deserialize, Serialize};

use super::problem::{Problem, What};

pub const SEALED_FORMAT: &str = "leadline-backup-encrypted";
/// OWASP's figure for PBKDF2-HMAC-SHA256 (2023).
pub const ITERATIONS: u32 = 600_000;
/// Fewer iterations than this in a file would make its passphrase cheap to guess.
const MIN_ITERATIONS: u32 = 100_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sealed {
    pub format: String,
    pub format_version: u32,
    pub cipher: String,
    pub kdf: String,
    pub iterations: u32,
    /// Base64.
    pub salt: String,
    /// Base64.
    pub iv: String,
    /// Base64 of the encrypted backup file, its authentication tag at the end.
    pub data: String,
}

/// What decryption needs, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parts {
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    /// The ciphertext with its tag.
    pub data: Vec<u8>,
}

impl Sealed {
    pub fn new(iterations: u32, salt: &[u8], iv: &[u8], ciphertext: &[u8]) -> Sealed {
        Sealed {
            format: SEALED_FORMAT.into(),
            format_version: 1,
            cipher: "AES-256-GCM".into(),
            kdf: "PBKDF2-SHA256".into(),
            iterations,
            salt: base64_encode(salt),
            iv: base64_encode(iv),
            data: base64_encode(ciphertext),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The salt, iv and ciphertext of a sealed file, or why it cannot be opened.
    pub fn parts(&self) -> Result<Parts, Problem> {
        let bad = |field: &str| {
            Problem::new(
                field,
                What::Other {
                    detail: "base64".into(),
                },
            )
        };
        if self.cipher != "AES-256-GCM" || self.kdf != "PBKDF2-SHA256" || self.format_version != 1 {
            return Err(Problem::new(
                "cipher",
                What::NotAllowed {
                    found: format!("{} / {}", self.cipher, self.kdf),
                },
            ));
        }
        if self.iterations < MIN_ITERATIONS {
            return Err(Problem::new(
                "iterations",
                What::OutOfRange {
                    found: self.iterations.to_string(),
                },
            ));
        }
        let salt = base64_decode(&self.salt).ok_or_else(|| bad("salt"))?;
        let iv = base64_decode(&self.iv).ok_or_else(|| bad("iv"))?;
        let data = base64_decode(&self.data).ok_or_else(|| bad("data"))?;
        if salt.len() != SALT_BYTES || iv.len() != IV_BYTES {
            return Err(bad(if salt.len() != SALT_BYTES {
                "salt"
            } else {
                "iv"
            }));
        }
        Ok(Parts { salt, iv, data })
    }
}

/// The envelope, if `bytes` is an encrypted backup; `None` for anything else, which is then read
/// as a plain backup (and refused there if it is not one).
pub fn sealed(bytes: &[u8]) -> Option<Result<Sealed, Problem>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_start();
    let start = text.get(..80)?;
    if !start.contains(SEALED_FORMAT) {
        return None;
    }
    Some(serde_json::from_str::<Sealed>(text).map_err(|e| {
        let (_, what) = super::problem::classify(&e.to_string());
        Problem::new("", what)
    }))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|p| p as u32);
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    for (i, quad) in text.chunks(4).enumerate() {
        let last = i + 1 == text.len() / 4;
        let pad = quad.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &quad[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(base64_encode(b""), "");
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_decode("Zm9vYg==").unwrap(), b"foob");
        for bad in ["Zm9", "Zm9v!A==", "Zg==Zg==", "Z==="] {
            assert_eq!(base64_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_envelope_is_recognised_and_its_parts_checked() {
        let envelope = Sealed::new(ITERATIONS, &[1; SALT_BYTES], &[2; IV_BYTES], b"secret");
        let json = envelope.to_json();
        let read = sealed(json.as_bytes()).unwrap().unwrap();
        let parts = read.parts().unwrap();
        assert_eq!(
            (parts.salt, parts.iv, parts.data),
            (vec![1; 16], vec![2; 12], b"secret".to_vec())
        );
        assert!(sealed(br#"{"format":"leadline-backup","format_version":1}"#).is_none());
        let weak = Sealed::new(1_000, &[1; SALT_BYTES], &[2; IV_BYTES], b"x");
        assert_eq!(weak.parts().unwrap_err().place, "iterations");
        let tampered = json.replace(r#""iv":""#, r#""iv":"!"#);
        assert!(sealed(tampered.as_bytes())
            .unwrap()
            .unwrap()
            .parts()
            .is_err());
    }

    proptest! {
        #[test]
        fn base64_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            prop_assert_eq!(base64_decode(&base64_encode(&bytes)), Some(bytes));
        }
    }
}
